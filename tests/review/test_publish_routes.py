"""Every route that can make a page live is closed under the 三审 workflow to all but a 站点管理员.

A 领导 holds the department's `publish` permission (the workflow's final approval needs it), so
each route below is tried as the 领导: it must leave nothing newly live and the original page
unchanged, while a 站点管理员 doing the same does publish — which shows the request is one that
would have worked. The 领导's normal approval still publishes.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.rich_text import RichText

from review.publication import WorkflowPagePermissionTester
from review.roles import ROLE_SITE_ADMIN, add_user_to_role
from tests.review.conftest import create_page, login, page_form, task_state_of, workflow_action

pytestmark = pytest.mark.django_db

EVIL = "https://evil.example/"


def api_action(client, page, action, **data):
    return client.post(f"/admin/api/main/pages/{page.pk}/action/{action}/", data=data,
                       content_type="application/json")


def article(parent, slug, text="已审核发布的正文。", live=True):
    from disclosure.models import ArticlePage

    page = ArticlePage(title=f"城管局通知{slug}", slug=slug, item_kind="other", live=False)
    page.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def body_of(page):
    from disclosure.models import ArticlePage

    return ArticlePage.objects.get(pk=page.pk).body_text()


def live_ids():
    return set(Page.objects.filter(live=True).values_list("pk", flat=True))


@pytest.fixture
def routes(tree):
    from disclosure.models import ColumnPage

    root = tree["dept_a"].root_page
    other_column = ColumnPage(title="城管局通知公告", slug="tzgg", column_type="list")
    root.add_child(instance=other_column)
    other_column.save_revision().publish()
    admin = get_user_model().objects.create_user("siteadmin", password="x")
    add_user_to_role(admin, ROLE_SITE_ADMIN)
    return {**tree, "root": root, "other_column": ColumnPage.objects.get(pk=other_column.pk),
            "live": article(root, "live"), "admin": admin}


def test_every_page_type_answers_with_the_workflow_permission_tester(routes):
    for model in get_page_models():
        assert isinstance(model().permissions_for_user(routes["leader"]), WorkflowPagePermissionTester), model


def test_leader_keeps_publish_rights_only_through_the_workflow(routes):
    perms = routes["live"].permissions_for_user(routes["leader"])
    assert "publish" in perms.permissions  # what 领导审批 requires (review.models.tasks)
    assert not perms.can_publish() and not perms.can_set_view_restrictions()
    assert not routes["root"].permissions_for_user(routes["leader"]).can_publish_subpage()
    # Taking something down, or cancelling a scheduled publication, stays theirs.
    assert perms.can_unpublish() and perms.can_unschedule()
    admin_perms = routes["live"].permissions_for_user(routes["admin"])
    assert admin_perms.can_publish() and admin_perms.can_move_to(routes["other_column"])
    # Outside the workflow (the home page's own children) Wagtail's rules are unchanged.
    assert routes["home"].permissions_for_user(routes["admin"]).can_publish_subpage()


def test_api_copy_keep_live_leaves_nothing_newly_live(client, routes):
    live, before = routes["live"], live_ids()
    login(client, routes["leader"])
    response = api_action(client, live, "copy", keep_live=True, title="复制后未经审核", slug="copied")
    assert response.status_code == 403, response.content[:500]
    # keep_live defaults to true in Wagtail's API: leaving it out is no way round.
    assert api_action(client, live, "copy", title="复制后未经审核", slug="copied2").status_code == 403
    assert live_ids() == before
    assert not Page.objects.filter(slug__in=["copied", "copied2"]).exists()
    # A draft copy is an ordinary draft: allowed, and not live.
    response = api_action(client, live, "copy", keep_live=False, title="草稿副本", slug="draft-copy")
    assert response.status_code == 201, response.content[:500]
    assert not Page.objects.get(slug="draft-copy").live
    live.refresh_from_db()
    assert live.live and body_of(live) == "已审核发布的正文。"
    client.logout()
    login(client, routes["admin"])
    assert api_action(client, live, "copy", keep_live=True, title="管理员复制", slug="admin-copy").status_code == 201
    assert Page.objects.get(slug="admin-copy").live


def test_api_create_alias_is_refused(client, routes):
    live, before = routes["live"], live_ids()
    login(client, routes["leader"])
    response = api_action(client, live, "create_alias", destination_page_id=routes["other_column"].pk)
    assert response.status_code == 403, response.content[:500]
    assert live_ids() == before
    assert not Page.objects.filter(alias_of=live).exists()
    client.logout()
    login(client, routes["admin"])
    response = api_action(client, live, "create_alias", destination_page_id=routes["other_column"].pk)
    assert response.status_code == 201, response.content[:500]
    assert Page.objects.get(alias_of=live).live


def test_api_copy_for_translation_as_alias_is_refused(client, routes):
    from wagtail.models import Locale

    live, before = routes["live"], live_ids()
    login(client, routes["leader"])
    response = api_action(client, live, "copy_for_translation", locale=Locale.get_default().language_code,
                          alias=True)
    assert response.status_code == 403
    assert live_ids() == before


def test_api_move_of_a_live_page_is_refused_but_drafts_move(client, routes):
    live, target = routes["live"], routes["other_column"]
    login(client, routes["leader"])
    response = api_action(client, live, "move", destination_page_id=target.pk, position="last-child")
    assert response.status_code == 403, response.content[:500]
    live.refresh_from_db()
    assert live.get_parent().pk == routes["root"].pk and live.live
    draft = article(routes["root"], "draft", live=False)
    assert api_action(client, draft, "move", destination_page_id=target.pk, position="last-child").status_code == 200
    draft.refresh_from_db()
    assert draft.get_parent().pk == target.pk and not draft.live
    # Reordering among siblings is not a move anywhere new.
    assert api_action(client, live, "move", destination_page_id=target.pk, position="left").status_code == 200
    client.logout()
    login(client, routes["admin"])
    assert api_action(client, live, "move", destination_page_id=target.pk, position="last-child").status_code == 200
    live.refresh_from_db()
    assert live.get_parent().pk == target.pk and live.live


def test_ui_move_and_bulk_move_of_a_live_page_are_refused(client, routes):
    live, target = routes["live"], routes["other_column"]
    login(client, routes["leader"])
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[live.pk, target.pk]))
    assert response.status_code == 403
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?id={live.pk}"
    client.post(url, {"chooser": target.pk})
    live.refresh_from_db()
    assert live.get_parent().pk == routes["root"].pk


def test_api_revert_leaves_the_live_version_alone(client, routes):
    live = routes["live"]
    old_revision = live.latest_revision
    live.body = [("paragraph", RichText("<p>第二版正文。</p>"))]
    live.save_revision().publish()
    login(client, routes["leader"])
    response = api_action(client, live, "revert_to_page_revision", revision_id=old_revision.pk)
    assert response.status_code == 200, response.content[:500]  # a draft: allowed
    live.refresh_from_db()
    assert body_of(live) == "第二版正文。" and live.has_unpublished_changes
    assert api_action(client, live, "publish").status_code == 403
    live.refresh_from_db()
    assert body_of(live) == "第二版正文。"
    client.logout()
    login(client, routes["admin"])
    assert api_action(client, live, "publish").status_code == 200
    assert body_of(live) == "已审核发布的正文。"


def test_api_revert_during_leader_approval_sends_the_page_back_to_secrecy_review(client, routes):
    """The 保密审查 must cover what is published: a reverted draft is a new text."""
    login(client, routes["drafter"])
    _, page = create_page(client, routes["root"], slug="in-review")
    client.logout()
    page.refresh_from_db()
    first_revision = page.latest_revision
    login(client, routes["drafter"])
    data = page_form("城管局工作通知", "in-review", paragraphs=("修改后的正文。",))
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    client.logout()
    login(client, routes["reviewer"])
    workflow_action(client, page, "approve", secrecy_confirmed="on")
    client.logout()
    assert task_state_of(page).task.name == "领导审批"
    login(client, routes["leader"])
    assert api_action(client, page, "revert_to_page_revision", revision_id=first_revision.pk).status_code == 200
    workflow_action(client, page, "approve", comment="同意")
    page.refresh_from_db()
    assert not page.live
    assert task_state_of(page).task.name == "科室审核"


def test_ui_revert_with_publish_keeps_the_live_version(client, routes):
    live = routes["live"]
    old_revision = live.latest_revision
    live.body = [("paragraph", RichText("<p>第二版正文。</p>"))]
    live.save_revision().publish()
    login(client, routes["leader"])
    data = page_form(live.title, live.slug, paragraphs=("已审核发布的正文。",))
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:revisions_revert", args=[live.pk, old_revision.pk]), data)
    live.refresh_from_db()
    assert body_of(live) == "第二版正文。"


def test_ui_copy_with_publish_copies_or_alias_makes_a_draft(client, routes):
    live, before = routes["live"], live_ids()
    login(client, routes["leader"])
    url = reverse("wagtailadmin_pages:copy", args=[live.pk])
    form = client.get(url).content.decode()
    assert 'name="publish_copies"' in form  # Wagtail offers it: the leader holds `publish`
    for slug, option in [("ui-copy", "publish_copies"), ("ui-alias", "alias")]:
        client.post(url, {"new_title": "复制", "new_slug": slug, "new_parent_page": routes["root"].pk,
                          option: "on"})
        copy = Page.objects.get(slug=slug)
        assert not copy.live and copy.alias_of_id is None
    assert live_ids() == before
    client.logout()
    login(client, routes["admin"])
    client.post(url, {"new_title": "复制", "new_slug": "admin-ui-copy", "new_parent_page": routes["root"].pk,
                      "publish_copies": "on"})
    assert Page.objects.get(slug="admin-ui-copy").live


def test_bulk_publish_is_refused_and_next_is_not_followed(client, routes):
    draft = article(routes["root"], "bulk", live=False)
    login(client, routes["leader"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={draft.pk}&next={EVIL}", {"include_descendants": "on"})
    assert response.status_code == 302 and not response["Location"].startswith(EVIL)
    draft.refresh_from_db()
    assert not draft.live
    # Publishing the column's draft descendants from the column is closed too.
    response = client.post(f"{url}?id={routes['root'].pk}", {"include_descendants": "on"})
    draft.refresh_from_db()
    assert not draft.live
    client.logout()
    login(client, routes["admin"])
    response = client.post(f"{url}?id={draft.pk}&next={EVIL}", {"include_descendants": ""})
    assert not response["Location"].startswith(EVIL)
    draft.refresh_from_db()
    assert draft.live


@pytest.mark.parametrize("target", [EVIL, "//evil.example/", "https:evil.example", "javascript:alert(1)"])
def test_the_bulk_publish_refusal_never_redirects_off_site(routes, target):
    """The project's own refusal (review.wagtail_hooks.block_bulk_publish) reads `next` too."""
    from review.wagtail_hooks import block_bulk_publish

    draft = article(routes["root"], "hook", live=False)
    request = RequestFactory().post("/admin/bulk/wagtailcore/page/publish/?" + urlencode({"next": target}))
    request.user = routes["leader"]
    request._messages = CookieStorage(request)
    response = block_bulk_publish(request, "publish", [draft], None)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    local = RequestFactory().post("/admin/bulk/wagtailcore/page/publish/?next=/admin/pages/")
    local.user, local._messages = routes["leader"], request._messages
    assert block_bulk_publish(local, "publish", [draft], None)["Location"] == "/admin/pages/"


