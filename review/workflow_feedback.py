"""A confirmation message after each workflow action taken from a task list or modal (issue 16).

Wagtail's workflow-action view (used by the dashboard's 待审核 panel and the editor's header
menu) applies approve/reject and redirects without a word, so a reviewer saw the item vanish
and could not tell whether it had worked. This subclass adds one message saying what happened
and where the page went next. It takes Wagtail's URL (govsite/urls.py lists it first), so
every link Wagtail builds with `wagtailadmin_pages:workflow_action` reaches it.

Submitting and cancelling in the edit form already get one message from Wagtail; approving or
rejecting there gets the same confirmation as here (hooks at the end of this module).
"""

from django.contrib import messages as django_messages
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import TaskState, WorkflowState

from govsite.wagtail_compat import WORKFLOW_ACTION_BUTTON, WORKFLOW_ACTION_NAME


def outcome_message(page, task_state, action_name):
    """The Chinese confirmation for what `action_name` did to `task_state`, or None."""
    task_state.refresh_from_db()
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    title = page.get_admin_display_title()
    task_name = task_state.task.name
    if task_state.status == TaskState.STATUS_APPROVED:
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            return f"“{title}”已通过{task_name}，审核流程完成，页面已发布。"
        next_task = workflow_state.current_task_state
        if next_task is not None and next_task.task_id == task_state.task_id:
            # WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT: an edit made while approving restarts the review
            return f"“{title}”已通过{task_name}；因审核时修改了内容，须重新进行{task_name}。"
        next_name = next_task.task.name if next_task else "下一步"
        return f"“{title}”已通过{task_name}，已转交{next_name}。"
    if task_state.status == TaskState.STATUS_REJECTED:
        return f"“{title}”已在{task_name}退回修改，信息员修改后可重新提交。"
    if task_state.status == TaskState.STATUS_CANCELLED and action_name == "cancel":
        return f"已撤回“{title}”的审核。"
    return None


class ConfirmingWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = outcome_message(self.object.specific_deferred, self.task_state, self.action_name)
        if message:
            messages.success(request, message)
        return response


urlpatterns = [
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(never_cache(ConfirmingWorkflowActionView.as_view())),
        name="workflow_action_confirming",
    ),
]


# --- the same confirmation for actions taken in the edit form -------------------------------
# Approving or rejecting from the editor's footer runs Wagtail's edit view, which says only
# "页面已更新". The task state is read before the action and the message replaced after it,
# so the reviewer reads one message that says what happened.

@hooks.register("before_edit_page")
def remember_task_state(request, page):
    if request.method == "POST" and request.POST.get(WORKFLOW_ACTION_BUTTON):
        request.govsite_task_state = page.current_workflow_task_state
        request.govsite_workflow_action = request.POST.get(WORKFLOW_ACTION_NAME, "")


@hooks.register("after_edit_page")
def confirm_workflow_action_in_editor(request, page):
    task_state = getattr(request, "govsite_task_state", None)
    if task_state is None:
        return
    message = outcome_message(page, task_state, request.govsite_workflow_action)
    if not message:
        return
    storage = django_messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", [])
    for index in range(len(queued) - 1, -1, -1):
        if queued[index].level == django_messages.SUCCESS:
            del queued[index]  # Wagtail's "页面已更新" for this same save
            break
    messages.success(request, message)
