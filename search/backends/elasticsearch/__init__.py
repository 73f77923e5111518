"""The Elasticsearch backend: an alias over timestamped indices, queried with
phrase and bigram clauses built from `search.analysis`'s analysed query."""

from .backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]
