"""The seed page in Debian's Chromium: phone widths, the QR code and 长者模式."""

import io

import pytest

pytestmark = pytest.mark.browser

SEED_URL = "/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/"
BODY_TEXT = ".doc-body .doc-paragraph p"


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    from home.demo import build_site

    # The demo Site is the default site, so Wagtail routes the live server's host to it.
    build_site(io.StringIO())
    return live_server


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.django_db(transaction=True)
def test_seed_page_on_phones(seeded_live_server, page_at):
    for width in (320, 375):
        page = page_at(width, 740)
        response = page.goto(seeded_live_server.url + SEED_URL)
        assert response.status == 200
        assert overflow(page) <= 0, f"horizontal overflow at {width}px"
        qr = page.locator("figure.qr-code svg")
        qr.scroll_into_view_if_needed()
        assert qr.is_visible()
        box = qr.bounding_box()
        assert box["width"] >= 100 and box["height"] >= 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.locator("nav.breadcrumb ol").inner_text().split() == [
            "首页", ">", "政务公开", ">", "政府信息公开", ">", "依法行政"]


@pytest.mark.django_db(transaction=True)
def test_elder_mode_makes_body_text_larger(seeded_live_server, page_at):
    page = page_at(375, 740)
    page.goto(seeded_live_server.url + SEED_URL)
    size = lambda: float(page.eval_on_selector(BODY_TEXT, "e => parseFloat(getComputedStyle(e).fontSize)"))
    before = size()
    page.get_by_role("link", name="长者模式", exact=True).click()
    page.wait_for_load_state()
    assert page.url == seeded_live_server.url + SEED_URL  # back on the same page
    assert "elder-mode" in page.eval_on_selector("body", "e => e.className")
    after = size()
    assert after >= before * 1.2, (before, after)
    assert overflow(page) <= 0
    # Remembered: a fresh visit in the same browser keeps it on, until switched off.
    page.goto(seeded_live_server.url + "/wzdt/")
    assert "elder-mode" in page.eval_on_selector("body", "e => e.className")
    page.get_by_role("link", name="退出长者模式").click()
    page.wait_for_load_state()
    assert "elder-mode" not in page.eval_on_selector("body", "e => e.className")


@pytest.mark.django_db(transaction=True)
def test_wide_screen_layout(seeded_live_server, page_at):
    page = page_at(1440, 900)
    page.goto(seeded_live_server.url + SEED_URL)
    assert overflow(page) <= 0
    body = page.locator(".doc-body").bounding_box()
    qr = page.locator("figure.qr-code svg").bounding_box()
    # Reading measure stays comfortable and the QR code sits beside the article, not below it.
    assert body["width"] <= 900
    assert qr["x"] > body["x"] + body["width"]
    assert qr["y"] < 600


CONTRAST_JS = """
(selectors) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
      const fg = parse(getComputedStyle(el).color).slice(0, 3);
      const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
      out.push([selector, (a + 0.05) / (b + 0.05)]);
    }
  }
  return out;
}
"""
CONTRAST_SELECTORS = [
    ".topbar a", ".topbar__welcome", ".masthead__name", ".main-nav a", ".breadcrumb", ".breadcrumb a",
    ".meta-item dt", ".meta-item dd", ".article__title", ".article-info", ".doc-body p", ".doc-h2",
    ".doc-h3", ".doc-h4", ".doc-signature p", ".qr-code__caption", ".site-footer p", ".site-footer a",
    ".toc summary",
]


@pytest.mark.django_db(transaction=True)
def test_colours_meet_wcag_aa_and_nothing_loads_from_other_hosts(seeded_live_server, page_at):
    from urllib.parse import urlsplit

    host = urlsplit(seeded_live_server.url).netloc
    for elder in (False, True):
        page = page_at(1280, 800)
        requested = []
        page.on("request", lambda request, requested=requested: requested.append(request.url))
        if elder:
            page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": seeded_live_server.url}])
        page.goto(seeded_live_server.url + SEED_URL)
        ratios = page.evaluate(CONTRAST_JS, CONTRAST_SELECTORS)
        assert {selector for selector, _ in ratios} == set(CONTRAST_SELECTORS)
        low = [(selector, round(ratio, 2)) for selector, ratio in ratios if ratio < 4.5]
        assert not low, f"contrast below 4.5:1 (elder={elder}): {low}"
        assert requested and all(urlsplit(url).netloc == host for url in requested), requested
