"""annual_report_missing per agency: the generated report page counts, a hand-written report in the
agency's column still counts, a warning comes 15 days before the deadline and a blocking finding
after it (departments 31 January, the government 31 March)."""

import datetime

import pytest

from annual_report.models import AnnualDisclosureReportPage
from disclosure.models import ColumnPage, NewsPage, Organisation
from health.checks import BLOCKING, WARNING, run_checks
from tests.annual_report.conftest import data, publish  # noqa: F401 (fixture)
from tests.applications.conftest import agencies  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
D = datetime.date


def missing(today):
    return {f.message.split("尚未")[0]: f for f in run_checks(today=today) if f.check == "annual_report_missing"}


def generated(data, organisation, live=True):  # noqa: F811
    page = AnnualDisclosureReportPage(title=f"{organisation.name}2025年政府信息公开工作年度报告",
                                      agency=organisation, report_year=2025, live=False)
    data["xxgknb"].add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture
def government(data):  # noqa: F811
    government = Organisation.objects.create(name="武冈市人民政府")
    Organisation.objects.filter(pk__in=[data["org_a"].pk, data["org_b"].pk]).update(parent=government)
    data["government"] = government
    return data


def test_each_agency_is_warned_then_reported_after_its_deadline(government):
    data = government
    generated(data, data["org_a"])
    generated(data, data["org_b"], live=False)  # a draft is not a published report
    assert missing(D(2026, 1, 15)) == {}
    early = missing(D(2026, 1, 20))
    assert set(early) == {"武冈市司法局"} and early["武冈市司法局"].severity == WARNING
    assert "（草稿）" in early["武冈市司法局"].message and early["武冈市司法局"].since == D(2026, 1, 31)
    late = missing(D(2026, 2, 1))
    assert late["武冈市司法局"].severity == BLOCKING and "武冈市人民政府" not in late
    assert late["武冈市司法局"].url == "/zwgk/zfxxgk/bmxxgk/ssfj/"  # the department sees it in its column
    around = missing(D(2026, 3, 20))
    assert around["武冈市人民政府"].severity == WARNING and around["武冈市人民政府"].since == D(2026, 3, 31)
    assert missing(D(2026, 4, 1))["武冈市人民政府"].severity == BLOCKING
    # The government's report generated and published: only 司法局 is left.
    generated(data, data["government"])
    assert set(missing(D(2026, 4, 1))) == {"武冈市司法局"}


def test_a_hand_written_report_still_counts(government):
    data = government
    generated(data, data["org_a"])
    # The government publishes a typed report page in the site's 信息公开年报 column.
    publish(data["xxgknb"], NewsPage(title="武冈市2025年政府信息公开工作年度报告", published_on=D(2026, 3, 1)))
    # 司法局 has no 信息公开年报 column: a report page in its own column, named as such, counts.
    root = data["dept_b"].root_page.specific
    publish(root, NewsPage(title="司法局2025年工作动态", published_on=D(2026, 1, 5)))
    assert set(missing(D(2026, 4, 1))) == {"武冈市司法局"}
    publish(root, NewsPage(title="武冈市司法局2025年政府信息公开工作年度报告", published_on=D(2026, 1, 20)))
    assert missing(D(2026, 4, 1)) == {}


def test_a_site_without_organisations_above_its_departments_checks_its_column(data):  # noqa: F811
    generated(data, data["org_a"])
    publish(data["dept_b"].root_page.specific,
            NewsPage(title="武冈市司法局2025年政府信息公开工作年度报告", published_on=D(2026, 1, 20)))
    found = [f for f in run_checks(today=D(2026, 4, 1)) if f.check == "annual_report_missing"]
    assert found == []  # the 城管局 report sits in the site column and names 2025
    AnnualDisclosureReportPage.objects.get().get_latest_revision_as_object().unpublish()
    found = [f for f in run_checks(today=D(2026, 4, 1)) if f.check == "annual_report_missing"]
    titles = {(f.severity, f.title) for f in found}
    assert (BLOCKING, "信息公开年报") in titles
    assert ColumnPage.objects.get(slug="xxgknb").live
