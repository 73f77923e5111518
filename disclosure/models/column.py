from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

COLUMN_TYPE_CHOICES = [
    ("list", "信息列表"),
    ("guide", "信息公开指南"),
    ("rules", "信息公开制度"),
    ("catalogue", "信息公开目录"),
    ("annual_report", "信息公开年报"),
    ("section", "栏目分组"),
]


class ColumnPage(Page):
    """栏目: a column that lists its children newest first, with pagination."""

    intro = RichTextField("栏目说明", blank=True)
    column_type = models.CharField("栏目类型", max_length=20, choices=COLUMN_TYPE_CHOICES, default="list")
    page_size = models.PositiveSmallIntegerField("每页条数", default=20)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("column_type"), FieldPanel("page_size")]

    parent_page_types = ["home.HomePage", "disclosure.ColumnPage"]
    template = "disclosure/column_page.html"

    class Meta:
        verbose_name = "栏目"

    def listed_children(self):
        """Live children, newest first: item pages by their displayed date, columns first."""
        return self.get_children().live().public().specific().order_by("-first_published_at", "-id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listed_children(), max(1, self.page_size))
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context["items"] = page_obj
        context["paginator"] = paginator
        return context
