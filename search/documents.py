"""elasticsearch-dsl documents of the `search` app.

Everything here runs on an Elasticsearch with only the core modules
(docs/search.md): the built-in `standard` analyzer and `keyword` fields, plus
one custom analyzer made of the `standard` tokenizer and the
`lowercase` and `shingle` filters.  Text is normalised in Python by
`search.analysis.normalise` before it is indexed and before it is queried, so
the engine never has to know about full-width digits or 文号 brackets.

Text fields and what each is for:
- the field itself (`standard`): Chinese as single characters, for
  one-character phrases and for highlighting, which marks exactly them;
- `.bigram` (standard + shingle 2/2): overlapping character bigrams.  A
  phrase of bigrams matches the same character runs as a phrase of single
  characters, much faster, and BM25 over bigrams ranks by word-like units
  without a dictionary and with no out-of-vocabulary misses;
- no jieba words field: measured on the dev queries it added nothing over
  phrases and bigrams (nDCG@10 0.918 with it, 0.919 without).
"""

from __future__ import annotations

import re

from elasticsearch.dsl import Date, Document, Integer, Keyword, Text, analyzer, token_filter

BIGRAM_FILTER = token_filter(
    "govsite_bigram",
    "shingle",
    min_shingle_size=2,
    max_shingle_size=2,
    output_unigrams=False,
    # A one-character query still matches something in the bigram field.
    output_unigrams_if_no_shingles=True,
)
BIGRAM_ANALYZER = analyzer("govsite_bigram", tokenizer="standard", filter=["lowercase", BIGRAM_FILTER])


def _text(**extra_fields):
    return Text(analyzer="standard", fields={"bigram": Text(analyzer=BIGRAM_ANALYZER), **extra_fields})


class PageDocument(Document):
    """One published page, as the public search sees it."""

    page_id = Integer()
    title = _text(raw=Keyword(ignore_above=512))
    # The title without 中华人民共和国 or a version note: the query may be the whole title.
    title_core = Keyword(ignore_above=512)
    # Offsets in the postings let the highlighter mark a long regulation
    # without re-analysing all of it; the body is stored apart from _source
    # (see index_body) so fetching a hit's small fields never parses it.
    body = Text(analyzer="standard", index_options="offsets", store=True,
                fields={"bigram": Text(analyzer=BIGRAM_ANALYZER)})
    header = _text()
    summary = _text()
    doc_number = _text()
    # Normalised 文号 / 令号 keys (search.analysis.doc_number_keys): an exact hit ranks first.
    doc_number_exact = Keyword()
    doc_number_tail = Keyword()
    kind = Keyword()
    publisher = Keyword(fields={"text": Text(analyzer=BIGRAM_ANALYZER)})
    column = Keyword(fields={"text": Text(analyzer=BIGRAM_ANALYZER)})
    tags = Keyword()
    source_id = Keyword()
    date = Date(format="strict_date")
    year = Integer()
    url = Keyword(index=False)
    # Stored, never searched: what a hit displays, in the page's own spelling.
    display_title = Keyword(index=False, doc_values=False)
    display_doc_number = Keyword(index=False, doc_values=False)
    display_publisher = Keyword(index=False, doc_values=False)


INDEX_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.+-]*$")


def alias_name(prefix: str) -> str:
    """The alias every read and write goes through: ``<prefix>-pages``."""
    prefix = (prefix or "govsite").strip().lower()
    if not INDEX_NAME_RE.match(prefix) or len(prefix) > 200:
        raise ValueError(f"SEARCH_INDEX_PREFIX {prefix!r} is not a valid Elasticsearch index name prefix")
    return f"{prefix}-pages"


def index_body(shards: int, replicas: int) -> dict:
    """Settings and mappings for one concrete index behind the alias."""
    from elasticsearch.dsl import Index

    index = Index("unused")
    index.settings(
        number_of_shards=shards,
        number_of_replicas=replicas,
        # Phrase queries over single characters hit long bodies; keep the
        # highlighter inside its default bounds but allow long regulations.
        **{"highlight.max_analyzed_offset": 2_000_000, "max_result_window": 10_000},
    )
    index.document(PageDocument)
    body = index.to_dict()
    body["mappings"]["dynamic"] = "strict"
    # Rebuilds read from the database, never from _source (no _reindex on core-only builds).
    body["mappings"]["_source"] = {"excludes": ["body"]}
    return body


# Issuer-free tails of 文号 and 令号, on normalised text: 〔2022〕17号, 令第56号.
_TAIL = re.compile(r"〔\d{4}〕\d+号|令第\d+号")
# How far into a body a document's own 文号 may stand (under its heading).
BODY_HEAD_CHARS = 300


def doc_number_tails(keys: list[str]) -> list[str]:
    """The issuer-free tails of exact 文号 / 令号 keys.

    `search.analysis.doc_number_keys` gives the exact keys with the issuer; a
    tail also matches a number typed with an issuer spelt another way
    (市场监管总局令第56号 for 国家市场监督管理总局令第56号), and the phrase
    clauses then rank the right issuer first.
    """
    return list(dict.fromkeys(tail for key in keys for tail in _TAIL.findall(key)))
