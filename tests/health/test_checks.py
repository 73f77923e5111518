import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents.models import Document

from disclosure.models import ColumnPage, NewsPage
from health.checks import BLOCKING, WARNING, load_settings, run_checks
from health.models import ColumnPeriod
from tests.disclosure.conftest import add_page, d

pytestmark = pytest.mark.django_db

TODAY = d("2026-11-20")


def news(column, title, published_on, **fields):
    return add_page(column, NewsPage(title=title, published_on=published_on, **fields))


def by_check(findings, check):
    return [f for f in findings if f.check == check]


@pytest.fixture
def filled(tree):
    """Every list column holds one fresh item, so the site starts healthy."""
    for column in ColumnPage.objects.filter(column_type="list"):
        news(column, f"{column.title}最新信息", TODAY - datetime.timedelta(days=1))
    return tree


def test_healthy_site_has_no_column_findings(filled):
    findings = run_checks(today=TODAY)
    assert not [f for f in findings if f.check in ("home_stale", "column_stale", "column_empty", "one_strike_risk")]


def test_emptied_column_is_blocking(filled):
    column = filled.column("pfxc")
    for child in column.get_children():
        child.specific.unpublish()
    found = by_check(run_checks(today=TODAY), "column_empty")
    assert [(f.title, f.severity, f.url) for f in found] == [("普法宣传", BLOCKING, "/zwgk/pfxc/")]


def test_back_dated_newest_item_makes_news_column_stale(tree):
    for column in ColumnPage.objects.filter(column_type="list").exclude(slug="gzdt"):
        news(column, "新", TODAY)
    news(tree.column("gzdt"), "旧闻", d("2026-10-01"))
    found = by_check(run_checks(today=TODAY), "column_stale")
    assert [(f.title, f.severity, f.since) for f in found] == [("工作动态", BLOCKING, d("2026-10-16"))]
    assert "2026年10月01日" in found[0].message


def test_early_warning_gives_the_date_it_will_fail(filled):
    news_column = filled.column("gzdt")
    for child in news_column.get_children():
        child.specific.unpublish()
    news(news_column, "两周前", d("2026-11-08"))  # 14-day period: fails on 11-23, 3 days after TODAY
    found = by_check(run_checks(today=TODAY), "column_stale")
    assert [(f.severity, f.since) for f in found] == [(WARNING, d("2026-11-23"))]
    assert "2026年11月23日" in found[0].message
    assert by_check(run_checks(today=d("2026-11-19")), "column_stale") == []
    assert by_check(run_checks(today=d("2026-11-23")), "column_stale")[0].severity == BLOCKING


def test_column_period_override(filled):
    column = filled.column("gzdt")
    for child in column.get_children():
        child.specific.unpublish()
    news(column, "一月前", d("2026-10-20"))
    assert by_check(run_checks(today=TODAY), "column_stale")
    ColumnPeriod.objects.create(column=column, days=60)
    assert not by_check(run_checks(today=TODAY), "column_stale")


def test_one_strike_counts(tree):
    settings = load_settings()
    settings.empty_columns_veto = 5
    settings.save()
    columns = list(ColumnPage.objects.filter(column_type="list").order_by("path"))
    assert len(columns) >= 7
    for column in columns[4:]:
        news(column, "新", TODAY)
    # columns[:4] are empty: one short of the count, an early warning only.
    summary = by_check(run_checks(today=TODAY), "one_strike_risk")
    assert [(f.severity, f.title) for f in summary] == [(WARNING, "空白栏目")]
    columns[4].get_children().first().specific.unpublish()
    summary = by_check(run_checks(today=TODAY), "one_strike_risk")
    assert [(f.severity, f.title) for f in summary] == [(BLOCKING, "空白栏目")]
    assert "单项否决风险" in summary[0].message and "5个" in summary[0].message


def test_link_to_unpublished_page_and_deleted_document(filled):
    column = filled.column("gzdt")
    target = news(column, "将撤下的稿件", TODAY)
    document = Document.objects.create(title="附件", file=ContentFile(b"x", name="a.txt"))
    source = news(column, "含链接的稿件", TODAY,
                  body=[("paragraph", f'<p><a linktype="page" id="{target.pk}">稿件</a>'
                                      f'<a linktype="document" id="{document.pk}">附件</a></p>')])
    assert by_check(run_checks(today=TODAY), "dead_link") == []
    target.unpublish()
    document.delete()
    found = by_check(run_checks(today=TODAY), "dead_link")
    assert {(f.title, f.severity) for f in found} == {(source.title, BLOCKING)}
    messages = " ".join(f.message for f in found)
    assert "页面" in messages and "未发布" in messages and "文件" in messages and "已删除" in messages


