"""Pages → `IndexedDocument`s: what a citizen can find, and only that.

A page is searchable when it is a disclosure item (any `DisclosurePage`
subclass), live, and has no view restriction. Everything else is removed
from the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from wagtail.models import Page, PageViewRestriction, get_page_models

from search.backends.base import IndexedDocument

_KEYWORD_SPLIT = re.compile(r"[\s,，;；、]+")


def searchable_models() -> list[type[Page]]:
    from disclosure.models import DisclosurePage

    return [m for m in get_page_models() if issubclass(m, DisclosurePage) and not m._meta.abstract]


def restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_searchable(page: Page, restricted: list[str] | None = None) -> bool:
    from disclosure.models import DisclosurePage

    if not isinstance(page, DisclosurePage) or not page.live or page.expired or page.is_withdrawn_from_public():
        return False
    restricted = restricted_paths() if restricted is None else restricted
    return not any(page.path.startswith(path) for path in restricted)


def page_path(page: Page) -> str:
    parts = page.get_url_parts()
    if parts:
        return parts[2]
    return page.url_path


def document_for_page(page: Page, columns: dict[str, str] | None = None) -> IndexedDocument:
    """The index entry of a (specific) disclosure page."""
    parent_path = page.path[: -Page.steplen]
    if columns is not None:
        column = columns.get(parent_path, "")
    else:
        parent = Page.objects.filter(path=parent_path).only("title").first()
        column = parent.title if parent else ""
    publisher = page.publisher.name if getattr(page, "publisher_id", None) and page.publisher else ""
    keywords = [w for w in _KEYWORD_SPLIT.split(getattr(page, "keywords", "") or "") if w]
    tags = keywords + [str(t) for t in page.tags.all()] if hasattr(page, "tags") else keywords
    return IndexedDocument(
        page_id=page.pk,
        title=page.title,
        url=page_path(page),
        kind=page.kind,
        body=page.body_text(),
        publisher=publisher,
        date=page.display_date,
        doc_number=page.doc_number or "",
        header=getattr(page, "header", "") or "",
        column=column,
        tags=tags,
        summary=page.summary or "",
        source_id=page.source_id or page.original_url or "",
    )


def searchable_pages(chunk: int = 500) -> Iterator[Page]:
    """Every searchable page, specific, in tree order, loaded in chunks."""
    restricted = restricted_paths()
    for model in searchable_models():
        qs = model.objects.live().filter(expired=False).select_related("publisher").order_by("path")
        for page in qs.iterator(chunk_size=chunk):
            if not page.is_withdrawn_from_public() and not any(page.path.startswith(p) for p in restricted):
                yield page


def column_titles() -> dict[str, str]:
    from disclosure.models import ColumnPage

    return dict(ColumnPage.objects.values_list("path", "title"))


def all_documents() -> Iterable[IndexedDocument]:
    """Every searchable page as an IndexedDocument, for a full rebuild."""
    columns = column_titles()
    for page in searchable_pages():
        yield document_for_page(page, columns)
