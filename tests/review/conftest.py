"""A small column tree with two departments, the roles, the workflow and one user per role."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from review.roles import (
    ROLE_DRAFTER,
    ROLE_LEADER,
    ROLE_REVIEWER,
    add_user_to_role,
    setup_department,
    setup_roles,
)

PASSWORD = "review-test-password"


def build_tree():
    from disclosure.models import ColumnPage, Organisation
    from home.demo import ensure_root
    from home.models import HomePage

    root = ensure_root()  # transactional tests elsewhere flush Wagtail's root page
    home = HomePage(title="首页", slug="home-review")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="测试站")

    def column(parent, slug, title):
        page = ColumnPage(title=title, slug=slug, column_type="list")
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    zwgk = column(home, "zwgk", "政务公开")
    zfxxgk = column(zwgk, "zfxxgk", "政府信息公开")
    bmxxgk = column(zfxxgk, "bmxxgk", "部门信息公开")
    gzdt = column(zwgk, "gzdt", "工作动态")
    org_a, _ = Organisation.objects.get_or_create(name="武冈市城市管理和综合执法局",
                                                  defaults={"short_name": "市城管局", "code": "11430581MB1234567X"})
    org_b, _ = Organisation.objects.get_or_create(name="武冈市司法局", defaults={"short_name": "市司法局"})
    return {"home": home, "zwgk": zwgk, "bmxxgk": bmxxgk, "gzdt": gzdt, "org_a": org_a, "org_b": org_b}


@pytest.fixture
def tree(db):
    data = build_tree()
    data["workflow"] = setup_roles()
    data["dept_a"] = setup_department(data["org_a"], "市城管局", "scgj")
    data["dept_b"] = setup_department(data["org_b"], "市司法局", "ssfj")
    User = get_user_model()

    def user(username, role, department):
        account = User.objects.create_user(username=username, password=PASSWORD)
        add_user_to_role(account, role, department)
        return account

    data["drafter"] = user("a_drafter", ROLE_DRAFTER, data["dept_a"])
    data["reviewer"] = user("a_reviewer", ROLE_REVIEWER, data["dept_a"])
    data["leader"] = user("a_leader", ROLE_LEADER, data["dept_a"])
    data["drafter_b"] = user("b_drafter", ROLE_DRAFTER, data["dept_b"])
    data["reviewer_b"] = user("b_reviewer", ROLE_REVIEWER, data["dept_b"])
    data["leader_b"] = user("b_leader", ROLE_LEADER, data["dept_b"])
    return data


def page_form(title, slug, paragraphs=("本局按计划推进城市管理工作。",), **extra):
    data = {
        "title": title, "slug": slug, "item_kind": "other",
        "body": streamfield([("paragraph", rich_text(p)) for p in paragraphs]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def create_page(client, parent, title="城管局工作通知", slug="notice", action="action-submit", **kwargs):
    """POST the real create view as the logged-in user; returns (response, page or None)."""
    from disclosure.models import ArticlePage

    data = page_form(title, slug, **kwargs)
    if action:
        data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage", parent.pk])
    response = client.post(url, data)
    return response, ArticlePage.objects.filter(slug=slug).first()


def task_state_of(page):
    page.refresh_from_db()
    state = page.current_workflow_state
    return state.current_task_state.specific if state and state.current_task_state else None


def workflow_action(client, page, action, **data):
    task_state = task_state_of(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def login(client, user):
    client.force_login(user)
    return client


def response_text(response):
    """Text of a modal-workflow JSON response, or of a plain response."""
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("html") or ""
    return response.content.decode()
