"""application_overdue (annual_report_missing is in annual_reports.py)."""

from . import BLOCKING, WARNING, Finding


def check_applications(today, warning_working_days=3):
    from applications.deadlines import deadline_rows

    findings = []
    for application, state, _ in deadline_rows(today):
        left = state.working_days_left
        if left is None or left > warning_working_days:
            continue
        severity = BLOCKING if left < 0 else WARNING
        if severity == BLOCKING:
            message = f"依申请公开 {application.number} 已于{state.due_on:%Y年%m月%d日}到期，逾期未答复。"
        else:
            message = f"依申请公开 {application.number} 将于{state.due_on:%Y年%m月%d日}到期，还剩{left}个工作日。"
        findings.append(Finding("application_overdue", severity, f"/admin/applications/{application.pk}/",
                                application.number, message, state.due_on))
    return findings
