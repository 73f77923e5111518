import pytest

from disclosure.models import ReportPage
from disclosure.models.statistics import EnforcementStatistics, StatisticRow


@pytest.mark.django_db
def test_body_text_includes_embedded_statistics_and_signature():
    stats = EnforcementStatistics.objects.create(year=2024)
    group = StatisticRow._meta.get_field("group").choices[0][0]
    StatisticRow.objects.create(statistics=stats, group=group, label="燃气安全专项检查", count=16)
    StatisticRow.objects.create(statistics=stats, group=group, label="市政", count=30)
    page = ReportPage(title="报告", slug="r", body=[
        ("paragraph", "<p>正文第一段</p>"),
        ("statistics", {"statistics": stats, "heading": "2024年执法统计"}),
        ("signature", {"organisation": "武冈市城市管理和综合执法局", "date_text": "2025年3月14日"}),
    ])
    text = page.body_text()
    assert "正文第一段" in text
    assert "2024年执法统计" in text
    assert "燃气安全专项检查16" in text and "市政30" in text and "共46" in text
    assert text.rstrip().endswith("2025年3月14日")


@pytest.mark.django_db
def test_paragraphs_inside_one_block_stay_on_separate_lines():
    page = ReportPage(title="报告", slug="r2", body=[
        ("paragraph", "<p>第一条 为了规范管理，制定本条例。</p><p>市发展改革部门负责实施。</p><ul><li>甲</li><li>乙</li></ul>"),
    ])
    assert page.body_text().split("\n") == ["第一条 为了规范管理，制定本条例。", "市发展改革部门负责实施。", "甲", "乙"]
