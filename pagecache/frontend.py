"""Purge a proxy or CDN in front (wagtail.contrib.frontend_cache) with the URLs the page cache purged.

The frontend_cache app itself is not installed: its own signal handlers purge only the published
page, and do so before the transaction commits, so a proxy could fetch and keep the old page again.
Its backends and PurgeBatch are used here instead, after commit, with every affected URL.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

logger = logging.getLogger("pagecache")


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout: a proxy that hangs must not hang publishing."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 3))
        self.unreachable = False
        super().__init__(params)

    def purge(self, url):
        if self.unreachable:
            return  # one batch can hold thousands of URLs; don't wait for each of them in turn
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=self.timeout)  # noqa: S310 - the scheme comes from settings
        except HTTPError as error:
            if error.code != 404:  # nginx's cache_purge answers 404 for a URL it did not hold
                logger.error("Couldn't purge '%s' from the HTTP cache: %d %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            self.unreachable = True
            logger.error("Couldn't purge '%s' from the HTTP cache (%s); skipping the rest of this purge", url, error)


def relative_paths(url_path):
    """The public paths of a page with this url_path, one per site whose root holds it."""
    paths = []
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            paths.append("/" + url_path[len(root.root_path):])
    return paths


def purge_frontend(exact_paths, tree_paths):
    """A proxy caches URLs without query strings only (docs/operations.md): send it each path, and
    for a subtree every live page below it."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    paths = set(exact_paths) | set(tree_paths)
    if tree_paths:
        roots = [root.root_path for root in Site.get_site_root_paths()]
        for tree in tree_paths:
            for root in roots:
                prefix = root.rstrip("/") + tree
                for url_path in Page.objects.filter(url_path__startswith=prefix).values_list("url_path", flat=True):
                    paths.update(relative_paths(url_path))
    batch = PurgeBatch()
    for root in {root.root_url for root in Site.get_site_root_paths()}:
        batch.add_urls(root.rstrip("/") + path for path in sorted(paths))
    try:
        batch.purge()
    except Exception:
        logger.error("frontend cache purge failed", exc_info=True)
