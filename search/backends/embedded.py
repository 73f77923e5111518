"""The embedded search engine: SQLite FTS5 in its own file (settings.SEARCH_EMBEDDED_PATH).

It needs no service and also serves a site whose database is PostgreSQL.
Text is indexed as `analysis.spaced()` (every CJK ideograph one token), and a
query becomes FTS5 phrases: each segment is an OR of its alternatives, the
segments are ANDed (ORed as a fallback when nothing has them all). FTS5's
bm25 with column weights picks candidates; `search.ranking` reranks them with
title coverage, the whole-query phrase, exact titles and exact 文号 keys.

Tables are versioned by a generation number kept in `meta`: a rebuild fills a
new generation while search keeps answering from the current one, then flips
`meta.current` in one transaction. Live updates during a rebuild go to both.
Only tokens made of ideographs and [0-9a-z] ever reach a MATCH expression, so
no FTS5 syntax typed by a citizen can be interpreted.
"""

from __future__ import annotations

import heapq
import sqlite3
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Iterable

from django.conf import settings

from search.analysis import AnalysedQuery, analyse, build_vocabulary, doc_number_keys, normalise, spaced, tokens
from search.analysis.suggest import Vocabulary
from search.ranking import Candidate, rerank
from search.snippets import highlight

from .base import IndexedDocument, SearchBackend, SearchHit, SearchRequest, SearchResults, SearchUnavailable

# bm25 weights for the FTS columns: title, doc_number, header, meta, body.
COLUMN_WEIGHTS = (10.0, 6.0, 3.0, 2.0, 1.0)
RERANK_DEPTH = 200
VOCABULARY_TTL = 300
MAX_VOCABULARY_TITLES = 20000
BATCH = 500

_local = threading.local()
_vocab_lock = threading.Lock()
_vocabularies: dict[tuple[str, int], tuple[float, Vocabulary]] = {}


def phrase(text: str) -> str:
    """An FTS5 phrase of the text's tokens; tokens never contain quotes or operators."""
    toks = tokens(text)
    return '"' + " ".join(toks) + '"' if toks else ""


