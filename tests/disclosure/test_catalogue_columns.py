import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from disclosure.models import (
    ArticlePage,
    NewsPage,
    NormativeDocumentPage,
    Organisation,
    PolicyInterpretationPage,
    PowerListPage,
    RegulationPage,
    ReportPage,
)

from .conftest import add_page, d

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(tree, org, subject):
    other_org = Organisation.objects.create(name="武冈市司法局", code="11430581MB7654321Y")
    doc = add_page(tree.column("gfxwj"), NormativeDocumentPage(
        title="规范性文件甲", slug="a", publisher=org, subject=subject, published_on=d("2024-03-01"),
        written_on=d("2024-02-20"), summary="关于甲的规定"))
    return [
        doc,
        add_page(tree.column("gfxwj"), NormativeDocumentPage(title="规范性文件乙", slug="b", publisher=other_org,
                                                             published_on=d("2025-05-01"))),
        add_page(tree.column("zcjd"), PolicyInterpretationPage(title="解读甲", slug="c", document=doc,
                                                               publisher=org, published_on=d("2024-03-02"))),
        add_page(tree.column("qzqd"), PowerListPage(title="权责清单", slug="d", publisher=org,
                                                    published_on=d("2025-01-10"))),
        add_page(tree.column("flfg"), RegulationPage(title="某条例", slug="e", published_on=d("2023-01-01"))),
        add_page(tree.column("gzdt"), NewsPage(title="工作动态甲", slug="f", publisher=org,
                                               published_on=d("2025-06-01"))),
        add_page(tree.column("yfxz"), ReportPage(title="年度报告", slug="g", publisher=org,
                                                 published_on=d("2025-03-30"))),
        add_page(tree.column("fdzdgknr"), ArticlePage(title="法定公开内容", slug="h", publisher=org,
                                                       published_on=d("2025-02-02"))),
    ]


@pytest.mark.django_db
def test_catalogue_lists_every_disclosure_item(tree, items):
    draft = NewsPage(title="未发布草稿", slug="draft", live=False)
    tree.column("gzdt").add_child(instance=draft)
    catalogue = tree.column("xxgkml")
    catalogue.page_size = 100
    catalogue.save_revision().publish()
    html = Client().get(catalogue.url).content.decode()
    for page in items:
        assert page.index_number and page.index_number in html, page.title
        assert page.title in html
    assert "未发布草稿" not in html
    assert "关于甲的规定" in html  # 内容概述
    assert "2024-02-20" in html  # 生成日期 = 成文日期
    for header in ("索引号", "名称", "内容概述", "生成日期"):
        assert f'<th scope="col">{header}</th>' in html


@pytest.mark.django_db
def test_catalogue_filters_and_pagination(tree, items):
    catalogue = tree.column("xxgkml")
    catalogue.page_size = 3
    catalogue.save_revision().publish()
    client = Client()
    first = client.get(catalogue.url).content.decode()
    assert "共 8 条" in first and "第 1 页，共 3 页" in first
    third = client.get(catalogue.url + "?page=3").content.decode()
    assert "第 3 页，共 3 页" in third
    assert client.get(catalogue.url + "?page=999").status_code == 200
    year = client.get(catalogue.url + "?year=2024").content.decode()
    assert "规范性文件甲" in year and "解读甲" in year and "规范性文件乙" not in year
    kind = client.get(catalogue.url + "?kind=normative_document").content.decode()
    assert "规范性文件甲" in kind and "规范性文件乙" in kind and "工作动态甲" not in kind
    other = Organisation.objects.get(name="武冈市司法局")
    by_org = client.get(catalogue.url + f"?publisher={other.pk}").content.decode()
    assert "规范性文件乙" in by_org and "规范性文件甲" not in by_org
    by_number = client.get(catalogue.url + f"?q={items[0].index_number}").content.decode()
    assert "规范性文件甲" in by_number and "工作动态甲" not in by_number
    assert client.get(catalogue.url + "?year=abc&publisher=%00&kind=x&q=" + "长" * 500).status_code == 200


@pytest.mark.django_db
def test_column_listing_filters_and_sort(tree, items, subject):
    client = Client()
    column = tree.column("gfxwj")
    html = client.get(column.url).content.decode()
    assert html.index("规范性文件乙") < html.index("规范性文件甲")  # newest first
    asc = client.get(column.url + "?sort=date_asc").content.decode()
    assert asc.index("规范性文件甲") < asc.index("规范性文件乙")
    assert "规范性文件乙" not in client.get(column.url + "?year=2024").content.decode()
    by_subject = client.get(column.url + f"?subject={subject.pk}").content.decode()
    assert "规范性文件甲" in by_subject and "规范性文件乙" not in by_subject
    other = Organisation.objects.get(name="武冈市司法局")
    by_org = client.get(column.url + f"?publisher={other.pk}").content.decode()
    assert "规范性文件乙" in by_org and "规范性文件甲" not in by_org
    assert 'type="application/atom+xml"' in html
    assert client.get(column.url + "?year=%FF&sort=evil").status_code == 200


@pytest.mark.django_db
def test_every_column_has_an_atom_feed(tree, items):
    column = tree.column("gfxwj")
    response = Client().get(f"/feeds/column/{column.pk}/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["规范性文件乙", "规范性文件甲"]
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href").endswith("/zwgk/zfxxgk/gfxwj/b/")
    assert Client().get("/feeds/column/999999/atom.xml").status_code == 404


@pytest.mark.django_db
def test_catalogue_feed_lists_newest_items_site_wide(tree, items):
    response = Client().get(f"/feeds/column/{tree.column('xxgkml').pk}/atom.xml")
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(response.content).findall(f"{ATOM}entry")]
    assert titles[0] == "工作动态甲" and len(titles) == len(items)


def test_every_column_type_has_its_behaviour_and_only_the_catalogue_is_site_wide():
    from disclosure.column_types import CATALOGUE, COLUMN_TYPES, LISTING, site_wide_types
    from disclosure.models.column import COLUMN_TYPE_CHOICES

    assert set(COLUMN_TYPES) == {code for code, _label in COLUMN_TYPE_CHOICES}
    assert site_wide_types() == ["catalogue"]
    assert COLUMN_TYPES["catalogue"] is CATALOGUE and COLUMN_TYPES["list"] is LISTING
    assert CATALOGUE.template == "disclosure/catalogue_page.html"
