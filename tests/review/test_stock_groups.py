import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from review.roles import setup_roles


@pytest.mark.django_db
def test_wagtail_stock_groups_lose_their_tree_wide_page_permissions():
    from home.demo import ensure_root

    root = ensure_root()
    editors, _ = Group.objects.get_or_create(name="Editors")
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    setup_roles()
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()
    # the project's own roles keep theirs
    assert GroupPagePermission.objects.filter(group__name="站点管理员", page=Page.get_first_root_node()).exists()
