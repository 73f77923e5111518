"""Roll-up (汇总): a government's report adds its departments' figures cell by cell.

Hand counts for 2025, on top of tests/annual_report/conftest.py (市城管局 = org_a):
- 武冈市人民政府 (the government, parent of both departments): 1 normative document written
  2025-05-01, still in force;
- 市司法局 (org_b): its conftest document written 2025-04-01 (in force) and 1 penalty (2025-07-01);
  one application received 2025-10-09, unanswered on 31 December; one 复议 upheld in 2025;
- 市城管局: normative [2, 1, 3], licensing 1, penalty 2; applications 新收 2, 上年结转 1,
  结转下年度 1; 复议 [1, 0, 0, 1, 2], 直接起诉 [0, 0, 1, 0, 1].
"""

import datetime

import pytest

from annual_report import tables
from annual_report.models import AnnualDisclosureReportPage
from applications import statistics
from applications.models import Appeal
from disclosure.models import ColumnPage, Organisation
from review.checks import blocking, run_checks
from tests.annual_report.conftest import ORGANISATION, PERSON, case, normative

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def government(data):
    government = Organisation.objects.create(name="武冈市人民政府", code="11430581006098765X")
    Organisation.objects.filter(pk__in=[data["org_a"].pk, data["org_b"].pk]).update(parent=government)
    gfxwj = ColumnPage.objects.get(slug="gfxwj")
    normative(gfxwj, government, "市政府2025年5月成文", D(2025, 5, 1))
    case(data["dept_b"], PERSON, D(2025, 10, 9))
    Appeal.objects.create(agency=data["dept_b"], kind="review", filed_on=D(2025, 5, 1), result="upheld",
                          concluded_on=D(2025, 6, 1))
    data["government"] = government
    return data


def rolled_report(data, publish=False, **fields):
    page = AnnualDisclosureReportPage(title="武冈市人民政府2025年政府信息公开工作年度报告", agency=data["government"],
                                      report_year=2025, include_sub_agencies=True, fee_amount=2.5, **fields)
    data["xxgknb"].add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return AnnualDisclosureReportPage.objects.get(pk=page.pk)


def test_the_roll_up_adds_the_departments_to_the_government(government):
    page = rolled_report(government)
    values = tables.values_by_key(page.report_tables["2"])
    assert values["normative"] == [4, 1, 5]
    assert values["licensing"] == [1]
    assert values["penalty"] == [3]
    assert values["fees"] == [2.5]  # entered for the whole report, not summed
    table3 = tables.values_by_key(page.report_tables["3"])
    assert table3[statistics.NEW][-1] == 3 and table3[statistics.NEW][0] == 2  # two people, one law firm
    assert table3[statistics.CARRIED_IN][-1] == 1
    assert table3[statistics.CARRIED_OUT][-1] == 2
    assert tables.values_by_key(page.report_tables["4"])["review"] == [2, 0, 0, 1, 3]
    assert tables.values_by_key(page.report_tables["4"])["lawsuit_direct"] == [0, 0, 1, 0, 1]
    # The government's own figures alone are not the sum.
    assert tables.values_by_key(tables.table2(government["government"], 2025, {}))["normative"] == [1, 0, 1]
    # The cross-checks hold on the rolled-up figures (and are still run on them).
    assert [f for f in blocking(run_checks(page)) if f.field == "报告数据"] == []
    assert "汇总" in page.report_tables["3"][0]["cells"][0]["source"]


def test_the_breakdown_shows_each_agency(government):
    page = rolled_report(government)
    names = [part["name"] for part in page.breakdown]
    assert names[0] == "武冈市人民政府"
    assert sorted(names[1:]) == sorted(["武冈市司法局", "武冈市城市管理和综合执法局"])
    by_name = {part["name"]: tables.values_by_key(part["tables"]["2"]) for part in page.breakdown}
    assert by_name["武冈市人民政府"]["normative"] == [1, 0, 1]
    assert by_name["武冈市司法局"]["normative"] == [1, 0, 1] and by_name["武冈市司法局"]["penalty"] == [1]
    assert by_name["武冈市城市管理和综合执法局"]["normative"] == [2, 1, 3]
    assert "fees" not in by_name["武冈市人民政府"]  # entered figures have no per-agency value
    # The editor's preview shows the breakdown; the public page does not.
    preview = page.make_preview_request().content.decode()
    assert "汇总数据的分机构明细" in preview
    for name in names:
        assert f'<th scope="row">{name}</th><td>行政规范性文件</td>' in preview
    assert '<th scope="row">武冈市司法局</td>' not in preview
    assert '<th scope="row">武冈市司法局</th><td>行政处罚</td><td>1</td><td>—</td><td>—</td>' in preview


def test_the_public_page_has_no_breakdown(client, government):
    page = rolled_report(government, publish=True)
    html = client.get(page.url).content.decode()
    assert "<caption>收到和处理政府信息公开申请情况</caption>" in html
    assert "汇总数据的分机构明细" not in html


def test_rolled_up_figures_freeze_on_publish(government):
    page = rolled_report(government, publish=True)
    before, breakdown = page.as_json(), page.breakdown
    case(government["dept_b"], ORGANISATION, D(2025, 6, 1))
    normative(ColumnPage.objects.get(slug="gfxwj"), government["org_b"], "司法局2025年新文件", D(2025, 8, 1))
    page.other_matters = "补充说明"
    page.save_revision().publish()
    page = AnnualDisclosureReportPage.objects.get(pk=page.pk)
    assert page.as_json() == before and page.breakdown == breakdown
    page.recompute = True
    page.save_revision().publish()
    page = AnnualDisclosureReportPage.objects.get(pk=page.pk)
    assert tables.values_by_key(page.report_tables["2"])["normative"] == [5, 1, 6]
    assert tables.values_by_key(page.report_tables["3"])[statistics.NEW][-1] == 4


def test_switching_the_roll_up_off_recomputes_the_agency_alone(government):
    page = rolled_report(government)
    page.include_sub_agencies = False
    page.save_revision()
    page = AnnualDisclosureReportPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert tables.values_by_key(page.report_tables["2"])["normative"] == [1, 0, 1]
    assert page.breakdown == []


def test_an_agency_without_sub_agencies_cannot_roll_up(government):
    page = AnnualDisclosureReportPage(agency=government["org_b"], report_year=2025)
    form = {"report_year": 2025, "agency": government["org_b"], "include_sub_agencies": True}
    errors = page.editor_errors(form)  # a dict reads like SubmittedValues
    assert "没有下级机构" in errors["include_sub_agencies"]
    form["agency"] = government["government"]
    assert "include_sub_agencies" not in page.editor_errors(form)
