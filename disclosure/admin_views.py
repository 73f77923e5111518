"""Admin reports: documents about to expire, enforcement publicity deadlines, 信用中国 export."""

import datetime

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from disclosure.credit_export import credit_china_csv
from disclosure.models import EnforcementDecisionPage, NormativeDocumentPage
from disclosure.models.enforcement import PUBLICATION_DEADLINE_WORKDAYS

EXPIRY_WINDOW_DAYS = 90


def expiring_documents(today=None, days=EXPIRY_WINDOW_DAYS):
    today = today or timezone.localdate()
    return (NormativeDocumentPage.objects.filter(expires_on__isnull=False,
                                                 expires_on__lte=today + datetime.timedelta(days=days))
            .exclude(validity__in=["expired", "repealed"])
            .order_by("expires_on"))


@permission_required("wagtailadmin.access_admin")
def expiring_documents_view(request):
    today = timezone.localdate()
    rows = [{"page": page, "days_left": (page.expires_on - today).days} for page in expiring_documents(today)]
    return render(request, "disclosure/admin/expiring_documents.html", {
        "rows": rows, "window": EXPIRY_WINDOW_DAYS, "today": today,
    })


@permission_required("wagtailadmin.access_admin")
def enforcement_deadlines_view(request):
    only_overdue = request.GET.get("overdue") == "1"
    decisions = EnforcementDecisionPage.objects.order_by("-decided_on", "-id")
    rows = []
    for decision in decisions:
        if only_overdue and not decision.is_overdue:
            continue
        rows.append({"page": decision, "delay": decision.publication_delay(), "overdue": decision.is_overdue,
                     "status": decision.status_label})
    return render(request, "disclosure/admin/enforcement_deadlines.html", {
        "rows": rows, "limit": PUBLICATION_DEADLINE_WORKDAYS, "only_overdue": only_overdue,
    })


@permission_required("wagtailadmin.access_admin")
def credit_china_export_view(request):
    decisions = EnforcementDecisionPage.objects.filter(decision_type="penalty").order_by("decided_on", "id")
    response = HttpResponse(credit_china_csv(decisions), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="credit-china-penalties.csv"'
    return response
