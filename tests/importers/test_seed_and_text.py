"""The seed's plain-text page imports into 依法行政 with its fields."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.conftest import SEED_PATH
from tests.importers.conftest import run_import

TITLE = "武冈市城市管理和综合执法局2024年法治政府建设工作报告"


def yfxz(site):
    return site.get_children().get(slug="zwgk").get_children().get(slug="zfxxgk").get_children().get(slug="yfxz")


def test_seed_file_imports_into_yfxz_with_its_fields(site):
    from disclosure.models import ReportPage

    # Start from an empty 依法行政 column (the demo loader put the seed there already).
    for page in ReportPage.objects.filter(title=TITLE):
        page.delete()
    result = run_import(SEED_PATH)
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err
    page = ReportPage.objects.get(title=TITLE)
    assert page.get_parent().pk == yfxz(site).pk
    assert page.kind == "rule_of_law_report" and page.report_year == 2024
    assert page.publisher.name == "武冈市城市管理和综合执法局"
    assert page.source_name == "市城管局" and page.author == "市城管局"
    updated = datetime(2025, 4, 9, 14, 54, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert page.updated_at == updated and page.first_published_at == updated
    assert page.published_on == date(2025, 4, 9)
    assert page.written_on == date(2025, 3, 14)
    blocks = list(page.body.raw_data)
    headings = [b["value"]["text"] for b in blocks if b["type"] == "heading"]
    assert "一、工作进展和成效" in headings and "（一）强化组织领导，落实法治责任" in headings
    assert blocks[-1]["type"] == "signature"
    assert blocks[-1]["value"]["organisation"] == "武冈市城市管理和综合执法局"
    text = page.body_text()
    assert "扫一扫" not in text and "ICP备" not in text  # the portal footer is not body text


def test_seed_file_updates_the_demo_page_instead_of_duplicating(site):
    from disclosure.models import ReportPage

    before = ReportPage.objects.get(title=TITLE)
    result = run_import(SEED_PATH)
    assert not result.failed, result.out + result.err
    assert "新建 0 条" in result.out
    assert list(ReportPage.objects.filter(title=TITLE).values_list("pk", flat=True)) == [before.pk]
    again = run_import(SEED_PATH)
    assert "新建 0 条" in again.out and "跳过 1 条" in again.out, again.out


def test_text_page_kind_comes_from_breadcrumb(site, tmp_path):
    from disclosure.models import NewsPage

    page_file = tmp_path / "news.txt"
    page_file.write_text(
        "您当前所在的位置: 首页 > 政务公开 > 工作动态\n"
        "市城管局开展燃气安全专项检查\n"
        "  · 来源:市城管局\n  · 更新时间: 2025-05-06 10:30\n\n"
        "5月6日，市城管局组织开展燃气安全专项检查。\n\n检查共发现隐患12处，已全部督促整改。\n",
        encoding="gbk",
    )
    result = run_import(page_file)
    assert not result.failed, result.out + result.err
    page = NewsPage.objects.get(title="市城管局开展燃气安全专项检查")
    assert page.get_parent().slug == "gzdt"
    assert timezone.localtime(page.first_published_at).date() == date(2025, 5, 6)
    assert "检查共发现隐患12处" in page.body_text()
