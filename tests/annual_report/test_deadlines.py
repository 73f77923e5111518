"""Each agency's report status against its legal deadline, with real workflow states, and the
admin view 报告 → 年报发布时限 (who sees which agencies; overdue said in words)."""

import datetime
import functools

import pytest
from django.urls import reverse

from annual_report import deadlines
from annual_report.models import AnnualDisclosureReportPage
from disclosure.models import Organisation
from review.roles import ROLE_DRAFTER, add_user_to_role, setup_department

pytestmark = pytest.mark.django_db
D = datetime.date


def report(data, organisation, state):
    page = AnnualDisclosureReportPage(title=f"{organisation.name}2025年政府信息公开工作年度报告",
                                      agency=organisation, report_year=2025, live=False)
    data["xxgknb"].add_child(instance=page)
    revision = page.save_revision()
    if state == "published":
        revision.publish()
    elif state == "in_review":
        page.get_workflow().start(page, data["site_admin"])
    return AnnualDisclosureReportPage.objects.get(pk=page.pk)


@pytest.fixture
def agencies_with_reports(data):
    government = Organisation.objects.create(name="武冈市人民政府")
    org_c = Organisation.objects.create(name="武冈市教育局", short_name="市教育局", parent=government)
    Organisation.objects.filter(pk__in=[data["org_a"].pk, data["org_b"].pk]).update(parent=government)
    data["dept_c"] = setup_department(org_c, "市教育局", "sjyj")
    # Not a reporting agency: only the publisher of an imported regulation.
    Organisation.objects.create(name="湖南省人民政府")
    data.update(government=government, org_c=org_c)
    data["published"] = report(data, data["org_a"], "published")
    data["in_review"] = report(data, data["org_b"], "in_review")
    data["draft"] = report(data, org_c, "draft")
    return data


def menu_shown(user):
    from django.test import RequestFactory
    from wagtail import hooks

    request = RequestFactory().get("/admin/")
    request.user = user
    items = [hook() for hook in hooks.get_hooks("register_reports_menu_item")]
    item = next(i for i in items if i.label == "年报发布时限")
    return item.is_shown(request)


@pytest.fixture
def february_2026(monkeypatch):
    """The admin view on 10 February 2026, so that it shows the fixtures' reports on 2025 whatever
    the real date: after the departments' deadline and before the governments'."""
    monkeypatch.setattr(deadlines, "statuses", functools.partial(deadlines.statuses, today=D(2026, 2, 10)))


def by_name(rows):
    return {row.organisation.name: row for row in rows}


def test_statuses_follow_the_workflow_and_the_deadlines(agencies_with_reports):
    data = agencies_with_reports
    assert data["in_review"].workflow_in_progress and not data["draft"].workflow_in_progress
    rows = deadlines.statuses(year=2025, today=D(2026, 2, 10))
    assert rows[0].organisation.name == "武冈市人民政府"  # governments first
    found = by_name(rows)
    assert "湖南省人民政府" not in found
    government, published = found["武冈市人民政府"], found["武冈市城市管理和综合执法局"]
    in_review, draft = found["武冈市司法局"], found["武冈市教育局"]
    assert (government.status, government.due_on, government.overdue) == (deadlines.NONE, D(2026, 3, 31), False)
    assert government.timing_text == "距截止还有49天" and government.status_label == "未编写"
    assert (published.status, published.due_on, published.page) == (deadlines.PUBLISHED, D(2026, 1, 31),
                                                                      data["published"])
    assert published.status_label == "已发布"
    assert (in_review.status, in_review.status_label) == (deadlines.IN_REVIEW, "审核中")
    assert in_review.overdue and in_review.timing_text == "已逾期10天"
    assert (draft.status, draft.status_label, draft.timing_text) == (deadlines.DRAFT, "草稿", "已逾期10天")


def test_a_report_published_after_the_deadline_is_marked_late(agencies_with_reports):
    data = agencies_with_reports
    AnnualDisclosureReportPage.objects.filter(pk=data["published"].pk).update(
        first_published_at=datetime.datetime(2026, 2, 3, 10, tzinfo=datetime.UTC))
    row = by_name(deadlines.statuses(year=2025, today=D(2026, 2, 10)))["武冈市城市管理和综合执法局"]
    assert row.overdue and row.timing_text == "逾期发布（晚3天）"


def test_township_and_government_deadlines():
    assert deadlines.level_of(Organisation(name="武冈市人民政府")) == deadlines.GOVERNMENT
    assert deadlines.level_of(Organisation(name="武冈市邓家铺镇人民政府")) == deadlines.DEPARTMENT
    assert deadlines.level_of(Organisation(name="武冈市人民政府办公室")) == deadlines.DEPARTMENT
    assert deadlines.deadline(deadlines.GOVERNMENT, 2025) == D(2026, 3, 31)
    assert deadlines.deadline(deadlines.DEPARTMENT, 2025) == D(2026, 1, 31)


def test_the_admin_view_for_the_site_admin_and_a_department(client, agencies_with_reports, february_2026,
                                                            django_user_model):
    data = agencies_with_reports
    url = reverse("annual_report_deadlines")
    client.force_login(data["site_admin"])
    html = client.get(url).content.decode()
    for name in ("武冈市人民政府", "武冈市城市管理和综合执法局", "武冈市司法局", "武冈市教育局"):
        assert name in html
    assert "审核中" in html and "草稿" in html and "未编写" in html and "已发布" in html
    assert menu_shown(data["site_admin"])

    drafter = django_user_model.objects.create_user("b_drafter", password="x")
    add_user_to_role(drafter, ROLE_DRAFTER, data["dept_b"])
    client.force_login(drafter)
    html = client.get(url).content.decode()
    assert "武冈市司法局" in html and "审核中" in html
    assert "武冈市教育局" not in html and "武冈市人民政府" not in html
    assert menu_shown(drafter)

    outsider = django_user_model.objects.create_user("outsider", password="x", is_staff=True)
    add_user_to_role(outsider, ROLE_DRAFTER)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert not menu_shown(outsider)


def test_overdue_is_said_in_words_in_the_admin(client, agencies_with_reports, february_2026):
    data = agencies_with_reports
    AnnualDisclosureReportPage.objects.filter(pk=data["published"].pk).update(
        first_published_at=datetime.datetime(2026, 2, 3, 10, tzinfo=datetime.UTC))
    client.force_login(data["site_admin"])
    html = client.get(reverse("annual_report_deadlines")).content.decode()
    assert "已逾期10天" in html and "逾期发布（晚3天）" in html and "距截止还有49天" in html
