"""Which requests the page cache serves, stores or bypasses, and the HTTP caching headers."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.cache.conftest import DEAD_REDIS, SEED_URL, anonymous_get, body, pages_cache, use_pages_cache

pytestmark = pytest.mark.django_db

COLUMN_URL = "/zwgk/zfxxgk/yfxz/"
CATALOGUE_URL = "/zwgk/zfxxgk/xxgkml/"


def public_urls():
    from disclosure.models import ColumnPage

    column = ColumnPage.objects.get(slug="yfxz")
    return ["/", COLUMN_URL, SEED_URL, CATALOGUE_URL, "/wzdt/", "/sitemap.xml",
            reverse("disclosure:column_feed", args=[column.pk]), f"{COLUMN_URL}?page=1", "/robots.txt"]


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
        demo_site, page_cache, django_assert_num_queries):
    for url in public_urls():
        first = anonymous_get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        with django_assert_num_queries(0):
            second = anonymous_get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"]
        assert second["ETag"] == first["ETag"]


def test_public_pages_carry_public_cache_control_etag_and_vary(demo_site, page_cache, settings):
    settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 45, 20
    for response in (anonymous_get(SEED_URL), anonymous_get(SEED_URL)):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert control == {"public", "max-age=45", "stale-while-revalidate=20"}
        assert response["ETag"].startswith('"')
        assert "cookie" in response["Vary"].lower()  # 长者模式 is a cookie


def test_a_conditional_request_gets_304(demo_site, page_cache):
    etag = anonymous_get(SEED_URL)["ETag"]  # stored
    cached = anonymous_get(SEED_URL, HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304 and cached["X-Page-Cache"] == "hit"
    assert cached.content == b"" and cached["ETag"] == etag
    assert anonymous_get(SEED_URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_conditional_request_gets_304_when_rendered_too(demo_site, settings):
    settings.PAGE_CACHE_ENABLED = False
    etag = anonymous_get(COLUMN_URL)["ETag"]
    assert anonymous_get(COLUMN_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_miss_is_stored_after_the_response_is_sent(demo_site, page_cache, django_assert_num_queries):
    """The WSGI handler the servers run: the copy is written when the server closes the response
    (after the last byte went out), not while the visitor waits, and then it serves the next one."""
    from io import BytesIO

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from pagecache import store

    handler = WSGIHandler()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": SEED_URL, "QUERY_STRING": "", "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": BytesIO(b""), "wsgi.errors": BytesIO()}
    entry_key = store.entry_key("http", "testserver", SEED_URL, "", "normal")
    started = []
    # As Django's test client does: the request signals must not close the test's database
    # connection (on PostgreSQL that would end the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = handler(environ, lambda status, headers: started.append(status))
        body_sent = b"".join(response)
        assert started == ["200 OK"] and b"</html>" in body_sent
        assert response["X-Page-Cache"] == "miss"
        assert store.backend().get(entry_key) is None  # nothing written while it was being sent
        response.close()  # what the server does after sending
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert store.backend().get(entry_key)["content"] == body_sent
    store.local_entries.clear()
    with django_assert_num_queries(0):
        assert anonymous_get(SEED_URL)["X-Page-Cache"] == "hit"


def test_a_conditional_miss_is_stored_too(demo_site, page_cache):
    """A browser revalidating right after a purge gets a 304 from the render, and the page it
    matched is still stored for everyone else."""
    etag = anonymous_get(SEED_URL)["ETag"]
    from pagecache import store

    store.purge_everything()
    store.local_entries.clear()
    revalidated = anonymous_get(SEED_URL, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304 and revalidated["X-Page-Cache"] == "miss"
    hit = anonymous_get(SEED_URL)
    assert hit["X-Page-Cache"] == "hit" and hit["ETag"] == etag


def test_elder_mode_and_normal_mode_never_leak(demo_site, page_cache):
    normal = anonymous_get(SEED_URL)
    elder = Client()
    elder.cookies["elder_mode"] = "1"
    first_elder = elder.get(SEED_URL)
    assert first_elder["X-Page-Cache"] == "miss"
    assert 'class="elder-mode' in body(first_elder) and 'class="elder-mode' not in body(normal)
    again_normal, again_elder = anonymous_get(SEED_URL), elder.get(SEED_URL)
    assert again_normal["X-Page-Cache"] == again_elder["X-Page-Cache"] == "hit"
    assert 'class="elder-mode' not in body(again_normal)
    assert 'class="elder-mode' in body(again_elder)
    # A cookie other than elder_mode=1 is the normal variant.
    other = Client()
    other.cookies["elder_mode"] = "0"
    assert other.get(SEED_URL).content == again_normal.content


def test_each_query_string_is_its_own_entry(demo_site, page_cache):
    assert anonymous_get(COLUMN_URL)["X-Page-Cache"] == "miss"
    assert anonymous_get(f"{COLUMN_URL}?year=2025")["X-Page-Cache"] == "miss"
    assert anonymous_get(f"{COLUMN_URL}?year=2025&page=1")["X-Page-Cache"] == "miss"
    assert anonymous_get(f"{COLUMN_URL}?year=2025")["X-Page-Cache"] == "hit"
    filtered = anonymous_get(f"{CATALOGUE_URL}?q=不存在的名称")
    assert filtered["X-Page-Cache"] == "miss"
    assert "不存在的名称" in body(anonymous_get(f"{CATALOGUE_URL}?q=不存在的名称"))
    assert "不存在的名称" not in body(anonymous_get(CATALOGUE_URL))


def test_a_logged_in_editor_never_gets_nor_populates_a_cached_page(demo_site, page_cache, admin_user):
    from wagtail.models import Page

    editor = Client()
    editor.force_login(admin_user)
    first = editor.get(SEED_URL)
    assert first["X-Page-Cache"] == "bypass" and "private" in first["Cache-Control"]
    assert anonymous_get(SEED_URL)["X-Page-Cache"] == "miss"  # the editor stored nothing
    # Change the row behind the cache's back (no purge): the editor sees it, visitors don't yet.
    Page.objects.filter(slug="2024-fzzfjs-gzbg").update(title="编辑可见的新标题")
    assert "编辑可见的新标题" in body(editor.get(SEED_URL))
    assert "编辑可见的新标题" not in body(anonymous_get(SEED_URL))


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_requests_with_a_session_or_csrf_cookie_bypass(demo_site, page_cache, cookie):
    anonymous_get(SEED_URL)
    visitor = Client()
    visitor.cookies[cookie] = "x" * 32
    response = visitor.get(SEED_URL)
    assert response["X-Page-Cache"] == "bypass" and "private" in response["Cache-Control"]


def test_search_is_never_cached(demo_site, page_cache):
    for url in ("/search/?q=法治政府", "/api/search/?q=法治政府"):
        for _ in range(2):
            response = anonymous_get(url)
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == "bypass"
            assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_posts_admin_and_previews_are_never_cached(demo_site, page_cache, admin_user):
    from home.models import HomePage

    assert anonymous_get(SEED_URL)["X-Page-Cache"] == "miss"
    posted = Client().post(SEED_URL)
    assert posted["X-Page-Cache"] == "bypass"
    assert Client().get("/admin/login/")["X-Page-Cache"] == "bypass"
    editor = Client()
    editor.force_login(admin_user)
    home = HomePage.objects.get()
    preview = editor.get(reverse("wagtailadmin_pages:view_draft", args=[home.pk]))
    assert preview.status_code == 200 and preview["X-Page-Cache"] == "bypass"


def test_a_password_protected_page_is_never_stored(demo_site, page_cache, committed):
    from wagtail.models import PageViewRestriction

    from disclosure.models import ReportPage

    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    anonymous_get(SEED_URL)
    committed(PageViewRestriction.objects.create, page=seed, restriction_type="password", password="secret")
    for _ in range(2):
        response = anonymous_get(SEED_URL)
        assert "2024年度法治政府建设" not in response.content.decode()
        assert response["X-Page-Cache"] == "bypass" and "private" in response["Cache-Control"]


def test_pages_render_when_redis_is_down(demo_site, settings, committed):
    """A real connection failure (a closed port), not a mock: pages still render, publishing works."""
    from disclosure.models import ReportPage

    use_pages_cache(settings, pages_cache("redis", DEAD_REDIS))
    for _ in range(2):
        response = anonymous_get(SEED_URL)
        assert response.status_code == 200 and response["X-Page-Cache"] == "bypass"
    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    committed(seed.save_revision().publish)  # the purge fails, logged; the publish stands
    seed.refresh_from_db()
    assert seed.live and not seed.has_unpublished_changes
    from pagecache import store

    store._down_until = 0.0  # past the pause: it tries Redis again, fails again, still renders
    assert anonymous_get(COLUMN_URL).status_code == 200
