from django.db import models
from wagtail.admin.panels import FieldPanel

from disclosure.kinds import GENERAL_MODEL, choices_for

from .base import DisclosurePage


class ArticlePage(DisclosurePage):
    """A disclosure item without a dedicated type (指南, 制度, imported legacy pages…)."""

    page_description = "没有专门类型的公开信息，如办事指南、工作制度、历史导入的页面"

    item_kind = models.CharField("信息类别", max_length=40, choices=choices_for(GENERAL_MODEL), default="other")

    content_panels = DisclosurePage.content_panels[:1] + [FieldPanel("item_kind")] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "公开信息"
