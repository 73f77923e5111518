"""The seed report as a citizen and an auditor see it."""

import io
import re

import cairosvg
import pytest
import zxingcpp
from lxml import etree
from PIL import Image

from tests.home.conftest import SEED_URL, parse_html, text_of

pytestmark = pytest.mark.django_db


def test_breadcrumb_reads_exactly(seed, client):
    doc = parse_html(client.get(SEED_URL))
    nav = doc.cssselect("nav.breadcrumb")[0]
    assert text_of(nav.cssselect("ol")[0]) == "首页 > 政务公开 > 政府信息公开 > 依法行政"
    links = nav.cssselect("a")
    assert [a.text for a in links] == ["首页", "政务公开", "政府信息公开", "依法行政"]
    assert links[0].get("href") == "/" and links[-1].get("href") == "/zwgk/zfxxgk/yfxz/"
    assert "当前位置" in text_of(nav)


def metadata(doc):
    pairs = {}
    for dl in doc.cssselect("dl.meta-grid, dl.article-info"):
        for row in dl.cssselect("div"):
            pairs[text_of(row.cssselect("dt")[0])] = text_of(row.cssselect("dd")[0])
    return pairs


def test_metadata_values(seed, client):
    doc = parse_html(client.get(SEED_URL))
    meta = metadata(doc)
    assert meta["来源"] == "市城管局"
    assert meta["作者"] == "市城管局"
    assert meta["更新时间"] == "2025-04-09 14:54"
    assert meta["成文日期"] == "2025-03-14"
    assert meta["发布机构"] == "武冈市城市管理和综合执法局"
    assert meta["发布日期"] == "2025-04-09"
    assert text_of(doc.cssselect("h1")[0]) == "武冈市城市管理和综合执法局2024年法治政府建设工作报告"


def test_empty_fields_show_no_labels(seed, client):
    assert not seed.doc_number and not seed.validity and seed.subject is None
    doc = parse_html(client.get(SEED_URL))
    labels = [text_of(dt) for dt in doc.cssselect("dt")]
    for empty_label in ("文号", "有效性", "主题分类", "体裁分类"):
        assert empty_label not in labels
    assert all(text_of(dd) for dd in doc.cssselect("dd"))
    if not seed.index_number:
        assert "索引号" not in labels


def test_filled_fields_do_show(seed, client):
    seed.doc_number = "武城管发〔2025〕3号"
    seed.validity = "valid"
    seed.save_revision().publish()
    meta = metadata(parse_html(client.get(SEED_URL)))
    assert meta["文号"] == "武城管发〔2025〕3号"
    assert meta["有效性"] == "有效"


def test_footer_values(seed, client):
    footer = text_of(parse_html(client.get(SEED_URL)).cssselect("footer.site-footer")[0])
    for value in ("主管：武冈市人民政府", "主办：武冈市人民政府办公室", "承办：武冈市人民政府信息中心",
                  "0739-4228019", "湘ICP备13005897号", "湘公网安备43058102000008号",
                  "网站标识码：4305810010", "12345", "网站地图", "我为政府网站找错"):
        assert value in footer, value


def test_footer_links(seed, client):
    footer = parse_html(client.get(SEED_URL)).cssselect("footer.site-footer")[0]
    hrefs = {text_of(a): a.get("href") for a in footer.cssselect("a")}
    assert hrefs["湘ICP备13005897号"] == "https://beian.miit.gov.cn/"
    assert hrefs["湘公网安备43058102000008号"].startswith("https://beian.mps.gov.cn/")
    assert hrefs["网站地图"] == "/wzdt/"
    assert hrefs["我为政府网站找错"].startswith("https://")


def test_party_badge_only_when_configured(seed, client):
    from home.models import SiteIdentitySettings

    assert not parse_html(client.get(SEED_URL)).cssselect(".gov-badge")
    identity = SiteIdentitySettings.objects.get()
    identity.party_gov_badge_url = "https://bszs.conac.cn/sitename?method=show&id=TEST"
    identity.save()
    badge = parse_html(client.get(SEED_URL)).cssselect("a.gov-badge")[0]
    assert badge.get("href") == identity.party_gov_badge_url
    assert badge.cssselect("svg") and not badge.cssselect("img")  # drawn locally, no outside image


