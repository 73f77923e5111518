"""Wagtail's own search (admin page search, page/document/image choosers) for Chinese text.

modelsearch's database backends hand text to SQLite FTS5 or PostgreSQL full-text search,
whose tokenisers treat a run of ideographs as one word: 户外广告 is found only by the whole
title. This backend keeps modelsearch's storage, ranking and update-on-save, and changes only
the text on both sides, with the project's own analysis (`search.analysis`):

- index side: every value is normalised (NFKC, one 文号 bracket form, lowercase) and stored as
  its tokens (single ideographs, ASCII runs) followed by every pair of adjacent tokens;
- query side: the query gets the same normalisation and becomes the pairs of adjacent tokens
  (the token itself when there is only one), all required.

So 户外广告 asks for 户外 ∧ 外广 ∧ 广告, which is in 关于户外广告设置管理的规定; 武政发[2024]3号
asks for 武政 ∧ 政发 ∧ 发2024 ∧ 20243 ∧ 3号 whatever brackets the page or the editor used.
It is the scheme of the embedded public index (search/backends/embedded/fts.py), without its
synonyms and spelling fixes, which an editor looking for a known item doesn't need.

The admin index lives in the site's own database, so it also covers drafts and pages in review,
which the public index (SQLite file or Elasticsearch) never holds. See docs/operations.md.
"""

from __future__ import annotations

import types

from django.db import connection

from search.analysis import MAX_QUERY_CHARS, normalise, tokens

# ---------------------------------------------------------------- analysis


def token_pairs(toks: list[str]) -> list[str]:
    """Overlapping token pairs: 户 外 广 告 → 户外 外广 广告."""
    return [a + b for a, b in zip(toks, toks[1:])]


def index_text(text: str) -> str:
    """What the index stores for `text`: its tokens, then their adjacent pairs."""
    toks = tokens(normalise(text))
    return " ".join(toks + token_pairs(toks))


def query_terms(text: str) -> list[str]:
    """The terms a query must all match: adjacent token pairs, or the single token."""
    toks = tokens(normalise(text)[:MAX_QUERY_CHARS])
    if len(toks) <= 1:
        return toks
    return list(dict.fromkeys(token_pairs(toks)))


def analyse_query(query, operator=None):
    """A modelsearch query (a string or a query object) rewritten into analysed terms.

    Returns None when nothing searchable is left (only punctuation was typed).
    Each space-separated part of the query must match; `operator="or"` lets any part match.
    """
    from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

    if isinstance(query, MatchAll):
        return query
    if isinstance(query, str):
        query = PlainText(query, operator=operator or "and")
    if isinstance(query, PlainText):
        parts = [terms for terms in (query_terms(part) for part in query.query_string.split()) if terms]
        if not parts:
            return None
        if query.operator == "or" and len(parts) > 1:
            return Or([PlainText(" ".join(terms), operator="and") for terms in parts])
        return PlainText(" ".join(t for terms in parts for t in terms), operator="and")
    if isinstance(query, (Phrase, Fuzzy)):
        # Adjacent pairs already tie the characters together; no phrase query is needed.
        terms = query_terms(query.query_string)
        return PlainText(" ".join(terms), operator="and") if terms else None
    if isinstance(query, Boost):
        return analyse_query(query.subquery)
    if isinstance(query, Not):
        inner = analyse_query(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, (And, Or)):
        subqueries = [q for q in (analyse_query(sub) for sub in query.subqueries) if q is not None]
        if not subqueries:
            return None
        return type(query)(subqueries)
    return query


# ---------------------------------------------------------------- index side


def _draft_fields(obj):
    """Extra fields for a page: its latest draft's title, which may differ from the live one."""
    from modelsearch.index import AutocompleteField, SearchField
    from wagtail.models import Page

    if isinstance(obj, Page) and obj.draft_title and obj.draft_title != obj.title:
        return [SearchField("draft_title"), AutocompleteField("draft_title")]
    return []


def analysed_indexer(base):
    """A subclass of a vendor's ObjectIndexer that indexes analysed text."""

    class AnalysedObjectIndexer(base):
        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.search_fields = list(self.search_fields) + _draft_fields(obj)
            self._nesting = 0

        def prepare_value(self, value):
            # Lists and dicts recurse through prepare_value: analyse the joined text once.
            if self._nesting:
                return super().prepare_value(value)
            self._nesting += 1
            try:
                text = super().prepare_value(value)
            finally:
                self._nesting -= 1
            return index_text(text)

    AnalysedObjectIndexer.__name__ = f"Analysed{base.__name__}"
    return AnalysedObjectIndexer


def _uses_name(code, name):
    """True if `code` or a code object nested in it (a comprehension) looks up `name`."""
    return name in code.co_names or any(
        _uses_name(const, name) for const in code.co_consts if isinstance(const, types.CodeType))


