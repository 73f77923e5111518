"""Storage of the embedded engine: one SQLite file, versioned table generations.

Tables are versioned by a generation number kept in `meta`: a rebuild fills a
new generation while search keeps answering from the current one, then flips
`meta.current` in one transaction. Live updates during a rebuild go to both.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from search.analysis import doc_number_keys, normalise, tokens

from ..base import IndexedDocument, SearchUnavailable
from .fts import FTS_COLUMNS, pairs

BATCH = 500
# Bump when the table layout changes: an index file in an older layout is started afresh.
SCHEMA = "2"

log = logging.getLogger(__name__)
_local = threading.local()


class IndexStore:
    """Connections, schema and writes; `EmbeddedBackend` adds searching."""

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

    def _mark_dirty(self):
        # This connection's own commits don't change its PRAGMA data_version.
        if not hasattr(_local, "dirty"):
            _local.dirty = set()
        _local.dirty.add(str(self.path))
