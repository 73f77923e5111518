"""The page cache against real backends: every test that takes `page_cache` runs on the file cache
(the default) and on Redis (REDIS_URL / TEST_REDIS_URL, else 127.0.0.1:6379; skipped locally,
failed in CI, when Redis can't be reached). Purges run after commit, so changes are made inside
`committed(...)`, which runs the on-commit callbacks the test transaction would otherwise drop."""

import os
import uuid

import pytest
from django.test import Client

from tests.conftest import require
from tests.home.conftest import SEED_URL  # noqa: F401 - re-exported for the tests

LOCAL_REDIS = "redis://127.0.0.1:6379/0"
# A closed port: connecting fails at once, like a stopped Redis.
DEAD_REDIS = "redis://127.0.0.1:9/0"


def redis_url():
    return (os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL") or LOCAL_REDIS).strip()


def redis_reachable(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def pages_cache(backend, location, prefix=""):
    if backend == "redis":
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location,
                "KEY_PREFIX": prefix, "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}


def use_pages_cache(settings, config):
    from pagecache import store

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "pages": config}
    settings.PAGE_CACHE_ENABLED = True
    store._down_until = 0.0
    store.local_entries.clear()


@pytest.fixture(params=["file", "redis"])
def page_cache(request, settings, tmp_path):
    from django.core.cache import caches

    if request.param == "file":
        use_pages_cache(settings, pages_cache("file", str(tmp_path / "pages")))
        yield "file"
        return
    url = redis_url()
    require(redis_reachable(url), f"Redis is not reachable at {url}")
    prefix = f"govsite-test-{os.getpid()}-{uuid.uuid4().hex[:10]}"
    use_pages_cache(settings, pages_cache("redis", url, prefix))
    yield "redis"
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    caches["pages"].close()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the purge happens on commit)."""
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run


def anonymous_get(path, **extra):
    """A fresh visitor each time: no cookie from an earlier response comes along."""
    return Client().get(path, **extra)


def body(response):
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return response.content.decode("utf-8")
