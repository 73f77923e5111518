"""The two places where this backend meets `search.analysis`.

`document_source` turns an `IndexedDocument` into the stored source of a
`PageDocument`; `plan_for` turns the citizen's query into a `QueryPlan`.
Both go through the same `normalise()`, so the index and the query can never
disagree about full-width digits, brackets or case.
"""

from __future__ import annotations

from typing import Callable

from search.analysis import analyse, compact, doc_number_keys, normalise
from search.documents import BODY_HEAD_CHARS, doc_number_tails
from search.ranking import exact_title_forms, title_core

from ..base import IndexedDocument
from .query import QueryPlan


def document_source(doc: IndexedDocument) -> dict:
    title = normalise(doc.title)
    body = normalise(doc.body)
    header = normalise(doc.header)
    doc_number = normalise(doc.doc_number)
    keys = doc_number_keys(doc_number, header, body[:BODY_HEAD_CHARS])
    return {
        "page_id": doc.page_id,
        "title": title,
        "title_core": title_core(doc.title),
        "body": body,
        "header": header,
        "summary": normalise(doc.summary),
        "doc_number": doc_number,
        "doc_number_exact": keys,
        "doc_number_tail": doc_number_tails(keys),
        "kind": doc.kind,
        "publisher": doc.publisher or "",
        "column": doc.column or "",
        "tags": list(doc.tags or []),
        "source_id": doc.source_id or "",
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.date.year if doc.date else None,
        "url": doc.url,
        "display_title": doc.title,
        "display_doc_number": doc.doc_number or "",
        "display_publisher": doc.publisher or "",
    }


def plan_for(raw_query: str, vocabulary=None, count: Callable[[str], int] | None = None) -> QueryPlan:
    return plan_from_analysed(analyse(raw_query, vocabulary=vocabulary, count=count))


def plan_from_analysed(analysed) -> QueryPlan:
    groups = [list(seg.alternatives) for seg in analysed.required]
    whole: list[str] = []
    if len(analysed.segments) == 1:
        # A one-word query's other forms (劳动法 → 中华人民共和国劳动法) are
        # whole-query alternatives too: they may be a page's entire title.
        whole.extend(analysed.segments[0].alternatives[1:])
    if analysed.suggestion:
        whole.append(compact(analysed.suggestion))
    phrase = analysed.phrase
    keys = analysed.doc_number_keys
    return QueryPlan(
        text=phrase if not analysed.is_empty else "",
        groups=groups,
        whole=[w for w in dict.fromkeys(whole) if w and w != phrase],
        doc_numbers=keys,
        doc_number_tails=doc_number_tails(keys),
        title_forms=sorted(exact_title_forms(analysed)) if not analysed.is_empty else [],
        suggestion=analysed.suggestion,
    )
