"""The search rate limit per client address, through the real views and a real cache backend
(Django's local-memory cache, and Redis when it is reachable): 300 API searches from one address
get 429s once the limit is spent, with a JSON error and Retry-After; the HTML page answers a
Chinese message; other clients are unaffected; X-Forwarded-For counts only from trusted proxies."""

import json
import os
import uuid

import pytest
from django.core.cache import caches
from django.test import Client

from tests.conftest import require

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def redis_reachable():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False


@pytest.fixture(params=["locmem", "redis"])
def limited(request, settings, rate_limit_clock):
    """Production-like: the limit on (60 a minute), counted in a real, empty cache."""
    if request.param == "redis":
        require(redis_reachable(), f"Redis is not reachable at {REDIS_URL}")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                   "KEY_PREFIX": f"govsite-test-{uuid.uuid4().hex[:10]}"}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                   "LOCATION": f"ratelimit-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": backend}
    settings.SEARCH_RATE_LIMIT = "60/m"
    settings.GOVSITE_TRUSTED_PROXIES = []
    yield
    caches["default"].clear()


def api(client, **extra):
    # An empty query answers 200 without touching the search engine: only the limit is tested.
    return client.get("/api/search/", {"q": ""}, **extra)


def test_300_api_searches_from_one_address_get_429s(limited):
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [api(client) for _ in range(300)]
    codes = [response.status_code for response in statuses]
    assert codes[:60] == [200] * 60
    assert codes[60:] == [429] * 240
    refused = statuses[-1]
    assert refused["Content-Type"].startswith("application/json")
    assert "过于频繁" in json.loads(refused.content)["error"]
    assert int(refused["Retry-After"]) == 50  # the rest of the window
    assert "no-store" in refused["Cache-Control"]
    # Another client is not affected.
    assert api(Client(REMOTE_ADDR="198.51.100.9")).status_code == 200


def test_html_search_answers_429_in_chinese(limited):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(60):
        assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "条例"})
    assert response.status_code == 429
    text = response.content.decode("utf-8")
    assert "访问过于频繁" in text and "秒后再试" in text
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith("text/html")
    # The HTML page and the API share one budget per client.
    assert api(client).status_code == 429


def test_the_next_window_starts_a_new_budget(limited, rate_limit_clock):
    clock = rate_limit_clock
    client = Client(REMOTE_ADDR="203.0.113.10")
    assert [api(client).status_code for _ in range(61)][-1] == 429
    clock.now += 49
    assert api(client).status_code == 429
    assert api(client)["Retry-After"] == "1"
    clock.now += 1
    assert api(client).status_code == 200


def test_forged_forwarded_for_does_not_escape_the_limit(limited):
    client = Client(REMOTE_ADDR="203.0.113.9")
    codes = [api(client, HTTP_X_FORWARDED_FOR=f"10.0.{n // 250}.{n % 250}").status_code for n in range(80)]
    assert codes.count(429) == 20


def test_trusted_proxy_forwards_the_client_address(limited, settings):
    settings.GOVSITE_TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    # Clients behind the proxy are counted apart; a hop the client wrote itself (left of the
    # address our proxies saw) is ignored.
    for _ in range(60):
        assert api(proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.20, 10.1.2.3").status_code == 200
    assert api(proxy, HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.20, 10.1.2.3").status_code == 429
    assert api(proxy, HTTP_X_FORWARDED_FOR="203.0.113.21").status_code == 200


def test_ipv6_clients_are_counted_by_their_64(limited):
    codes = [api(Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}")).status_code for n in range(61)]
    assert codes[-1] == 429


def test_limit_is_off_under_test_settings():
    client = Client(REMOTE_ADDR="203.0.113.30")
    assert all(api(client).status_code == 200 for _ in range(100))


def test_rate_setting_is_validated():
    from django.core.exceptions import ImproperlyConfigured

    from home.security.ratelimit import parse_rate

    assert parse_rate("60/m") == (60, 60)
    assert parse_rate("300/5m") == (300, 300)
    assert parse_rate("1000/hour") == (1000, 3600)
    assert parse_rate("off") is None and parse_rate("") is None
    with pytest.raises(ImproperlyConfigured):
        parse_rate("sixty")
