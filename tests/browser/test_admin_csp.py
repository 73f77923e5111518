"""The Wagtail admin under the enforced Content-Security-Policy, in Debian's Chromium: the
dashboard, listings, the page editor with a table block, its date picker and the page chooser
all work, and the browser reports no CSP violation (docs/security.md)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import token_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "csp-browser-test-password-2026"
# Every violation the page sees, from the DOM event (the console message is checked as well).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
TABLE = {"caption": "执法人员统计", "table": {
    "data": [["单位", "人数"], ["城管局", "42"]], "first_row_is_table_header": True,
    "first_col_is_header": False, "table_caption": ""}}


@pytest.fixture
def editor_page(transactional_db):
    from disclosure.models import ReportPage
    from home.demo import build_site

    build_site(io.StringIO())
    page = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    if not any(block.block_type == "table" for block in page.body):
        page.body.append(("table", TABLE))
    page.save_revision().publish()
    admin = get_user_model().objects.create_superuser("csp_admin", "csp@example.org", PASSWORD)
    TOTPDevice.objects.create(user=admin, name="手机", confirmed=True)  # 站点管理员 must use 2FA
    return page


def open_logged_in(page_at, base_url):
    page = page_at(1280, 900)
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", "csp_admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    # The second factor's page runs under the same policy: its violations count too.
    page.wait_for_url(lambda url: "/two-factor/verify/" in url)
    page.fill("input[name=token]", token_for(TOTPDevice.objects.get(user__username="csp_admin")))
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")
    return page, console


def violations(page, console):
    found = list(page.evaluate("window.__cspViolations"))
    found += [text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text]
    return found


@pytest.mark.django_db(transaction=True)
def test_page_editor_with_a_table_block_works_under_the_csp(live_server, page_at, editor_page):
    page, console = open_logged_in(page_at, live_server.url)
    response = page.goto(f"{live_server.url}/admin/pages/{editor_page.pk}/edit/")
    header = response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in header and "'nonce-" in header

    # Handsontable drew the table and its cells hold the saved values.
    grid = page.locator(".handsontable td", has_text="城管局").first
    grid.wait_for(state="visible")
    # The date picker, which Wagtail starts from an inline script (nonce'd by our override).
    found = violations(page, console)
    assert not found, "\n".join(found)
    page.locator("input[name=published_on]").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    # A chooser: Draftail's link button opens the page chooser modal (HTML fetched and run).
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")
    page.locator(".modal-content").first.wait_for(state="visible")
    page.locator(".modal-content a, .modal-content button").first.wait_for(state="visible")
    page.wait_for_timeout(300)
    found = violations(page, console)
    # Closed here, before the database is flushed: the editor keeps pinging the server.
    page.context.close()
    assert not found, "\n".join(found)


@pytest.mark.django_db(transaction=True)
def test_admin_listings_have_no_csp_violations(live_server, page_at, editor_page):
    page, console = open_logged_in(page_at, live_server.url)
    for path in ("/admin/", f"/admin/pages/{editor_page.get_parent().pk}/", "/admin/documents/",
                 "/admin/images/", "/admin/reports/site-history/", "/admin/users/", "/django-admin/",
                 f"/admin/pages/{editor_page.pk}/history/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers, path
        page.wait_for_load_state("networkidle")
    found = violations(page, console)
    page.context.close()
    assert not found, "\n".join(found)