def test_privacy_and_scheduling_by_a_leader_are_refused(client, routes):
    live = routes["live"]
    login(client, routes["leader"])
    response = client.post(reverse("wagtailadmin_pages:set_privacy", args=[live.pk]),
                           {"restriction_type": "none"})
    assert response.status_code == 403
    data = page_form(live.title, live.slug, paragraphs=("定时发布的新正文。",), go_live_at="2030-01-01 08:00")
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[live.pk]), data)
    live.refresh_from_db()
    assert live.scheduled_revision is None and body_of(live) == "已审核发布的正文。"


def test_leaders_final_approval_still_publishes(client, routes):
    login(client, routes["drafter"])
    _, page = create_page(client, routes["root"], slug="approved")
    client.logout()
    login(client, routes["reviewer"])
    workflow_action(client, page, "approve", secrecy_confirmed="on")
    client.logout()
    assert not page.permissions_for_user(routes["leader"]).can_publish()
    login(client, routes["leader"])
    workflow_action(client, page, "approve", comment="同意发布")
    page.refresh_from_db()
    assert page.live


def test_live_pages_move_neither_into_nor_out_of_the_workflow(routes):
    """Someone holding add and publish both inside and outside the workflow still can't carry a
    live page across its boundary (nor a live page from outside into it)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from disclosure.models import ColumnPage

    outside = ColumnPage(title="便民服务", slug="bmfw", column_type="list")
    routes["home"].add_child(instance=outside)
    outside.save_revision().publish()
    group = Group.objects.create(name="首页编辑")
    for codename in ["add_page", "change_page", "publish_page"]:
        GroupPagePermission.objects.create(group=group, page=routes["home"],
                                           permission=Permission.objects.get(codename=codename))
    editor = get_user_model().objects.create_user("home_editor", password="x")
    editor.groups.add(group)
    live = routes["live"]
    assert not live.permissions_for_user(editor).can_move_to(outside)
    outside_live = article(outside, "outside-live")
    assert not outside_live.permissions_for_user(editor).can_move_to(routes["root"])
    draft = article(outside, "outside-draft", live=False)
    assert draft.permissions_for_user(editor).can_move_to(routes["root"])
    assert outside_live.permissions_for_user(routes["admin"]).can_move_to(routes["root"])
