from django.db import models
from wagtail.admin.panels import FieldPanel

from .base import KIND_CHOICES, DisclosurePage


class ArticlePage(DisclosurePage):
    """A disclosure item without a dedicated type (指南, 制度, imported legacy pages…)."""

    item_kind = models.CharField("信息类别", max_length=40, choices=KIND_CHOICES, default="other")

    content_panels = DisclosurePage.content_panels[:1] + [FieldPanel("item_kind")] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "公开信息"

    @property
    def kind(self):
        return self.item_kind
