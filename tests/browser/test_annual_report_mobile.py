"""The demo's annual report at 320 px in Chromium: the page itself never scrolls sideways, and the
wide table 3 scrolls inside its own keyboard-reachable region."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    call_command("load_demo_site", stdout=io.StringIO())
    return live_server


def test_annual_report_tables_scroll_in_their_own_region_at_320px(demo_live_server, page_at):
    from annual_report.models import AnnualDisclosureReportPage

    report = AnnualDisclosureReportPage.objects.live().get()
    page = page_at(320, 720)
    response = page.goto(demo_live_server.url + report.url)
    assert response.status == 200
    document_width = page.evaluate("document.documentElement.scrollWidth")
    assert document_width <= 320, f"the page scrolls sideways: {document_width}px"
    regions = page.evaluate("""() => [...document.querySelectorAll('.annual-report .table-scroll')].map(el => ({
        label: el.getAttribute('aria-label'), role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'),
        scrolls: el.scrollWidth > el.clientWidth, overflow: getComputedStyle(el).overflowX,
        right: el.getBoundingClientRect().right}))""")
    assert len(regions) == 6  # four blocks of table 2, tables 3 and 4
    assert all(r["role"] == "region" and r["tabindex"] == "0" and r["label"] for r in regions)
    assert all(r["right"] <= 320 and r["overflow"] == "auto" for r in regions)
    table3 = next(r for r in regions if r["label"] == "收到和处理政府信息公开申请情况")
    assert table3["scrolls"], "table 3 should be wider than a 320 px phone and scroll in its region"
