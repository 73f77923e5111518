"""The admin's user list shows each user's department and role (issue 16).

Installed through `review.users_app.UsersAppConfig`, which takes the place of "wagtail.users"
in INSTALLED_APPS: Wagtail reads the user viewset from that app config.
"""

from django.contrib.auth.models import Group
from django.db.models import Prefetch
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users

from review.models import Department
from review.roles import ROLES


def _department_names_by_group():
    names = {}
    for department in Department.objects.all():
        for group in department.groups():
            names[group.pk] = department.short_name
    return names


class IndexView(users.IndexView):
    @property
    def columns(self):
        columns = list(super().columns)
        extra = [
            Column("department", label="部门", accessor=self.department_of, width="15%"),
            Column("role", label="角色", accessor=self.roles_of, width="15%"),
        ]
        # After name and username, before 访问级别/状态/最近登录.
        return columns[:3] + extra + columns[3:]

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))

    def get_context_data(self, **kwargs):
        self._departments = _department_names_by_group()
        return super().get_context_data(**kwargs)

    def department_of(self, user):
        departments = getattr(self, "_departments", None)
        if departments is None:
            departments = self._departments = _department_names_by_group()
        names = dict.fromkeys(departments[g.pk] for g in user.groups.all() if g.pk in departments)
        return "、".join(names) or "—"

    def roles_of(self, user):
        names = [g.name for g in user.groups.all() if g.name in ROLES]
        names.sort(key=ROLES.index)
        if user.is_superuser:
            names.insert(0, "超级管理员")
        return "、".join(names) or "—"


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
