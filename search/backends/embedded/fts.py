"""FTS5 match expressions for the embedded engine.

Only tokens made of ideographs and [0-9a-z] (search.analysis.tokens) ever reach
a MATCH expression, so no FTS5 syntax typed by a citizen can be interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable

from search.analysis import AnalysedQuery, tokens

# FTS columns: single tokens, then overlapping token pairs, of the same five fields.
FIELDS = ("title", "doc_number", "header", "meta", "body")
FTS_COLUMNS = FIELDS + tuple(f"{f}_pairs" for f in FIELDS)
# bm25 weights, in FTS_COLUMNS order: title ≫ 文号 > header > publisher/column/tags > body.
COLUMN_WEIGHTS = (10.0, 6.0, 3.0, 2.0, 1.0) * 2


def pairs(toks: list[str]) -> list[str]:
    """Overlapping token pairs: 城 市 管 理 → 城市 市管 管理."""
    return [a + b for a, b in zip(toks, toks[1:])]


def phrase(text: str) -> str:
    """An FTS5 phrase for the text; tokens never contain quotes or operators.

    One token is looked up in the single-token columns; two or more as a phrase
    of overlapping pairs in the pair columns, which matches exactly the same
    runs of tokens with posting lists a hundred times shorter (法 is in every
    document, 诉法 in few).
    """
    toks = tokens(text)
    if not toks:
        return ""
    return '"' + (toks[0] if len(toks) == 1 else " ".join(pairs(toks))) + '"'


def group(alternatives: Iterable[str]) -> str:
    phrases = list(dict.fromkeys(p for p in (phrase(a) for a in alternatives) if p))
    if not phrases:
        return ""
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def match_expression(aq: AnalysedQuery, mode: str = "all", min_tokens: int = 1) -> str:
    segments = [s for s in aq.required if len(tokens(s.text)) >= min_tokens]
    groups = [g for g in (group(s.alternatives) for s in segments) if g]
    return (" AND " if mode == "all" else " OR ").join(groups)
