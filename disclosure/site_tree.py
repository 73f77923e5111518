"""The page tree's starting point: the default Site's root page (the home page).

One lookup for the importer (columns by path below it) and review (the workflow's columns).
"""

from wagtail.models import Site


def site_root():
    """The default Site's root page, or None on a fresh database with no default Site yet."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None
