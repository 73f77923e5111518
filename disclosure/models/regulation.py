from django.db import models
from wagtail.admin.panels import FieldPanel

from .base import DisclosurePage


class RegulationPage(DisclosurePage):
    """法律法规: laws and regulations citizens look up; the body keeps 章 and 条."""

    kind = "regulation"

    header = models.TextField("公布信息", blank=True, help_text="原文的公布令、通过与施行日期等")
    category = models.CharField("法规类别", max_length=100, blank=True)

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("header"), FieldPanel("category"),
    ] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "法律法规"
