"""信息员 can draft and submit, but no route publishes; departments can't see each other's pages."""

import pytest
from django.urls import reverse

from tests.review.conftest import create_page, login, page_form

pytestmark = pytest.mark.django_db


def test_drafter_creates_and_submits_for_review(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page)
    assert response.status_code == 302, response.content[:2000]
    assert page is not None and not page.live
    state = page.current_workflow_state
    assert state is not None and state.workflow == tree["workflow"]
    assert state.current_task_state.task.name == "科室审核"


def test_publish_post_from_drafter_leaves_page_unpublished(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page, action="action-publish")
    assert page is not None and not page.live
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form("城管局工作通知（改）", "notice")
    data["action-publish"] = "1"
    client.post(edit_url, data)
    page.refresh_from_db()
    assert not page.live and page.first_published_at is None
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_bulk_publish_from_drafter_leaves_page_unpublished(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, action=None)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    client.post(url, {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live and page.first_published_at is None


def test_admin_api_publish_from_drafter_is_refused(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, action=None)
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", content_type="application/json",
                           data={})
    assert response.status_code in (400, 403, 404)
    page.refresh_from_db()
    assert not page.live


def test_drafter_cannot_unpublish_or_move_live_pages(client, tree):
    live = tree["dept_a"].root_page  # the department column is live
    login(client, tree["drafter"])
    client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]), {})
    live.refresh_from_db()
    assert live.live
    perms = live.permissions_for_user(tree["drafter"])
    assert not perms.can_publish() and not perms.can_unpublish()
    assert not perms.can_move_to(tree["dept_b"].root_page)


def test_reviewer_cannot_publish_either(client, tree):
    login(client, tree["reviewer"])
    response, page = create_page(client, tree["dept_a"].root_page, action="action-publish", slug="rev")
    assert page is not None and not page.live


def test_leader_direct_publish_is_turned_into_a_draft(client, tree):
    """Pages in the 政务公开 tree go live only through the workflow's final approval."""
    login(client, tree["leader"])
    response, page = create_page(client, tree["dept_a"].root_page, action="action-publish", slug="lead")
    assert page is not None and not page.live


def test_other_department_gets_403_in_editor_and_listing(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, action=None)
    client.logout()
    login(client, tree["drafter_b"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 403
    assert client.get(reverse("wagtailadmin_explore", args=[tree["dept_a"].root_page.pk])).status_code == 403
    assert client.get(reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage",
                                                              tree["dept_a"].root_page.pk])).status_code == 403
    # …while their own department is open to them.
    assert client.get(reverse("wagtailadmin_explore", args=[tree["dept_b"].root_page.pk])).status_code == 200


def test_other_department_reviewer_cannot_review(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page)
    task = page.current_workflow_task
    assert task.get_actions(page, tree["reviewer_b"]) == []
    assert task.get_actions(page, tree["reviewer"]) != []
    assert task.get_actions(page, tree["leader"]) == []  # leaders act on the next step, not this one


def test_leader_cannot_bypass_the_workflow_by_bulk_or_api(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, action=None, slug="bypass")
    client.logout()
    login(client, tree["leader"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    client.post(url, {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", content_type="application/json",
                           data={})
    assert response.status_code == 403
    page.refresh_from_db()
    assert not page.live
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' not in edit


def test_site_admin_may_still_publish_directly(client, tree):
    from django.contrib.auth import get_user_model

    from review.roles import ROLE_SITE_ADMIN, add_user_to_role

    admin = get_user_model().objects.create_user("siteadmin", password="x")
    add_user_to_role(admin, ROLE_SITE_ADMIN)
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, action=None, slug="admin-pub")
    client.logout()
    login(client, admin)
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", content_type="application/json",
                           data={})
    assert response.status_code == 200, response.content[:500]
    page.refresh_from_db()
    assert page.live
    # The bulk publish request used above is well-formed: it does publish for a site administrator.
    client.logout()
    login(client, tree["drafter"])
    _, other = create_page(client, tree["dept_a"].root_page, action=None, slug="admin-bulk")
    client.logout()
    login(client, admin)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={other.pk}"
    client.post(url, {"include_descendants": ""})
    other.refresh_from_db()
    assert other.live


def test_review_dashboards_list_only_own_department(client, tree):
    from wagtail.models import TaskState

    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, slug="dash")
    state_id = page.current_workflow_state.current_task_state.pk
    assert state_id in set(TaskState.objects.reviewable_by(tree["reviewer"]).values_list("pk", flat=True))
    assert state_id not in set(TaskState.objects.reviewable_by(tree["reviewer_b"]).values_list("pk", flat=True))
    assert state_id not in set(TaskState.objects.reviewable_by(tree["drafter"]).values_list("pk", flat=True))
    client.logout()
    login(client, tree["reviewer_b"])
    assert "城管局工作通知" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    login(client, tree["reviewer"])
    assert "城管局工作通知" in client.get(reverse("wagtailadmin_home")).content.decode()
