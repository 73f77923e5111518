from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from review.guards import is_site_admin
from search import admin_views

admin_urls = [
    path("", admin_views.index_status, name="index_status"),
    path("rebuild/", admin_views.rebuild_index, name="rebuild"),
]


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("search-index/", include((admin_urls, "search_admin"), namespace="search_admin"))]


class SiteAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_site_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_index_status_menu_item():
    return SiteAdminMenuItem("检索状态", reverse("search_admin:index_status"), name="search-index-status",
                             icon_name="search", order=270)
