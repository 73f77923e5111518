"""The /search/ page in Chromium at phone width: usable without JavaScript."""

import pytest

from search.backends.embedded import EmbeddedBackend
from tests.search.conftest import DOCS, use_embedded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def embedded_docs(settings, tmp_path):
    from home.demo import ensure_home

    # A transactional test before this one may have flushed the site away.
    ensure_home("localhost", 80)
    use_embedded(settings, tmp_path / "search.sqlite3")
    EmbeddedBackend().index_documents(DOCS)


def test_search_on_a_phone_with_filters_and_suggestion(live_server, page_at, embedded_docs):
    page = page_at(375, 740)
    page.goto(live_server.url + "/search/")
    page.fill("#search-q", "执法")
    page.click(".search-form__button")
    assert "找到 2 条" in page.inner_text(".search-count")
    assert page.locator(".search-result em").count() >= 2
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # On a phone the facets are folded behind one control (a <details>, no JavaScript needed).
    assert not page.locator(".search-filters a:has-text('权责清单')").is_visible()
    page.click(".search-filters__toggle")
    page.click(".search-filters a:has-text('权责清单')")
    assert "kind=power_list" in page.url
    assert "找到 1 条" in page.inner_text(".search-count")
    page.goto(live_server.url + "/search/?q=%E5%A9%9A%E5%A7%BB%E7%99%BB%E8%AE%A1%E6%9D%A1%E4%BE%8B")
    page.click(".search-suggestion a")
    assert page.locator(".search-result__title").first.inner_text() == "婚姻登记条例"
