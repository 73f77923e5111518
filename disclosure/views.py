"""Public feeds and data exports of the disclosure columns."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from disclosure.models import ColumnPage, DisclosurePage

FEED_SIZE = 30


class ColumnAtomFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, column_id):
        column = get_object_or_404(ColumnPage.objects.live().public(), pk=column_id)
        self.request = request
        return column

    def title(self, column):
        site = Site.find_for_request(self.request)
        return f"{column.title} - {site.site_name if site else ''}".strip(" -")

    def link(self, column):
        return column.get_url(request=self.request) or "/"

    def subtitle(self, column):
        return f"{column.title}栏目最新信息"

    def items(self, column):
        return column.type_behaviour().feed_items(column, FEED_SIZE)

    def item_title(self, item):
        return getattr(item, "public_title", None) or item.title

    def item_description(self, item):
        summary = getattr(item, "summary", "") or ""
        if not summary and hasattr(item, "body_text"):
            summary = item.body_text()[:200]
        if isinstance(item, DisclosurePage):
            summary = item.mask_personal_data(summary)
        return summary

    def item_link(self, item):
        url = item.get_url(request=self.request)
        if not url:
            raise Http404
        return url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_extra_kwargs(self, item):
        return {}


# --- 权责清单 exports (public: the list is proactively disclosed information) ---------------

def power_list_export(request, page_id, fmt):
    from django.http import HttpResponse

    from disclosure.models import PowerListPage
    from disclosure.power_list_io import export_csv, export_json, export_xlsx, item_dicts

    page = get_object_or_404(PowerListPage.objects.live().public(), pk=page_id)
    items = item_dicts(page)
    filename = f"power-list-{page.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(export_csv(items), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            export_xlsx(items, page.title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "json":
        response = HttpResponse(export_json(items, page), content_type="application/json; charset=utf-8")
    else:
        raise Http404("不支持的格式")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
