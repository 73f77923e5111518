#!/usr/bin/env python
"""`manage.py search_index --rebuild` from 100,000+ real pages, on each backend.

    .venv/bin/python benchmarks/rebuild_from_pages.py [--limit N] [--repeat 1] [--backends embedded,elasticsearch]

search_speed.py times the engines' rebuild() from documents built in memory. A site rebuilds
from its pages, which adds loading every page, its publisher and its column and flattening its
StreamField body. This script builds a throwaway SQLite site whose 法律法规 column holds one
RegulationPage per article (第…条) of every regulation in ../shared/corpus/regulations.jsonl,
about 124,000 pages, inserted in bulk through treebeard's path scheme (creating them one by one
through the importer would take hours and measure the importer, not the rebuild). It then runs
the real management command on each backend, alternating them when --repeat > 1, and prints the
wall time, pages per second and peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("GOVSITE_SHARED_DIR", ROOT.parent / "shared"))
WORK_DIR = Path(tempfile.mkdtemp(prefix="govsite-bench-rebuild-"))
ES_URL = os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR}/site.sqlite3"
os.environ["SEARCH_EMBEDDED_PATH"] = str(WORK_DIR / "embedded.sqlite3")
os.environ["ELASTICSEARCH_URL"] = ""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.test")

import django  # noqa: E402

django.setup()

from benchmarks.search_relevance import es_reachable  # noqa: E402
from benchmarks.search_speed import ARTICLE  # noqa: E402

BATCH = 500


def article_records(corpus: Path, limit: int | None):
    """(title, body, record) per article, the way search_speed.py splits the corpus."""
    produced = 0
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            parts = ARTICLE.split(record.get("body") or "")
            for n, part in enumerate(parts, start=1):
                title = record["title"] if n == 1 else f"{record['title']} 第{n - 1}条"
                yield title[:250], part, record, n
                produced += 1
                if limit and produced >= limit:
                    return


def insert_pages(corpus: Path, limit: int | None) -> int:
    """Bulk-insert live RegulationPages (the page row, then the RegulationPage row)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from disclosure.importers.body import text_to_blocks
    from disclosure.kinds import column_path
    from disclosure.models import Organisation, RegulationPage

    home = Site.objects.get(is_default_site=True).root_page
    column = Page.objects.get(url_path=f"{home.url_path}{column_path('regulation')}/")
    content_type = ContentType.objects.get_for_model(RegulationPage)
    locale = Locale.get_default()
    child_fields = RegulationPage._meta.local_concrete_fields
    publishers: dict[str, int] = {}
    step, total = column.numchild, 0

    def publisher_id(name):
        if not name:
            return None
        if name not in publishers:
            publishers[name] = Organisation.objects.get_or_create(name=name[:200])[0].pk
        return publishers[name]

    def flush(batch):
        pages = Page.objects.bulk_create([page for page, _ in batch])
        children = []
        for page, child in zip(pages, (child for _, child in batch)):
            child.page_ptr_id = child.pk = page.pk
            children.append(child)
        RegulationPage._base_manager._insert(children, fields=child_fields, using="default")

    with transaction.atomic():
        batch = []
        for title, body, record, n in article_records(corpus, limit):
            step += 1
            day = date.fromisoformat(record["date"]) if record.get("date") else None
            when = timezone.make_aware(datetime.combine(day, day_time(9))) if day else timezone.now()
            slug = f"a{step}"
            page = Page(
                path=Page._get_path(column.path, column.depth + 1, step), depth=column.depth + 1, numchild=0,
                title=title, draft_title=title, slug=slug, url_path=f"{column.url_path}{slug}/",
                content_type=content_type, locale=locale, translation_key=uuid.uuid4(), live=True,
                has_unpublished_changes=False, first_published_at=when, last_published_at=when,
                show_in_menus=False,
            )
            child = RegulationPage(
                title=title, slug=slug, header=(record.get("header") or "") if n == 1 else "",
                doc_number=(record.get("doc_number") or "")[:100], publisher_id=publisher_id(record.get("publisher")),
                published_on=day, written_on=day, source_id=f"{record['source']}#{n}",
                index_number=f"BENCH/{step:07d}", category=(record.get("category") or "")[:100],
            )
            child.body = text_to_blocks(body)
            batch.append((page, child))
            if len(batch) == BATCH:
                flush(batch)
                total += len(batch)
                batch = []
                if total % 20_000 == 0:
                    print(f"  {total} pages inserted", flush=True)
        if batch:
            flush(batch)
            total += len(batch)
        Page.objects.filter(pk=column.pk).update(numchild=step)
    return total


def rebuild(values) -> tuple[float, str]:
    from django.core.management import call_command
    from django.test import override_settings

    out = io.StringIO()
    with override_settings(**values):
        began = time.perf_counter()
        call_command("search_index", "--rebuild", stdout=out)
        return time.perf_counter() - began, out.getvalue().strip().splitlines()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "regulations.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="stop after N pages (quick runs)")
    parser.add_argument("--repeat", type=int, default=1, help="rebuilds per backend, alternating")
    parser.add_argument("--backends", default="embedded,elasticsearch")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        raise SystemExit(f"the regulations corpus is absent at {args.corpus}")

    from django.core.management import call_command
    from wagtail.models import Page

    from home.demo import build_site

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_site(io.StringIO())
    pages = insert_pages(args.corpus, args.limit)
    print(f"setup: {pages} regulation pages inserted in {time.perf_counter() - began:.0f} s; "
          f"{Page.objects.count()} pages in the tree")

    backends = []
    for name in args.backends.split(","):
        if name == "embedded":
            backends.append(("embedded", {"ELASTICSEARCH_URL": ""}))
        elif name == "elasticsearch":
            if es_reachable(ES_URL):
                backends.append(("elasticsearch", {"ELASTICSEARCH_URL": ES_URL, "SEARCH_FALLBACK_TO_EMBEDDED": False,
                                                   "SEARCH_INDEX_PREFIX": f"govsite-rebuild-{os.getpid()}"}))
            else:
                print(f"Elasticsearch not reachable at {ES_URL}: skipped")
    results: dict[str, list[float]] = {name: [] for name, _ in backends}
    for round_number in range(args.repeat):
        for name, values in backends:
            load = os.getloadavg()[0]
            seconds, message = rebuild(values)
            results[name].append(seconds)
            print(f"round {round_number + 1} {name}: {seconds:.1f} s ({pages / seconds:.0f} pages/s) "
                  f"at load {load:.1f}; {message}", flush=True)
    for name, values in backends:
        if name == "elasticsearch":
            from django.test import override_settings

            from search.backends.elasticsearch import ElasticsearchBackend

            with override_settings(**values):
                try:
                    ElasticsearchBackend().drop()
                except Exception as error:  # a leftover index must not hide the figures
                    print(f"cleanup failed ({type(error).__name__}: {error}); drop the index by hand")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{date.today().isoformat()}  {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{pages} pages; peak memory {peak_mb:.0f} MB (whole process, setup included)")
    for name, times in results.items():
        best = min(times)
        print(f"{name:<14} best {best:.1f} s = {best / 60:.1f} min ({pages / best:.0f} pages/s); "
              f"all runs: {', '.join(f'{t:.1f}' for t in times)} s")
    if len(results) == 2 and all(results.values()):
        (a, ta), (b, tb) = results.items()
        print(f"ratio {a}/{b}: {min(ta) / min(tb):.2f}")


if __name__ == "__main__":
    main()
