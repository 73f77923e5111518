"""Admin: 报告 → 年报发布时限, each agency's report on last year against its legal deadline.

站点管理员 (and superusers) see every agency; a department's users see their own department's
agency; everyone else gets neither the menu item nor the view (docs/annual_report.md).
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from . import deadlines


def _is_site_admin(user):
    from review.role_names import ROLE_SITE_ADMIN

    return user.is_superuser or user.groups.filter(name=ROLE_SITE_ADMIN).exists()


def visible_agencies(user):
    """The (organisation, department) pairs `user` may see, or None for all of them."""
    from review.editor_defaults import departments_of

    if not user.is_authenticated:
        return []
    if _is_site_admin(user):
        return None
    return [(d.organisation, d) for d in departments_of(user).select_related("root_page")]


def _report_url(row):
    if row.page is None:
        return None
    return reverse("wagtailadmin_pages:edit", args=[row.page.pk])


class ReportDeadlinesView(ReportView):
    page_title = "年报发布时限"
    header_icon = "date"
    index_url_name = "annual_report_deadlines"
    index_results_url_name = "annual_report_deadlines_results"
    paginate_by = 100
    list_export = ["organisation", "level_label", "year", "due_on", "status_label", "timing_text", "report_title"]
    export_headings = {"organisation": "机构", "level_label": "类别（法定期限）", "year": "报告年度",
                       "due_on": "截止日期", "status_label": "状态", "timing_text": "时限情况",
                       "report_title": "报告"}
    export_filename = "annual-report-deadlines"
    columns = [
        Column("organisation", label="机构"),
        Column("level_label", label="类别（法定期限）"),
        Column("year", label="报告年度"),
        Column("due_on", label="截止日期"),
        Column("status_label", label="状态"),
        Column("timing_text", label="时限情况"),
        TitleColumn("report_title", label="报告", get_url=_report_url),
    ]

    def dispatch(self, request, *args, **kwargs):
        agencies = visible_agencies(request.user)
        if agencies == []:
            raise PermissionDenied
        self.agencies = agencies
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        rows = deadlines.statuses(agencies=self.agencies)
        for row in rows:
            row.report_title = row.page.title if row.page is not None else "—"
        return rows


class ReportDeadlinesMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_agencies(request.user) != []


@hooks.register("register_admin_urls")
def register_deadline_urls():
    return [
        path("reports/annual-report-deadlines/", ReportDeadlinesView.as_view(), name="annual_report_deadlines"),
        path("reports/annual-report-deadlines/results/", ReportDeadlinesView.as_view(results_only=True),
             name="annual_report_deadlines_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_deadlines_menu_item():
    return ReportDeadlinesMenuItem("年报发布时限", reverse("annual_report_deadlines"), icon_name="date", order=910)
