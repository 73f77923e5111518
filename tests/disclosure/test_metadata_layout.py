"""The 要素 box as rendered HTML: after the title, every field once, the key ones outside the fold.

How it looks per screen and on paper is checked in Chromium by
tests/browser/test_content_first_on_phones.py; this checks the markup those rules rely on.
"""

import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from disclosure.models import GenreCategory, NewsPage, NormativeDocumentPage

from .conftest import add_page, d

KEY_LABELS = ["索引号", "发布机构", "文号", "成文日期", "发布日期"]


def text_of(element):
    return re.sub(r"\s+", " ", element.text_content()).strip()


def rows(element):
    return {text_of(row.cssselect("dt")[0]): text_of(row.cssselect("dd")[0])
            for row in element.cssselect("div.meta-item")}


def render(page):
    response = Client().get(page.url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode("utf-8"))


@pytest.mark.django_db
def test_normative_document_metadata_follows_the_title_with_every_field_once(tree, org, subject):
    genre = GenreCategory.objects.get_or_create(name="办法")[0]
    page = add_page(tree.column("gfxwj"), NormativeDocumentPage(
        slug="hwgg", title="武冈市户外广告设置管理办法", publisher=org, subject=subject, genre=genre,
        written_on=d("2025-03-01"), published_on=d("2025-03-10"), doc_number="武城管发〔2025〕3号",
        validity="valid", registration_number="WGSG-2025-003", effective_on=d("2025-04-01"),
        expires_on=d("2030-03-31")))
    page.refresh_from_db()
    assert page.index_number
    doc = render(page)

    article = doc.cssselect("article.article")[0]
    order = [element for element in article.iter() if element.tag == "h1" or "meta-box" in element.classes]
    assert [element.tag for element in order] == ["h1", "section"], "the title must come before the 要素 box"
    assert text_of(order[0]) == page.title

    box = order[1]
    key = box.cssselect("dl.meta-grid--key")[0]
    assert rows(key) == {
        "索引号": page.index_number, "发布机构": org.name, "文号": "武城管发〔2025〕3号",
        "成文日期": "2025-03-01", "发布日期": "2025-03-10",
    }
    folded = box.cssselect("details.meta-more")
    assert len(folded) == 1 and folded[0].get("open") is None
    assert text_of(folded[0].cssselect("summary")[0]).startswith("更多信息")
    assert rows(folded[0]) == {
        "主题分类": subject.name, "体裁分类": "办法", "有效性": "有效",
        "统一登记号": "WGSG-2025-003", "施行日期": "2025-04-01", "有效期至": "2030-03-31",
    }
    # Rendered once: nothing for a screen reader to hear twice.
    labels = [text_of(dt) for dt in doc.cssselect("div.meta-item dt")]
    assert sorted(labels) == sorted(KEY_LABELS + ["主题分类", "体裁分类", "有效性", "统一登记号", "施行日期", "有效期至"])
    # No inline style or script: the Content-Security-Policy forbids them.
    assert not box.cssselect("[style], script")


@pytest.mark.django_db
def test_item_without_secondary_fields_has_an_empty_fold_only(tree, org):
    page = add_page(tree.column("gzdt"), NewsPage(slug="n1", title="市城管局开展检查", publisher=org,
                                                  published_on=d("2025-06-12")))
    doc = render(page)
    box = doc.cssselect("section.meta-box")[0]
    assert set(rows(box.cssselect("dl.meta-grid--key")[0])) == {"索引号", "发布机构", "发布日期"}
    # static/css/site.css hides a fold without rows (.meta-more:not(:has(.meta-item))).
    assert not box.cssselect("details.meta-more .meta-item")
