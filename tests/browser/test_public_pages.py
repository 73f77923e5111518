"""The seed page in Debian's Chromium: phone widths, the QR code and 长者模式."""

import io

import pytest
from django.core.management import call_command

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
