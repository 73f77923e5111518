"""Choosing the public-search engine.

`get_backend()` returns Elasticsearch when settings.ELASTICSEARCH_URL is set,
otherwise the embedded SQLite FTS5 engine. With SEARCH_FALLBACK_TO_EMBEDDED,
searches fall back to the embedded index while Elasticsearch is unreachable,
and the index queue keeps both engines up to date (`indexing_backends()`).
"""

from __future__ import annotations

import logging

from django.conf import settings

from .base import SearchBackend, SearchRequest, SearchResults, SearchUnavailable

log = logging.getLogger(__name__)


def elasticsearch_backend() -> SearchBackend:
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend()


def embedded_backend() -> SearchBackend:
    from .embedded import EmbeddedBackend

    return EmbeddedBackend()


class FallbackBackend(SearchBackend):
    """Elasticsearch first; the embedded index answers while Elasticsearch is down."""

    name = "elasticsearch+embedded"

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary, self.fallback = primary, fallback

    def search(self, request: SearchRequest) -> SearchResults:
        try:
            return self.primary.search(request)
        except SearchUnavailable as exc:
            log.warning("search falling back to the embedded index: %s", exc)
            return self.fallback.search(request)

    def index_documents(self, documents):
        documents = list(documents)
        self.fallback.index_documents(documents)
        return self.primary.index_documents(documents)

    def delete_documents(self, page_ids):
        page_ids = list(page_ids)
        self.fallback.delete_documents(page_ids)
        self.primary.delete_documents(page_ids)

    def rebuild(self, documents):
        documents = list(documents)
        self.fallback.rebuild(documents)
        return self.primary.rebuild(documents)

    def count(self) -> int:
        try:
            return self.primary.count()
        except SearchUnavailable:
            return self.fallback.count()

    def ping(self) -> bool:
        return self.primary.ping()


def get_backend() -> SearchBackend:
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        primary = elasticsearch_backend()
        if getattr(settings, "SEARCH_FALLBACK_TO_EMBEDDED", False):
            return FallbackBackend(primary, embedded_backend())
        return primary
    return embedded_backend()


__all__ = ["FallbackBackend", "SearchUnavailable", "elasticsearch_backend", "embedded_backend", "get_backend"]
