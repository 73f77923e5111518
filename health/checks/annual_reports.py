"""annual_report_missing: an agency's 政府信息公开工作年度报告 on last year, against its deadline.

Each reporting agency's status comes from annual_report.deadlines (docs/annual_report.md): its
generated AnnualDisclosureReportPage, or a hand-written report page in its 信息公开年报 column (a
live page whose title names the year). Deadlines: 31 January for departments and 乡镇, 31 March for
a 人民政府 (条例 art 49). A site-level 信息公开年报 column that no reporting agency covers (a site
without organisations above its departments) is checked on its own with the government deadline.
"""

import datetime

from wagtail.models import Page

from . import BLOCKING, WARNING, Finding

REPORT_WARNING_DAYS = 15


def check_annual_reports(context, today):
    from annual_report import deadlines

    year = today.year - 1
    findings = []
    rows = deadlines.statuses(year=year, today=today)
    for row in rows:
        if row.status == deadlines.PUBLISHED:
            continue
        if today < row.due_on - datetime.timedelta(days=REPORT_WARNING_DAYS):
            continue
        root = row.department.root_page if row.department is not None and row.department.root_page_id else None
        # Where the finding points (and which department sees it): the agency's 信息公开年报
        # column, else the department's own column.
        column = row.columns[0] if row.columns else (
            (root.title, root.path, root.url_path, root.depth) if root is not None else None)
        path = column[1] if column else None
        status = "" if row.status == deadlines.NONE else f"（{row.status_label}）"
        severity = BLOCKING if today > row.due_on else WARNING
        verb = "应于" if severity == BLOCKING else "须于"
        message = (f"{row.organisation.name}尚未发布{year}年政府信息公开工作年度报告{status}，"
                   f"{verb}{row.due_on:%Y年%m月%d日}前发布。")
        findings.append(Finding("annual_report_missing", severity, context.url(column[2]) if column else None,
                                column[0] if column else row.organisation.name, message, row.due_on, path))
    # Site-level columns are the governments' (agencies without a department column of their own).
    covered = {column[1] for row in rows if row.department is None for column in row.columns}
    findings += _uncovered_site_columns(context, today, year, covered)
    return findings


def _uncovered_site_columns(context, today, year, covered):
    """Site-level 信息公开年报 columns with no reporting agency behind them: any live item naming
    the year (hand-written or generated) counts, by the government deadline."""
    from annual_report.deadlines import GOVERNMENT, deadline
    from annual_report.models import AnnualDisclosureReportPage
    from disclosure.models import ColumnPage
    from review.models import Department

    department_roots = [d.root_page.path for d in
                        Department.objects.filter(root_page__isnull=False).select_related("root_page")]
    due = deadline(GOVERNMENT, year)
    if today < due - datetime.timedelta(days=REPORT_WARNING_DAYS):
        return []
    findings = []
    columns = ColumnPage.objects.live().filter(path__startswith=context.root_path, column_type="annual_report")
    for column in columns.values("title", "path", "url_path", "depth").iterator():
        if column["path"] in covered or any(column["path"].startswith(root) for root in department_roots):
            continue
        below = Page.objects.live().filter(path__startswith=column["path"], depth__gt=column["depth"])
        if below.filter(title__contains=str(year)).exists():
            continue
        if AnnualDisclosureReportPage.objects.live().filter(path__startswith=column["path"],
                                                            report_year=year).exists():
            continue
        severity = BLOCKING if today > due else WARNING
        message = (f"尚未发布{year}年政府信息公开工作年度报告，"
                   f"{'应于' if severity == BLOCKING else '须于'}{due:%Y年%m月%d日}前发布。")
        findings.append(Finding("annual_report_missing", severity, context.url(column["url_path"]),
                                column["title"], message, due, column["path"]))
    return findings
