"""Saved legacy pages (own fixtures mirroring ../shared/corpus/gov-pages/README.md)."""

from datetime import date

from django.utils import timezone

from tests.importers.conftest import FIXTURES, run_import


def test_gbk_trs_page_with_table_metadata(site):
    from disclosure.models import NormativeDocumentPage

    result = run_import(FIXTURES / "trs_gbk_table.html")
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err
    page = NormativeDocumentPage.objects.get()
    assert page.title == "示范县城市管理局关于规范户外广告设置管理的通知"
    assert page.get_parent().slug == "gfxwj"
    assert page.original_url == "http://www.example-county.gov.cn/zwgk/gfxwj/202403/t20240328_6583952.html"
    assert page.index_number == "11430581MB1234567X/2024-00012"
    assert page.doc_number == "示城管发〔2024〕3号"
    assert page.publisher.name == "示范县城市管理和综合执法局"
    assert page.subject.name == "城乡建设、环境保护"
    assert page.written_on == date(2024, 3, 25)
    assert page.published_on == date(2024, 3, 28)
    local = timezone.localtime(page.first_published_at)
    assert (local.date(), local.hour, local.minute) == (date(2024, 3, 28), 9, 18)
    assert page.validity == "valid" and page.source_name == "示范县城管局"
    blocks = list(page.body.raw_data)
    types = [b["type"] for b in blocks]
    assert "table" in types and types[-1] == "signature"
    headings = [b["value"]["text"] for b in blocks if b["type"] == "heading"]
    assert headings[:2] == ["一、总体要求", "（一）严格审批程序"]
    text = page.body_text()
    # Navigation, breadcrumb, metadata block, share bar and footer are not body text.
    for noise in ("办事服务", "当前位置", "索引号", "浏览次数", "分享到", "主办单位", "今天是", "打印本页"):
        assert noise not in text, noise
    table = next(b for b in blocks if b["type"] == "table")["value"]["table"]
    assert {"row": 1, "col": 0, "rowspan": 2, "colspan": 1} in table["mergeCells"]
    html = "".join(b["value"] for b in blocks if b["type"] == "paragraph")
    assert 'href="http://www.example-county.gov.cn/zwgk/gfxwj/202403/P020240328385001.pdf"' in html


def test_injected_scripts_never_reach_the_public_page(site, client):
    from disclosure.models import NormativeDocumentPage

    assert not run_import(FIXTURES / "trs_gbk_table.html").failed
    page = NormativeDocumentPage.objects.get()
    stored = str(list(page.body.raw_data))
    response = client.get(page.url)
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert "设置户外广告应当依法办理审批手续" in body
    for payload in ("alert(", "onerror", "onclick", "javascript:", "document.cookie", "统计代码"):
        assert payload not in stored, payload
        assert payload not in body, payload


def test_hanweb_page_with_bracket_labels(site):
    from disclosure.models import PolicyInterpretationPage

    result = run_import(FIXTURES / "hanweb_brackets.html")
    assert not result.failed, result.out + result.err
    page = PolicyInterpretationPage.objects.get()
    assert page.get_parent().slug == "zcjd"
    assert page.original_url == "https://www.example-city.gov.cn/art/2025/1/17/art_1229_5512345.html"
    assert page.index_number == "1585729837/sfj/2025-0000026"
    assert page.publisher.name == "示范市司法局"
    assert page.written_on == date(2025, 1, 15) and page.published_on == date(2025, 1, 17)
    assert page.doc_number == ""
    assert "我市养犬数量逐年增加，由此引发" in page.body_text()  # half-width commas repaired


def test_page_declaring_utf8_but_written_in_gbk(site):
    from disclosure.models import NewsPage

    result = run_import(FIXTURES / "guid_declares_utf8_is_gbk.shtml")
    assert not result.failed, result.out + result.err
    page = NewsPage.objects.get()
    assert page.title == "示范县召开2025年安全生产工作会议"
    assert page.get_parent().slug == "gzdt"
    assert page.publisher.name == "示范县应急管理局" and page.published_on == date(2025, 2, 20)
    assert "压紧压实安全生产责任" in page.body_text()


def test_kind_option_overrides_the_breadcrumb(site):
    from disclosure.models import ArticlePage

    result = run_import(FIXTURES / "guid_declares_utf8_is_gbk.shtml", "--kind", "other")
    assert not result.failed, result.out + result.err
    page = ArticlePage.objects.get()
    assert page.item_kind == "other" and page.get_parent().slug == "fdzdgknr"


def test_big5_page_without_declaration(site):
    from disclosure.models import ReportPage

    # No charset declared, traditional characters; the kind comes from the title.
    result = run_import(FIXTURES / "big5_undeclared.htm")
    assert not result.failed, result.out + result.err
    page = ReportPage.objects.get(report_type="disclosure_annual_report")
    assert page.title == "示範縣2024年政府資訊公開工作年度報告"
    assert page.get_parent().slug == "xxgknb"
    assert "主動公開政府資訊" in page.body_text()


def test_folder_import_and_reimport(site):
    from wagtail.models import Page

    first = run_import(FIXTURES)
    assert not first.failed and "新建 4 条" in first.out, first.out + first.err
    count = Page.objects.count()
    second = run_import(FIXTURES)
    assert "新建 0 条" in second.out and "跳过 4 条" in second.out, second.out
    assert Page.objects.count() == count
