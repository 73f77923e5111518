"""Search speed benchmark: indexing throughput and query latency at 3k and 100k+ documents.

    .venv/bin/python benchmarks/search_speed.py [--backends embedded,elasticsearch] [--repeat 3]

Two corpora are built in memory from ../shared/corpus/regulations.jsonl:
- "3k": the 2,797 regulations, one document each;
- "100k": every regulation split into its articles (第…条), about 124,000 documents,
  each titled "<regulation title> 第N条" and carrying the regulation's metadata.

For each backend and corpus it times a full `rebuild()` (fresh index, atomic swap)
and prints documents per second, then sends every dev query `--repeat` times
through the public API view (`/api/search/`, Django test client) and prints the
p50 and p95 latency. Elasticsearch rows appear only when it is reachable.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.search_relevance import ES_DEFAULT, SHARED, es_reachable, load  # noqa: E402

ARTICLE = re.compile(r"\n\s*(?=第[一二三四五六七八九十百千零〇两]+条)")


def documents(corpus: Path, split: bool):
    from search.backends.base import IndexedDocument

    page_id = 0
    for rec in load(corpus):
        day = date.fromisoformat(rec["date"]) if rec.get("date") else None
        parts = ARTICLE.split(rec.get("body") or "") if split else [rec.get("body") or ""]
        for n, part in enumerate(parts, start=1):
            page_id += 1
            title = rec["title"] if not split or n == 1 else f"{rec['title']} 第{n - 1}条"
            yield IndexedDocument(
                page_id=page_id, title=title, url=f"/flfg/{page_id}/", kind=rec.get("kind") or "regulation",
                body=part, publisher=rec.get("publisher") or "", date=day,
                doc_number=rec.get("doc_number") or "", header=(rec.get("header") or "") if n == 1 else "",
                column="法律法规", source_id=f"{rec['source']}#{n}",
            )


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def measure(name, backend_factory, values, corpus, split, queries, repeat):
    from django.test import Client, override_settings

    with override_settings(**values):
        backend = backend_factory()
        docs = list(documents(corpus, split))
        began = time.perf_counter()
        n = backend.rebuild(iter(docs))
        seconds = time.perf_counter() - began
        client = Client()
        client.get("/api/search/", {"q": "条例"})          # warm caches (vocabulary, dictionary)
        latencies = []
        for _ in range(repeat):
            for q in queries:
                t = time.perf_counter()
                response = client.get("/api/search/", {"q": q["q"], "page_size": 10})
                latencies.append(time.perf_counter() - t)
                assert response.status_code == 200, response.content[:200]
        row = {
            "backend": name, "corpus": "100k" if split else "3k", "documents": n,
            "rebuild_s": round(seconds, 1), "docs_per_s": round(n / seconds),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        }
        print(json.dumps(row, ensure_ascii=False), flush=True)
        return row, backend


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "regulations.jsonl")
    parser.add_argument("--queries", type=Path, default=SHARED / "relevance" / "dev-queries.jsonl")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govsite-bench-speed"))
    parser.add_argument("--backends", default="embedded,elasticsearch")
    parser.add_argument("--sizes", default="3k,100k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL") or ES_DEFAULT)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.test")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    queries = load(args.queries)
    rows = []
    for name in args.backends.split(","):
        for size in args.sizes.split(","):
            split = size == "100k"
            if name == "embedded":
                from search.backends.embedded import EmbeddedBackend

                path = args.workdir / f"embedded-{size}.sqlite3"
                values = {"ELASTICSEARCH_URL": "", "SEARCH_EMBEDDED_PATH": str(path)}
                row, _ = measure(name, EmbeddedBackend, values, args.corpus, split, queries, args.repeat)
            elif name == "elasticsearch":
                if not es_reachable(args.es_url):
                    print(f"Elasticsearch not reachable at {args.es_url}: skipped")
                    break
                from search.backends.elasticsearch import ElasticsearchBackend

                values = {"ELASTICSEARCH_URL": args.es_url, "SEARCH_FALLBACK_TO_EMBEDDED": False,
                          "SEARCH_INDEX_PREFIX": f"govsite-speed-{os.getpid()}-{size}"}
                row, backend = measure(name, ElasticsearchBackend, values, args.corpus, split, queries,
                                       args.repeat)
                from django.test import override_settings

                with override_settings(**values):
                    backend.drop()
            else:
                raise SystemExit(f"unknown backend {name}")
            rows.append(row)
    print(f"\n{date.today().isoformat()}  {os.cpu_count()} cores")
    print(f"{'backend':<15}{'corpus':<8}{'documents':>10}{'rebuild s':>11}{'docs/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for r in rows:
        print(f"{r['backend']:<15}{r['corpus']:<8}{r['documents']:>10}{r['rebuild_s']:>11}"
              f"{r['docs_per_s']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}")
    return rows


if __name__ == "__main__":
    main()
