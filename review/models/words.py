from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


# Registered with its own admin menu entry in review.admin_menu, not under 片段.
class SensitiveWord(index.Indexed, models.Model):
    """A word that must never appear in published content; administrators edit the list."""

    word = models.CharField("敏感词", max_length=100, unique=True)
    note = models.CharField("说明", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)

    panels = [FieldPanel("word"), FieldPanel("note"), FieldPanel("active")]
    search_fields = [index.SearchField("word"), index.AutocompleteField("word")]

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word
