"""Disclosure pages → JSONL records in the import format (docs/architecture.md, "Stable interfaces").

Each record has every standard key (null when empty) and, when set, the extras the importer
also reads (written_on, updated_at, author, keywords, summary, genre), so importing an export
into an empty site and exporting again gives the same records. Pages are read in tree order,
a hundred at a time, so memory stays flat however large the site is.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from disclosure.importers.body import blocks_to_text
from disclosure.importers.kinds import disclosure_models

CHUNK = 100


def _local(value):
    return timezone.localtime(value) if value else None


def _midnight_of(day):
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(day, time())) if day else None


def breadcrumb_of(page, titles):
    """'首页 > 政务公开 > … > 栏目' — the page's actual position on this site."""
    parts = []
    path = page.path
    for depth in range(2, page.depth):  # skip the tree root (depth 1) and the page itself
        title = titles.get(path[: depth * Page.steplen])
        if title:
            parts.append(title)
    return " > ".join(parts)


def record_for(page, titles):
    published_on = page.published_on
    record = {
        "title": page.title,
        "body": blocks_to_text(page.body.raw_data),
        "kind": page.kind,
        "url": page.original_url or None,
        "site": page.source_name or None,
        "publisher": page.publisher.name if page.publisher_id else None,
        "date": published_on.isoformat() if published_on else None,
        "doc_number": page.doc_number or None,
        "breadcrumb": breadcrumb_of(page, titles) or None,
        "index_number": page.index_number or None,
        "subject": page.subject.name if page.subject_id else None,
        "validity": page.validity or None,
        "header": getattr(page, "header", None) or None,
        "source": page.source_id or None,
        "category": getattr(page, "category", None) or None,
    }
    if page.written_on and page.written_on != published_on:
        record["written_on"] = page.written_on.isoformat()
    updated = _local(page.updated_at)
    if updated and updated != _midnight_of(published_on):
        record["updated_at"] = updated.strftime("%Y-%m-%d %H:%M:%S")
    for key in ("author", "keywords", "summary"):
        if getattr(page, key):
            record[key] = getattr(page, key)
    if page.genre_id:
        record["genre"] = page.genre.name
    return record


def iter_records(kind=None, live_only=True):
    models = disclosure_models()
    types = ContentType.objects.get_for_models(*models)
    pages = Page.objects.filter(content_type__in=list(types.values()))
    if live_only:
        pages = pages.live()
    ids = list(pages.order_by("path").values_list("id", flat=True))
    # Breadcrumbs only need the columns and the home page, not the items themselves.
    titles = dict(Page.objects.exclude(content_type__in=list(types.values())).values_list("path", "title"))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=chunk).specific()}
        for page_id in chunk:
            page = specific.get(page_id)
            if page is None:
                continue
            if kind and page.kind != kind:
                continue
            yield record_for(page, titles)


def export_jsonl(stream, kind=None):
    count = 0
    for record in iter_records(kind=kind):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
