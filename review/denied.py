"""A real 403 for admin pages a user may not open (another department's pages, for instance).

Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a
flash message. A department boundary should read as what it is: the page answers 403,
in Chinese, with a way back. Both replacements go through govsite.wagtail_compat.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite import wagtail_compat


def permission_denied(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return TemplateResponse(request, "review/permission_denied.html", status=403)


def install():
    wagtail_compat.replace_admin_permission_denied(permission_denied)
    wagtail_compat.replace_page_explorer_index_view(department_scoped_index_view)


def department_scoped_index_view(base_class):
    """The page explorer redirects a user who opens a column outside their area to their own
    area; we answer 403 instead when the column is one they have no permission on at all
    (another department's subtree), so the boundary is explicit and testable."""

    class DepartmentScopedIndexView(base_class):
        def get(self, request, parent_page_id=None):
            if parent_page_id and not request.user.is_superuser:
                page = Page.objects.filter(pk=parent_page_id).only("pk").first()
                explorable = PagePermissionPolicy().explorable_instances(request.user)
                if page is not None and not explorable.filter(pk=page.pk).exists():
                    raise PermissionDenied
            return super().get(request, parent_page_id)

    return DepartmentScopedIndexView
