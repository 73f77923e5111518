"""Request helpers shared by the listings (columns and the catalogue): page numbers and filters
read from the query string. Junk values are ignored, never an error (home.params bounds them)."""

from django.core.paginator import EmptyPage, Paginator

from home.params import parse_id, parse_page_number, parse_year

SORT_CHOICES = [("date_desc", "发布日期（新→旧）"), ("date_asc", "发布日期（旧→新）")]


def paginate(request, queryset, per_page):
    paginator = Paginator(queryset, max(1, per_page))
    try:
        page_obj = paginator.page(parse_page_number(request.GET.get("page")))
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return paginator, page_obj


def read_filters(request):
    """The listing filters from GET parameters; junk values are ignored, never an error."""
    sort = request.GET.get("sort", "date_desc")
    return {
        "year": parse_year(request.GET.get("year")),
        "publisher": parse_id(request.GET.get("publisher")),
        "subject": parse_id(request.GET.get("subject")),
        "sort": sort if sort in dict(SORT_CHOICES) else "date_desc",
    }
