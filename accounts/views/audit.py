"""报告 › 登录审计: the sign-in record, read-only, for 站点管理员."""

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import LoginEvent


class LoginEventFilterSet(WagtailFilterSet):
    username = django_filters.CharFilter(label="用户名", lookup_expr="icontains")
    outcome = django_filters.MultipleChoiceFilter(label="结果", choices=LoginEvent.Outcome.choices)
    ip_address = django_filters.CharFilter(label="IP 地址", lookup_expr="startswith")
    time = django_filters.DateFromToRangeFilter(label="时间", widget=DateRangePickerWidget)

    class Meta:
        model = LoginEvent
        fields = ["username", "outcome", "ip_address", "time"]


class LoginEventReportView(ReportView):
    page_title = "登录审计"
    header_icon = "key"
    model = LoginEvent
    permission_policy = ModelPermissionPolicy(LoginEvent)
    permission_required = "view"
    filterset_class = LoginEventFilterSet
    index_url_name = "accounts_login_events"
    index_results_url_name = "accounts_login_events_results"
    paginate_by = 100
    columns = [
        Column("local_time", label="时间"),
        Column("username", label="用户名"),
        Column("get_outcome_display", label="结果"),
        Column("ip_address", label="IP 地址"),
        Column("user_agent", label="浏览器"),
        Column("path", label="入口"),
        Column("actor", label="操作人"),
    ]

    def get_queryset(self):
        return LoginEvent.objects.all()
