from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

ELDER_MODE_COOKIE = "elder_mode"
# What a link to a page needs (title, URL, tree position); loading whole pages costs far more.
LINK_FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "content_type_id", "locale_id",
               "translation_key", "live")


class SiteNavigation:
    """The header's columns and the 网站地图 link, read in one query when first used."""

    def __init__(self, root):
        self.root = root
        self._loaded = False
        self._columns = []
        self._site_map = None

    def _load(self):
        if self._loaded:
            return
        self._loaded = True
        from home.models import SiteMapPage

        depth = self.root.depth
        # No ORDER BY and a plain path prefix: that way the database looks the two depths up in
        # the (depth, path) index (home migration 0002) instead of scanning the whole subtree.
        nodes = sorted(
            Page.objects.live().public()
            .filter(Q(depth=depth + 1) | Q(depth=depth + 2, show_in_menus=True), path__startswith=self.root.path)
            .only(*LINK_FIELDS, "show_in_menus").order_by(),
            key=lambda node: node.path,
        )
        site_map_type = ContentType.objects.get_for_model(SiteMapPage).pk
        by_path = {}
        for node in nodes:
            node.menu_children = []
            if node.depth == depth + 1:
                by_path[node.path] = node
                if node.content_type_id == site_map_type and self._site_map is None:
                    self._site_map = node
                if node.show_in_menus:
                    self._columns.append(node)
            else:
                parent = by_path.get(node.path[: -Page.steplen])
                if parent is not None and parent.show_in_menus:
                    parent.menu_children.append(node)

    @property
    def columns(self):
        self._load()
        return self._columns

    @property
    def site_map(self):
        self._load()
        return self._site_map

    def __iter__(self):
        return iter(self.columns)

    def __len__(self):
        return len(self.columns)

    def __bool__(self):
        return bool(self.columns)


def site_chrome(request):
    """Main navigation columns (live, in-menu children of the site root, each with its in-menu
    children as `menu_children`), the 网站地图 page and the 长者模式 state."""
    elder_mode = request is not None and request.COOKIES.get(ELDER_MODE_COOKIE) == "1"

    def find_site():
        return Site.find_for_request(request) if request is not None else None

    site = SimpleLazyObject(find_site)

    def navigation():
        return SiteNavigation(site.root_page) if site else None

    nav = SimpleLazyObject(navigation)
    return {
        "site_root": SimpleLazyObject(lambda: site.root_page if site else None),
        "main_columns": SimpleLazyObject(lambda: nav.columns if nav else []),
        "site_map_page": SimpleLazyObject(lambda: nav.site_map if nav else None),
        "elder_mode": elder_mode,
    }