def group(alternatives: Iterable[str]) -> str:
    phrases = list(dict.fromkeys(p for p in (phrase(a) for a in alternatives) if p))
    if not phrases:
        return ""
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def match_expression(aq: AnalysedQuery, mode: str = "all") -> str:
    groups = [g for g in (group(s.alternatives) for s in aq.required) if g]
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
            if self._meta(conn, "current") is None:
                with self._tx(conn):
                    if self._meta(conn, "current") is None:
                        self._create_generation(conn, 1)
                        self._set_meta(conn, "current", "1")
        except (sqlite3.Error, OSError) as exc:
            raise SearchUnavailable(f"embedded index unavailable at {self.path}: {exc}") from exc
        conns[key] = conn
        return conn

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
            f"CREATE VIRTUAL TABLE fts_{gen} USING fts5(title, doc_number, header, meta, body, "
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
        conn.execute(
            f"INSERT INTO fts_{gen} (rowid, title, doc_number, header, meta, body) VALUES (?, ?, ?, ?, ?, ?)",
            (pid, spaced(doc.title), spaced(doc.doc_number), " ".join(tokens(header)), spaced(meta),
             " ".join(tokens(body))),
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
        with self._tx(conn):
            for gen in gens or self._generations(conn):
                for doc in batch:
                    self._write(conn, gen, doc)
        return len(batch)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = [(int(i),) for i in page_ids]

        def do(conn):
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

    def document_frequency(self, text: str, limit: int = 500) -> int:
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

    def _matches(self, conn, gen, expr, request) -> list[tuple]:
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        return conn.execute(
            f"SELECT f.rowid, bm25(fts_{gen}, {weights}), d.kind, d.year, d.publisher, d.date "
            f"FROM fts_{gen} f JOIN docs_{gen} d ON d.page_id = f.rowid WHERE fts_{gen} MATCH ?",
            (expr,),
        ).fetchall()

    def _search(self, conn, request: SearchRequest, aq: AnalysedQuery) -> SearchResults:
        empty_facets = {"kind": {}, "year": {}, "publisher": {}}
        if aq.is_empty:
            return SearchResults(total=0, hits=[], facets=empty_facets, suggestion=aq.suggestion)
        gen = self._current(conn)
        rows = self._matches(conn, gen, match_expression(aq, "all"), request)
        relaxed = False
        if not rows and len(aq.required) > 1:
            rows = self._matches(conn, gen, match_expression(aq, "any"), request)
            relaxed = True
        by_id = {r[0]: r for r in rows}
        keys = aq.doc_number_keys
        exact: set[int] = set()
        if keys:
            marks = ",".join("?" * len(keys))
            exact = {r[0] for r in conn.execute(
                f"SELECT page_id FROM dnk_{gen} WHERE key IN ({marks})", keys)}
            missing = [i for i in exact if i not in by_id]
            if missing:
                marks = ",".join("?" * len(missing))
                for r in conn.execute(
                        f"SELECT page_id, 0.0, kind, year, publisher, date FROM docs_{gen} "
                        f"WHERE page_id IN ({marks})", missing):
                    by_id[r[0]] = r
        facets, selected = self._facets(by_id.values(), request)
        total = len(selected)
        if request.sort == "date":
            ordered = sorted(selected, key=lambda r: (r[5] or "", r[0]), reverse=True)
            ranked_ids = [r[0] for r in ordered]
        else:
            ranked_ids = self._rank(conn, gen, aq, selected, exact, relaxed)
        page_size = max(1, int(request.page_size))
        start = (max(1, int(request.page)) - 1) * page_size
        hits = self._hits(conn, gen, ranked_ids[start:start + page_size], aq)
        return SearchResults(total=total, hits=hits, facets=facets, suggestion=aq.suggestion)

    @staticmethod
    def _facets(rows, request):
        """Counts per facet ignore that facet's own filter, so its other values stay selectable."""
        wanted = {"kind": request.kind, "year": request.year, "publisher": request.publisher}
        counters = {"kind": Counter(), "year": Counter(), "publisher": Counter()}
        selected = []
        for r in rows:
            values = {"kind": r[2], "year": r[3], "publisher": r[4]}
            fails = [k for k, v in wanted.items() if v not in (None, "") and str(values[k]) != str(v)]
            if not fails:
                selected.append(r)
            for name in counters:
                if values[name] not in (None, "") and (not fails or fails == [name]):
                    counters[name][str(values[name])] += 1
        facets = {
            "kind": dict(counters["kind"].most_common()),
            "year": dict(sorted(counters["year"].items(), key=lambda kv: kv[0], reverse=True)),
            "publisher": dict(counters["publisher"].most_common(30)),
        }
        return facets, selected

    def _rank(self, conn, gen, aq, selected, exact, relaxed) -> list[int]:
        # bm25 is negative in FTS5: smaller is better.
        top = heapq.nsmallest(RERANK_DEPTH, selected, key=lambda r: (r[1], r[0]))
        top_ids = {r[0] for r in top}
        for r in selected:
            if r[0] in exact and r[0] not in top_ids:
                top.append(r)
                top_ids.add(r[0])
        if not top:
            return []
        marks = ",".join("?" * len(top_ids))
        titles = dict(conn.execute(f"SELECT page_id, title FROM docs_{gen} WHERE page_id IN ({marks})",
                                   list(top_ids)))
        phrase_hits: set[int] = set()
        whole = phrase(aq.phrase)
        if whole and len(aq.segments) > 1:
            phrase_hits = {r[0] for r in conn.execute(
                f"SELECT rowid FROM fts_{gen} WHERE fts_{gen} MATCH ? AND rowid IN ({marks})",
                [whole] + list(top_ids))}
        coverage: dict[int, int] = Counter()
        if relaxed:
            for seg in aq.required:
                expr = group(seg.alternatives)
                for (pid,) in conn.execute(
                        f"SELECT rowid FROM fts_{gen} WHERE fts_{gen} MATCH ? AND rowid IN ({marks})",
                        [expr] + list(top_ids)):
                    coverage[pid] += 1
        candidates = [
            Candidate(page_id=r[0], bm25=-r[1], title=titles.get(r[0], ""), date=r[5],
                      exact_doc_number=r[0] in exact, phrase_anywhere=r[0] in phrase_hits,
                      matched_segments=coverage[r[0]] if relaxed else len(aq.required))
            for r in top
        ]
        ranked = [c.page_id for c in rerank(aq, candidates)]
        rest = sorted((r for r in selected if r[0] not in top_ids), key=lambda r: (r[1], r[0]))
        return ranked + [r[0] for r in rest]

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
