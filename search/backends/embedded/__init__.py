"""The embedded search engine: SQLite FTS5 in its own file (settings.SEARCH_EMBEDDED_PATH).

It needs no service and also serves a site whose database is PostgreSQL.
Text is indexed as its tokens (`analysis.tokens()`: every CJK ideograph, every
[0-9a-z] run) and, in parallel columns, as overlapping token pairs. A query
becomes FTS5 phrases (pairs for two or more tokens): each segment is an OR of
its alternatives, the segments are ANDed (ORed as a fallback when few
documents have them all). FTS5's bm25 with column weights picks candidates;
`search.ranking` reranks them with
title coverage, the whole-query phrase, exact titles and exact 文号 keys.

Storage and atomic rebuilds are in `store.py`, match expressions in `fts.py`,
searching in `backend.py`.
"""

from .backend import EmbeddedBackend
from .fts import group, match_expression, pairs, phrase

__all__ = ["EmbeddedBackend", "group", "match_expression", "pairs", "phrase"]