def test_sections_and_subsections_are_headings(seed, client):
    doc = parse_html(client.get(SEED_URL))
    body = doc.cssselect(".doc-body")[0]
    h2 = [text_of(h) for h in body.cssselect("h2")]
    assert h2[:3] == ["一、工作进展和成效", "二、存在的不足", "三、下一步工作计划"]
    assert len(h2) == 4
    closing = body.cssselect("h2")[3]
    assert "visually-hidden" in closing.get("class")
    section = closing.getparent()
    assert section.tag == "section" and "2024年，我局在法治政府建设方面虽然" in text_of(section)
    # Each (一)… subsection is an h3 inside its h2 section.
    sections = body.cssselect("section.doc-section")
    assert [len(s.cssselect("h3")) for s in sections] == [7, 4, 5, 0]
    assert text_of(sections[0].cssselect("h3")[0]) == "（一）强化组织领导，落实法治责任"
    assert text_of(sections[1].cssselect("h3")[3]) == "（四）执法监督机制有待进一步完善"
    assert text_of(sections[0].cssselect("h4")[0]) == "1. 充实领导机构"
    # No heading level is skipped: h1 → h2 → h3 → h4.
    levels = [int(h.tag[1]) for h in doc.cssselect("main h1, main h2, main h3, main h4")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_signature_block_closes_the_document(seed, client):
    doc = parse_html(client.get(SEED_URL))
    signature = doc.cssselect(".doc-body > .doc-signature")[0]
    assert text_of(signature.cssselect(".doc-signature__org")[0]) == "武冈市城市管理和综合执法局"
    assert signature.cssselect("time")[0].get("datetime") == "2025-03-14"
    assert text_of(signature.cssselect("time")[0]) == "2025年3月14日"
    assert signature.getparent().getchildren()[-1] is signature
    for junk in ("扫一扫在手机打开当前页", "ICP"):
        assert junk not in text_of(doc.cssselect(".doc-body")[0])


def decode_qr(svg_element):
    svg = etree.tostring(svg_element, encoding="unicode")
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=400, output_height=400,
                           background_color="white")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    return [r.text for r in results]


def test_qr_code_decodes_to_the_page_url(seed, client):
    doc = parse_html(client.get(SEED_URL, HTTP_HOST="www.wugang.gov.cn"))
    figure = doc.cssselect("figure.qr-code")[0]
    assert text_of(figure.cssselect("figcaption")[0]) == "扫一扫在手机打开当前页"
    svg = figure.cssselect("svg")[0]
    assert svg.get("role") == "img" and "二维码" in svg.get("aria-label")
    assert decode_qr(svg) == ["http://www.wugang.gov.cn" + SEED_URL]


def test_qr_code_without_request_uses_site_hostname(seed):
    from django.template import Context, Template

    out = Template("{% load govsite_tags %}{% qr_code %}").render(Context({"page": seed}))
    svg = etree.fromstring(re.search(r"<svg.*</svg>", out, re.S).group(0))
    assert decode_qr(svg) == ["http://127.0.0.1:8000" + SEED_URL]


def test_government_meta_tags(seed, client):
    doc = parse_html(client.get(SEED_URL))
    meta = {m.get("name"): m.get("content") for m in doc.cssselect("head meta[name]")}
    assert meta["SiteName"] == "武冈市人民政府"
    assert meta["SiteDomain"] == "www.wugang.gov.cn"
    assert meta["SiteIDCode"] == "4305810010"
    assert meta["ColumnName"] == "依法行政"
    assert meta["ColumnType"]
    assert meta["ArticleTitle"] == "武冈市城市管理和综合执法局2024年法治政府建设工作报告"
    assert meta["PubDate"] == "2025-04-09 14:54"
    assert meta["ContentSource"] == "市城管局"
    assert meta["Author"] == "市城管局"
    assert meta["Keywords"] and meta["Description"]
    assert meta["Url"] == "http://testserver" + SEED_URL
    assert doc.get("lang") == "zh-CN"


def test_home_page_has_site_meta_but_no_article_meta(demo_site, client):
    doc = parse_html(client.get("/"))
    names = {m.get("name") for m in doc.cssselect("head meta[name]")}
    assert {"SiteName", "SiteDomain", "SiteIDCode"} <= names
    assert not names & {"ArticleTitle", "PubDate", "ContentSource", "ColumnName"}


def test_original_publication_time_kept(seed):
    from django.utils import timezone

    for value in (seed.first_published_at, seed.last_published_at):
        assert timezone.localtime(value).strftime("%Y-%m-%d %H:%M") == "2025-04-09 14:54"


def test_bounded_queries(seed, client, django_assert_max_num_queries):
    client.get(SEED_URL)  # content types and the like are cached once per process
    with django_assert_max_num_queries(15):
        assert client.get(SEED_URL).status_code == 200


def test_accessibility_basics(seed, client):
    doc = parse_html(client.get(SEED_URL))
    skip = doc.cssselect("a.skip-link")[0]
    assert skip.get("href") == "#main" and doc.cssselect("main#main")
    assert doc.cssselect("form[role=search][action='/search/'] input[name=q]")
    label_for = doc.cssselect("form[role=search] label")[0].get("for")
    assert doc.cssselect(f"input#{label_for}")
    assert doc.cssselect("nav.main-nav a")[0].text == "首页"
    assert doc.cssselect("link[media=print]")
    # Nothing is loaded from another host.
    for element in doc.cssselect("link[rel=stylesheet], link[rel=icon], script[src], img[src]"):
        url = element.get("href") or element.get("src")
        assert not re.match(r"^(https?:)?//", url), url


@pytest.mark.django_db
def test_seed_index_number_uses_the_configured_org_code():
    from disclosure.demo import DEMO_ORG_CODE
    from disclosure.models import ReportPage
    from home.demo import build_site

    build_site(io.StringIO())
    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    assert seed.index_number == f"{DEMO_ORG_CODE}/2025-00001"
    assert "结语" not in seed.body_text()
