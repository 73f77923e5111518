"""The one analysis module both backends use, at index time and at query time.

- `normalise(text)`: NFKC (full-width → half-width), one 文号 bracket form 〔〕,
  lowercase, no control characters, single spaces.
- `normalise_doc_number(value)`: the exact-match form of a 文号 / 令号.
- `doc_number_keys(*values)`: index-side exact keys (issuer variants, numerals → digits).
- `spaced(text)`: index form with every CJK ideograph as its own token.
- `analyse(q)`: an `AnalysedQuery` — normalised text, space-separated chunks,
  segments with alternatives (synonyms, abbreviations, homophone fixes),
  文号 candidates with keys, and a “您是不是要找” suggestion.

Dictionary, synonyms and abbreviations are text files in `search/data/`;
administrators add synonym groups in the admin (`SearchSynonym`).
"""

from .dictionary import Dictionary, get_dictionary, invalidate, segmenter
from .query import (
    MAX_QUERY_CHARS,
    AnalysedQuery,
    DocNumber,
    Segment,
    analyse,
    doc_number_keys,
    find_doc_numbers,
)
from .suggest import Vocabulary, build_vocabulary, default_vocabulary, invalidate_default_vocabulary
from .text import compact, has_cjk, join_tokens, normalise, normalise_doc_number, spaced, tokens

__all__ = [
    "AnalysedQuery", "Dictionary", "DocNumber", "MAX_QUERY_CHARS", "Segment", "Vocabulary",
    "analyse", "build_vocabulary", "compact", "default_vocabulary", "doc_number_keys",
    "find_doc_numbers", "get_dictionary", "has_cjk", "invalidate", "invalidate_default_vocabulary",
    "join_tokens", "normalise", "normalise_doc_number", "segmenter", "spaced", "tokens",
]
