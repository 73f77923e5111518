"""The embedded search engine: SQLite FTS5 in its own file (settings.SEARCH_EMBEDDED_PATH).

It needs no service and also serves a site whose database is PostgreSQL.
Text is indexed as its tokens (`analysis.tokens()`: every CJK ideograph, every
[0-9a-z] run) and, in parallel columns, as overlapping token pairs. A query
becomes FTS5 phrases (pairs for two or more tokens): each segment is an OR of
its alternatives, the segments are ANDed (ORed as a fallback when few
documents have them all). FTS5's bm25 with column weights picks candidates;
`search.ranking` reranks them with
title coverage, the whole-query phrase, exact titles and exact 文号 keys.

Tables are versioned by a generation number kept in `meta`: a rebuild fills a
new generation while search keeps answering from the current one, then flips
`meta.current` in one transaction. Live updates during a rebuild go to both.
Only tokens made of ideographs and [0-9a-z] ever reach a MATCH expression, so
no FTS5 syntax typed by a citizen can be interpreted.
"""

from __future__ import annotations

import heapq
import logging
import sqlite3
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Iterable

from django.conf import settings

from search.analysis import AnalysedQuery, analyse, build_vocabulary, doc_number_keys, normalise, tokens
from search.analysis.suggest import Vocabulary
from search.ranking import Candidate, rerank
from search.snippets import highlight

from .base import IndexedDocument, SearchBackend, SearchHit, SearchRequest, SearchResults, SearchUnavailable

# bm25 weights for the FTS columns: title, doc_number, header, meta, body.
# FTS columns: single tokens, then overlapping token pairs, of the same five fields.
FIELDS = ("title", "doc_number", "header", "meta", "body")
FTS_COLUMNS = FIELDS + tuple(f"{f}_pairs" for f in FIELDS)
COLUMN_WEIGHTS = (10.0, 6.0, 3.0, 2.0, 1.0) * 2
RERANK_DEPTH = 200
BM25_DEPTH = 1000
RELAX_BELOW = 5
VOCABULARY_TTL = 300
MAX_VOCABULARY_TITLES = 20000
BATCH = 500
# Bump when the table layout changes: an index file in an older layout is started afresh.
SCHEMA = "2"

