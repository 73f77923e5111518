"""Search relevance benchmark: nDCG@10, MRR@10 and Recall@10 on the judged dev queries.

    .venv/bin/python benchmarks/search_relevance.py [--reuse] [--verbose]

Builds a throw-away site in --workdir (SQLite), imports the regulations with
`manage.py import_documents` (which publishes every page, so the embedded
index fills through the durable queue), then sends every query unchanged to
the public API `/api/search/` on each backend, maps result URLs back to the
corpus `source` ids, and prints the figures side by side with two baselines
run in the same process on the same corpus:

- wagtail: a plain Wagtail 8 site's search, `Page.objects.live().search(q)`
  (modelsearch's database backend, SQLite FTS5);
- es-standard: Elasticsearch's `standard` analyzer with a plain multi_match
  over title^2, header and body (only when Elasticsearch is reachable).

--engine-only skips the site: IndexedDocuments are built straight from the
JSONL and each backend is queried directly (a quick loop while tuning).
The metric code is the reference implementation of ../shared/relevance/README.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVSITE_SHARED_DIR", ROOT.parent / "shared"))
ES_DEFAULT = "http://127.0.0.1:9200"


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def metrics(ranked, rel, k=10):
    seen, top = set(), []
    for s in ranked:
        if s not in seen:
            seen.add(s)
            top.append(s)
        if len(top) == k:
            break
    gains = [rel.get(s, 0) for s in top]
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    rr = next((1 / (i + 1) for i, g in enumerate(gains) if g == 2), 0.0)
    n_rel = sum(1 for g in rel.values() if g >= 1)
    recall = sum(1 for g in gains if g >= 1) / n_rel
    return {"ndcg@10": dcg / idcg, "mrr@10": rr, "recall@10": recall}


def evaluate(queries, search, verbose=False, label=""):
    per_type, overall, latencies = collections.defaultdict(list), [], []
    for q in queries:
        began = time.perf_counter()
        ranked = search(q["q"])
        latencies.append(time.perf_counter() - began)
        m = metrics(ranked, q["relevant"])
        per_type[q["type"]].append(m)
        overall.append(m)
        if verbose and m["ndcg@10"] < 0.7:
            print(f"  [{label}] {q['id']} {q['type']} {q['q']!r}: nDCG {m['ndcg@10']:.2f}", file=sys.stderr)
    avg = lambda ms: {k: round(sum(m[k] for m in ms) / len(ms), 4) for k in ms[0]}  # noqa: E731
    result = {"all": avg(overall), **{t: avg(ms) for t, ms in sorted(per_type.items())}}
    latencies.sort()
    result["_latency"] = {"p50": statistics.median(latencies),
                          "p95": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]}
    return result


def print_table(results: dict[str, dict]):
    names = list(results)
    types = [t for t in next(iter(results.values())) if not t.startswith("_")]
    width = max(12, *(len(n) for n in names)) + 2
    print("\n" + "system".ljust(width) + "".join(f"{m:>11}" for m in ("nDCG@10", "MRR@10", "Recall@10")))
    for name in names:
        a = results[name]["all"]
        print(name.ljust(width) + "".join(f"{a[m]:>11.3f}" for m in ("ndcg@10", "mrr@10", "recall@10")))
    print("\nnDCG@10 per query type")
    print("type".ljust(18) + "".join(f"{n:>{width}}" for n in names))
    for t in types[1:]:
        print(t.ljust(18) + "".join(f"{results[n][t]['ndcg@10']:>{width}.3f}" for n in names))
    print("\nlatency per query (ms)")
    for name in names:
        lat = results[name]["_latency"]
        print(f"{name.ljust(width)} p50 {lat['p50'] * 1000:7.1f}   p95 {lat['p95'] * 1000:7.1f}")


# ---------------------------------------------------------------- setup

def setup_django(workdir: Path, settings_module="govsite.settings.dev"):
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["SEARCH_EMBEDDED_PATH"] = str(workdir / "embedded.sqlite3")
    os.environ["ELASTICSEARCH_URL"] = ""        # the import fills the embedded index only
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def es_reachable(url):
    try:
        from search.es_connection import get_client, is_healthy

        return is_healthy(get_client(url), timeout=5)
    except Exception:
        return False


def corpus_documents(corpus):
    from search.backends.base import IndexedDocument

    for i, rec in enumerate(load(corpus), start=1):
        yield IndexedDocument(
            page_id=i, title=rec["title"], url=f"/flfg/{i}/", kind=rec.get("kind") or "regulation",
            body=rec.get("body") or "", publisher=rec.get("publisher") or "",
            date=date.fromisoformat(rec["date"]) if rec.get("date") else None,
            doc_number=rec.get("doc_number") or "", header=rec.get("header") or "",
            column="法律法规", source_id=rec["source"],
        )


def build_site(workdir: Path, corpus: Path, reuse: bool):
    from django.core.management import call_command

    marker = workdir / "imported.ok"
    if reuse and marker.exists():
        print(f"reusing the site in {workdir}")
        return
    for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm", "embedded.sqlite3",
                 "embedded.sqlite3-wal", "embedded.sqlite3-shm"):
        (workdir / name).unlink(missing_ok=True)
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo_site", stdout=open(os.devnull, "w"))
    call_command("import_documents", str(corpus), no_progress=True)
    print(f"site built and {corpus.name} imported in {time.perf_counter() - began:.0f} s")
    marker.write_text("ok")


# ---------------------------------------------------------------- searchers

def api_searcher(url_to_source):
    from django.test import Client

    client = Client()

    def search(q):
        response = client.get("/api/search/", {"q": q, "page_size": 10})
        if response.status_code != 200:
            return []
        return [url_to_source.get(r["url"], r["url"]) for r in response.json()["results"]]

    return search


def wagtail_searcher():
    from wagtail.models import Page

    def search(q):
        pages = Page.objects.live().specific().search(q)[:10]
        return [getattr(p, "source_id", "") or p.url_path for p in pages]

    return search


def es_standard_searcher(url, corpus, prefix):
    """What a developer gets by default: standard analyzer, plain multi_match."""
    from elasticsearch import helpers

    from search.es_connection import get_client

    es = get_client(url)
    name = f"{prefix}-baseline-standard"
    es.options(ignore_status=404).indices.delete(index=name)
    es.indices.create(index=name, settings={"number_of_shards": 1, "number_of_replicas": 0}, mappings={
        "properties": {"title": {"type": "text"}, "header": {"type": "text"}, "body": {"type": "text"},
                       "source": {"type": "keyword"}}})
    helpers.bulk(es.options(request_timeout=120),
                 ({"_index": name, "_source": {"title": r["title"], "header": r.get("header") or "",
                                               "body": r.get("body") or "", "source": r["source"]}}
                  for r in load(corpus)), chunk_size=200)
    es.indices.refresh(index=name)

    def search(q):
        res = es.search(index=name, size=10, source=["source"], query={
            "multi_match": {"query": q, "fields": ["title^2", "header", "body"]}})
        return [h["_source"]["source"] for h in res["hits"]["hits"]]

    return search, lambda: es.options(ignore_status=404).indices.delete(index=name)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "regulations.jsonl")
    parser.add_argument("--queries", type=Path, default=SHARED / "relevance" / "dev-queries.jsonl")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govsite-bench-relevance"))
    parser.add_argument("--reuse", action="store_true", help="reuse the site imported by an earlier run")
    parser.add_argument("--engine-only", action="store_true", help="index the JSONL directly, no site")
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL") or ES_DEFAULT)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    setup_django(args.workdir)
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    queries = load(args.queries)
    es_ok = es_reachable(args.es_url)
    prefix = f"govsite-bench-{os.getpid()}"
    results: dict[str, dict] = {}
    cleanups = []

    if args.engine_only:
        from search.backends.elasticsearch import ElasticsearchBackend
        from search.backends.embedded import EmbeddedBackend

        engines = [("embedded", lambda: EmbeddedBackend(args.workdir / "engine-only.sqlite3"), {})]
        if es_ok:
            engines.append(("elasticsearch", ElasticsearchBackend,
                            {"ELASTICSEARCH_URL": args.es_url, "SEARCH_INDEX_PREFIX": prefix}))
        for name, make, values in engines:
            with override_settings(**values):
                backend = make()
                began = time.perf_counter()
                n = backend.rebuild(corpus_documents(args.corpus))
                print(f"{name}: indexed {n} documents in {time.perf_counter() - began:.1f} s")
                from search.backends.base import SearchRequest

                search = lambda q, b=backend: [h.source_id for h in b.search(SearchRequest(q=q)).hits]  # noqa
                results[name] = evaluate(queries, search, args.verbose, name)
                if name == "elasticsearch":
                    cleanups.append(backend.drop)
    else:
        build_site(args.workdir, args.corpus, args.reuse)
        from search.indexing import all_documents, page_path, searchable_pages

        url_to_source = {page_path(p): p.source_id for p in searchable_pages() if p.source_id}
        with override_settings(ELASTICSEARCH_URL=""):
            from search.backends.embedded import EmbeddedBackend

            # What `manage.py search_index --rebuild` does, timed.
            began = time.perf_counter()
            n = EmbeddedBackend().rebuild(all_documents())
            print(f"embedded: rebuilt from {n} pages in {time.perf_counter() - began:.1f} s")
            results["embedded"] = evaluate(queries, api_searcher(url_to_source), args.verbose, "embedded")
        if es_ok:
            from search.backends.elasticsearch import ElasticsearchBackend

            with override_settings(ELASTICSEARCH_URL=args.es_url, SEARCH_INDEX_PREFIX=prefix):
                backend = ElasticsearchBackend()
                began = time.perf_counter()
                n = backend.rebuild(all_documents())
                print(f"elasticsearch: rebuilt from {n} pages in {time.perf_counter() - began:.1f} s")
                results["elasticsearch"] = evaluate(queries, api_searcher(url_to_source), args.verbose,
                                                    "elasticsearch")
                cleanups.append(backend.drop)
        if not args.no_baselines:
            results["wagtail (baseline)"] = evaluate(queries, wagtail_searcher())
    if es_ok and not args.no_baselines:
        search, drop = es_standard_searcher(args.es_url, args.corpus, prefix)
        cleanups.append(drop)
        results["es-standard (baseline)"] = evaluate(queries, search)
    elif not es_ok:
        print(f"Elasticsearch not reachable at {args.es_url}: its rows are left out")
    for cleanup in cleanups:
        try:
            cleanup()
        except Exception as error:  # a leftover test index must not hide the figures
            print(f"cleanup failed ({type(error).__name__}: {error}); drop the benchmark index by hand")
    print(f"\n{len(queries)} queries from {args.queries.name}; corpus {args.corpus.name}; "
          f"{date.today().isoformat()}")
    print_table(results)
    return results


if __name__ == "__main__":
    main()
