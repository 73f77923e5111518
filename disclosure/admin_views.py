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


# --- 权责清单 upload (the same all-or-nothing import as `manage.py import_power_list`) ---------

ALLOWED_UPLOAD_SUFFIXES = {".csv", ".xlsx", ".json"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def power_list_import_view(request, page_id):
    import tempfile
    from pathlib import Path

    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404, redirect
    from django.urls import reverse

    from disclosure.models import PowerListPage
    from disclosure.power_list_io import PowerListFileError, RowError, parse_file, replace_items

    page = get_object_or_404(PowerListPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        suffix = Path(upload.name).suffix.lower() if upload else ""
        if upload is None:
            errors = [RowError(0, "文件", "请选择要导入的文件")]
        elif suffix not in ALLOWED_UPLOAD_SUFFIXES:
            errors = [RowError(0, "文件", f"不支持的文件类型“{suffix}”，请上传 CSV、XLSX 或 JSON 文件")]
        elif upload.size > MAX_UPLOAD_BYTES:
            errors = [RowError(0, "文件", "文件超过10MB")]
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                with open(path, "wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    items = parse_file(path)
                except PowerListFileError as exc:
                    errors = exc.errors
            if not errors:
                # Editors without publish rights get a draft that goes through 三审 review.
                publish = page.live and permissions.can_publish()
                replace_items(page, items, user=request.user, publish=publish)
                page.refresh_from_db()
                messages.success(request, f"已导入{len(items)}项。" + ("并已发布。" if publish else "已保存为草稿，待审核发布。"))
                return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return render(request, "disclosure/admin/power_list_import.html", {"page": page, "errors": errors}, status=200)
