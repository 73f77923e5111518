from django.db import models
from wagtail.admin.panels import FieldPanel

from .base import DisclosurePage


class NewsPage(DisclosurePage):
    """工作动态 and 普法宣传 items."""

    page_description = "工作动态、普法宣传等新闻稿件"

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="题图", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    image_alt = models.CharField("题图替代文字", max_length=200, blank=True)

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("image"), FieldPanel("image_alt"),
    ] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "新闻动态"
