"""The 依申请公开 role: a global group for admin access and one group per department.

Following review.roles: `<简称>-依申请公开` holds the department's handlers; only its
members and 站点管理员 see that department's applications (list, detail, export, letters).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from review.roles import ROLE_SITE_ADMIN, department_group_name

ROLE_APPLICATIONS = "依申请公开"


def is_site_admin(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ROLE_SITE_ADMIN).exists())


def agencies_for(user):
    """The departments whose applications `user` handles; None means all of them."""
    from review.models import Department

    if not user.is_authenticated:
        return Department.objects.none()
    if is_site_admin(user):
        return None
    return Department.objects.filter(application_desk__group__in=user.groups.all())


def can_handle(user, application):
    agencies = agencies_for(user)
    return agencies is None or agencies.filter(pk=application.agency_id).exists()


def can_access_applications(user):
    return is_site_admin(user) or (user.is_active and user.groups.filter(name=ROLE_APPLICATIONS).exists())


@transaction.atomic
def setup_application_role():
    group, _ = Group.objects.get_or_create(name=ROLE_APPLICATIONS)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


@transaction.atomic
def setup_desk(department):
    """Make `department` accept applications, with its `<简称>-依申请公开` group (idempotent)."""
    # Through the app registry: the case model imports this module (agencies_for).
    application_desks = apps.get_model("applications", "ApplicationDesk")
    setup_application_role()
    desk, _ = application_desks.objects.get_or_create(department=department)
    if desk.group_id is None:
        desk.group = Group.objects.get_or_create(name=department_group_name(department.short_name,
                                                                            ROLE_APPLICATIONS))[0]
        desk.save()
    return desk


def add_handler(user, department):
    desk = setup_desk(department)
    user.groups.add(Group.objects.get(name=ROLE_APPLICATIONS), desk.group)
