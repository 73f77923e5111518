"""What a change makes stale, purged once per transaction after it commits.

Signal handlers only record what changed (a query at most); `flush` works out the URLs and drops their
generation tokens (pagecache.store) and, when a proxy or CDN is configured, sends it the same URLs
through wagtail.contrib.frontend_cache. Purging after commit matters: a request that renders
between the change and the commit still sees the old rows, and would otherwise store them as new.
A publish, unpublish, move or delete of a page purges:

- the page and everything below it (breadcrumbs and listings below show its title);
- each ancestor's own URL with all its query strings (column listings and the home page's
  latest list), and each ancestor column's feed;
- the catalogue columns and their feeds, sitemap.xml and the 网站地图 page;
- pages that link to it (Wagtail's reference index);
- the whole site when the page is in the header navigation (the home page, a top column, or a
  second-level column or in-menu page), because every page shows that navigation.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.urls import reverse
from wagtail.models import Page

from pagecache import store
from pagecache.frontend import purge_frontend, relative_paths

logger = logging.getLogger("pagecache")
_local = threading.local()
FEED_ROUTE = "disclosure:column_feed"


def feed_path(page_id):
    return reverse(FEED_ROUTE, args=[page_id])


def in_navigation(path, page):
    from disclosure.models import ColumnPage

    depth = len([segment for segment in path.split("/") if segment])
    return depth <= 1 or (depth == 2 and (page.show_in_menus or isinstance(page, ColumnPage)))


class Batch:
    def __init__(self):
        self.everything = False
        self.trees = set()
        self.exact = set()
        self.ancestor_tree_paths = set()
        self.page_ids = set()
        self.level = ()

    def add_page(self, page, url_path=None, tree_path=None):
        from disclosure.models import ColumnPage

        url_path = url_path or page.url_path
        tree_path = tree_path or page.path
        self.page_ids.add(page.pk)
        if isinstance(page, ColumnPage):
            self.exact.add(feed_path(page.pk))
        for path in relative_paths(url_path):
            if any(prefix in self.trees for prefix in store.path_prefixes(path)):
                continue  # a subtree purge above it already covers it (unpublishing a column)
            if in_navigation(path, page):
                self.everything = True
            self.trees.add(path)
            steplen = Page.steplen
            self.ancestor_tree_paths.update(tree_path[:end] for end in range(steplen, len(tree_path), steplen))

    def urls(self):
        """(exact paths, subtree paths) affected, worked out now that the change is committed."""
        from disclosure.column_types import site_wide_types
        from disclosure.models import ColumnPage
        from home.models import SiteMapPage

        if self.everything:
            return set(), {"/"}
        exact = set(self.exact) | {reverse("sitemap")}
        for page_id, url_path in Page.objects.filter(path__in=self.ancestor_tree_paths).values_list("id", "url_path"):
            exact.update(relative_paths(url_path))
            exact.add(feed_path(page_id))
        for page_id, url_path in (ColumnPage.objects.filter(column_type__in=site_wide_types())
                                  .values_list("id", "url_path")):
            exact.update(relative_paths(url_path))
            exact.add(feed_path(page_id))
        for url_path in SiteMapPage.objects.values_list("url_path", flat=True):
            exact.update(relative_paths(url_path))
        for url_path in referencing_url_paths(self.page_ids):
            exact.update(relative_paths(url_path))
        # A subtree already inside another purged subtree adds nothing.
        trees = {path for path in self.trees
                 if not any(prefix in self.trees for prefix in store.path_prefixes(path)[:-1])}
        return exact, trees

    def flush(self):
        if getattr(_local, "batch", None) is self:
            _local.batch = None
        try:
            exact, trees = self.urls()
            store.purge(exact, trees)
        except Exception:
            # Publishing must still succeed; say loudly that cached copies may be stale.
            logger.error("page cache purge failed; run `manage.py purge_page_cache --all` once the cache "
                         "is back", exc_info=True)
            return
        purge_frontend(exact, trees)


def referencing_url_paths(page_ids):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    if not page_ids:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    ids = [str(pk) for pk in page_ids]
    sources = set()
    for start in range(0, len(ids), 500):
        sources.update(ReferenceIndex.objects.filter(
            to_content_type=page_type, to_object_id__in=ids[start:start + 500], base_content_type=page_type,
        ).values_list("object_id", flat=True))
    return list(Page.objects.filter(pk__in=[int(pk) for pk in sources if str(pk).isdigit()],
                                    live=True).values_list("url_path", flat=True))


def current_batch():
    """The batch of the open transaction, flushed once when it commits; outside a transaction a
    new batch that the caller flushes at once."""
    deferred = getattr(_local, "deferred", None)
    if deferred is not None:
        return deferred, False
    connection = transaction.get_connection()
    batch = getattr(_local, "batch", None)
    if not connection.in_atomic_block:
        return Batch(), True
    # Reuse it only while its callback is pending at this same savepoint level: a batch left by a
    # rolled-back or never-committed outer block must not swallow later changes.
    level = tuple(connection.savepoint_ids)
    if (batch is not None and batch.level == level
            and any(entry[1] == batch.flush for entry in connection.run_on_commit)):
        return batch, False
    batch = Batch()
    batch.level = level
    _local.batch = batch
    transaction.on_commit(batch.flush)
    return batch, False


def page_changed(page, url_path=None, tree_path=None):
    batch, immediate = current_batch()
    batch.add_page(page, url_path=url_path, tree_path=tree_path)
    if immediate:
        batch.flush()


def everything_changed():
    batch, immediate = current_batch()
    batch.everything = True
    if immediate:
        batch.flush()


@contextmanager
def deferred_purges():
    """One purge at the end of a bulk operation (an import of thousands of records) instead of one
    per record; what it changed shows when it ends."""
    if getattr(_local, "deferred", None) is not None:
        yield
        return
    batch = _local.deferred = Batch()
    try:
        yield
    finally:
        _local.deferred = None
        if batch.everything or batch.trees or batch.exact:
            batch.flush()
