from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.ui.components import Component

from health.checks import BLOCKING, run_checks, visible_to


class HealthPanel(Component):
    """The admin home's 网站健康检查 panel: all findings for 站点管理员, own columns for departments."""

    name = "site_health"
    order = 90

    def __init__(self, findings):
        self.findings = findings

    def render_html(self, parent_context=None):
        rows = format_html_join(
            "", "<li>【{}】{}：{} {}</li>",
            ((("严重" if f.severity == BLOCKING else "预警"), f.check_label, f.title or "", f.message)
             for f in self.findings),
        )
        body = mark_safe(f"<ul>{rows}</ul>") if self.findings else "未发现问题。"
        return format_html_join("", '<section class="panel"><h2>{}</h2>{}</section>', [("网站健康检查", body)])


@hooks.register("construct_homepage_panels")
def add_health_panel(request, panels):
    findings = visible_to(request.user, run_checks())
    panels.append(HealthPanel(findings))
