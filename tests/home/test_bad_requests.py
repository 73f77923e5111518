"""Citizens (and crawlers) send odd query strings: page numbers out of range, filters that name
nothing, script tags, NUL bytes. Every public URL of the demo site answers them with a page or
a 4xx, never a 500, and never echoes markup unescaped."""

import io
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html as lxml_html

SCRIPT = "<script>alert(1)</script>"
BAD_VALUES = [
    "abc", "-1", "0", "99999999999999999999999", "1.5", "%00", "\x00", "' OR 1=1 --", SCRIPT,
    "条" * 1000, "\udcff", "𠀀🙂", "",
]
# Every parameter any public view reads, plus one none of them knows.
PARAMETERS = ["page", "year", "publisher", "subject", "sort", "kind", "q", "category", "type", "format",
              "page_size", "elder", "next", "unknown"]


def public_paths(client):
    """Paths reachable from the home page, one per page type (and every non-page path): pages of
    one type share a view, and a full cross product would take minutes."""
    paths, frontier = {"/"}, ["/"]
    while frontier:
        url = frontier.pop()
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in lxml_html.fromstring(response.content).xpath("//a/@href | //form/@action"):
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(("/admin/", "/static/")):
                continue
            if parts.path not in paths:
                paths.add(parts.path)
                frontier.append(parts.path)
    from wagtail.models import Page, Site

    root = Site.objects.get(is_default_site=True).root_page
    chosen, types_seen = [], set()
    for path in sorted(paths):
        page = Page.objects.filter(url_path=f"{root.url_path}{path[1:]}").first() if path != "/" else None
        if page is not None:  # every column (listings and the catalogue differ), one page per type
            kind = path if page.specific_class.__name__ == "ColumnPage" else page.specific_class
        else:
            kind = "feed" if path.startswith("/feeds/") else path
        if kind not in types_seen:
            types_seen.add(kind)
            chosen.append(path)
    return chosen


def queries():
    """Every bad value in every parameter at once, then the nastiest ones one parameter at a time
    (a view may refuse the first bad parameter before it reads the next)."""
    for value in BAD_VALUES:
        yield {parameter: value for parameter in PARAMETERS}
    for parameter in PARAMETERS:
        for value in ("abc", "99999999999999999999999", "\x00", SCRIPT):
            yield {parameter: value}


def encode(query):
    return "&".join(
        f"{name}=%ED%B3%BF" if value == "\udcff" else urlencode({name: value}) for name, value in query.items())


@pytest.mark.django_db
def test_odd_query_strings_never_break_a_public_page(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    call_command("load_demo_site", stdout=io.StringIO())
    client = Client(HTTP_HOST="127.0.0.1:8000")
    paths = public_paths(client)
    assert len(paths) > 15, paths
    failures = []
    for path in paths:
        for query in queries():
            url = f"{path}?{encode(query)}"
            try:
                response = client.get(url)
            except Exception as error:  # the test client re-raises what would be a 500
                failures.append((url[:120], repr(error)[:200]))
                continue
            if response.status_code >= 500:
                failures.append((url[:120], response.status_code))
            elif not response.streaming and SCRIPT in response.content.decode("utf-8", "replace"):
                failures.append((url[:120], "script echoed unescaped"))
    assert not failures, "\n".join(map(str, failures[:40]))
