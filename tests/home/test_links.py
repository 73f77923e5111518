"""Auditors fail a government site for dead links. Crawl the whole demo site the way a link
checker does, from the home page, and require every internal link, stylesheet, image and feed
to answer."""

import io
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from lxml import etree as lxml_etree
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db

# Query-string variants (filters, pages, sort orders) multiply quickly; a link checker follows
# them too, but stops expanding once it has seen enough of them.
MAX_PAGES = 1500
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("form", "action"))


def internal_links(url, document):
    for tag, attribute in LINK_ATTRIBUTES:
        for element in document.iter(tag):
            if tag == "form" and (element.get("method") or "get").lower() != "get":
                continue
            value = (element.get(attribute) or "").strip()
            if not value or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            absolute, _fragment = urldefrag(urljoin("http://127.0.0.1:8000" + url, value))
            parts = urlsplit(absolute)
            if parts.netloc != "127.0.0.1:8000":
                continue
            yield parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """Load the whole demo and crawl it once from the home page, as a link checker does.
    Returns the dead links, the HTML pages fetched and the sitemap's URLs."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from tests.conftest import ensure_test_database

    with django_db_blocker.unblock(), transaction.atomic(), \
            override_settings(ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        ensure_test_database()
        call_command("load_demo_site", stdout=io.StringIO())
        client = Client(HTTP_HOST="127.0.0.1:8000")
        queue, seen, dead, html_pages = deque([("/", "(start)")]), {"/"}, [], {}
        while queue:
            url, referrer = queue.popleft()
            path = urlsplit(url).path
            if path.startswith(settings.STATIC_URL):
                if not finders.find(path[len(settings.STATIC_URL):]):
                    dead.append((url, 404, referrer))
                continue
            response = client.get(url, follow=True)
            if response.status_code != 200:
                dead.append((url, response.status_code, referrer))
                continue
            if "html" not in response.get("Content-Type", ""):
                continue
            document = lxml_html.fromstring(response.content)
            html_pages[url] = document
            for link in internal_links(url, document):
                if link in seen or link.startswith("/admin/") or len(seen) >= MAX_PAGES:
                    continue
                seen.add(link)
                queue.append((link, url))
        # Every URL the sitemap gives to search engines must answer too.
        sitemap = lxml_etree.fromstring(client.get("/sitemap.xml").content)
        locations = [urlsplit(loc.text).path for loc in sitemap.iter("{*}loc")]
        for path in locations:
            status = client.get(path).status_code
            if status != 200:
                dead.append((path, status, "/sitemap.xml"))
        yield {"dead": dead, "seen": seen, "html_pages": html_pages, "locations": locations}
        transaction.set_rollback(True)


def test_demo_site_has_no_dead_links(crawl):
    assert not crawl["dead"], "dead links (url, status, found on):\n" + "\n".join(map(str, crawl["dead"]))
    # The crawl must have reached the whole demo, not stopped at a broken home page.
    assert len(crawl["html_pages"]) > 60 and len(crawl["locations"]) > 30
    assert {"/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/", "/search/"} <= crawl["seen"]


def accessibility_problems(document):
    """The WCAG checks a static audit can make on every page (contrast and reflow are
    measured in the browser tests)."""
    problems = []
    if document.getroottree().getroot().get("lang") != "zh-CN":
        problems.append("html lang is not zh-CN")
    if not (document.findtext(".//title") or "").strip():
        problems.append("empty <title>")  # 2.4.2
    h1s = document.xpath("//h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements")
    levels = [int(h.tag[1]) for h in document.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:  # 1.3.1: no skipped heading levels
            problems.append(f"heading h{before} followed by h{after}")
            break
    for image in document.iter("img"):
        if image.get("alt") is None:
            problems.append(f"<img src={image.get('src')}> has no alt")  # 1.1.1
    for svg in document.iter("svg"):
        if svg.get("aria-hidden") != "true" and not (svg.get("aria-label") or svg.get("aria-labelledby")
                                                       or svg.find("title") is not None):
            problems.append("an <svg> image has no accessible name")
    labelled = {label.get("for") for label in document.iter("label")}
    for control in document.xpath("//input[not(@type='hidden') and not(@type='submit')] | //select | //textarea"):
        named = (control.get("id") in labelled or control.get("aria-label") or control.get("aria-labelledby")
                 or control.get("title") or any(a.tag == "label" for a in control.iterancestors()))
        if not named:  # 1.3.1 / 4.1.2
            problems.append(f"form control {control.get('name')!r} has no label")
    for link in document.iter("a"):
        text = link.text_content().strip() or link.get("aria-label") or link.get("title") \
            or "".join(img.get("alt") or "" for img in link.iter("img"))
        if not text:  # 2.4.4
            problems.append(f"link to {link.get('href')} has no text")
    ids = document.xpath("//@id")
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:  # 4.1.1
        problems.append(f"duplicate ids {sorted(duplicates)}")
    if not document.xpath("//main"):
        problems.append("no <main> landmark")
    if not document.xpath("//a[@href='#main' or @href='#content']"):
        problems.append("no skip link")  # 2.4.1
    return problems


def test_every_crawled_page_passes_the_static_accessibility_checks(crawl):
    failures = {url: problems for url, document in crawl["html_pages"].items()
                if (problems := accessibility_problems(document))}
    assert not failures, "\n".join(f"{url}: {problems}" for url, problems in list(failures.items())[:30])
