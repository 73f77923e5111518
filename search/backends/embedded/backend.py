"""Searching the embedded index: candidates from FTS5, rerank, facets, snippets."""

from __future__ import annotations

import heapq
from collections import Counter
from datetime import date

from search.analysis import AnalysedQuery, analyse
from search.analysis.suggest import Vocabulary
from search.ranking import Candidate, rerank
from search.snippets import highlight

from ..base import SearchBackend, SearchHit, SearchRequest, SearchResults
from ..vocabulary import MAX_VOCABULARY_TITLES, VocabularyCache
from .fts import COLUMN_WEIGHTS, group, match_expression, phrase
from .store import IndexStore, _local

RERANK_DEPTH = 200
BM25_DEPTH = 1000
RELAX_BELOW = 5
# Keyed by index file and generation: a new generation's vocabulary replaces the old one.
_vocabularies = VocabularyCache(keys_kept=1)


class EmbeddedBackend(IndexStore, SearchBackend):
    name = "embedded"

    def titles(self) -> list[str]:
        return self._run(lambda conn: [r[0] for r in conn.execute(
            f"SELECT DISTINCT title FROM docs_{self._current(conn)} LIMIT ?", (MAX_VOCABULARY_TITLES,))])

    def vocabulary(self) -> Vocabulary:
        """Dictionary words plus this index's title words, rebuilt every few minutes."""
        return _vocabularies.get((str(self.path), self._run(self._current)), self.titles)

    def document_frequency(self, text: str, limit: int = 20000) -> int:
        expr = phrase(text)
        if not expr:
            return 0
        return self._run(lambda conn: conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM fts_{self._current(conn)} WHERE fts_{self._current(conn)} "
            f"MATCH ? LIMIT ?)", (expr, limit)).fetchone()[0])

    def analyse(self, q: str) -> AnalysedQuery:
        return analyse(q, vocabulary=self.vocabulary(), count=self.document_frequency)

    def search(self, request: SearchRequest) -> SearchResults:
        aq = self.analyse(request.q)
        return self._run(self._search, request, aq)

    # -- matching ------------------------------------------------------
    def _attributes(self, conn, gen) -> dict[int, tuple]:
        """page_id → (kind, year, publisher, date) for facets and date sorting, cached per
        connection until any connection commits a change (PRAGMA data_version)."""
        cache = getattr(_local, "attrs", None)
        if cache is None:
            cache = _local.attrs = {}
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        key = str(self.path)
        cached = cache.get(key)
        dirty = getattr(_local, "dirty", set())
        if cached and cached[0] == gen and cached[1] == version and key not in dirty:
            return cached[2]
        canon: dict = {}
        attrs = {
            r[0]: (canon.setdefault(r[1], r[1]), r[2], canon.setdefault(r[3], r[3]), canon.setdefault(r[4], r[4]))
            for r in conn.execute(f"SELECT page_id, kind, year, publisher, date FROM docs_{gen}")
        }
        cache[key] = (gen, version, attrs)
        dirty.discard(key)
        return attrs

    @staticmethod
    def _ids(conn, gen, expr) -> list[int]:
        if not expr:
            return []
        return [r[0] for r in conn.execute(f"SELECT rowid FROM fts_{gen} WHERE fts_{gen} MATCH ?", (expr,))]

    @staticmethod
    def _best(conn, gen, expr, limit) -> list[tuple[int, float]]:
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        return conn.execute(
            f"SELECT rowid, bm25(fts_{gen}, {weights}) AS s FROM fts_{gen} WHERE fts_{gen} MATCH ? "
            f"ORDER BY s LIMIT ?", (expr, limit)).fetchall()

    def _search(self, conn, request: SearchRequest, aq: AnalysedQuery) -> SearchResults:
        empty_facets = {"kind": {}, "year": {}, "publisher": {}}
        if aq.is_empty:
            return SearchResults(total=0, hits=[], facets=empty_facets, suggestion=aq.suggestion)
        gen = self._current(conn)
        attrs = self._attributes(conn, gen)
        expr = match_expression(aq, "all")
        ids = self._ids(conn, gen, expr)
        relaxed = False
        if len(ids) < RELAX_BELOW and len(aq.required) > 1:
            # Citizens add words documents don't use (产假 天数): when few documents have
            # every word, documents with some of them follow, full matches ranked first.
            # A lone character (人, 号) would match nearly everything, so it can't stand alone.
            loose = match_expression(aq, "any", min_tokens=2)
            if loose and loose != expr:
                expr, relaxed = loose, True
                ids = self._ids(conn, gen, expr)
        matched = set(ids)
        keys = aq.doc_number_keys
        exact: set[int] = set()
        if keys:
            marks = ",".join("?" * len(keys))
            exact = {r[0] for r in conn.execute(f"SELECT page_id FROM dnk_{gen} WHERE key IN ({marks})", keys)}
            matched |= exact
        facets, selected = self._facets(matched, attrs, request)
        total = len(selected)
        page_size = max(1, int(request.page_size))
        start = (max(1, int(request.page)) - 1) * page_size
        if request.sort == "date":
            ranked_ids = heapq.nlargest(start + page_size, selected, key=lambda i: (attrs[i][3] or "", i))
        else:
            ranked_ids = self._rank(conn, gen, aq, expr, selected, exact, relaxed, attrs, start + page_size)
        hits = self._hits(conn, gen, ranked_ids[start:start + page_size], aq)
        return SearchResults(total=total, hits=hits, facets=facets, suggestion=aq.suggestion)

    @staticmethod
    def _facets(ids, attrs, request):
        """Counts per facet ignore that facet's own filter, so its other values stay selectable."""
        wanted = [(i, str(v)) for i, v in enumerate((request.kind, request.year, request.publisher))
                  if v not in (None, "")]
        rows = [attrs[pid] + (pid,) for pid in ids if pid in attrs]
        counters = []
        for i in range(3):
            # Rows passing every filter except this facet's own.
            others = [(j, v) for j, v in wanted if j != i]
            subset = rows if not others else [r for r in rows if all(str(r[j]) == v for j, v in others)]
            counters.append(Counter(r[i] for r in subset if r[i] not in (None, "")))
        selected = [r[4] for r in rows if all(str(r[j]) == v for j, v in wanted)] if wanted else [r[4] for r in rows]
        facets = {
            "kind": dict(counters[0].most_common()),
            "year": {str(k): v for k, v in sorted(counters[1].items(), reverse=True)},
            "publisher": dict(counters[2].most_common(30)),
        }
        return facets, selected

    def _rank(self, conn, gen, aq, expr, selected, exact, relaxed, attrs, needed) -> list[int]:
        wanted = set(selected)
        # bm25 is negative in FTS5: smaller is better. Only the best few hundred are
        # scored by FTS5 and reranked; the rest (deep pages) follow newest first.
        best = [(pid, score) for pid, score in self._best(conn, gen, expr, BM25_DEPTH) if pid in wanted]
        top = best[:RERANK_DEPTH]
        top_ids = {pid for pid, _ in top}
        top += [(pid, 0.0) for pid in exact if pid in wanted and pid not in top_ids]
        top_ids = {pid for pid, _ in top}
        if not top:
            return sorted(selected, key=lambda i: (attrs[i][3] or "", i), reverse=True)
        marks = ",".join("?" * len(top_ids))
        titles = dict(conn.execute(f"SELECT page_id, title FROM docs_{gen} WHERE page_id IN ({marks})",
                                   list(top_ids)))
        def among_top(expr):
            return {r[0] for r in conn.execute(
                f"SELECT rowid FROM fts_{gen} WHERE fts_{gen} MATCH ? AND rowid IN ({marks})",
                [expr] + list(top_ids))}

        phrase_hits: set[int] = set()
        whole = phrase(aq.phrase)
        if whole and len(aq.segments) > 1:
            phrase_hits = among_top(whole)
        coverage: dict[int, int] = Counter()
        if relaxed:
            for seg in aq.required:
                for pid in among_top(group(seg.alternatives)):
                    coverage[pid] += 1
        candidates = [
            Candidate(page_id=pid, bm25=-score, title=titles.get(pid, ""), date=attrs[pid][3],
                      exact_doc_number=pid in exact, phrase_anywhere=pid in phrase_hits,
                      matched_segments=coverage[pid] if relaxed else len(aq.required))
            for pid, score in top
        ]
        ranked = [c.page_id for c in rerank(aq, candidates)]
        scored = [pid for pid, _ in best[RERANK_DEPTH:] if pid not in top_ids]
        if len(ranked) + len(scored) >= needed:
            return ranked + scored
        seen = top_ids | set(scored)
        rest = sorted((i for i in selected if i not in seen), key=lambda i: (attrs[i][3] or "", i), reverse=True)
        return ranked + scored + rest

    def _hits(self, conn, gen, ids, aq) -> list[SearchHit]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r[0]: r for r in conn.execute(
            f"SELECT page_id, title, url, kind, publisher, date, doc_number, source_id, body, header, summary "
            f"FROM docs_{gen} WHERE page_id IN ({marks})", ids)}
        terms = aq.terms()
        hits = []
        for pid in ids:
            r = rows.get(pid)
            if r is None:
                continue
            # Stored texts are normalised already (see _write).
            text = next((t for t in (r[8], r[10], r[9]) if t and any(x in t for x in terms)), r[10] or r[8] or r[9])
            hits.append(SearchHit(
                page_id=pid, title=r[1], url=r[2], kind=r[3], publisher=r[4],
                date=date.fromisoformat(r[5]) if r[5] else None, doc_number=r[6],
                snippet=highlight(text or "", terms, normalised=True), source_id=r[7],
            ))
        return hits
