"""The 三审 path through the real admin views: submit, 科室审核 (保密审查), 领导审批, reject, schedule."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from tests.review.conftest import create_page, login, page_form, response_text, task_state_of, workflow_action

pytestmark = pytest.mark.django_db


def submitted_page(client, tree, slug="notice", **kwargs):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, slug=slug, **kwargs)
    client.logout()
    assert page is not None and page.workflow_in_progress
    return page


def test_approval_without_secrecy_box_is_refused(client, tree):
    page = submitted_page(client, tree)
    login(client, tree["reviewer"])
    response = workflow_action(client, page, "approve", comment="同意")
    assert "未勾选“已完成保密审查”" in response_text(response)
    assert task_state_of(page).task.name == "科室审核"
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    # A forged request through the editor (workflow action without the form's data) is refused too.
    data = page_form("城管局工作通知", "notice")
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve",
                 "workflow-action-extra-data": "{}"})
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert task_state_of(page).task.name == "科室审核"
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS


def test_full_path_publishes_and_assigns_index_number(client, tree):
    page = submitted_page(client, tree)
    login(client, tree["reviewer"])
    workflow_action(client, page, "approve", comment="内容属实", secrecy_confirmed="on")
    client.logout()
    page.refresh_from_db()
    assert not page.live, "the first approval must not publish"
    assert task_state_of(page).task.name == "领导审批"

    login(client, tree["leader"])
    workflow_action(client, page, "approve", comment="同意发布")
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    # 索引号 is assigned by disclosure on first publication.
    assert page.specific.index_number, "索引号 should be assigned when the workflow publishes the page"


def test_rejection_returns_page_to_drafter_with_comment(client, tree):
    page = submitted_page(client, tree)
    login(client, tree["reviewer"])
    response = workflow_action(client, page, "reject", comment="")
    assert "请填写退回意见" in response_text(response)
    workflow_action(client, page, "reject", comment="第二段数据有误，请核实后再提交")
    client.logout()
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The drafter sees the comment in the editor and can edit and resubmit.
    login(client, tree["drafter"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert "第二段数据有误，请核实后再提交" in edit.content.decode()
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "第二段数据有误" in history.content.decode()
    data = page_form("城管局工作通知", "notice", paragraphs=("数据已核实。",))
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert task_state_of(page).task.name == "科室审核"


def test_scheduled_page_goes_live_after_publish_scheduled(client, tree):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = submitted_page(client, tree, go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"))
    assert page.go_live_at is not None
    login(client, tree["reviewer"])
    workflow_action(client, page, "approve", secrecy_confirmed="on")
    client.logout()
    login(client, tree["leader"])
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live
    revision = page.scheduled_revision
    assert revision is not None and revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "not yet: go_live_at is in the future"
    # Time passes.
    # Time passes: move the approved schedule (and the revision's own go_live_at) into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_audit_log_holds_every_step(client, tree):
    page = submitted_page(client, tree)
    login(client, tree["reviewer"])
    workflow_action(client, page, "reject", comment="请补充发布机构")
    client.logout()
    login(client, tree["drafter"])
    data = page_form("城管局工作通知", "notice")
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    client.logout()
    login(client, tree["reviewer"])
    workflow_action(client, page, "approve", comment="已核", secrecy_confirmed="on")
    client.logout()
    login(client, tree["leader"])
    workflow_action(client, page, "approve", comment="同意")
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {})
    page.refresh_from_db()
    assert not page.live

    entries = list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "id"))
    by_action = {}
    for entry in entries:
        by_action.setdefault(entry.action, []).append(entry)
    drafter, reviewer, leader = tree["drafter"], tree["reviewer"], tree["leader"]
    assert by_action["wagtail.workflow.start"][0].user == drafter
    assert by_action["wagtail.workflow.resume"][0].user == drafter
    rejection = by_action["wagtail.workflow.reject"][0]
    assert rejection.user == reviewer and rejection.data["comment"] == "请补充发布机构"
    approvals = by_action["wagtail.workflow.approve"]
    assert [(a.user, a.data["workflow"]["task"]["title"]) for a in approvals] == [
        (reviewer, "科室审核"), (leader, "领导审批")]
    assert "已完成保密审查" in approvals[0].data["comment"] and "已核" in approvals[0].data["comment"]
    assert approvals[1].data["comment"] == "同意"
    assert by_action["review.secrecy_confirmed"][0].user == reviewer
    assert by_action["wagtail.publish"][0].user == leader
    assert by_action["wagtail.unpublish"][0].user == leader
    # The admin history names who approved each step.
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "a_reviewer" in history and "a_leader" in history


def test_an_edit_during_leader_approval_returns_the_page_to_secrecy_review(client, tree):
    """The 保密审查 must cover the published text: a leader's edit restarts 科室审核."""
    page = submitted_page(client, tree)
    login(client, tree["reviewer"])
    workflow_action(client, page, "approve", comment="内容属实", secrecy_confirmed="on")
    client.logout()
    assert task_state_of(page).task.name == "领导审批"

    login(client, tree["leader"])
    data = page_form("城管局工作通知", "notice", paragraphs=("领导修改后的正文。",))
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve",
                 "workflow-action-extra-data": "{}"})
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert not page.live, "an edited page must not be published without a new 保密审查"
    assert task_state_of(page).task.name == "科室审核"

    client.logout()
    login(client, tree["reviewer"])
    workflow_action(client, page, "approve", comment="复核无误", secrecy_confirmed="on")
    client.logout()
    login(client, tree["leader"])
    workflow_action(client, page, "approve", comment="同意发布")
    page.refresh_from_db()
    assert page.live
    assert "领导修改后的正文" in page.specific.body_text()
