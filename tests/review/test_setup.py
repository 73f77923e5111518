"""Idempotent set-up commands and the demo loader."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from review import demo
from review.models import Department, SensitiveWord
from review.roles import ROLES
from tests.review.conftest import build_tree

pytestmark = pytest.mark.django_db


def snapshot():
    return (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count(),
            Department.objects.count(), get_user_model().objects.count())


def test_setup_roles_and_department_commands_are_idempotent():
    tree = build_tree()
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_department", "武冈市城市管理和综合执法局", "--short-name", "市城管局", "--slug", "scgj",
                 stdout=out)
    first = snapshot()
    call_command("setup_roles", stdout=out)
    call_command("setup_department", "武冈市城市管理和综合执法局", "--short-name", "市城管局", "--slug", "scgj",
                 stdout=out)
    assert snapshot() == first
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert WorkflowPage.objects.get(page=tree["zwgk"]).workflow.name == "三审发布流程"
    department = Department.objects.get(short_name="市城管局")
    assert department.root_page.get_parent().pk == tree["bmxxgk"].pk
    drafter_perms = set(GroupPagePermission.objects.filter(group=department.drafter_group)
                        .values_list("permission__codename", flat=True))
    assert drafter_perms == {"add_page", "change_page"}
    assert GroupPagePermission.objects.filter(group=department.leader_group,
                                              permission__codename="publish_page").exists()
    assert not GroupPagePermission.objects.filter(group__name__in=["信息员", "审核员"],
                                                  permission__codename="publish_page").exists()


def test_demo_creates_role_users_idempotently_and_prints_passwords():
    build_tree()
    out = io.StringIO()
    demo.load(out, {})
    demo.load(out, {})
    text = out.getvalue()
    for username, password, *_ in demo.DEMO_USERS:
        assert username in text and password in text
    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert set(users["cgj_xxy"].groups.values_list("name", flat=True)) == {"信息员", "市城管局-信息员"}
    assert set(users["sfj_xxy"].groups.values_list("name", flat=True)) == {"信息员", "市司法局-信息员"}
    assert users["cgj_ld"].check_password("cgj-ld-demo-2025")
    assert Department.objects.count() == 2
    from disclosure.models import ArticlePage

    pending = ArticlePage.objects.get(slug=demo.PENDING_SLUG)
    assert not pending.live and pending.current_workflow_task.name == "科室审核"


@override_settings(GOVSITE_ALLOW_DEMO_USERS=False)
def test_demo_never_creates_users_in_production():
    build_tree()
    out = io.StringIO()
    demo.load(out, {})
    assert get_user_model().objects.count() == 0
    assert "密码" not in out.getvalue()
    assert Department.objects.count() == 2  # structure is fine; accounts are not


def test_department_added_in_admin_gets_column_and_groups(client):
    from disclosure.models import Organisation

    tree = build_tree()
    call_command("setup_roles", stdout=io.StringIO())
    org = Organisation.objects.create(name="武冈市财政局", short_name="市财政局")
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    response = client.post(reverse("wagtailsnippets_review_department:add"),
                           {"organisation": org.pk, "short_name": "市财政局", "slug": "sczj"})
    assert response.status_code == 302
    department = Department.objects.get(short_name="市财政局")
    assert department.root_page.get_parent().pk == tree["bmxxgk"].pk
    assert {g.name for g in department.groups()} == {"市财政局-信息员", "市财政局-审核员", "市财政局-领导"}
    # …and its own file collection, on which its groups hold the document and image permissions.
    assert department.collection is not None and department.collection.name == "市财政局"
    assert GroupCollectionPermission.objects.filter(group=department.drafter_group, collection=department.collection,
                                                    permission__codename="change_document").exists()


def test_only_site_admins_edit_the_sensitive_word_list(client):
    from review.roles import ROLE_DRAFTER, ROLE_SITE_ADMIN, add_user_to_role

    build_tree()
    call_command("setup_roles", stdout=io.StringIO())
    drafter = get_user_model().objects.create_user("d", password="x")
    add_user_to_role(drafter, ROLE_DRAFTER)
    site_admin = get_user_model().objects.create_user("s", password="x")
    add_user_to_role(site_admin, ROLE_SITE_ADMIN)
    url = reverse("wagtailsnippets_review_sensitiveword:add")
    client.force_login(drafter)
    client.post(url, {"word": "绝密", "note": "", "active": "on"})
    assert not SensitiveWord.objects.exists()
    client.force_login(site_admin)
    assert client.post(url, {"word": "绝密", "note": "", "active": "on"}).status_code == 302
    assert SensitiveWord.objects.filter(word="绝密").exists()
