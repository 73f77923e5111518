"""Demo data for the site-health panel (docs/health.md): the demo starts healthy, apart from one
example column about to go stale, so the admin home shows what an early warning looks like.

Everything created here says 示例数据 in its title and body. Dates are relative to the day the
demo is loaded, so the demo stays healthy for about two weeks after loading.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

MARK = "（示例数据）"
NOTICE = "<p><strong>示例数据：</strong>本条信息为演示用虚构内容，不是真实的政府信息。</p>"
WARNING_SLUG = "health-demo-bmdt"


def _add_item(column, title, day, slug):
    from disclosure.models import NewsPage

    if column.get_children().filter(slug=slug).exists():
        return
    page = NewsPage(title=title + MARK, slug=slug, published_on=day,
                    body=[("paragraph", NOTICE)])
    column.add_child(instance=page)
    page.save_revision().publish()


def load(stdout, options):
    from disclosure.models import ColumnPage
    from health.checks import BLOCKING, load_settings, run_checks

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    today = timezone.localdate()
    settings = load_settings(site)
    # Columns the seed leaves empty or stale get one fresh 示例数据 item each.
    for finding in run_checks(today=today, settings=settings):
        if not finding.path or (finding.severity != BLOCKING
                                and finding.check not in ("column_neglected", "annual_report_missing")):
            continue
        if finding.check in ("column_empty", "column_stale", "column_neglected", "home_stale"):
            column = ColumnPage.objects.filter(path=finding.path).first()
            if column is not None and column.column_type == "list" and column.slug != WARNING_SLUG:
                _add_item(column, f"{column.title}示例信息", today, f"health-demo-{column.pk}")
        if finding.check == "annual_report_missing":
            column = ColumnPage.objects.get(path=finding.path)
            year = today.year - 1
            _add_item(column, f"{year}年政府信息公开工作年度报告", today, f"health-demo-report-{year}")
    # The example column: its only item reaches the end of the 动态 period in early_warning_days.
    parent = ColumnPage.objects.filter(path__startswith=site.root_page.path, slug="zwgk").first()
    if parent is None:
        return
    example = parent.get_children().filter(slug=WARNING_SLUG).first()
    if example is None:
        example = ColumnPage(title="部门动态" + MARK, slug=WARNING_SLUG, column_type="list",
                             intro=NOTICE)
        parent.add_child(instance=example)
        example.save_revision().publish()
    day = today - datetime.timedelta(days=settings.news_column_days + 1 - settings.early_warning_days)
    _add_item(example, "即将超过更新周期的栏目示例", day, "health-demo-stale-soon")
    stdout.write("网站健康检查示例：栏目“部门动态%s”即将超过更新周期。" % MARK)
