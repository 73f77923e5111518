"""Request guards behind the admin hooks: checks on submit/approve, publication only through the workflow."""

import json
import logging

from django.contrib import messages
from django.utils.http import url_has_allowed_host_and_scheme

from govsite.wagtail_compat import (
    PUBLISH_BUTTON,
    SUBMIT_BUTTONS,
    WORKFLOW_ACTION_BUTTON,
    WORKFLOW_ACTION_EXTRA_DATA,
    WORKFLOW_ACTION_NAME,
    drop_post_fields,
)
from review.checks import blocking, run_checks, summary_message
from review.forms import SECRECY_REQUIRED_MESSAGE
from review.roles import ROLE_SITE_ADMIN

logger = logging.getLogger(__name__)

DIRECT_PUBLISH_MESSAGE = "本栏目的信息须经“科室审核 → 领导审批”流程发布，不能直接发布；已保存为草稿，请使用“提交审核”。"


def is_site_admin(user):
    if user.is_superuser:
        return True
    if not user.is_authenticated:
        return False
    # Asked once per page row in listings (review.publication): remember it for this request's user.
    cached = getattr(user, "_review_is_site_admin", None)
    if cached is None:
        cached = user._review_is_site_admin = user.groups.filter(name=ROLE_SITE_ADMIN).exists()
    return cached


def safe_next_url(request, fallback):
    """The request's `next` if it stays on this site (same host, and https when we are), else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


def direct_publish_forbidden(user, page):
    """Pages under the 三审 workflow are published by its final approval, not by a publish button."""
    return page.has_workflow and not is_site_admin(user)


def candidate_page(request, page_class, instance, parent):
    """The page as the editor is about to submit it (the POSTed form applied in memory), or None."""
    form_class = page_class.get_edit_handler().get_form_class()
    form = form_class(request.POST, request.FILES, instance=instance, parent_page=parent, for_user=request.user)
    try:
        if not form.is_valid():
            return None
        return form.save(commit=False)
    except (KeyError, ValueError, TypeError) as error:
        # A POST without the full form (e.g. a workflow action on a page locked for
        # editing): the stored draft is what would be approved, so check that.
        logger.info("content checks fall back to the stored draft: %r", error)
        return None


def guard_post(request, page, page_class, parent, fresh_instance):
    """Shared by the edit and create views. Never returns a response: it downgrades the action."""
    post = request.POST
    user = request.user
    if post.get(PUBLISH_BUTTON) and direct_publish_forbidden(user, page if page.pk else parent):
        drop_post_fields(request, [PUBLISH_BUTTON])
        messages.error(request, DIRECT_PUBLISH_MESSAGE)
        return
    submitting = any(post.get(key) for key in SUBMIT_BUTTONS)
    approving = post.get(WORKFLOW_ACTION_BUTTON) and post.get(WORKFLOW_ACTION_NAME) == "approve"
    if not (submitting or approving):
        return
    if approving:
        task = page.current_workflow_task
        from review.models import SecrecyReviewTask

        if isinstance(task, SecrecyReviewTask):
            try:
                extra = json.loads(post.get(WORKFLOW_ACTION_EXTRA_DATA) or "{}")
            except ValueError:
                extra = {}
            if extra.get("secrecy_confirmed") is not True:
                drop_post_fields(request, [WORKFLOW_ACTION_BUTTON])
                messages.error(request, SECRECY_REQUIRED_MESSAGE)
                return
    candidate = candidate_page(request, page_class, fresh_instance(), parent)
    if candidate is None:
        if page.pk is None:
            return  # the create view will show the form errors and won't submit
        candidate = fresh_instance()
    findings = run_checks(candidate)
    if blocking(findings):
        if submitting:
            drop_post_fields(request, SUBMIT_BUTTONS)
            messages.error(request, summary_message(findings, "提交审核") + "。已保存为草稿。")
        else:
            drop_post_fields(request, [WORKFLOW_ACTION_BUTTON])
            messages.error(request, summary_message(findings, "审核通过") + "。")


def show_findings(request, page):
    """Findings of the latest draft, shown at the top of the editor."""
    findings = run_checks(page)
    for finding in findings:
        if finding.blocking:
            messages.error(request, f"内容检查（须修改后才能提交）：{finding}")
        else:
            messages.warning(request, f"内容检查（提醒）：{finding}")