def with_indexer(add_items, indexer_class):
    """`add_items` of a modelsearch index, building `indexer_class` instead of ObjectIndexer.

    The upstream method is reused as is (its SQL, its bulk insert and norms) with one name
    rebound, rather than copied; the check below fails loudly if modelsearch stops looking
    the indexer up by that name.
    """
    if not _uses_name(add_items.__code__, "ObjectIndexer"):
        raise RuntimeError(f"{add_items.__qualname__} no longer builds an ObjectIndexer: "
                           "search/admin_backend.py needs updating for this modelsearch version")
    namespace = dict(add_items.__globals__, ObjectIndexer=indexer_class)
    return types.FunctionType(add_items.__code__, namespace, add_items.__name__,
                              add_items.__defaults__, add_items.__closure__)


class AnalysedSearchMixin:
    """Rewrites every query with `analyse_query` before the vendor backend compiles it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        from modelsearch.backends.base import EmptySearchResults

        analysed = analyse_query(query, kwargs.pop("operator", None))
        if analysed is None:
            return EmptySearchResults()
        # `fields` would make PostgreSQL search the raw (unanalysed) columns; every indexed
        # field is analysed, so search the index as a whole.
        kwargs.pop("fields", None)
        return super()._search(query_compiler_class, analysed, model_or_queryset, **kwargs)


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class AnalysedSQLiteIndex(sqlite.SQLiteIndex):
        add_items = with_indexer(sqlite.SQLiteIndex.add_items, analysed_indexer(sqlite.ObjectIndexer))

    class RankedCompilerMixin:
        def ranked_object_ids(self, config):
            """{object id: bm25 score} of every match, from one FTS query; None if not ranking.

            modelsearch orders by a correlated subquery that re-runs the FTS match for every
            matching row: with a few hundred matches (管理条例, 通知) that took seconds.
            """
            query = normalize(self.query)
            if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
                return None
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
            rank = self._build_rank_expression(self.get_search_vectors(), config)
            rows = (sqlite.SQLiteFTSIndexEntry.objects.filter(match)
                    .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
                    .annotate(score=rank).values_list("index_entry__object_id", "score"))
            to_pk = self.queryset.model._meta.pk.to_python
            return {to_pk(object_id): score for object_id, score in rows}

    class RankedSearchCompiler(RankedCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
        pass

    class RankedAutocompleteCompiler(RankedCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler):
        pass

    class RankedSQLiteSearchResults(sqlite.SQLiteSearchResults):
        """Ranked results: scores from one FTS query, the page of results fetched by primary key."""

        def _do_search(self):
            compiler = self.query_compiler
            scores = compiler.ranked_object_ids(compiler.get_config(self.backend))
            if scores is None:
                return super()._do_search()
            # Which matches the queryset (permissions, type, live…) lets through; in chunks, under
            # SQLite's limit on query parameters.
            ids, allowed = list(scores), set()
            for start in range(0, len(ids), 900):
                allowed.update(compiler.queryset.filter(pk__in=ids[start:start + 900]).values_list("pk", flat=True))
            # bm25() is negative, best first; newest first among equals, as modelsearch does.
            order = sorted(allowed, reverse=True)
            order.sort(key=scores.__getitem__)
            window = order[self.start:self.stop]
            found = {obj.pk: obj for obj in compiler.queryset.filter(pk__in=window).order_by()}
            results = [found[pk] for pk in window if pk in found]
            if self._score_field:
                for obj in results:
                    setattr(obj, self._score_field, scores[obj.pk])
            return results

    class AnalysedSQLiteSearchBackend(AnalysedSearchMixin, sqlite.SQLiteSearchBackend):
        index_class = AnalysedSQLiteIndex
        query_compiler_class = RankedSearchCompiler
        autocomplete_query_compiler_class = RankedAutocompleteCompiler
        results_class = RankedSQLiteSearchResults

    return AnalysedSQLiteSearchBackend


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    class AnalysedPostgresIndex(postgres.PostgresIndex):
        add_items = with_indexer(postgres.PostgresIndex.add_items, analysed_indexer(postgres.ObjectIndexer))

    class AnalysedPostgresSearchBackend(AnalysedSearchMixin, postgres.PostgresSearchBackend):
        index_class = AnalysedPostgresIndex

        def __init__(self, params):
            super().__init__(params)
            # Analysed text is tokens and pairs; an English stemmer and stop list have nothing
            # to add and would drop ASCII tokens such as "a" or "in" from 索引号-like values.
            self.config = params.get("SEARCH_CONFIG") or "simple"

    return AnalysedPostgresSearchBackend


_classes = {}


def _analysed_class(vendor):
    """The analysed backend class for `vendor`, or None to keep modelsearch's own backend."""
    if vendor not in _classes:
        if vendor == "sqlite":
            from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

            # Without FTS5 modelsearch falls back to LIKE queries over the model's own columns,
            # which never see the analysed text.
            _classes[vendor] = _sqlite_backend_class() if fts5_available() and fts_table_exists() else None
        elif vendor == "postgresql":
            _classes[vendor] = _postgres_backend_class()
        else:
            # Other databases aren't supported by the project; keep Wagtail's default behaviour.
            _classes[vendor] = None
    return _classes[vendor]


def SearchBackend(params):  # noqa: N802 - modelsearch looks the backend up by this name
    """The analysed backend for the default database (SQLite with FTS5, or PostgreSQL)."""
    backend_class = _analysed_class(connection.vendor)
    if backend_class is None:
        from modelsearch.backends import database

        return database.SearchBackend(params)
    return backend_class(params)
