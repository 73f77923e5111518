"""Cache settings from the environment, and purges sent to a real HTTP proxy endpoint."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.cache.conftest import SEED_URL
from tests.conftest import PROJECT_DIR


def settings_with(env):
    code = ("import json, os; os.environ.setdefault('SECRET_KEY', 'x'); from govsite.settings import base; "
            "print(json.dumps({'caches': base.CACHES, 'frontend': base.WAGTAILFRONTENDCACHE}, default=str))")
    clean = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_DIR), **env}
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=clean, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def test_default_page_cache_is_a_shared_file_cache():
    caches = settings_with({"PAGE_CACHE_DIR": "/srv/govsite/page_cache"})["caches"]
    assert caches["pages"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert caches["pages"]["LOCATION"] == "/srv/govsite/page_cache"


@pytest.mark.parametrize("name", ["CACHE_URL", "REDIS_URL"])
def test_cache_url_switches_both_caches_to_redis(name):
    result = settings_with({name: "redis://10.0.0.5:6379/2", "CACHE_KEY_PREFIX": "site-a"})
    for alias, prefix in (("default", "site-a"), ("pages", "site-a-pages")):
        config = result["caches"][alias]
        assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert config["LOCATION"] == "redis://10.0.0.5:6379/2" and config["KEY_PREFIX"] == prefix
        assert config["OPTIONS"]["socket_timeout"] == 0.5
    assert result["frontend"] == {}


def test_frontend_purge_url_configures_wagtails_http_backend():
    frontend = settings_with({"FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:8080"})["frontend"]
    assert frontend["proxy"]["BACKEND"] == "pagecache.frontend.TimedHTTPBackend"
    assert frontend["proxy"]["LOCATION"] == "http://127.0.0.1:8080"


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        PurgeRecorder.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_endpoint(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.received = []
    settings.WAGTAILFRONTENDCACHE = {"proxy": {
        "BACKEND": "pagecache.frontend.TimedHTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_address[1]}", "TIMEOUT": 2}}
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_sends_purges_to_the_proxy_after_commit(demo_site, page_cache, committed, purge_endpoint):
    from urllib.parse import unquote

    from disclosure.models import ReportPage

    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    with_commit_pending = seed.save_revision()
    committed(with_commit_pending.publish)
    paths = {unquote(path) for host, path in purge_endpoint}
    assert {SEED_URL, "/zwgk/zfxxgk/yfxz/", "/", "/sitemap.xml", "/zwgk/zfxxgk/xxgkml/", "/wzdt/"} <= paths
    assert "/zwgk/pfxc/" not in paths
    assert {host for host, _ in purge_endpoint} == {"127.0.0.1:8000"}  # the demo site's host name


@pytest.mark.django_db
def test_a_proxy_that_is_down_does_not_stop_publishing(demo_site, page_cache, committed, settings):
    from disclosure.models import ReportPage

    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "pagecache.frontend.TimedHTTPBackend",
                                               "LOCATION": "http://127.0.0.1:9", "TIMEOUT": 1}}
    seed = ReportPage.objects.get(slug="2024-fzzfjs-gzbg")
    committed(seed.save_revision().publish)
    seed.refresh_from_db()
    assert seed.live and not seed.has_unpublished_changes
