"""Elasticsearch behind the `SearchBackend` interface.

Reads and writes go through the alias ``<prefix>-pages``.  A rebuild fills a
fresh ``<prefix>-pages-<timestamp>`` index and swaps the alias in one
`update_aliases` call, so search answers from the old index until the new
one is complete and never sees a half-built index.  While a rebuild runs,
the index being built also carries the alias ``<prefix>-pages-building``, and
live updates (publish, unpublish) are written to it as well, so a page
published during a rebuild is not lost at the swap.  The rebuild writes with
`create`, so its older copy never overwrites a live update.  One window
remains: a page removed after the rebuild read it but before its chunk (500
pages) was sent comes back in the new index until its next change or the
next rebuild, so rebuild when editors are idle.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.es_connection import BULK_TIMEOUT, get_client, is_healthy

from ..base import IndexedDocument, SearchBackend, SearchHit, SearchRequest, SearchResults, SearchUnavailable
from ..vocabulary import MAX_VOCABULARY_TITLES, VocabularyCache
from . import query as q
from .source import document_source, plan_for

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
BULK_THREADS = 2
# Fewer matches than this for all of a query's words: also show pages with most of them.
RELAX_BELOW = 5
# Keyed by alias, not by index: a rebuild's new titles arrive within the TTL, and a search
# costs no extra round trip. Tests make many aliases; production has one.
_vocabularies = VocabularyCache(keys_kept=9)
CHUNK_BYTES = 20 * 1024 * 1024


def _es():
    import elasticsearch

    return elasticsearch


def _unavailable_errors():
    es = _es()
    return (es.ConnectionError, es.ConnectionTimeout, es.TransportError, es.SerializationError)


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client=None, *, prefix: str | None = None, shards: int | None = None,
                 replicas: int | None = None):
        from search.documents import alias_name

        self._client = client
        self.prefix = (prefix or getattr(settings, "SEARCH_INDEX_PREFIX", "govsite")).lower()
        self.alias = alias_name(self.prefix)
        self.building_alias = f"{self.alias}-building"
        self.shards = shards if shards is not None else getattr(settings, "SEARCH_INDEX_SHARDS", 1)
        self.replicas = replicas if replicas is not None else getattr(settings, "SEARCH_INDEX_REPLICAS", 0)

    # -- plumbing -------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            try:
                self._client = get_client()
            except ImproperlyConfigured as exc:
                # An operator's typo in ELASTICSEARCH_URL: logged loudly, and the
                # citizen gets "search unavailable", never a 500.
                logger.error("Elasticsearch is misconfigured: %s", exc)
                raise SearchUnavailable(str(exc)) from exc
        return self._client

    def _call(self, fn, *args, **kwargs):
        """Run a client call; an unreachable or failing cluster becomes SearchUnavailable."""
        es = _es()
        try:
            return fn(*args, **kwargs)
        except _unavailable_errors() as exc:
            raise SearchUnavailable(f"Elasticsearch unreachable: {exc}") from exc
        except es.ApiError as exc:
            if exc.meta.status >= 500 or exc.meta.status == 429:
                raise SearchUnavailable(f"Elasticsearch failed: {exc}") from exc
            raise

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _create_index(self, name: str, *, for_bulk: bool = False) -> None:
        from search.documents import index_body

        body = index_body(self.shards, self.replicas)
        if for_bulk:
            # No refreshes and no replica copies while the bulk load runs.
            body["settings"]["refresh_interval"] = "-1"
            body["settings"]["number_of_replicas"] = 0
        self._call(self.client.options(request_timeout=BULK_TIMEOUT).indices.create, index=name,
                   settings=body["settings"], mappings=body["mappings"], wait_for_active_shards="1")

    def indices_behind(self, alias: str) -> list[str]:
        es = _es()
        try:
            return sorted(self._call(self.client.indices.get_alias, name=alias).keys())
        except es.NotFoundError:
            return []

    def ensure_index(self) -> str:
        """The alias exists: create its first index on first use (or after a wipe)."""
        current = self.indices_behind(self.alias)
        if current:
            return current[0]
        name = self.new_index_name()
        self._create_index(name)
        es = _es()
        try:
            self._call(self.client.indices.update_aliases, actions=[
                {"add": {"index": name, "alias": self.alias, "is_write_index": True}}])
        except es.ApiError:
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
            raise
        # Another process may have created the alias at the same moment:
        # keep one index behind it and drop the spare.
        current = self.indices_behind(self.alias)
        if len(current) > 1 and name in current:
            self._call(self.client.indices.update_aliases, actions=[{"remove_index": {"index": name}}])
            current.remove(name)
        return current[0]

    # -- writes ---------------------------------------------------------
    def _bulk(self, actions, *, index: str, ignore_statuses=(), parallel: bool = False) -> int:
        """Send actions in chunks; any rejected document (bar `ignore_statuses`) is an error."""
        from elasticsearch import helpers

        client = self.client.options(request_timeout=BULK_TIMEOUT)
        if parallel:
            # Documents are prepared in this thread while two workers keep the
            # cluster busy: a rebuild is bound by both, so they overlap.
            stream = helpers.parallel_bulk(client, actions, index=index, thread_count=BULK_THREADS,
                                           chunk_size=CHUNK_SIZE, max_chunk_bytes=CHUNK_BYTES,
                                           raise_on_error=False)
        else:
            stream = helpers.streaming_bulk(client, actions, index=index, chunk_size=CHUNK_SIZE,
                                            max_chunk_bytes=CHUNK_BYTES, raise_on_error=False,
                                            max_retries=3, initial_backoff=1)

        def consume():
            done, failures = 0, []
            for ok, item in stream:
                result = next(iter(item.values()))
                if ok:
                    done += 1
                elif result.get("status") not in ignore_statuses:
                    failures.append(result)
            return done, failures

        done, failures = self._call(consume)
        if failures:
            raise SearchUnavailable(f"Elasticsearch rejected {len(failures)} documents: {failures[0]}")
        return done

    def _write_targets(self) -> list[str]:
        targets = [self.ensure_index()]
        targets += [name for name in self.indices_behind(self.building_alias) if name not in targets]
        return targets

    def index_documents(self, documents: Iterable[IndexedDocument]) -> int:
        sources = [document_source(doc) for doc in documents]
        if not sources:
            return 0
        count = 0
        for target in self._write_targets():
            actions = ({"_id": s["page_id"], "_source": s} for s in sources)
            count = self._bulk(actions, index=target)
        self._call(self.client.indices.refresh, index=self.alias)
        self._forget_vocabulary()
        return count

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = [int(pid) for pid in page_ids]
        if not ids:
            return
        for target in self._write_targets():
            actions = ({"_op_type": "delete", "_id": pid} for pid in ids)
            self._bulk(actions, index=target, ignore_statuses=(404,))
        self._call(self.client.indices.refresh, index=self.alias)
        self._forget_vocabulary()

    def rebuild(self, documents: Iterable[IndexedDocument]) -> int:
        name = self.new_index_name()
        self._create_index(name, for_bulk=True)
        try:
            self._call(self.client.indices.update_aliases,
                       actions=[{"add": {"index": name, "alias": self.building_alias}}])
            # `create`, not `index`: a live update written here during the
            # rebuild is newer than the rebuild's copy and must win.
            actions = ({"_op_type": "create", "_id": s["page_id"], "_source": s}
                       for s in map(document_source, documents))
            count = self._bulk(actions, index=name, ignore_statuses=(409,), parallel=True)
            self._call(self.client.indices.put_settings, index=name, settings={
                "index": {"refresh_interval": None, "number_of_replicas": self.replicas}})
            self._call(self.client.indices.refresh, index=name)
            self.swap_alias(name)
            self._forget_vocabulary()
        except BaseException:
            self._drop_quietly(name)
            raise
        return count

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at `new_index` in one atomic step, then delete the old indices."""
        old = [name for name in self.indices_behind(self.alias) if name != new_index]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias, "is_write_index": True}})
        actions.append({"remove": {"index": new_index, "alias": self.building_alias}})
        if self._call(self.client.indices.exists, index=self.alias) and not old:
            # A concrete index squats on the alias name (created by hand): replace it.
            actions.insert(0, {"remove_index": {"index": self.alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for name in old:
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
        return old

    def _drop_quietly(self, name: str) -> None:
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except Exception:  # the cluster may be the reason we are here
            logger.warning("could not delete the unfinished index %s", name, exc_info=True)

    def drop(self) -> None:
        """Delete the alias and every index of this prefix (tests, `search_index --drop`)."""
        # Clusters refuse wildcard deletes (action.destructive_requires_name): name each index.
        names = sorted(self._call(self.client.indices.get, index=f"{self.alias}-*",
                                  expand_wildcards="all", allow_no_indices=True, ignore_unavailable=True))
        # Only this prefix's timestamped indices: another site's prefix may start with ours.
        own = re.compile(rf"^{re.escape(self.alias)}-\d{{20}}$")
        for name in filter(own.match, names):
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)

    # -- reads ----------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        es = _es()
        plan = plan_for(request.q, vocabulary=self.vocabulary(), count=self._phrase_counter())
        if plan.empty:
            return SearchResults(total=0, hits=[], facets={"kind": {}, "year": {}, "publisher": {}},
                                 suggestion=plan.suggestion)
        body = q.search_body(plan, kind=request.kind, year=request.year, publisher=request.publisher,
                             sort=request.sort, page=request.page, page_size=request.page_size)
        try:
            response = self._call(self.client.search, index=self.alias, body=body)
            if response["hits"]["total"]["value"] < RELAX_BELOW and len(plan.groups) > 1:
                body = q.search_body(plan, kind=request.kind, year=request.year, publisher=request.publisher,
                                     sort=request.sort, page=request.page, page_size=request.page_size,
                                     relaxed=True)
                response = self._call(self.client.search, index=self.alias, body=body)
        except es.NotFoundError:
            # No index yet: nothing has been published or rebuilt.
            return SearchResults(total=0, hits=[], facets={"kind": {}, "year": {}, "publisher": {}},
                                 suggestion=plan.suggestion)
        except es.ApiError as exc:
            # A query the cluster refuses (a limit on some managed service) is
            # our problem, not the citizen's: log it, answer "unavailable", never a 500.
            logger.exception("Elasticsearch refused the search for %r", request.q)
            raise SearchUnavailable(f"Elasticsearch refused the query: {exc}") from exc
        return self._results(response, plan)

    def _forget_vocabulary(self) -> None:
        """Titles changed here: the next search rebuilds the vocabulary (other processes: TTL)."""
        _vocabularies.forget((id(self.client), self.alias))

    def titles(self) -> list[str]:
        es = _es()
        try:
            response = self._call(self.client.search, index=self.alias, size=0, aggs={
                "titles": {"terms": {"field": "title.raw", "size": MAX_VOCABULARY_TITLES}}})
        except es.NotFoundError:
            return []
        return [b["key"] for b in response["aggregations"]["titles"]["buckets"]]

    def vocabulary(self):
        """Dictionary words plus the indexed titles, for “您是不是要找”; rebuilt every few minutes."""
        return _vocabularies.get((id(self.client), self.alias), self.titles)

    def _phrase_counter(self):
        """How many pages contain a phrase: lets the analysis tell a typo from a rare word."""
        es = _es()
        cache: dict[str, int] = {}

        def count(phrase: str) -> int:
            if phrase not in cache:
                try:
                    cache[phrase] = int(self._call(
                        self.client.count, index=self.alias,
                        query={"multi_match": {"query": phrase, "type": "phrase", "fields": ["title", "body"]}},
                    )["count"])
                except es.NotFoundError:
                    cache[phrase] = 0
            return cache[phrase]

        return count

    def _results(self, response, plan) -> SearchResults:
        hits = []
        for hit in response["hits"]["hits"]:
            src = hit["_source"]
            day = src.get("date")
            hits.append(SearchHit(
                page_id=int(src["page_id"]), title=src.get("display_title", ""), url=src.get("url", ""),
                kind=src.get("kind", ""), publisher=src.get("display_publisher", ""),
                date=datetime.strptime(day, "%Y-%m-%d").date() if day else None,
                doc_number=src.get("display_doc_number", ""), snippet=q.snippet_from_hit(hit),
                score=float(hit.get("_score") or 0.0), source_id=src.get("source_id", ""),
            ))
        facets = {}
        for name in ("kind", "year", "publisher"):
            buckets = q.facet_buckets(response["aggregations"][name])
            facets[name] = {str(b["key"]): b["doc_count"] for b in buckets}
        total = response["hits"]["total"]["value"]
        return SearchResults(total=total, hits=hits, facets=facets,
                             suggestion=plan.suggestion)

    def count(self) -> int:
        es = _es()
        try:
            return int(self._call(self.client.count, index=self.alias)["count"])
        except es.NotFoundError:
            return 0

    def ping(self) -> bool:
        try:
            return is_healthy(self.client)
        except SearchUnavailable:
            return False
