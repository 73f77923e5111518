import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from disclosure.demo import seed_statistics
from disclosure.models import ArticlePage, EnforcementStatistics, RegulationPage, StatisticRow
from disclosure.models.regulation import parse_structure
from disclosure.models.statistics import total_problems

from .conftest import add_page, d


@pytest.mark.django_db
def test_seed_statistics_add_up(org):
    stats = seed_statistics(org)
    assert stats.problems() == []
    groups = stats.groups()
    assert groups["power_items"]["total"] == 118
    assert groups["cases"]["total"] == 59
    assert groups["inspections"]["total"] == 98
    assert groups["outcomes"]["total"] == 98
    assert stats.fines_total == 227900
    assert dict((r.label, r.count) for r in stats.rows.all() if r.group == "power_items")["行政处罚"] == 86


@pytest.mark.django_db
def test_statistics_render_as_table_and_svg(tree, org):
    stats = seed_statistics(org)
    page = add_page(tree.column("xzzfgs"), ArticlePage(
        title="2024年执法统计", slug="tj", publisher=org, published_on=d("2025-01-20"),
        body=[{"type": "statistics", "value": {"statistics": stats.pk, "heading": "2024年行政执法统计"}}]))
    html = Client().get(page.url).content.decode()
    assert "权责清单事项（合计118）" in html
    assert "行政处罚案件（合计59）" in html
    assert "行政检查（合计98）" in html
    assert "227,900元" in html or "227900元" in html
    assert re.search(r"<th scope=\"row\">行政处罚</th><td>86</td>", html)
    assert html.count("<svg class=\"stats-chart\"") == 4
    assert "<script" not in html.split("stats-chart")[1].split("</svg>")[0]


@pytest.mark.django_db
def test_totals_that_do_not_add_up_are_rejected(org):
    stats = seed_statistics(org)
    stats.cases_total = 60
    problems = stats.problems()
    assert problems == ["行政处罚案件各项之和为59，与行政处罚案件总数60不一致。"]
    with pytest.raises(ValidationError):
        stats.full_clean()
    probe = EnforcementStatistics(inspections_total=98, general_cases_filed=46, general_cases_closed=47)
    problems = total_problems(probe, [("inspections", 98), ("outcomes", 97)])
    assert any("行政检查处理结果各项之和为97" in p for p in problems)
    assert any("结案数47不能多于立案数46" in p for p in problems)


@pytest.mark.django_db
def test_snippet_admin_form_checks_totals(org, admin_client):
    url = "/admin/snippets/disclosure/enforcementstatistics/add/"
    data = {"year": "2023", "organisation": org.pk, "source_note": "", "power_items_total": "",
            "cases_total": "3", "general_cases_filed": "", "general_cases_closed": "", "fines_total": "",
            "inspections_total": "", "rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0",
            "rows-MAX_NUM_FORMS": "1000", "rows-0-group": "cases", "rows-0-label": "一般程序", "rows-0-count": "2",
            "rows-0-note": "", "rows-0-ORDER": "1", "rows-0-id": "", "rows-0-DELETE": ""}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "行政处罚案件各项之和为2，与行政处罚案件总数3不一致" in response.content.decode()
    assert not EnforcementStatistics.objects.filter(year=2023).exists()
    data["rows-0-count"] = "3"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert EnforcementStatistics.objects.get(year=2023).rows.get().count == 3
    assert StatisticRow.objects.filter(statistics__year=2023).count() == 1


LAW = """第一章 总则
第一条 为了规范管理，制定本条例。
第二条 本条例适用于本市。
前款所称本市，包括所辖县区。
第二章 附则
第一节 施行
第三条 本条例自公布之日起施行。"""


def test_parse_structure():
    items = parse_structure(LAW)
    kinds = [i["type"] for i in items]
    assert kinds == ["chapter", "article", "article", "chapter", "section", "article"]
    assert items[2]["paragraphs"] == ["前款所称本市，包括所辖县区。"]
    assert [i["anchor"] for i in items if i["type"] == "article"] == ["t1", "t2", "t3"]
    # A sentence that merely starts with 第三章 is not a heading.
    long_line = "第三章" + "规定的事项应当依法办理并向社会公开，接受监督，任何单位和个人不得拒绝或者阻挠。"
    assert parse_structure(long_line)[0]["type"] == "paragraph"


@pytest.mark.django_db
def test_regulation_page_renders_chapters_and_anchored_articles(tree, org):
    page = add_page(tree.column("flfg"), RegulationPage(
        title="某某条例", slug="law", issuing_authority="某市人民代表大会常务委员会", doc_number="第12号公告",
        published_on=d("2024-12-01"), effective_on=d("2025-01-01"), header="2024年11月28日某市人大常委会通过",
        body=[{"type": "heading", "value": {"level": "2", "text": "第一章 总则"}},
              {"type": "paragraph", "value": "<p>第一条 为了规范管理，制定本条例。</p>"},
              {"type": "paragraph", "value": "<p>第二条 本条例适用于本市。</p><p>前款所称本市，包括所辖县区。</p>"},
              {"type": "heading", "value": {"level": "2", "text": "第二章 附则"}},
              {"type": "paragraph", "value": "<p>第三条 本条例自公布之日起施行。</p>"}]))
    html = Client().get(page.url).content.decode()
    assert '<h2 class="law-chapter" id="z1">第一章 总则</h2>' in html
    assert 'id="t2"' in html and '<a class="law-article__number" href="#t2"><strong>第二条</strong></a>' in html
    assert "<p>前款所称本市，包括所辖县区。</p>" in html
    assert 'href="#z2"' in html  # table of contents
    for text in ("某市人民代表大会常务委员会", "第12号公告", "2025-01-01", "2024年11月28日某市人大常委会通过"):
        assert text in html
