"""The site-health checks (docs/health.md). Each check yields Finding rows; `run_checks` runs them all.

The JSON shape of a finding is a stable interface (docs/health.md): check, severity, url, title,
message, since. `path` is the page's tree path, kept only to show each department its own columns.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

BLOCKING = "blocking"
WARNING = "warning"

CHECK_LABELS = {
    "site_unreachable": "网站无法访问",
    "home_stale": "首页未更新",
    "column_stale": "栏目未按期更新",
    "column_neglected": "栏目长期未更新",
    "column_empty": "空白栏目",
    "one_strike_risk": "单项否决风险",
    "dead_link": "链接失效",
    "late_publication": "公开不及时",
    "date_changed_after_publication": "发布日期被修改",
    "annual_report_missing": "未按时发布年报",
    "application_overdue": "依申请公开逾期",
}
SEVERITY_LABELS = {BLOCKING: "严重", WARNING: "预警"}


@dataclass
class Finding:
    check: str
    severity: str
    url: str | None
    title: str | None
    message: str
    since: datetime.date | None = None
    path: str | None = field(default=None, compare=False)

    def as_json(self):
        return {
            "check": self.check, "severity": self.severity, "url": self.url, "title": self.title,
            "message": self.message, "since": self.since.isoformat() if self.since else None,
        }

    @property
    def check_label(self):
        return CHECK_LABELS.get(self.check, self.check)

    @property
    def severity_label(self):
        return SEVERITY_LABELS[self.severity]

    @property
    def since_text(self):
        return self.since.isoformat() if self.since else ""


def load_settings(site=None):
    from wagtail.models import Site

    from health.models import HealthSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return HealthSettings()
    return HealthSettings.for_site(site)


def run_checks(today=None, settings=None, external=None, network=True):
    """Every check. `external` (default: the setting) adds the external links and site_unreachable,
    which make requests to other servers (docs/health.md, "External links"). With `network`
    False no request is made: external links are reported from their stored daily results only
    (for a check run while an admin page waits)."""
    from wagtail.models import Site

    from . import annual_reports, columns, dates, links, navigation, obligations
    from . import external as outside

    today = today or timezone.localdate()
    settings = settings or load_settings()
    external = settings.external_links_enabled if external is None else external
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    context = columns.SiteContext.build()
    hosts = outside.own_hosts(site, settings)
    collector = outside.ExternalLinks(outside.make_fetcher(settings, hosts, network), network) if external else None
    findings = []
    if collector is not None and network:
        findings += outside.check_reachable(site, settings, collector.fetcher)
    findings += columns.check_home(context, settings, today)
    findings += columns.check_columns(context, settings, today)
    findings += links.check_dead_links(context, collector, links.LinkClassifier(hosts),
                                       navigation.navigation_links(site))
    if collector is not None:
        findings += collector.findings()
    findings += dates.check_late_publication(context, settings)
    findings += dates.check_pending_publication(context, settings, today)
    findings += dates.check_changed_dates(context)
    findings += annual_reports.check_annual_reports(context, today)
    findings += obligations.check_applications(today)
    order = {BLOCKING: 0, WARNING: 1}
    findings.sort(key=lambda f: (order[f.severity], f.check, f.url or ""))
    return findings


def visible_to(user, findings):
    """站点管理员 see every finding; a department's users only those under their own column."""
    from review.models import Department
    from review.roles import ROLE_SITE_ADMIN

    if user.is_superuser or user.groups.filter(name=ROLE_SITE_ADMIN).exists():
        return list(findings)
    group_ids = list(user.groups.values_list("id", flat=True))
    roots = []
    for department in Department.objects.filter(root_page__isnull=False).select_related("root_page"):
        if {g.id for g in department.groups()} & set(group_ids):
            roots.append(department.root_page.path)
    return [f for f in findings if f.path and any(f.path.startswith(root) for root in roots)]
