"""annual_report_missing (from the 信息公开年报 columns' items) and application_overdue."""

import datetime

from wagtail.models import Page

from . import BLOCKING, WARNING, Finding

REPORT_WARNING_DAYS = 15


def report_deadline(year, department):
    """Reports on `year` are due 31 January (departments) or 31 March (government) next year."""
    return datetime.date(year + 1, 1, 31) if department else datetime.date(year + 1, 3, 31)


def check_annual_reports(context, today):
    from disclosure.models import ColumnPage
    from review.models import Department

    department_roots = [d.root_page.path for d in
                        Department.objects.filter(root_page__isnull=False).select_related("root_page")]
    year = today.year - 1
    findings = []
    columns = ColumnPage.objects.live().filter(path__startswith=context.root_path, column_type="annual_report")
    for column in columns.values("title", "path", "url_path", "depth").iterator():
        department = any(column["path"].startswith(root) for root in department_roots)
        due = report_deadline(year, department)
        if today < due - datetime.timedelta(days=REPORT_WARNING_DAYS):
            continue
        titles = (Page.objects.live().filter(path__startswith=column["path"], depth__gt=column["depth"])
                  .values_list("title", flat=True))
        if any(str(year) in title for title in titles.iterator()):
            continue
        severity = BLOCKING if today > due else WARNING
        message = (f"尚未发布{year}年政府信息公开工作年度报告，"
                   f"{'应于' if severity == BLOCKING else '须于'}{due:%Y年%m月%d日}前发布。")
        findings.append(Finding("annual_report_missing", severity, context.url(column["url_path"]),
                                column["title"], message, due, column["path"]))
    return findings


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
