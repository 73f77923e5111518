"""Header, columns, 网站地图, sitemap.xml and robots.txt."""

import pytest
from lxml import etree

from tests.home.conftest import SEED_URL, parse_html, text_of

pytestmark = pytest.mark.django_db


def test_sitemap_xml_lists_the_seed_with_lastmod(seed, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in root.findall("s:url", ns)}
    seed_loc = [loc for loc in entries if loc.endswith(SEED_URL)]
    assert len(seed_loc) == 1
    assert entries[seed_loc[0]].startswith("2025-04-09")
    assert any(loc.endswith("/zwgk/zfxxgk/yfxz/") for loc in entries)
    assert any(loc.endswith("/wzdt/") for loc in entries)


def test_site_map_page_lists_the_column_tree(seed, client):
    from disclosure.models import ColumnPage

    doc = parse_html(client.get("/wzdt/"))
    tree = doc.cssselect(".site-map")[0]
    links = {text_of(a): a.get("href") for a in tree.cssselect("a")}
    for column in ColumnPage.objects.live():
        assert links[column.title] == column.url
    # Nesting follows the tree: 依法行政 sits inside 政府信息公开, inside 政务公开.
    yfxz = [a for a in tree.cssselect("a") if a.text == "依法行政"][0]
    ancestors = [text_of(li.cssselect("a")[0]) for li in yfxz.iterancestors("li")]
    assert ancestors[1:] == ["政府信息公开", "政务公开", "首页"]


def test_header_has_main_columns_and_sitemap_link(seed, client):
    doc = parse_html(client.get(SEED_URL))
    nav = [text_of(a) for a in doc.cssselect("nav.main-nav a")]
    assert nav[:2] == ["首页", "政务公开"]
    assert "政府信息公开" in nav
    assert "网站地图" in [text_of(a) for a in doc.cssselect("header.site-header a")]


def test_column_lists_children_newest_first_with_dates_and_pagination(seed, client):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from wagtail.models import Page

    from disclosure.models import ReportPage

    column = seed.get_parent().specific
    column.page_size = 2
    column.save_revision().publish()
    for year in (2022, 2023):
        page = ReportPage(title=f"{year}年法治政府建设工作报告", slug=f"report-{year}", report_year=year,
                          published_on=date(year + 1, 3, 20))
        column.add_child(instance=page)
        page.save_revision().publish()
        when = datetime(year + 1, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)

    doc = parse_html(client.get(column.url))
    items = doc.cssselect("li.item")
    assert [text_of(li.cssselect("a")[0]) for li in items] == [
        "武冈市城市管理和综合执法局2024年法治政府建设工作报告", "2023年法治政府建设工作报告"]
    assert [li.cssselect("time")[0].get("datetime") for li in items] == ["2025-04-09", "2024-03-20"]
    pagination = doc.cssselect("nav.pagination[aria-label]")[0]
    assert pagination.cssselect("[aria-current=page]")
    next_link = pagination.cssselect("a[rel=next]")[0].get("href")
    assert "page=2" in next_link

    page2 = parse_html(client.get(column.url + next_link))
    assert [text_of(li.cssselect("a")[0]) for li in page2.cssselect("li.item")] == ["2022年法治政府建设工作报告"]
    # Junk page numbers never break the list.
    assert client.get(column.url + "?page=abc").status_code == 200
    assert client.get(column.url + "?page=99999").status_code == 200


def test_robots_txt(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /elder-mode/" in body


def test_one_query_routing_matches_the_tree(seed, client):
    from home.models import default_routing_everywhere

    assert default_routing_everywhere()
    assert client.get("/zwgk/zfxxgk/yfxz/").status_code == 200
    assert client.get("/zwgk/zfxxgk/").status_code == 200
    # The right slug under the wrong parent, a partial path and a draft are not found.
    assert client.get("/zwgk/yfxz/2024-fzzfjs-gzbg/").status_code == 404
    assert client.get("/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/extra/").status_code == 404
    seed.unpublish()
    assert client.get(SEED_URL).status_code == 404
    seed.save_revision().publish()
    # Renaming a column moves its children's URLs with it.
    column = seed.get_parent().specific
    column.slug = "yfxz-new"
    column.save_revision().publish()
    assert client.get(SEED_URL).status_code == 404
    assert client.get("/zwgk/zfxxgk/yfxz-new/2024-fzzfjs-gzbg/").status_code == 200


def test_home_page_intro_columns_and_newest(seed, client):
    doc = parse_html(client.get("/"))
    assert "政务公开专区" in text_of(doc.cssselect(".home-intro")[0])
    cards = [text_of(h) for h in doc.cssselect(".home-card__title")]
    assert cards[0] == "政务公开" and "最新信息" in cards
    newest = [text_of(a) for a in doc.cssselect(".home-card--news a")]
    assert newest[0] == "武冈市城市管理和综合执法局2024年法治政府建设工作报告"
    assert doc.cssselect("figure.qr-code svg")  # every page carries its QR code
    assert text_of(doc.cssselect("nav.breadcrumb ol")[0]) == "首页"
    assert doc.cssselect("nav.breadcrumb [aria-current=page]")
    assert len(doc.cssselect("h1")) == 1


def test_header_marks_the_current_section(seed, client):
    doc = parse_html(client.get(SEED_URL))
    current = {text_of(a): a.get("aria-current") for a in doc.cssselect("nav.main-nav a[aria-current]")}
    assert current == {"政务公开": "true", "政府信息公开": "true"}
    column = parse_html(client.get("/zwgk/zfxxgk/"))
    current = {text_of(a): a.get("aria-current") for a in column.cssselect("nav.main-nav a[aria-current]")}
    assert current == {"政务公开": "true", "政府信息公开": "page"}
