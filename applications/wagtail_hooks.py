from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from applications.roles import can_access_applications
from applications.views import admin as views

admin_patterns = ([
    path("", views.case_list, name="list"),
    path("register/", views.register, name="register"),
    path("export.csv", views.export, name="export"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/action/<str:kind>/", views.case_action, name="action"),
    path("<int:pk>/letters/<int:letter_id>/", views.letter, name="letter"),
    path("<int:pk>/letters/<int:letter_id>/pdf/", views.letter, {"pdf": True}, name="letter_pdf"),
], "applications_admin")


@hooks.register("register_admin_urls")
def applications_admin_urls():
    return [path("applications/", include(admin_patterns))]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_access_applications(request.user)


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ApplicationsMenuItem("依申请公开", reverse("applications_admin:list"), icon_name="mail", order=250)


def _register_snippets():
    from wagtail.snippets.models import register_snippet

    from applications.models import Appeal

    register_snippet(Appeal)


_register_snippets()
