"""Thresholds of the site-health checks (docs/health.md), defaulting to 国办秘函〔2019〕19号, the
per-column periods, the cached results of the external-link check and the stored last run."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from health.forms import ColumnPeriodForm


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

    # Off by default: the check makes the server request other sites, which an operator
    # should decide on (firewalls, outbound proxies); docs/health.md "External links".
    external_links_enabled = models.BooleanField(
        "检查外部链接和网站可访问性", default=False,
        help_text="开启后，每次检查会访问正文和页脚中的外部链接（每个链接每天最多访问一次）及本站首页")
    external_timeout_seconds = models.PositiveIntegerField(
        "外部链接超时（秒）", default=10,
        validators=[MinValueValidator(1, "超时至少为1秒。"), MaxValueValidator(60, "超时不能超过60秒。")])
    external_requests_per_second = models.PositiveIntegerField(
        "对同一网站每秒最多请求数", default=1,
        validators=[MinValueValidator(1, "每秒请求数至少为1。"), MaxValueValidator(10, "每秒请求数不能超过10，以免影响对方网站。")])
    external_max_requests = models.PositiveIntegerField(
        "每次检查最多请求数", default=300,
        help_text="超出部分留到下次检查；每个链接的结果保存一天",
        validators=[MinValueValidator(1, "每次检查最多请求数至少为1。")])
    public_base_url = models.URLField(
        "网站公网地址", blank=True,
        help_text="用于“网站无法访问”检查，如 https://www.wugang.gov.cn/ ；留空则使用站点记录中的域名和端口")

    panels = [FieldPanel(name) for name in (
        "home_days", "news_column_days", "notice_column_days", "neglect_days", "early_warning_days",
        "stale_columns_veto", "neglected_columns_veto", "empty_columns_veto", "publication_working_days",
    )] + [MultiFieldPanel([FieldPanel(name) for name in (
        "external_links_enabled", "external_timeout_seconds", "external_requests_per_second",
        "external_max_requests", "public_base_url",
    )], heading="外部链接与网站可访问性")]

    class Meta:
        verbose_name = "网站健康检查设置"


def _column_problem(page):
    from disclosure.models import ColumnPage

    column = ColumnPage.objects.filter(pk=page.pk).only("column_type").first()
    if column is None:
        return "只能为栏目设置更新周期，请选择一个栏目页面。"
    if column.column_type != "list":
        return "只能为“信息列表”类型的栏目设置更新周期（其他类型的栏目不检查更新情况）。"
    return None


class ColumnPeriod(models.Model):
    """A column's own update period, overriding the default for its kind (kept here so the
    disclosure app's ColumnPage needs no migration)."""

    column = models.OneToOneField("wagtailcore.Page", verbose_name="栏目", on_delete=models.CASCADE,
                                  related_name="health_period",
                                  error_messages={"unique": "该栏目已设置更新周期，请在列表中修改原有记录。"})
    days = models.PositiveIntegerField(
        "更新周期（天）", null=True, blank=True,
        help_text="留空表示该栏目不要求定期更新（仍检查是否为空白栏目）",
        validators=[MinValueValidator(1, "更新周期至少为1天；不要求定期更新请留空。"),
                    MaxValueValidator(3660, "更新周期不能超过3660天（约10年）。")])

    panels = [PageChooserPanel("column", "disclosure.ColumnPage"), FieldPanel("days")]
    base_form_class = ColumnPeriodForm

    class Meta:
        verbose_name = "栏目更新周期"
        verbose_name_plural = "栏目更新周期"

    def __str__(self):
        return f"{self.column.title}：{self.days_text}"

    @property
    def days_text(self):
        return f"{self.days}天" if self.days else "不要求定期更新"

    def clean(self):
        super().clean()
        if self.column_id:
            problem = _column_problem(self.column)
            if problem:
                raise ValidationError({"column": problem})


class ExternalLinkStatus(models.Model):
    """The last result for one external URL, so that each is requested at most once a day
    however many pages link to it and however often the checks run."""

    OK = "ok"
    BROKEN = "broken"    # the other site says the page is gone (4xx) or its name doesn't resolve
    FAILING = "failing"  # 5xx, timeout, refused connection, TLS error: may pass on the next day
    OUTCOMES = [(OK, "正常"), (BROKEN, "失效"), (FAILING, "访问失败")]

    url_hash = models.CharField(max_length=64, unique=True)  # sha256: URLs are too long to index
    url = models.TextField("网址")
    checked_at = models.DateTimeField("检查时间", db_index=True)
    outcome = models.CharField("结果", max_length=10, choices=OUTCOMES)
    status_code = models.PositiveSmallIntegerField("HTTP状态码", null=True, blank=True)
    reason = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "外部链接检查结果"
        verbose_name_plural = "外部链接检查结果"


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
