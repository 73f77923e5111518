"""政府信息公开目录: every live disclosure item with 索引号, 名称, 内容概述, 生成日期 (《条例》第十二条)."""

import re

from django.db.models import Q
from wagtail.models import Page

from disclosure.kinds import KIND_CHOICES, KIND_LABELS
from disclosure.listing import paginate, read_filters
from disclosure.models.catalogue import CatalogueEntry
from disclosure.models.enforcement import expired_decisions
from disclosure.models.organisations import Organisation, SubjectCategory

MAX_QUERY_LENGTH = 100
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def catalogue_entries(site=None):
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return (CatalogueEntry.objects.filter(page__in=pages.values("id"))
            .exclude(page_id__in=expired_decisions().values("pk"))
            .select_related("publisher", "subject", "page"))


def catalogue_context(column, request):
    filters = read_filters(request)
    kind = request.GET.get("kind", "")
    filters["kind"] = kind if kind in KIND_LABELS else ""
    # Control characters can't match anything, and PostgreSQL refuses NUL in a text parameter.
    filters["q"] = CONTROL_CHARACTERS.sub("", request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    all_entries = catalogue_entries(column.get_site())
    entries = all_entries
    if filters["year"]:
        entries = entries.filter(published_on__year=filters["year"])
    if filters["publisher"]:
        entries = entries.filter(publisher_id=filters["publisher"])
    if filters["subject"]:
        entries = entries.filter(subject_id=filters["subject"])
    if filters["kind"]:
        entries = entries.filter(kind=filters["kind"])
    if filters["q"]:
        q = filters["q"]
        entries = entries.filter(Q(title__icontains=q) | Q(index_number__icontains=q) | Q(doc_number__icontains=q))
    order = ("published_on", "id") if filters["sort"] == "date_asc" else ("-published_on", "-id")
    paginator, page_obj = paginate(request, entries.order_by(*order), column.page_size)
    years = sorted({d.year for d in all_entries.values_list("published_on", flat=True)}, reverse=True)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "entries": page_obj,
        "paginator": paginator,
        "filters": filters,
        "filter_query": query.urlencode(),
        "filtered": any(filters[k] for k in ("year", "publisher", "subject", "kind", "q")),
        "filter_options": {
            "years": years,
            "publishers": Organisation.objects.filter(id__in=all_entries.values("publisher_id")),
            "subjects": SubjectCategory.objects.filter(id__in=all_entries.values("subject_id")),
            "kinds": [(k, label) for k, label in KIND_CHOICES if all_entries.filter(kind=k).exists()],
            "sorts": [("date_desc", "发布日期（新→旧）"), ("date_asc", "发布日期（旧→新）")],
        },
    }
