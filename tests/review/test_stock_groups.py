import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage

from review.roles import setup_roles

migration = importlib.import_module("home.migrations.0003_remove_stock_groups")


@pytest.mark.django_db
def test_wagtail_stock_groups_are_gone_after_migrating():
    """The test database is built by running every migration, like a fresh install."""
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not GroupApprovalTask.objects.filter(name="Moderators approval").exists()


@pytest.mark.django_db
def test_members_of_stock_groups_move_into_the_project_roles():
    from home.demo import ensure_root

    root = ensure_root()
    User = get_user_model()
    editor = User.objects.create_user(username="old_editor")
    moderator = User.objects.create_user(username="old_moderator")
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    editor.groups.add(editors)
    moderator.groups.add(moderators)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
    workflow = Workflow.objects.create(name="Moderators approval")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)

    migration.remove_stock_groups(django_apps, None)

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page=root, permission=publish, group__name="Moderators").exists()
    assert list(editor.groups.values_list("name", flat=True)) == ["信息员"]
    assert list(moderator.groups.values_list("name", flat=True)) == ["审核员"]
    assert editor.has_perm("wagtailadmin.access_admin")
    # nobody ever went through the stock workflow: it is deleted, not left on the root page
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not WorkflowPage.objects.filter(page=root).exists()


@pytest.mark.django_db
def test_setup_roles_still_strips_stock_groups_recreated_later():
    from home.demo import ensure_root

    root = ensure_root()
    editors, _ = Group.objects.get_or_create(name="Editors")
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    setup_roles()
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()
    # the project's own roles keep theirs
    assert GroupPagePermission.objects.filter(group__name="站点管理员", page=Page.get_first_root_node()).exists()
