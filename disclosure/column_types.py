"""What each 栏目类型 (`ColumnPage.column_type`) does differently: the one place that branches on it.

A column lists its own live children (`ColumnPage.listed_children`). The 政府信息公开目录
(catalogue) instead lists every item of the site from the catalogue (disclosure/catalogue_view.py):
its page, its Atom feed and its cache purge follow every change anywhere on the site. The page
template, its context, the feed and the purge read this table; docs/architecture.md
("Code-health decisions") says why it is a table and not a catalogue page type.
"""

from disclosure.catalogue_view import catalogue_context, catalogue_entries


class ChildListing:
    # Adds the filters and the Atom feed to the foundation's column_page.html.
    template = "disclosure/column_list_page.html"
    # True when the column shows items from anywhere on the site, so that any change makes it
    # stale (pagecache.purge).
    site_wide = False

    def context(self, column, request):
        return column.listing_context(request)

    def feed_items(self, column, size):
        return list(column.listed_children()[:size])


class SiteCatalogue:
    template = "disclosure/catalogue_page.html"
    site_wide = True

    def context(self, column, request):
        return catalogue_context(column, request)

    def feed_items(self, column, size):
        # The catalogue has no children of its own: its feed is the newest items site-wide.
        entries = catalogue_entries(column.get_site()).order_by("-published_on", "-id")[:size]
        return [entry.page.specific for entry in entries]


LISTING, CATALOGUE = ChildListing(), SiteCatalogue()

# Every code of COLUMN_TYPE_CHOICES (disclosure/models/column.py); tests/disclosure/test_catalogue_columns.py
# fails when one is missing.
COLUMN_TYPES = {
    "list": LISTING,
    "guide": LISTING,
    "rules": LISTING,
    "catalogue": CATALOGUE,
    "annual_report": LISTING,
    "section": LISTING,
}


def behaviour(column_type):
    # A value outside the choices (edited in the database) lists children, as a plain column does.
    return COLUMN_TYPES.get(column_type, LISTING)


def site_wide_types():
    return [code for code, kind in COLUMN_TYPES.items() if kind.site_wide]
