"""Content-Security-Policy and Permissions-Policy on every public page type of the demo site and
on the admin, through the real views and database (docs/security.md).

Public pages share one policy without nonces (a shared page cache serves them), so their HTML
must hold nothing inline the policy would block: no inline scripts, no style attributes, no on*
handlers. The admin's policy adds a per-request nonce, which every inline script must carry."""

import base64
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.template import loader
from django.test import Client
from lxml import html as lxml_html

from tests.home.demo_pages import HOST, first_of, full_demo, page_type_urls  # noqa: F401

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
REQUIRED_PERMISSIONS = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def check_public_policy(url, response):
    header = response.get("Content-Security-Policy")
    assert header, f"{url}: no Content-Security-Policy"
    policy = directives(header)
    for directive in ("default-src", "script-src", "style-src", "object-src", "base-uri", "frame-ancestors"):
        assert directive in policy, (url, directive)
    assert policy["script-src"] == ["'self'"], (url, header)
    assert policy["object-src"] == ["'none'"]
    for banned in ("'unsafe-eval'", "'unsafe-inline'", "'nonce-", "*", "http:", "https:"):
        assert not any(source.startswith(banned) for values in policy.values() for source in values), (url, banned)
    permissions = response.get("Permissions-Policy", "")
    for feature in REQUIRED_PERMISSIONS:
        assert feature in permissions, (url, feature)


def inline_code(document):
    """What a strict policy would block in a page: inline scripts, style attributes and <style>
    elements (other than hashed ones), on* handlers and javascript: links."""
    found = []
    for script in document.iter("script"):
        if not script.get("src") and (script.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            found.append(("script", (script.text or "")[:80]))
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name == "style" or name.startswith("on"):
                found.append((element.tag, f"{name}={value[:60]}"))
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                found.append((element.tag, f"{name}={value[:60]}"))
    return found


def public_urls():
    power_list = first_of("disclosure.PowerListPage")
    column = first_of("disclosure.ColumnPage")
    return page_type_urls() + [
        "/search/", "/search/?q=%E6%9D%A1%E4%BE%8B", "/api/search/?q=", "/robots.txt", "/sitemap.xml",
        f"/feeds/column/{column.pk}/atom.xml", f"/data/power-list/{power_list.pk}.csv",
        f"/data/power-list/{power_list.pk}.xlsx", f"/data/power-list/{power_list.pk}.json",
        "/no-such-page/", "/elder-mode/?on=1&next=/",
    ]


def test_every_public_page_type_carries_csp_and_permissions_policy(full_demo):
    client = Client(HTTP_HOST=HOST)
    urls = public_urls()
    assert len(urls) > 20, urls
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        check_public_policy(url, response)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            document = lxml_html.fromstring(response.content)
            assert inline_code(document) == [], url


def test_elder_mode_pages_have_nothing_inline(full_demo):
    client = Client(HTTP_HOST=HOST)
    client.get("/elder-mode/?on=1&next=/")
    for url in page_type_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        check_public_policy(url, response)
        assert inline_code(lxml_html.fromstring(response.content)) == [], url


def test_the_500_page_style_is_allowed_by_its_hash(full_demo):
    """The 500 page renders without static files, so its one <style> block is allowed by hash;
    the hash in the policy must follow any edit of the template."""
    page = loader.get_template("500.html").render()
    blocks = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert blocks
    response = Client(HTTP_HOST=HOST).get("/robots.txt")
    styles = directives(response["Content-Security-Policy"])["style-src"]
    for block in blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in styles
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


@pytest.fixture
def admin_client(full_demo):
    admin = get_user_model().objects.create_superuser("csp_admin", "csp@example.org", "csp-admin-password-2026")
    client = Client(HTTP_HOST=HOST)
    client.force_login(admin)  # password and second factor (tests/sign_in.py)
    return client


def check_admin_page(url, response):
    assert response.status_code == 200, (url, response.status_code)
    header = response["Content-Security-Policy"]
    policy = directives(header)
    assert "'unsafe-eval'" not in header
    assert "'unsafe-inline'" not in policy["script-src"]
    nonces = [source[len("'nonce-"):-1] for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) <= 1
    assert "camera=()" in response["Permissions-Policy"]
    document = lxml_html.fromstring(response.content)
    scripts = [script for script in document.iter("script")
               if not script.get("src") and (script.get("type") or "").lower() not in DATA_SCRIPT_TYPES]
    for script in scripts:
        assert nonces and script.get("nonce") == nonces[0], (url, (script.text or "")[:100])
    for element in document.iter():
        if isinstance(element.tag, str):
            assert not [name for name in element.attrib if name.startswith("on")], (url, element.tag)
    return scripts


def test_admin_dashboard_and_page_editor_carry_csp(admin_client):
    from disclosure.models import EnforcementDecisionPage, ReportPage

    report = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    decision = EnforcementDecisionPage.objects.live().first()
    inline_scripts = 0
    for url in ("/admin/", f"/admin/pages/{report.pk}/edit/", f"/admin/pages/{decision.pk}/edit/",
                f"/admin/pages/{report.get_parent().pk}/", f"/admin/pages/add/disclosure/articlepage/"
                f"{report.get_parent().pk}/", "/admin/documents/", "/admin/images/", "/admin/users/",
                "/django-admin/", "/django-admin/auth/user/"):
        inline_scripts += len(check_admin_page(url, admin_client.get(url)))
    # The editors do have Wagtail's inline start-up scripts (date pickers, choosers): nonce'd above.
    assert inline_scripts > 0


def test_admin_login_page_carries_csp(full_demo):
    response = Client(HTTP_HOST=HOST).get("/admin/login/")
    check_admin_page("/admin/login/", response)
