import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.models import Document
from wagtail.images.models import Image

from home import views as home_views
from home.params import IdConverter
from review.chooser import DepartmentBrowseView
from review.files import views as file_views

# Wagtail registers documents and images with the Django admin too, where neither the department
# collections nor the live-file rules apply (docs/security.md §1): files are managed in /admin/ only.
# Here rather than in an app's admin.py, because every admin.py has been imported by now.
for model in (Document, Image):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

# <id:…> in the apps' URLs: ids past the database's integer range answer 404 instead of
# overflowing the query (a 500). Registered once, before the apps' URL modules are included.
register_converter(IdConverter, "id")

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own admin URLs: the page chooser starts at the editor's department column.
    path("admin/choose-page/", DepartmentBrowseView.as_view()),
    # Before Wagtail's admin: replaces its workflow-action view with one that confirms the action.
    path("admin/", include("review.workflow_feedback")),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own route of the same name: private documents answer 404 (docs/security.md §1).
    re_path(r"^documents/(\d+)/(.*)$", file_views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("elder-mode/", home_views.elder_mode, name="elder_mode"),
    path("", include("search.urls")),
    path("", include("applications.urls")),
    path("", include("disclosure.urls")),
]

if settings.DEBUG:
    # Uploaded images for local development; document files are never served from /media/.
    urlpatterns += [re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")), file_views.serve_media,
                            {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
