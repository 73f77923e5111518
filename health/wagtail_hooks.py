from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from health.checks import BLOCKING, CHECK_LABELS, WARNING, visible_to
from health.models import ColumnPeriod
from health.snapshots import current_findings


class HealthPanel(Component):
    """The admin home's 网站健康检查 panel: all findings for 站点管理员, own columns for departments."""

    name = "site_health"
    order = 90

    def __init__(self, findings, taken_at):
        self.findings = findings
        self.taken_at = taken_at

    def render_html(self, parent_context=None):
        rows = format_html_join(
            "", "<li>【{}】{}：{} {}</li>",
            ((("严重" if f.severity == BLOCKING else "预警"), f.check_label, f.title or "", f.message)
             for f in self.findings),
        )
        body = mark_safe(f"<ul>{rows}</ul>") if self.findings else "未发现问题。"
        checked = timezone.localtime(self.taken_at).strftime("%Y-%m-%d %H:%M")
        return format_html_join("", '<section class="panel"><h2>{}</h2><p>检查时间：{}</p>{}</section>',
                                [("网站健康检查", checked, body)])


@hooks.register("construct_homepage_panels")
def add_health_panel(request, panels):
    findings, taken_at = current_findings()
    panels.append(HealthPanel(visible_to(request.user, findings), taken_at))


class HealthReportView(ReportView):
    """网站健康检查 report: the findings the user may see, filtered by ?check= and ?severity=,
    with Wagtail's XLSX/CSV export."""

    page_title = "网站健康检查"
    header_icon = "warning"
    index_url_name = "health_report"
    index_results_url_name = "health_report_results"
    paginate_by = 100
    list_export = ["check_label", "severity_label", "title", "url", "message", "since_text"]
    export_headings = {"check_label": "检查项", "severity_label": "级别", "title": "对象",
                       "url": "网址", "message": "说明", "since_text": "日期"}
    export_filename = "site-health"
    columns = [
        Column("check_label", label="检查项"),
        Column("severity_label", label="级别"),
        Column("title", label="对象"),
        Column("url", label="网址"),
        Column("message", label="说明"),
        Column("since_text", label="日期"),
    ]

    def get_queryset(self):
        findings = visible_to(self.request.user, current_findings()[0])
        check = self.request.GET.get("check")
        if check in CHECK_LABELS:
            findings = [f for f in findings if f.check == check]
        severity = self.request.GET.get("severity")
        if severity in (BLOCKING, WARNING):
            findings = [f for f in findings if f.severity == severity]
        return findings


@hooks.register("register_admin_urls")
def register_health_urls():
    return [
        path("reports/site-health/", HealthReportView.as_view(), name="health_report"),
        path("reports/site-health/results/", HealthReportView.as_view(results_only=True),
             name="health_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_health_menu_item():
    return MenuItem("网站健康检查", reverse("health_report"), icon_name="warning", order=900)


class ColumnPeriodViewSet(SnippetViewSet):
    """设置 → 栏目更新周期: a column's own period for column_stale.

    Only 站点管理员 hold the model's permissions (review.roles.setup_roles gives them every
    permission; the editorial roles get none), so Wagtail hides the menu item from department
    users and answers 403 to them. That is deliberate: the period is the yardstick the
    inspection holds a column to, and a department that could lengthen its own column's period,
    or clear it, could silence the warning meant for it.
    """

    model = ColumnPeriod
    icon = "time"
    menu_label = "栏目更新周期"
    menu_name = "column-periods"
    add_to_settings_menu = True
    menu_order = 910
    list_display = [Column("column", label="栏目"), Column("days_text", label="更新周期")]
    search_fields = None


register_snippet(ColumnPeriodViewSet)
