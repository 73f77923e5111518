"""Workflow tasks: 科室审核 (with the 保密审查 confirmation) and 领导审批.

Both are group approval tasks scoped to the page's department: a member of the
task's groups may act on a page only if they also hold `required_page_permission`
on it (department groups grant that on their subtree only). Both re-run the
content checks on approval and refuse it when something blocking is found.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission, Page, TaskState

from review.forms import RejectForm, ReviewCommentForm, SecrecyApprovalForm

REFUSED_SECRECY = "secrecy"
REFUSED_CHECKS = "checks"


class DepartmentScopedApprovalTask(AbstractGroupApprovalTask):
    required_page_permission = "change"
    approve_label = "审核通过"

    class Meta:
        abstract = True

    def user_in_scope(self, obj, user):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        return self.required_page_permission in obj.permissions_for_user(user).permissions

    def user_can_access_editor(self, obj, user):
        return self.user_in_scope(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_in_scope(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_in_scope(obj, user)

    def get_actions(self, obj, user):
        if not self.user_in_scope(obj, user):
            return []
        return [("reject", "退回修改", True), ("approve", self.approve_label, True)]

    def get_form_for_action(self, action):
        return RejectForm if action == "reject" else ReviewCommentForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        roots = GroupPagePermission.objects.filter(
            group__in=user.groups.all(), permission__codename=f"{self.required_page_permission}_page",
        ).values_list("page__path", flat=True)
        if not roots:
            return TaskState.objects.none()
        condition = Q()
        for path in roots:
            condition |= Q(path__startswith=path)
        page_ids = [str(pk) for pk in Page.objects.filter(condition).values_list("pk", flat=True)]
        return states.filter(workflow_state__object_id__in=page_ids)

    def refusal_url(self, obj, reason):
        return reverse("review_check", args=[obj.pk]) + f"?refused={reason}"

    def refuse_reason(self, task_state, obj, user, **kwargs):
        from review.checks import blocking, run_checks

        latest = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        if blocking(run_checks(latest)):
            return REFUSED_CHECKS
        return None

    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = task_state.specific
        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        if action_name == "approve":
            reason = self.refuse_reason(task_state, obj, user, **kwargs)
            if reason:
                log(instance=obj, action="review.approval_refused", user=user,
                    data={"task": self.name, "reason": reason}, revision=task_state.revision)
                return self.refusal_url(obj, reason)
            self.before_approve(task_state, obj, user, **kwargs)
        return super().on_action(task_state, user, action_name, comment=kwargs.get("comment", ""))

    def before_approve(self, task_state, obj, user, **kwargs):
        """Hook run after the approval passed every check, before Wagtail records it.

        The base task has nothing to record; 科室审核 stores its 保密审查 confirmation here."""


class SecrecyReviewTaskState(TaskState):
    secrecy_confirmed = models.BooleanField("已完成保密审查", default=False)

    class Meta:
        verbose_name = "科室审核任务状态"
        verbose_name_plural = "科室审核任务状态"

    def get_comment(self):
        if self.status == self.STATUS_APPROVED and self.secrecy_confirmed:
            return f"【已完成保密审查】{self.comment}".strip()
        return self.comment


class SecrecyReviewTask(DepartmentScopedApprovalTask):
    """科室审核: the department reviewer approves only after ticking 保密审查."""

    required_page_permission = "change"
    approve_label = "审核通过（保密审查）"
    task_state_class = SecrecyReviewTaskState

    class Meta:
        verbose_name = "科室审核（含保密审查）"
        verbose_name_plural = "科室审核（含保密审查）"

    @classmethod
    def get_description(cls):
        return "所选用户组中对该页面所属部门栏目有编辑权限的成员可审核；审核通过前须勾选“已完成保密审查”。"

    def get_form_for_action(self, action):
        return SecrecyApprovalForm if action == "approve" else RejectForm

    def refuse_reason(self, task_state, obj, user, **kwargs):
        if kwargs.get("secrecy_confirmed") is not True:
            return REFUSED_SECRECY
        return super().refuse_reason(task_state, obj, user, **kwargs)

    def before_approve(self, task_state, obj, user, **kwargs):
        task_state.secrecy_confirmed = True
        task_state.save(update_fields=["secrecy_confirmed"])
        log(instance=obj, action="review.secrecy_confirmed", user=user,
            data={"task": self.name, "comment": kwargs.get("comment", "")}, revision=task_state.revision)


class LeaderApprovalTask(DepartmentScopedApprovalTask):
    """领导审批: the final step; approving publishes, so approvers need publish permission."""

    required_page_permission = "publish"
    approve_label = "批准发布"

    class Meta:
        verbose_name = "领导审批"
        verbose_name_plural = "领导审批"

    @classmethod
    def get_description(cls):
        return "所选用户组中对该页面有发布权限的成员可审批；审批通过即发布（或按定时发布时间上线）。"

