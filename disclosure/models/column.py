from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from disclosure.listing import SORT_CHOICES, paginate, read_filters
from disclosure.slugs import TITLE_PANEL, ShortSlugMixin

from .forms import ColumnPageForm

COLUMN_TYPE_CHOICES = [
    ("list", "信息列表"),
    ("guide", "信息公开指南"),
    ("rules", "信息公开制度"),
    ("catalogue", "信息公开目录"),
    ("annual_report", "信息公开年报"),
    ("section", "栏目分组"),
]

class ColumnPage(ShortSlugMixin, Page):
    """栏目: a column that lists its children newest first, with pagination."""

    page_description = "栏目：分页列出下级信息（最新在前），也可作为公开指南、公开目录、年报或栏目分组"

    intro = RichTextField("栏目说明", blank=True)
    column_type = models.CharField("栏目类型", max_length=20, choices=COLUMN_TYPE_CHOICES, default="list")
    page_size = models.PositiveSmallIntegerField("每页条数", default=20)

    content_panels = [TITLE_PANEL] + Page.content_panels[1:] + [
        FieldPanel("intro"), FieldPanel("column_type"), FieldPanel("page_size"),
    ]

    parent_page_types = ["home.HomePage", "disclosure.ColumnPage"]
    base_form_class = ColumnPageForm

    class Meta:
        verbose_name = "栏目"

    def type_behaviour(self):
        """Template, context and feed of this column's type (disclosure/column_types.py)."""
        # Imported here: column_types reads the catalogue view, which imports the models package.
        from disclosure.column_types import behaviour

        return behaviour(self.column_type)

    def get_template(self, request, *args, **kwargs):
        return self.type_behaviour().template

    def _dated_children(self):
        from .catalogue import CatalogueEntry
        from .enforcement import expired_decisions

        entry_date = CatalogueEntry.objects.filter(page_id=OuterRef("pk")).values("published_on")[:1]
        return (
            self.get_children().live().public()
            # Decisions whose publicity period ended leave the site even before the daily job runs.
            .exclude(id__in=expired_decisions().values("pk"))
            .annotate(list_date=Coalesce(Subquery(entry_date), TruncDate("first_published_at")))
        )

    def listed_children(self, filters=None):
        """Live children by displayed date, filtered by year / 发布机构 / 主题分类."""
        from .catalogue import CatalogueEntry

        filters = filters or {}
        pages = self._dated_children()
        if filters.get("year"):
            pages = pages.filter(list_date__year=filters["year"])
        entries = CatalogueEntry.objects.all()
        if filters.get("publisher"):
            pages = pages.filter(id__in=entries.filter(publisher_id=filters["publisher"]).values("page_id"))
        if filters.get("subject"):
            pages = pages.filter(id__in=entries.filter(subject_id=filters["subject"]).values("page_id"))
        if filters.get("sort") == "date_asc":
            pages = pages.order_by("list_date", "id")
        else:
            pages = pages.order_by("-list_date", "-id")
        return pages.specific()

    def filter_options(self):
        """Years, publishers and subjects that occur in this column (for the filter form)."""
        from .catalogue import CatalogueEntry
        from .organisations import Organisation, SubjectCategory

        child_ids = self.get_children().live().public().values("id")
        entries = CatalogueEntry.objects.filter(page_id__in=child_ids)
        years = sorted({d.year for d in entries.values_list("published_on", flat=True)}, reverse=True)
        return {
            "years": years,
            "publishers": Organisation.objects.filter(id__in=entries.values("publisher_id")),
            "subjects": SubjectCategory.objects.filter(id__in=entries.values("subject_id")),
            "sorts": SORT_CHOICES,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.type_behaviour().context(self, request))
        return context

    def listing_context(self, request):
        """The page of children, with the filters (years, 发布机构, 主题分类) and the Atom feed."""
        filters = read_filters(request)
        paginator, page_obj = paginate(request, self.listed_children(filters), self.page_size)
        return {
            "items": page_obj,
            "paginator": paginator,
            "filters": filters,
            "filter_options": self.filter_options(),
            "filtered": any(filters[k] for k in ("year", "publisher", "subject")),
            "today": timezone.localdate(),
        }

    @property
    def feed_url(self):
        from django.urls import reverse

        return reverse("disclosure:column_feed", args=[self.pk])
