"""The page chooser opens at the editor's own department column (docs/operations.md).

Wagtail opens it at the tree root, or at the common parent of the wanted page types
(政府信息公开): an editor linking a 政策解读 to their department's 规范性文件 had to browse down
from the top. For a 信息员, 审核员 or 领导 it now opens at their department's column; they
can still go up through the breadcrumbs or search the whole site. Site administrators keep
Wagtail's starting point. A chooser opened on an already chosen page still starts beside it.
"""

from django.db.models import Q
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView

from review.roles import ROLE_SITE_ADMIN


def department_column(user):
    """The column of the department `user` works in, or None (site administrators, no department)."""
    from review.models import Department

    if not user.is_authenticated or user.is_superuser or user.groups.filter(name=ROLE_SITE_ADMIN).exists():
        return None
    groups = user.groups.all()
    department = (Department.objects.filter(root_page__isnull=False)
                  .filter(Q(drafter_group__in=groups) | Q(reviewer_group__in=groups) | Q(leader_group__in=groups))
                  .select_related("root_page").order_by("short_name").first())
    return department.root_page if department else None


@method_decorator([require_admin_access, never_cache], name="dispatch")
class DepartmentBrowseView(BrowseView):
    """Wagtail's chooser browse view, starting at the editor's department column."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is None:
            column = department_column(request.user)
            if column is not None:
                parent_page_id = column.pk
        return super().get(request, parent_page_id)
