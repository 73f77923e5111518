"""The durable search-index queue.

Publishing, unpublishing, moving or deleting a page writes an
`IndexQueueEntry` in the same database transaction (see `search.signals`);
draft saves write nothing. After the transaction commits, the queue tries to
drain: each row is applied from the page's *current* state in the database
(live and public → index it, anything else → remove it), so a row can never
apply a stale version. If the engine is down, the rows stay, publishing still
succeeds, and the error is kept for `manage.py search_index --status`; the
next publish, `search_index --drain`, or any later drain applies the backlog
in order. One row per page: a newer change replaces the older row.

Bulk importers: wrap the import in `deferred()` so that nothing drains after
each page's commit, then everything drains in batches on exit::

    from search import queue

    with queue.deferred(batch_size=500):
        for record in records:
            import_one(record)          # publishes; rows are queued only
    # on exit: queue.flush(batch_size=500) has drained the backlog

`flush()` can also be called directly, e.g. every N records of a long import.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from django.db import transaction
from django.utils import timezone

from search.models import IndexQueueEntry, IndexQueueState

log = logging.getLogger(__name__)

DRAIN_BATCH = 100
_state = threading.local()


# ------------------------------------------------------------------ writing

def enqueue(page_ids, action: str = "index") -> None:
    """Queue pages for (re)indexing or removal, inside the caller's transaction."""
    ids = sorted({int(i) for i in page_ids if i is not None})
    if not ids:
        return
    with transaction.atomic():
        # Delete + insert (not update) so the row's id records when the latest change happened.
        IndexQueueEntry.objects.filter(page_id__in=ids).delete()
        IndexQueueEntry.objects.bulk_create([IndexQueueEntry(page_id=i, action=action) for i in ids])
    if not is_deferred():
        transaction.on_commit(_drain_after_commit)


def _drain_after_commit():
    try:
        drain(limit=DRAIN_BATCH)
    except Exception:  # publishing must never fail because of search
        log.exception("search index queue drain failed")


# ------------------------------------------------------------------ deferring

def is_deferred() -> bool:
    return getattr(_state, "deferred", 0) > 0


@contextlib.contextmanager
def deferred(batch_size: int = 500, flush_on_exit: bool = True):
    """Queue rows without draining until the block ends, then drain in batches."""
    _state.deferred = getattr(_state, "deferred", 0) + 1
    try:
        yield
    finally:
        _state.deferred -= 1
    if flush_on_exit and not is_deferred():
        flush(batch_size=batch_size)


def flush(batch_size: int = 500) -> int:
    """Drain the whole backlog in batches; stops (keeping the rest) if the engine fails."""
    return drain(limit=None, batch_size=batch_size)


# ------------------------------------------------------------------ draining

def _state_row() -> IndexQueueState:
    row = IndexQueueState.objects.order_by("id").first()
    return row or IndexQueueState.objects.create()


def _record_error(entries, exc) -> None:
    message = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    ids = [e.id for e in entries]
    IndexQueueEntry.objects.filter(id__in=ids).update(last_error=message)
    for entry in IndexQueueEntry.objects.filter(id__in=ids):
        entry.attempts += 1
        entry.save(update_fields=["attempts"])
    IndexQueueState.objects.filter(pk=_state_row().pk).update(last_error=message, last_error_at=now)


def _apply(entries, backend) -> None:
    from wagtail.models import Page

    from search.indexing import column_titles, document_for_page, is_searchable, restricted_paths

    pages = {p.pk: p for p in Page.objects.filter(pk__in=[e.page_id for e in entries]).specific()}
    restricted = restricted_paths()
    columns = column_titles()
    docs, gone = [], []
    for entry in entries:
        page = pages.get(entry.page_id)
        if page is not None and is_searchable(page, restricted):
            docs.append(document_for_page(page, columns))
        else:
            gone.append(entry.page_id)
    if gone:
        backend.delete_documents(gone)
    if docs:
        backend.index_documents(docs)


def drain(limit: int | None = DRAIN_BATCH, batch_size: int = DRAIN_BATCH, backend=None) -> int:
    """Apply queued rows oldest first. Returns how many were applied.

    Never raises because the engine is down: the error is recorded, the rows
    stay, and the next drain starts again from the oldest.
    """
    from search.backends import get_backend

    backend = backend or get_backend()
    done = 0
    last_id = 0
    while limit is None or done < limit:
        size = batch_size if limit is None else min(batch_size, limit - done)
        entries = list(IndexQueueEntry.objects.filter(id__gt=last_id).order_by("id")[:size])
        if not entries:
            break
        try:
            _apply(entries, backend)
        except Exception as exc:
            log.warning("search index unavailable, %d queued change(s) kept: %s",
                        IndexQueueEntry.objects.count(), exc)
            _record_error(entries, exc)
            break
        # Only the rows we applied: a row replaced meanwhile has a new id and stays queued.
        IndexQueueEntry.objects.filter(id__in=[e.id for e in entries]).delete()
        last_id = entries[-1].id
        done += len(entries)
        state = _state_row()
        IndexQueueState.objects.filter(pk=state.pk).update(
            last_drained_at=timezone.now(), drained_total=state.drained_total + len(entries))
    return done


def status() -> dict:
    """Backlog size, oldest entry and the last error, for `search_index --status`."""
    state = _state_row()
    oldest = IndexQueueEntry.objects.order_by("id").first()
    return {
        "backlog": IndexQueueEntry.objects.count(),
        "oldest_queued_at": oldest.queued_at if oldest else None,
        "last_error": state.last_error,
        "last_error_at": state.last_error_at,
        "last_drained_at": state.last_drained_at,
        "drained_total": state.drained_total,
    }
