from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from review.checks import run_checks
from review.forms import SECRECY_REQUIRED_MESSAGE

REFUSAL_MESSAGES = {
    "secrecy": SECRECY_REQUIRED_MESSAGE,
    "checks": "内容检查发现必须修改的问题，审核未通过。请退回信息员修改后重新提交。",
}


def check_page(request, page_id):
    """The content-check report of a page's latest draft (also where refused approvals land)."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    findings = run_checks(latest)
    return TemplateResponse(request, "review/check.html", {
        "page": page,
        "findings": findings,
        "blocking": [f for f in findings if f.blocking],
        "warnings": [f for f in findings if not f.blocking],
        "refusal": REFUSAL_MESSAGES.get(request.GET.get("refused", "")),
    })
