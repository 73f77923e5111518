"""The whole 三审 workflow through the real admin UI in Debian's Chromium, with three users."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.rich_text import RichText

from review.roles import ROLE_DRAFTER, ROLE_LEADER, ROLE_REVIEWER, add_user_to_role, setup_department, setup_roles
from tests.accounts.helpers import token_for
from tests.review.conftest import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "ui-test-password-2025"


def make_users(department):
    users = {}
    for username, role in [("ui_xxy", ROLE_DRAFTER), ("ui_shy", ROLE_REVIEWER), ("ui_ld", ROLE_LEADER)]:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
        add_user_to_role(user, role, department)
        users[role] = user
    # A 领导 must sign in with a second factor: give them an authenticator already bound.
    TOTPDevice.objects.create(user=users[ROLE_LEADER], name="手机", confirmed=True)
    return users


def log_in(page_at, base_url, username):
    page = page_at(1280, 900)
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/admin") or "/two-factor/verify/" in url)
    if "/two-factor/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("input[name=token]", token_for(device))
        page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")
    return page


def open_actions_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def approve(page, base_url, page_id, label, tick_secrecy):
    page.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    open_actions_menu(page)
    page.get_by_role("button", name=label).click()
    modal = page.locator(".modal-content")
    modal.get_by_role("button", name=label).wait_for()
    modal.locator("textarea[name=comment]").fill("同意")
    if tick_secrecy:
        # The form refuses approval until 保密审查 is ticked.
        modal.get_by_role("button", name=label).click()
        modal.get_by_text("未勾选“已完成保密审查”").wait_for()
        modal.get_by_label("已完成保密审查").check()
    modal.get_by_role("button", name=label).click()
    page.wait_for_url(lambda url: "/edit/" not in url)


@pytest.mark.django_db(transaction=True)
def test_three_users_take_a_page_from_draft_to_live(live_server, page_at):
    from disclosure.models import ArticlePage

    tree = build_tree()
    setup_roles()
    department = setup_department(tree["org_a"], "市城管局", "scgj")
    users = make_users(department)
    draft = ArticlePage(title="城管局草稿", slug="ui-notice", owner=users[ROLE_DRAFTER], live=False)
    draft.body = [("paragraph", RichText("<p>本局开展市容环境整治。</p>"))]
    department.root_page.add_child(instance=draft)
    draft.save_revision(user=users[ROLE_DRAFTER])
    base = live_server.url

    # 信息员: edit the title and submit for review.
    page = log_in(page_at, base, "ui_xxy")
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    page.fill("input[name=title]", "关于开展市容环境整治的通知")
    open_actions_menu(page)
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live

    # 审核员: 科室审核 with the 保密审查 box.
    page = log_in(page_at, base, "ui_shy")
    approve(page, base, draft.pk, "审核通过（保密审查）", tick_secrecy=True)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_task.name == "领导审批"

    # 领导: final approval publishes.
    page = log_in(page_at, base, "ui_ld")
    approve(page, base, draft.pk, "批准发布", tick_secrecy=False)
    draft.refresh_from_db()
    assert draft.live

    # A citizen sees it on the public site.
    public = page_at(1280, 900)
    response = public.goto(base + "/zwgk/zfxxgk/bmxxgk/scgj/ui-notice/")
    assert response.status == 200
    assert public.get_by_role("heading", name="关于开展市容环境整治的通知").first.is_visible()