log = logging.getLogger(__name__)
_local = threading.local()
_vocab_lock = threading.Lock()
_vocabularies: dict[tuple[str, int], tuple[float, Vocabulary]] = {}


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


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path or settings.SEARCH_EMBEDDED_PATH)

    # ------------------------------------------------------------ plumbing
    def _conn(self) -> sqlite3.Connection:
        conns = getattr(_local, "conns", None)
        if conns is None:
            conns = _local.conns = {}
        key = str(self.path)
        conn = conns.get(key)
        if conn is not None:
            return conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(key, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            if self._meta(conn, "current") is None or self._meta(conn, "schema") != SCHEMA:
                with self._tx(conn):
                    self._start_over(conn)
        except (sqlite3.Error, OSError) as exc:
            raise SearchUnavailable(f"embedded index unavailable at {self.path}: {exc}") from exc
        conns[key] = conn
        return conn

    def _start_over(self, conn):
        """An empty index in the current schema (first use, or a file from an older version:
        its tables can't be read any more, `search_index --rebuild` refills it)."""
        current = self._meta(conn, "current")
        if current is not None and self._meta(conn, "schema") == SCHEMA:
            return
        if current is not None:
            log.warning("embedded search index at %s has an old layout: starting an empty one; "
                        "run `manage.py search_index --rebuild`", self.path)
        gen = int(current or 0) + 1
        self._create_generation(conn, gen)
        for old in {current, self._meta(conn, "building")} - {None}:
            for table in ("docs", "fts", "dnk"):
                conn.execute(f"DROP TABLE IF EXISTS {table}_{int(old)}")
        self._set_meta(conn, "current", gen)
        self._set_meta(conn, "building", None)
        self._set_meta(conn, "schema", SCHEMA)

    def _run(self, fn, *args):
        """Run fn(conn, ...) turning storage failures into SearchUnavailable."""
        try:
            return fn(self._conn(), *args)
        except sqlite3.OperationalError as exc:
            if "fts5: syntax error" in str(exc):
                raise
            self._drop_connection()
            raise SearchUnavailable(f"embedded index failed: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            self._drop_connection()
            raise SearchUnavailable(f"embedded index failed: {exc}") from exc

    def _drop_connection(self):
        conns = getattr(_local, "conns", {})
        conn = conns.pop(str(self.path), None)
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    class _tx:
        def __init__(self, conn):
            self.conn = conn

        def __enter__(self):
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type, exc, tb):
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
            return False

    @staticmethod
    def _meta(conn, key):
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_meta(conn, key, value):
        if value is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))

    @staticmethod
    def _create_generation(conn, gen: int):
        conn.execute(f"DROP TABLE IF EXISTS docs_{gen}")
        conn.execute(f"DROP TABLE IF EXISTS fts_{gen}")
        conn.execute(f"DROP TABLE IF EXISTS dnk_{gen}")
        conn.execute(
            f"""CREATE TABLE docs_{gen} (
                page_id INTEGER PRIMARY KEY, title TEXT, url TEXT, kind TEXT, publisher TEXT,
                date TEXT, year INTEGER, doc_number TEXT, source_id TEXT, body TEXT, header TEXT,
                summary TEXT)"""
        )
        conn.execute(
            f"CREATE VIRTUAL TABLE fts_{gen} USING fts5({', '.join(FTS_COLUMNS)}, "
            f"tokenize = 'unicode61 remove_diacritics 0')"
        )
        conn.execute(f"CREATE TABLE dnk_{gen} (key TEXT, page_id INTEGER)")
        conn.execute(f"CREATE INDEX dnk_{gen}_key ON dnk_{gen} (key)")
        conn.execute(f"CREATE INDEX dnk_{gen}_page ON dnk_{gen} (page_id)")

    def _generations(self, conn) -> list[int]:
        gens = [int(self._meta(conn, "current"))]
        building = self._meta(conn, "building")
        if building is not None:
            gens.append(int(building))
        return gens

    def _current(self, conn) -> int:
        return int(self._meta(conn, "current"))

    # ------------------------------------------------------------ writing
    @staticmethod
    def _write(conn, gen: int, doc: IndexedDocument):
        pid = int(doc.page_id)
        conn.execute(f"DELETE FROM fts_{gen} WHERE rowid = ?", (pid,))
        conn.execute(f"DELETE FROM dnk_{gen} WHERE page_id = ?", (pid,))
        day = doc.date.isoformat() if doc.date else None
        body, header, summary = normalise(doc.body), normalise(doc.header), normalise(doc.summary)
        conn.execute(
            f"INSERT OR REPLACE INTO docs_{gen} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, doc.title, doc.url, doc.kind, doc.publisher or "", day,
             doc.date.year if doc.date else None, doc.doc_number or "", doc.source_id or "",
             body, header, summary),
        )
        meta = " ".join([doc.publisher or "", doc.column or "", " ".join(doc.tags or []), doc.summary or ""])
        fields = [tokens(normalise(doc.title)), tokens(normalise(doc.doc_number)), tokens(header),
                  tokens(normalise(meta)), tokens(body)]
        values = [" ".join(t) for t in fields] + [" ".join(pairs(t)) for t in fields]
        conn.execute(
            f"INSERT INTO fts_{gen} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{', ?' * len(FTS_COLUMNS)})",
            [pid] + values,
        )
        keys = doc_number_keys(doc.doc_number or "", header, body[:300])
        conn.executemany(f"INSERT INTO dnk_{gen} VALUES (?, ?)", [(k, pid) for k in keys])

    def index_documents(self, documents: Iterable[IndexedDocument]) -> int:
        def do(conn, docs):
            n = 0
            batch: list[IndexedDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= BATCH:
                    n += self._write_batch(conn, batch)
                    batch = []
            if batch:
                n += self._write_batch(conn, batch)
            return n

        return self._run(do, documents)

    def _write_batch(self, conn, batch, gens=None) -> int:
        self._mark_dirty()
        with self._tx(conn):
            for gen in gens or self._generations(conn):
                for doc in batch:
                    self._write(conn, gen, doc)
        return len(batch)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = [(int(i),) for i in page_ids]

        def do(conn):
            self._mark_dirty()
            with self._tx(conn):
                for gen in self._generations(conn):
                    conn.executemany(f"DELETE FROM docs_{gen} WHERE page_id = ?", ids)
                    conn.executemany(f"DELETE FROM fts_{gen} WHERE rowid = ?", ids)
                    conn.executemany(f"DELETE FROM dnk_{gen} WHERE page_id = ?", ids)

        self._run(do)

    def rebuild(self, documents: Iterable[IndexedDocument]) -> int:
        def do(conn):
            with self._tx(conn):
                old = self._current(conn)
                gen = max(old, int(self._meta(conn, "building") or 0)) + 1
                self._create_generation(conn, gen)
                self._set_meta(conn, "building", gen)
            n = 0
            try:
                batch: list[IndexedDocument] = []
                for doc in documents:
                    batch.append(doc)
                    if len(batch) >= BATCH:
                        n += self._write_batch(conn, batch, gens=[gen])
                        batch = []
                if batch:
                    n += self._write_batch(conn, batch, gens=[gen])
                conn.execute(f"INSERT INTO fts_{gen}(fts_{gen}) VALUES ('optimize')")
            except BaseException:
                with self._tx(conn):
                    self._set_meta(conn, "building", None)
                    for table in ("docs", "fts", "dnk"):
                        conn.execute(f"DROP TABLE IF EXISTS {table}_{gen}")
                raise
            with self._tx(conn):
                self._set_meta(conn, "current", gen)
                self._set_meta(conn, "building", None)
                for table in ("docs", "fts", "dnk"):
                    conn.execute(f"DROP TABLE IF EXISTS {table}_{old}")
            return n

        return self._run(do)

    # ------------------------------------------------------------ reading
    def count(self) -> int:
        return self._run(lambda conn: conn.execute(f"SELECT count(*) FROM docs_{self._current(conn)}").fetchone()[0])

    def ping(self) -> bool:
        try:
            self._run(lambda conn: conn.execute("SELECT 1 FROM meta LIMIT 1").fetchall())
            return True
        except SearchUnavailable:
            return False

    def titles(self) -> list[str]:
        return self._run(lambda conn: [r[0] for r in conn.execute(
            f"SELECT DISTINCT title FROM docs_{self._current(conn)} LIMIT ?", (MAX_VOCABULARY_TITLES,))])

    def vocabulary(self) -> Vocabulary:
        """Dictionary words plus this index's title words, rebuilt every few minutes."""
        key = (str(self.path), self._run(self._current))
        now = time.monotonic()
        with _vocab_lock:
            cached = _vocabularies.get(key)
            if cached and now - cached[0] < VOCABULARY_TTL:
                return cached[1]
        vocab = build_vocabulary(self.titles())
        with _vocab_lock:
            _vocabularies.clear()
            _vocabularies[key] = (now, vocab)
        return vocab

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

    def _mark_dirty(self):
        # This connection's own commits don't change its PRAGMA data_version.
        if not hasattr(_local, "dirty"):
            _local.dirty = set()
        _local.dirty.add(str(self.path))

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
