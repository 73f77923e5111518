"""The two places where this backend meets `search.analysis`.

`document_source` turns an `IndexedDocument` into the stored source of a
`PageDocument`; `plan_for` turns the citizen's query into a `QueryPlan`.
Both go through the same `normalise()`, so the index and the query can never
disagree about full-width digits, brackets or case.
"""

from __future__ import annotations

from collections.abc import Callable

from search.analysis import analyse, compact, doc_number_keys, join_tokens, normalise, tokens
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


def _single_token(seg) -> bool:
    return len(seg.alternatives) == 1 and len(tokens(seg.text)) == 1 and not seg.optional


def phrase_groups(analysed) -> list[list[str]]:
    """The segments' alternatives, with lone characters and numbers glued to a neighbour.

    Citizens type 国务院令第721号 or 任何一方不愿意离婚 without spaces; the
    segmenter leaves 第, 号, 不 on their own.  Alone they match nearly every
    page (and cost the most to match); glued to the neighbouring segment they
    typed them next to, they narrow it instead: 国务院令第721号, 任何一方不.
    Only segments without synonyms are glued, so no alternative is lost.
    """
    segments = list(analysed.segments)
    groups: list[list[str]] = []
    last_plain: list[str] | None = None     # previous group, if gluable and adjacent
    carry: list = []                         # lone tokens at the start of a chunk
    previous_chunk = None
    for seg in segments:
        if seg.chunk != previous_chunk:
            if carry:
                groups.append([join_tokens(tokens("".join(c.text + " " for c in carry)))])
            last_plain, carry, previous_chunk = None, [], seg.chunk
        if seg.optional:
            last_plain = None
            continue
        if _single_token(seg):
            if last_plain is not None:
                last_plain[0] = join_tokens(tokens(f"{last_plain[0]} {seg.text}"))
            else:
                carry.append(seg)
            continue
        alternatives = list(seg.alternatives)
        if carry and len(alternatives) == 1:
            prefix = " ".join(c.text for c in carry)
            alternatives = [join_tokens(tokens(f"{prefix} {alternatives[0]}"))]
        elif carry:
            groups.append([join_tokens(tokens(" ".join(c.text for c in carry)))])
        carry = []
        groups.append(alternatives)
        last_plain = alternatives if len(alternatives) == 1 else None
    if carry:
        groups.append([join_tokens(tokens(" ".join(c.text for c in carry)))])
    return groups or [list(seg.alternatives) for seg in analysed.required]


def without_superstrings(alternatives: list[str]) -> list[str]:
    """Drop an alternative that contains another one of its group.

    A page with 中华人民共和国个人信息保护法 also contains 个人信息保护法, so the
    longer phrase can't find anything more; made of very common bigrams
    (中华, 人民, 共和…) it only costs.  The full name still ranks the law
    itself through the whole-query and exact-title clauses.
    """
    compact_forms = [(alt, alt.replace(" ", "")) for alt in alternatives]
    return [alt for alt, form in compact_forms
            if not any(other != form and other in form for _, other in compact_forms)]


def plan_from_analysed(analysed) -> QueryPlan:
    groups = [without_superstrings(g) for g in phrase_groups(analysed)]
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
