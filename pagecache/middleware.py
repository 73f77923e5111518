"""Serve public pages to anonymous visitors from the page cache, and say how others may cache them.

Place it right after WhiteNoise and before SessionMiddleware: a hit then costs no session,
user or database work. Eligible are GET/HEAD requests outside the excluded paths that carry no
session or CSRF cookie (a logged-in editor always has a session cookie) and no Authorization
header. A response is stored only when it is a complete 200 that sets no cookie and did not ask
for privacy itself (a password-protected page sets the CSRF cookie of its form, and so is never
stored). See docs/operations.md, "Page cache".
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from home.context_processors import ELDER_MODE_COOKIE
from pagecache import store

STATUS_HEADER = "X-Page-Cache"
CACHEABLE_TYPES = ("text/html", "application/xml", "application/atom+xml", "application/rss+xml",
                   "text/xml", "text/plain")
DEFAULT_EXCLUDED = ("/admin/", "/django-admin/", "/search/", "/api/", "/documents/", "/elder-mode/",
                    "/data/", "/static/", "/media/")
DEFAULT_PRIVATE = ("/search/", "/api/search/")
# Headers that belong to one exchange, never to a stored copy.
UNSTORED_HEADERS = {"set-cookie", STATUS_HEADER.lower(), "date"}


def _setting(name, default):
    return getattr(settings, name, default)


def elder_variant(request):
    return "elder" if request.COOKIES.get(ELDER_MODE_COOKIE) == "1" else "normal"


def has_identity(request):
    """A session, CSRF or authorization credential: the response may be personal."""
    cookies = request.COOKIES
    return (settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies
            or "HTTP_AUTHORIZATION" in request.META)


def public_cache_control(response):
    max_age = _setting("PAGE_CACHE_MAX_AGE", 60)
    stale = _setting("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
    directives = {"public": True, "max_age": max_age}
    if stale:
        directives["stale_while_revalidate"] = stale
    patch_cache_control(response, **directives)


def stays_private(response):
    control = response.get("Cache-Control", "").lower()
    return any(word in control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(tuple(_setting("PAGE_CACHE_PRIVATE_PATHS", DEFAULT_PRIVATE))):
            return self._private(request, self.get_response(request), no_store=True)
        if (request.method not in ("GET", "HEAD") or has_identity(request)
                or path.startswith(tuple(_setting("PAGE_CACHE_EXCLUDED_PATHS", DEFAULT_EXCLUDED)))
                or path.count("/") > store.MAX_PATH_SEGMENTS):
            return self._private(request, self.get_response(request))
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers 400

        lookup = None
        if _setting("PAGE_CACHE_ENABLED", True) and store.available():
            lookup = store.Lookup(
                store.entry_key(request.scheme, host, path, request.META.get("QUERY_STRING", ""),
                                elder_variant(request)),
                store.generation_keys(path))
            try:
                entry = lookup.find()
            except Exception:
                store.mark_down("lookup")
                entry, lookup = None, None
            if entry is not None:
                return self._from_entry(request, entry)

        response = self.get_response(request)
        if not self._storable(request, response):
            return self._private(request, response)
        public_cache_control(response)
        set_response_etag(response)
        entry = None
        if lookup is not None and request.method == "GET":
            entry = self._entry(response)
            response[STATUS_HEADER] = "miss"
        else:
            response[STATUS_HEADER] = "bypass"
        status = response.get(STATUS_HEADER)
        response = get_conditional_response(request, etag=response.get("ETag"), response=response)
        if status:
            response[STATUS_HEADER] = status
        if entry is not None:
            self._save_after_sending(response, lookup, entry)
        return response

    def _storable(self, request, response):
        return (response.status_code == 200 and not response.streaming and not response.cookies
                and not getattr(request, "is_preview", False) and not getattr(request, "pagecache_private", False)
                and not stays_private(response)
                and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
                and len(response.content) <= _setting("PAGE_CACHE_MAX_ENTRY_BYTES", 4 * 1024 * 1024))

    def _entry(self, response):
        return {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items()
                        if name.lower() not in UNSTORED_HEADERS],
            "content": response.content,
        }

    def _save_after_sending(self, response, lookup, entry):
        """Store the copy once the visitor has the page. The WSGI server calls the response's
        close() after the last byte is written, so pickling, compressing and writing the entry (a
        file or a Redis round trip, about 10 ms) is not part of the wait of the visitor whose request
        missed: right after a purge that is everyone arriving at once. The entry still carries the
        tokens read before rendering, so a purge that lands meanwhile leaves it unmatched."""
        timeout = _setting("PAGE_CACHE_TIMEOUT", 3600)
        close_response = response.close

        def save_then_close():
            try:
                lookup.save(entry, timeout)
            except Exception:
                store.mark_down("save")
            finally:
                close_response()

        # An instance attribute: WSGI servers and Django's test client call `response.close()`.
        response.close = save_then_close

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response = get_conditional_response(request, etag=response.get("ETag"), response=response)
        response[STATUS_HEADER] = "hit"
        return response

    def _private(self, request, response, no_store=False):
        """Nothing a shared cache may keep: search (a visitor's query is nobody else's business, and
        results change as soon as the index does) and whatever an identified visitor sees."""
        if no_store:
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
        elif ((has_identity(request) or getattr(request, "pagecache_private", False))
              and request.method in ("GET", "HEAD") and not stays_private(response)):
            patch_cache_control(response, private=True)
        if _setting("PAGE_CACHE_ENABLED", True):
            response.setdefault(STATUS_HEADER, "bypass")
        return response
