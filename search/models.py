"""The durable index queue and the administrators' synonym list."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from search.analysis.text import word_list


class IndexQueueEntry(models.Model):
    """A page whose search-index entry must be brought in line with the database.

    Rows are written in the same transaction as the publish / unpublish / move /
    delete, so a committed change always has its row. One row per page: a newer
    change replaces the older row (and gets a newer id), so draining by id
    applies each page's latest state in the order the changes happened.
    """

    ACTION_CHOICES = [("index", "更新索引"), ("delete", "移出索引")]

    page_id = models.IntegerField("页面编号", unique=True)
    action = models.CharField("操作", max_length=10, choices=ACTION_CHOICES)
    queued_at = models.DateTimeField("入队时间", auto_now_add=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "检索索引队列"
        verbose_name_plural = "检索索引队列"

    def __str__(self):
        return f"{self.get_action_display()} #{self.page_id}"


class IndexQueueState(models.Model):
    """One row: when the queue last drained and the last error the engine gave."""

    last_error = models.TextField("最近错误", blank=True)
    last_error_at = models.DateTimeField("最近出错时间", null=True, blank=True)
    last_drained_at = models.DateTimeField("最近同步时间", null=True, blank=True)
    drained_total = models.PositiveBigIntegerField("累计同步条数", default=0)

    class Meta:
        verbose_name = "检索索引状态"
        verbose_name_plural = "检索索引状态"


@register_snippet
class SearchSynonym(models.Model):
    """检索同义词: words that should find each other (城管 城市管理)."""

    terms = models.CharField(
        "同义词组", max_length=300,
        help_text="用空格或逗号分隔，例如：城管 城市管理 综合行政执法。组内任一词都能搜到使用其他词的文件。",
    )
    enabled = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("enabled"), FieldPanel("note")]

    class Meta:
        verbose_name = "检索同义词"
        verbose_name_plural = "检索同义词"
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        if len(word_list(self.terms)) < 2:
            raise ValidationError({"terms": "至少填写两个词，用空格或逗号分隔。"})
