"""Who must sign in with a second factor: whoever can publish or administer the site."""

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from review.roles import ROLE_LEADER, ROLE_SITE_ADMIN

SECOND_FACTOR_ROLES = (ROLE_SITE_ADMIN, ROLE_LEADER)


def requires_second_factor(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = Group.objects.filter(user=user)
    if groups.filter(name__in=SECOND_FACTOR_ROLES).exists():
        return True
    # A department's 领导 group holds `publish` on its column; someone put only in that group
    # can still make pages live, so the same rule applies.
    return GroupPagePermission.objects.filter(
        group__in=groups, permission__codename="publish_page").exists()
