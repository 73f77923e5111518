"""The small interface every public-search backend implements.

Both backends (embedded SQLite FTS5 and Elasticsearch) take the same
`IndexedDocument`s and answer the same `SearchRequest` with the same
`SearchResults`, so one shared test suite and one benchmark run on both.
The query text reaching a backend has already been analysed by
`search.analysis` (normalisation, segmentation, synonyms): backends never
re-implement that.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class IndexedDocument:
    page_id: int
    title: str
    url: str                       # the page's path, e.g. /zwgk/zfxxgk/yfxz/report/
    kind: str                      # an import/search kind (docs/architecture.md)
    body: str = ""
    publisher: str = ""
    date: date | None = None
    doc_number: str = ""           # 文号 or 令号, as published
    header: str = ""               # promulgation header of a regulation
    column: str = ""               # title of the column the page sits in
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    source_id: str = ""            # corpus `source` id, or the original URL


@dataclass
class SearchRequest:
    q: str                          # as typed by the citizen
    kind: str | None = None
    year: int | None = None
    publisher: str | None = None
    sort: str = "relevance"         # or "date"
    page: int = 1
    page_size: int = 10


@dataclass
class SearchHit:
    page_id: int
    title: str
    url: str
    kind: str
    publisher: str
    date: date | None
    doc_number: str
    snippet: str                    # HTML-escaped text with <em>…</em> around hits
    score: float = 0.0
    source_id: str = ""


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]   # {"kind": {...}, "year": {...}, "publisher": {...}}
    suggestion: str | None = None


class SearchUnavailable(Exception):
    """The engine can't be reached; callers show a clear message, never a 500."""


class SearchBackend(ABC):
    name = "base"

    @abstractmethod
    def index_documents(self, documents: Iterable[IndexedDocument]) -> int:
        ...

    @abstractmethod
    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ...

    @abstractmethod
    def rebuild(self, documents: Iterable[IndexedDocument]) -> int:
        """Build a fresh index from scratch and swap it in atomically."""
        ...

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResults:
        ...

    @abstractmethod
    def count(self) -> int:
        ...

    @abstractmethod
    def ping(self) -> bool:
        ...
