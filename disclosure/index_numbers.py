"""Assigning 索引号 on first publication and keeping the catalogue entry current."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from disclosure.doc_numbers import DEFAULT_INDEX_PATTERN, pattern_problems, render_index_number, sequence_key

logger = logging.getLogger(__name__)

FALLBACK_ORG_CODE = "000000000000000000"
SUMMARY_LENGTH = 120


def _settings_for(page):
    from wagtail.models import Site

    from disclosure.models.catalogue import DisclosureSettings

    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_INDEX_PATTERN, ""
    settings = DisclosureSettings.for_site(site)
    pattern = settings.index_number_pattern or DEFAULT_INDEX_PATTERN
    if pattern_problems(pattern):
        logger.error("invalid 索引号 pattern %r for site %s; using the default", pattern, site)
        pattern = DEFAULT_INDEX_PATTERN
    return pattern, settings.default_org_code


def org_code_for(page, default_code=""):
    org = page.publisher
    while org is not None:
        if org.code:
            return org.code
        org = org.parent
    return default_code or FALLBACK_ORG_CODE


def next_sequence_value(key):
    """Atomically take the next serial number for `key`.

    The UPDATE … SET last_value = last_value + 1 locks the row until the
    surrounding transaction commits, so concurrent publishers queue up instead
    of reading the same value (SQLite serialises writers anyway).
    """
    from disclosure.models.catalogue import IndexSequence

    with transaction.atomic():
        IndexSequence.objects.get_or_create(key=key)
        IndexSequence.objects.filter(key=key).update(last_value=F("last_value") + 1)
        return IndexSequence.objects.values_list("last_value", flat=True).get(key=key)


def local_today():
    return timezone.localdate()


def effective_published_on(page):
    """发布日期 as citizens see it: the field, else the first publication, else today."""
    if page.published_on:
        return page.published_on
    if page.first_published_at:
        return timezone.localtime(page.first_published_at).date()
    return local_today()


def _summary_of(page):
    text = (page.summary or "").strip()
    if not text:
        try:
            text = page.body_text()
        except Exception:  # a malformed imported body must not block publication
            text = ""
    text = " ".join(text.split())
    text = page.mask_personal_data(text)  # enforcement decisions: no personal data in the catalogue
    return text[:SUMMARY_LENGTH] + ("…" if len(text) > SUMMARY_LENGTH else "")


def _metadata(page):
    return {
        "title": page.title[:255],
        "kind": page.kind,
        "publisher_id": page.publisher_id,
        "subject_id": page.subject_id,
        "genre_id": page.genre_id,
        "summary": _summary_of(page),
        "doc_number": page.doc_number or "",
        "written_on": page.written_on,
        "published_on": effective_published_on(page),
    }


def _create_entry(page):
    from disclosure.models.catalogue import CatalogueEntry

    published_on = effective_published_on(page)
    pattern, default_code = _settings_for(page)
    values = {"org_code": org_code_for(page, default_code), "year": published_on.year, "kind": page.kind}
    key = sequence_key(pattern, **values)
    candidates = []
    if page.index_number:
        # An imported item keeps the 索引号 it was published with, if still free.
        candidates.append((page.index_number, ""))
    for _attempt in range(1000):
        if candidates:
            number, entry_key = candidates.pop()
        else:
            number, entry_key = render_index_number(pattern, seq=next_sequence_value(key), **values), key
        try:
            with transaction.atomic():
                return CatalogueEntry.objects.create(
                    index_number=number, page_id=page.pk, sequence_key=entry_key,
                    first_published_on=published_on, **_metadata(page),
                )
        except IntegrityError:
            existing = CatalogueEntry.objects.filter(page_id=page.pk).first()
            if existing is not None:  # a concurrent save of the same page won
                return existing
            # The number was taken (an imported 索引号 collided); take the next one.
    raise RuntimeError("could not allocate a free 索引号 for key %r" % key)


def register_publication(page):
    """Give a live disclosure page its 索引号 (once) and refresh its catalogue entry."""
    from disclosure.models.catalogue import CatalogueEntry

    entry = CatalogueEntry.objects.filter(page_id=page.pk).first()
    if entry is None:
        entry = _create_entry(page)
    else:
        for field, value in _metadata(page).items():
            setattr(entry, field, value)
        entry.save()
    if page.index_number != entry.index_number:
        type(page).objects.filter(pk=page.pk).update(index_number=entry.index_number)
        page.index_number = entry.index_number
        # The admin search indexed the page on save, before it had this number.
        from wagtail.search.index import insert_or_update_object

        insert_or_update_object(page)
    return entry


def registered_number(page_id):
    from disclosure.models.catalogue import CatalogueEntry

    if not page_id:
        return None
    return CatalogueEntry.objects.filter(page_id=page_id).values_list(
        "index_number", "first_published_on").first()
