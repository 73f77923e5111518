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
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
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


class CalendarWarningPanel:
    """On the admin dashboard of handlers and site administrators: the notice still to be entered."""

    name = "applications_calendar_warning"
    order = 50

    def __init__(self, message):
        self.message = message

    @property
    def media(self):
        from django.forms import Media

        return Media()

    def render_html(self, parent_context=None):
        from django.template.loader import render_to_string

        return render_to_string("applications/admin/calendar_warning.html", {"message": self.message})


@hooks.register("construct_homepage_panels")
def calendar_warning_panel(request, panels):
    from applications.clock import WorkCalendar

    if can_access_applications(request.user):
        message = views.calendar_warning(WorkCalendar())
        if message:
            panels.append(CalendarWarningPanel(message))
