"""Content first on phones (issue 16): what a citizen came for is on the first screen.

In Debian's Chromium, with JavaScript switched off (the folds are plain <details>):
- at 375x667 the <h1> of a 规范性文件, and of one page of every other content type, ends within the
  first screen and comes before the 要素 box; on the search page the first result's title does too;
  both in normal mode and in 长者模式;
- on a phone the key 要素 (索引号, 发布机构, 文号, dates) are visible, the others are folded behind
  “更多信息” and all of them show once it is opened; the search facets are folded behind “筛选”;
- at 1440 px the whole 要素 table and every facet are visible without opening anything;
- printed (print media), every 要素 row is visible and the “更多信息” control is not.
"""

import io
from datetime import date
from urllib.parse import quote

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1440, "height": 900}
SEARCH_PATH = "/search/?q=" + quote("城管")  # a word all through the demo data
KEY_LABELS = {"索引号", "发布机构", "文号", "成文日期", "发布日期"}


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    # The demo Site is the default site, so Wagtail routes the live server's host to it.
    call_command("load_demo_site", stdout=io.StringIO())
    return live_server


@pytest.fixture
def open_page(browser, demo_live_server):
    """A page in a fresh context without JavaScript: `open_page(PHONE, elder=True)`."""
    contexts = []

    def opener(viewport, elder=False):
        context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=False)
        contexts.append(context)
        if elder:
            context.add_cookies([{"name": "elder_mode", "value": "1", "url": demo_live_server.url}])
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def normative_document():
    from disclosure.models import NormativeDocumentPage

    # The demo's first 规范性文件 fills every field, secondary ones included.
    page = NormativeDocumentPage.objects.live().order_by("path").first()
    assert page is not None
    return page


def expected_metadata(page):
    """Every 要素 row the 规范性文件 must show, from the database."""
    day = lambda value: value.strftime("%Y-%m-%d") if isinstance(value, date) else value
    fields = {
        "索引号": page.index_number, "发布机构": page.publisher and page.publisher.name,
        "文号": page.doc_number, "成文日期": day(page.written_on), "发布日期": day(page.display_date),
        "主题分类": page.subject and page.subject.name, "体裁分类": page.genre and page.genre.name,
        "有效性": page.get_validity_display(), "统一登记号": page.registration_number,
        "施行日期": day(page.effective_on), "有效期至": day(page.expires_on),
    }
    return {label: value for label, value in fields.items() if value}


def content_pages():
    from disclosure.models import (
        ArticlePage,
        EnforcementDecisionPage,
        NewsPage,
        PolicyInterpretationPage,
        RegulationPage,
        ReportPage,
    )

    pages = [("规范性文件", normative_document().url)]
    for label, model, filters in [
        ("政策解读", PolicyInterpretationPage, {}), ("行政执法公示", EnforcementDecisionPage, {"status": "active"}),
        ("法律法规", RegulationPage, {}), ("工作动态", NewsPage, {}), ("报告", ReportPage, {}),
        ("文章", ArticlePage, {}),
    ]:
        page = model.objects.live().filter(**filters).order_by("path").first()
        assert page is not None, f"the demo has no live {model.__name__}"
        pages.append((label, page.url))
    return pages


def visible_rows(page):
    """{label: value} of the 要素 rows a reader can see now."""
    return page.eval_on_selector_all(
        "section.meta-box .meta-item",
        """rows => Object.fromEntries(rows
             .filter(row => row.checkVisibility() && row.getBoundingClientRect().height > 0)
             .map(row => [row.querySelector('dt').textContent.trim(), row.querySelector('dd').textContent.trim()]))""",
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder-mode"])
def test_title_and_first_result_on_the_first_screen(demo_live_server, open_page, elder):
    page = open_page(PHONE, elder=elder)
    problems = []
    for label, path in content_pages():
        response = page.goto(demo_live_server.url + path)
        assert response.status == 200, f"{label} {path}: {response.status}"
        assert ("elder-mode" in page.eval_on_selector("body", "e => e.className")) == elder
        title = page.locator("h1.article__title").bounding_box()
        meta = page.locator("section.meta-box").bounding_box()
        if title["y"] < 0 or title["y"] + title["height"] > PHONE["height"]:
            problems.append(f"{label}: title at {title['y']:.0f}..{title['y'] + title['height']:.0f}px")
        if meta["y"] < title["y"] + title["height"]:
            problems.append(f"{label}: the 要素 box starts above the end of the title")
    assert not problems, f"elder={elder}: " + "; ".join(problems)

    response = page.goto(demo_live_server.url + SEARCH_PATH)
    assert response.status == 200
    first = page.locator(".search-result").first
    assert first.locator("a").first.get_attribute("href")  # a real hit, not the empty-page line
    box = first.locator(".search-result__title").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], (elder, box)


@pytest.mark.django_db(transaction=True)
def test_folded_metadata_keeps_every_field(demo_live_server, open_page):
    document = normative_document()
    expected = expected_metadata(document)
    folded_labels = set(expected) - KEY_LABELS
    assert folded_labels, "the demo document has no secondary 要素 to fold"

    phone = open_page(PHONE)
    phone.goto(demo_live_server.url + document.url)
    # Every field is in the page, once, whether shown or folded.
    all_rows = phone.eval_on_selector_all(
        "section.meta-box .meta-item",
        "rows => rows.map(row => [row.querySelector('dt').textContent.trim(), row.querySelector('dd').textContent.trim()])")
    assert sorted(label for label, _ in all_rows) == sorted(expected)
    assert dict(all_rows) == expected
    folded = phone.eval_on_selector_all(
        "details.meta-more .meta-item dt", "dts => dts.map(dt => dt.textContent.trim())")
    assert set(folded) == folded_labels
    # Folded: the key fields show, the others wait behind the control.
    assert set(visible_rows(phone)) == set(expected) & KEY_LABELS
    toggle = phone.locator("details.meta-more > summary")
    assert toggle.is_visible() and toggle.inner_text().startswith("更多信息")
    toggle.click()  # no JavaScript: the browser's own <details>
    assert visible_rows(phone) == expected

    desktop = open_page(DESKTOP)
    desktop.goto(demo_live_server.url + document.url)
    assert visible_rows(desktop) == expected, "the full table must show on a wide screen without opening it"
    assert not desktop.locator("details.meta-more > summary").is_visible()

    for viewport in (PHONE, DESKTOP):
        printed = open_page(viewport)
        printed.emulate_media(media="print")
        printed.goto(demo_live_server.url + document.url)
        assert visible_rows(printed) == expected, f"printed at {viewport['width']}px"
        assert not printed.locator("details.meta-more > summary").is_visible()


@pytest.mark.django_db(transaction=True)
def test_search_facets_fold_on_phones_and_stay_open_on_wide_screens(demo_live_server, open_page):
    phone = open_page(PHONE)
    phone.goto(demo_live_server.url + SEARCH_PATH)
    facets = phone.locator(".search-filters__list a")
    assert facets.count() > 0
    assert not any(facets.nth(i).is_visible() for i in range(facets.count()))
    toggle = phone.get_by_text("筛选", exact=True)
    assert toggle.is_visible()
    toggle.click()
    assert all(facets.nth(i).is_visible() for i in range(facets.count()))

    desktop = open_page(DESKTOP)
    desktop.goto(demo_live_server.url + SEARCH_PATH)
    facets = desktop.locator(".search-filters__list a")
    assert facets.count() > 0 and all(facets.nth(i).is_visible() for i in range(facets.count()))
    assert not desktop.locator(".search-filters__toggle").is_visible()
