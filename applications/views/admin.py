"""The office's side in the Wagtail admin. Every view checks that the user handles the case's
agency (applications.roles); reading, exporting and printing a case is logged (CaseView)."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications import actions, choices
from applications.admin_forms import ActionForm, RegisterForm
from applications.clock import WorkCalendar
from applications.clock.calendar import unknown_years
from applications.letters import letter_by_id, letters_for
from applications.models import Application, CaseEvent, CaseView, CorrectionAttachment
from applications.roles import agencies_for, can_access_applications, can_handle
from applications.views.letters import letter_response

ACTION_FUNCTIONS = {
    CaseEvent.RECEIVED: lambda a, d, u: actions.confirm_receipt(a, d["on"], u, d.get("reason", "")),
    CaseEvent.CORRECTION_REQUESTED: lambda a, d, u: actions.request_correction(a, d["on"], d["days"], d["reason"], u),
    CaseEvent.CORRECTION_RECEIVED: lambda a, d, u: actions.receive_correction(a, d["on"], u, d.get("reason", "")),
    CaseEvent.EXTENDED: lambda a, d, u: actions.extend(a, d["on"], d["days"], d["reason"], u),
    CaseEvent.CONSULTATION_STARTED: lambda a, d, u: actions.start_consultation(a, d["on"], d["party"], d["reason"], u),
    CaseEvent.CONSULTATION_ENDED: lambda a, d, u: actions.end_consultation(a, d["on"], d.get("reason", ""), u),
    CaseEvent.REASONS_REQUESTED: lambda a, d, u: actions.request_reasons(a, d["on"], d["reason"], u),
    CaseEvent.LONGER_PERIOD: lambda a, d, u: actions.set_longer_period(a, d["on"], d["until"], d["reason"], u),
    CaseEvent.FEE_NOTIFIED: lambda a, d, u: actions.notify_fee(a, d["on"], d["fee_method"], d.get("pages"),
                                                               d.get("reason", ""), u),
    CaseEvent.FEE_PAID: lambda a, d, u: actions.record_payment(a, d["on"], u, d.get("reason", "")),
    CaseEvent.DECIDED: lambda a, d, u: actions.decide(a, d["on"], d["answer_type"], d["answer_reason"],
                                                      d["answer_text"], u),
    CaseEvent.SERVED: lambda a, d, u: actions.record_service(a, d["on"], d["method"], u, d.get("reason", "")),
    CaseEvent.CLOSED: lambda a, d, u: actions.close(a, d["on"], d["closure"], d.get("reason", ""), u),
}


def _require_access(request):
    if not can_access_applications(request.user):
        raise PermissionDenied


def _case(request, pk):
    _require_access(request)
    application = get_object_or_404(Application.objects.select_related("agency__organisation"), pk=pk)
    if not can_handle(request.user, application):
        raise PermissionDenied
    return application


def _visible(request):
    return Application.objects.visible_to(request.user).select_related("agency__organisation")


def calendar_warning(calendar, today=None):
    """The years whose 节假日安排 must be entered now: this year, and next year from November."""
    today = today or timezone.localdate()
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    missing = unknown_years(years, calendar)
    if not missing:
        return ""
    return ("%s年的节假日安排尚未录入：涉及这些年份的答复期限按周一至周五暂定计算，标为“暂定”。"
            "请根据国务院办公厅发布的节假日安排通知，在“节假日安排”中录入放假和调休上班日期。"
            % "、".join(str(y) for y in missing))


def case_rows(applications, calendar, today=None):
    today = today or timezone.localdate()
    rows = [(application, application.clock(today=today, calendar=calendar)) for application in applications]
    # Open cases by working days left (overdue first); cases without a running clock after them.
    return sorted(rows, key=lambda row: (row[1].working_days_left is None, row[1].working_days_left or 0,
                                         row[0].submitted_at))


def case_list(request):
    _require_access(request)
    status, agency = request.GET.get("status", ""), request.GET.get("agency", "")
    applications = _visible(request)
    if status in dict(choices.STATUSES):
        applications = applications.filter(status=status)
    elif status == "open":
        applications = applications.open()
    agencies = agencies_for(request.user)
    agency_options = agencies if agencies is not None else None
    if agency_options is None:
        from review.models import Department

        agency_options = Department.objects.filter(application_desk__isnull=False)
    if agency.isdigit():
        applications = applications.filter(agency_id=int(agency))
    calendar = WorkCalendar()
    return TemplateResponse(request, "applications/admin/list.html", {
        "rows": case_rows(applications, calendar), "statuses": choices.STATUSES, "status": status,
        "agencies": agency_options, "agency": agency, "warning": calendar_warning(calendar),
    })


def case_detail(request, pk):
    application = _case(request, pk)
    CaseView.objects.create(application=application, user=request.user, action="view")
    return _render_detail(request, application)


def _render_detail(request, application, failed_form=None, status=200):
    kinds = actions.allowed_actions(application)
    if failed_form is not None and failed_form.kind not in kinds:
        kinds.insert(0, failed_form.kind)  # so its error is shown
    forms = [failed_form if failed_form is not None and failed_form.kind == kind else ActionForm(kind)
             for kind in kinds]
    fee_preview = None
    if CaseEvent.FEE_NOTIFIED in kinds:
        from applications import fees

        fee_preview = fees.quote(application, choices.FEE_PER_APPLICATION)
    return TemplateResponse(request, "applications/admin/detail.html", {
        "application": application, "state": application.clock(), "forms": forms,
        "events": application.events.select_related("user", "online_correction").prefetch_related(
            "online_correction__attachments"), "letters": letters_for(application),
        "views": application.views.select_related("user")[:20], "fee_preview": fee_preview, "receipt_rule": choices.RECEIPT_RULES.get(
            application.channel, ""),
    }, status=status)


@require_POST
def case_action(request, pk, kind):
    application = _case(request, pk)
    if kind not in ACTION_FUNCTIONS:
        raise PermissionDenied
    form = ActionForm(kind, request.POST)
    if form.is_valid():
        try:
            ACTION_FUNCTIONS[kind](application, form.cleaned_data, request.user)
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "已记录：%s" % form.title)
            return redirect("applications_admin:detail", application.pk)
    application.refresh_from_db()
    return _render_detail(request, application, failed_form=form, status=400)


def register(request):
    _require_access(request)
    agencies = agencies_for(request.user)
    if agencies is None:
        from review.models import Department

        agencies = Department.objects.filter(application_desk__isnull=False)
    form = RegisterForm(request.POST or None, agencies=agencies.select_related("organisation"))
    if request.method == "POST" and form.is_valid():
        try:
            application, code = actions.register(form.application_data(), form.cleaned_data["channel"],
                                                 form.cleaned_data["received_on"], request.user)
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "已登记申请 %s，查询码 %s（请写入回执交申请人，此后不再显示）。"
                             % (application.number, code))
            return redirect("applications_admin:detail", application.pk)
    return TemplateResponse(request, "applications/admin/register.html", {"form": form},
                            status=400 if request.method == "POST" else 200)


EXPORT_COLUMNS = [
    ("申请编号", lambda a, s: a.number), ("受理机关", lambda a, s: a.agency.short_name),
    ("申请渠道", lambda a, s: a.get_channel_display()), ("状态", lambda a, s: a.get_status_display()),
    ("申请人类型", lambda a, s: a.get_applicant_type_display()), ("申请人", lambda a, s: a.name),
    ("证件号码", lambda a, s: a.masked_id_number), ("联系电话", lambda a, s: a.masked_phone),
    ("收到申请日期", lambda a, s: s.received_on or ""), ("答复期限", lambda a, s: s.due_on or ""),
    ("剩余工作日", lambda a, s: "" if s.working_days_left is None else s.working_days_left),
    ("期限暂定", lambda a, s: "是" if s.provisional else ""), ("已延期", lambda a, s: "是" if s.extended else ""),
    ("答复类型", lambda a, s: a.get_answer_type_display()), ("答复日期", lambda a, s: a.decided_on or ""),
]


def export(request):
    _require_access(request)
    calendar = WorkCalendar()
    rows = case_rows(_visible(request), calendar)
    CaseView.objects.bulk_create([CaseView(application=a, user=request.user, action="export") for a, _ in rows])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([title for title, _ in EXPORT_COLUMNS])
    for application, state in rows:
        writer.writerow([value(application, state) for _, value in EXPORT_COLUMNS])
    return response


def letter(request, pk, letter_id, pdf=False):
    application = _case(request, pk)
    found = letter_by_id(application, letter_id)
    if found is None:
        raise PermissionDenied
    CaseView.objects.create(application=application, user=request.user, action="letter")
    return letter_response(found, pdf=pdf)


def attachment(request, pk, attachment_id):
    """An applicant's 补正 attachment, for the handlers of the case only. Always a download, never
    shown inline, so a file can't run as a page of the admin's origin; the access is logged."""
    application = _case(request, pk)
    found = CorrectionAttachment.objects.filter(pk=attachment_id, submission__application=application).first()
    if found is None:
        raise Http404("未找到附件")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("附件文件不存在") from error
    CaseView.objects.create(application=application, user=request.user, action="attachment")
    response = FileResponse(handle, as_attachment=True, filename=found.name,
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
