"""Per-client request limits over Django's cache (the default cache: Redis or memcached in
production, so every worker shares one count).

A fixed window per client: the first request of a window creates the counter with `add`, the
rest `incr` it, both atomic in the shared backends. Over the limit the view is not run; the
caller's `refuse(request, retry_after)` answers 429 with Retry-After. The limit is read from
settings at each request, so tests can switch it on with an override (docs/security.md)."""

import functools
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.utils.cache import add_never_cache_headers

from home.security.client import rate_limit_key

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\w*\s*")
OFF = {"", "0", "off", "none", "false", "no"}


def parse_rate(text):
    """"60/m" -> (60, 60); "300/5m" -> (300, 300); "" or "off" -> None."""
    if text is None or str(text).strip().lower() in OFF:
        return None
    match = RATE.fullmatch(str(text))
    if not match or int(match.group(1)) < 1:
        raise ImproperlyConfigured(f"rate limit {text!r} must look like 60/m, 1000/h or 300/5m")
    multiplier = int(match.group(2) or 1)
    return int(match.group(1)), multiplier * PERIODS[match.group(3)]


def check(request, scope, rate_text):
    """None when the request may go on, else the seconds until the client's window ends."""
    rate = parse_rate(rate_text)
    if rate is None:
        return None
    limit, period = rate
    now = time.time()
    window = int(now // period)
    key = f"govsite:ratelimit:{scope}:{rate_limit_key(request)}:{period}:{window}"
    cache = caches[getattr(settings, "GOVSITE_RATE_LIMIT_CACHE", "default")]
    # The counter outlives its window a little so a request at the boundary can't reset it.
    if cache.add(key, 1, timeout=period + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: start again
            cache.add(key, 1, timeout=period + 5)
            count = 1
    if count <= limit:
        return None
    return max(1, int((window + 1) * period - now + 0.999))


def rate_limited(scope, setting, refuse):
    """Decorate a view: over the limit named by `setting`, answer `refuse(request, retry_after)`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            retry_after = check(request, scope, getattr(settings, setting, None))
            if retry_after is None:
                return view(request, *args, **kwargs)
            response = refuse(request, retry_after)
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
            # Never let the page cache in front of the site keep a refusal for other clients.
            add_never_cache_headers(response)
            return response

        return wrapped

    return decorator
