"""Thresholds of the site-health checks (docs/health.md), defaulting to 国办秘函〔2019〕19号."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="warning")
class HealthSettings(BaseSiteSetting):
    home_days = models.PositiveIntegerField("首页更新周期（天）", default=14)
    news_column_days = models.PositiveIntegerField(
        "动态、要闻类栏目更新周期（天）", default=14,
        help_text="栏目名含“动态”“要闻”“新闻”的信息列表栏目")
    notice_column_days = models.PositiveIntegerField(
        "通知公告、政策文件类栏目更新周期（天）", default=183,
        help_text="栏目名含“通知”“公告”“政策”“文件”的信息列表栏目")
    neglect_days = models.PositiveIntegerField(
        "其他栏目视为长期未更新的天数", default=365,
        help_text="未设更新周期的信息列表栏目超过该天数未更新，计入“长期未更新”")
    early_warning_days = models.PositiveIntegerField("提前预警天数", default=3)
    stale_columns_veto = models.PositiveIntegerField("单项否决：不更新栏目数", default=5)
    neglected_columns_veto = models.PositiveIntegerField("单项否决：长期未更新栏目数", default=10)
    empty_columns_veto = models.PositiveIntegerField("单项否决：空白栏目数", default=5)
    publication_working_days = models.PositiveIntegerField("成文后公开时限（工作日）", default=20)

    panels = [FieldPanel(name) for name in (
        "home_days", "news_column_days", "notice_column_days", "neglect_days", "early_warning_days",
        "stale_columns_veto", "neglected_columns_veto", "empty_columns_veto", "publication_working_days",
    )]

    class Meta:
        verbose_name = "网站健康检查设置"


class ColumnPeriod(models.Model):
    """A column's own update period, overriding the default for its kind (kept here so the
    disclosure app's ColumnPage needs no migration)."""

    column = models.OneToOneField("wagtailcore.Page", verbose_name="栏目", on_delete=models.CASCADE,
                                  related_name="health_period")
    days = models.PositiveIntegerField("更新周期（天）", null=True, blank=True,
                                       help_text="留空表示该栏目不要求定期更新（仍检查是否为空白栏目）")

    panels = [FieldPanel("column"), FieldPanel("days")]

    class Meta:
        verbose_name = "栏目更新周期"
        verbose_name_plural = "栏目更新周期"

    def __str__(self):
        return f"{self.column.title}：{self.days or '不要求'}"


class HealthSnapshot(models.Model):
    """The findings of the last full check. The admin home and the report read it, so opening the
    admin never waits for a whole-site check (about a minute on 10,000 pages); `site_health`
    (hourly from cron) writes it, and a reader finding none younger than the limit runs one."""

    taken_at = models.DateTimeField("检查时间", db_index=True)
    findings = models.JSONField("检查结果", default=list)

    class Meta:
        verbose_name = "网站健康检查结果"
        verbose_name_plural = "网站健康检查结果"
        get_latest_by = "taken_at"