def test_date_changed_after_publication(filled):
    page = news(filled.column("gzdt"), "改日期", d("2026-11-10"))
    assert by_check(run_checks(today=TODAY), "date_changed_after_publication") == []
    page.published_on = d("2026-11-15")
    page.save_revision().publish()
    found = by_check(run_checks(today=TODAY), "date_changed_after_publication")
    assert [(f.title, f.severity) for f in found] == [("改日期", BLOCKING)]
    assert "2026-11-10" in found[0].message and "2026-11-15" in found[0].message


def test_late_publication_across_national_day(filled):
    column = filled.column("gzdt")
    # 20 working days after 2025-09-26 skip the 10-01..10-08 holiday and count the make-up
    # Saturdays 09-28 and 10-11: due 2025-10-30.
    news(column, "按时", d("2025-10-30"), written_on=d("2025-09-26"))
    news(column, "超时", d("2025-10-31"), written_on=d("2025-09-26"))
    found = by_check(run_checks(today=TODAY), "late_publication")
    assert [f.title for f in found] == ["超时"]
    assert "2025年10月30日" in found[0].message


def test_json_interface_and_exit_code(tree):
    from django.utils import timezone

    for column in ColumnPage.objects.filter(column_type="list"):
        news(column, f"{column.title}今日信息", timezone.localdate())
    out = io.StringIO()
    news(tree.column("xxgknb"), f"武冈市{timezone.localdate().year - 1}年政府信息公开工作年度报告", timezone.localdate())
    call_command("site_health", "--json", stdout=out)  # healthy: exits 0, no CommandError
    assert json.loads(out.getvalue()) == [f.as_json() for f in run_checks()]
    for child in tree.column("pfxc").get_children():
        child.specific.unpublish()
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("site_health", "--json", stdout=out)
    assert raised.value.returncode == 2
    rows = json.loads(out.getvalue())
    keys = {"check", "severity", "url", "title", "message", "since"}
    assert rows and all(set(row) == keys for row in rows)
    assert {"check": "column_empty", "severity": "blocking", "url": "/zwgk/pfxc/", "title": "普法宣传",
            "message": "空白栏目：栏目下没有已发布的信息。", "since": None} in rows


def test_annual_report_missing(filled):
    assert by_check(run_checks(today=d("2026-03-10")), "annual_report_missing") == []
    warning = by_check(run_checks(today=d("2026-03-20")), "annual_report_missing")
    assert [(f.severity, f.since) for f in warning] == [(WARNING, d("2026-03-31"))]
    blocking = by_check(run_checks(today=d("2026-04-01")), "annual_report_missing")
    assert [(f.severity, f.title) for f in blocking] == [(BLOCKING, "信息公开年报")]
    news(filled.column("xxgknb"), "武冈市2025年政府信息公开工作年度报告", d("2026-03-30"))
    assert by_check(run_checks(today=d("2026-04-01")), "annual_report_missing") == []


def test_unpublished_item_warned_before_its_publication_limit(filled):
    from applications.clock import WorkCalendar

    column = filled.column("gzdt")
    written = d("2026-10-26")
    due = WorkCalendar().add_working_days(written, 20)
    assert d("2026-11-20") <= due <= d("2026-11-24")  # three days' warning covers TODAY
    draft = add_page(column, NewsPage(title="待发布的通知", published_on=None, written_on=written, live=False),
                     publish=False)
    found = by_check(run_checks(today=TODAY), "late_publication")
    assert [(f.title, f.severity, f.since) for f in found] == [("待发布的通知", WARNING, due)]
    assert f"{due:%Y年%m月%d日}前公开" in found[0].message
    assert by_check(run_checks(today=due - datetime.timedelta(days=4)), "late_publication") == []
    past = by_check(run_checks(today=due + datetime.timedelta(days=1)), "late_publication")
    assert "届满" in past[0].message
    draft.save_revision().publish()
    assert not [f for f in by_check(run_checks(today=TODAY), "late_publication") if "尚未发布" in f.message]
