"""Time and peak Python memory of a full site-health check (docs/health.md) on a generated site.

    .venv/bin/python benchmarks/site_health.py [--pages 10000] [--pages 1000 ...]

Builds a fresh SQLite site (the column tree of docs/, then N live NewsPages spread over the
list columns, inserted in bulk; every page's body links to another page and a tenth carry a
成文日期), then runs `health.checks.run_checks` once per size and prints the seconds and the
tracemalloc peak. Comparing two sizes shows whether memory grows with the site.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK_DIR = Path(tempfile.mkdtemp(prefix="govsite-bench-health-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR}/site.sqlite3"
os.environ["SEARCH_EMBEDDED_PATH"] = str(WORK_DIR / "embedded.sqlite3")
os.environ["ELASTICSEARCH_URL"] = ""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.test")

import django  # noqa: E402

django.setup()

BATCH = 500


def add_pages(count: int, start: int) -> None:
    """Bulk-insert `count` live NewsPages round-robin over the list columns."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from disclosure.models import ColumnPage, NewsPage

    columns = list(ColumnPage.objects.filter(column_type="list"))
    steps = {c.pk: c.numchild for c in columns}
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    fields = NewsPage._meta.local_concrete_fields
    first = Page.objects.filter(depth__gt=2).order_by("pk").first()
    today = date.today()

    def flush(batch):
        pages = Page.objects.bulk_create([page for page, _ in batch])
        for page, child in zip(pages, (c for _, c in batch)):
            child.page_ptr_id = child.pk = page.pk
        NewsPage._base_manager._insert([c for _, c in batch], fields=fields, using="default")

    with transaction.atomic():
        batch = []
        for n in range(start, start + count):
            column = columns[n % len(columns)]
            steps[column.pk] += 1
            day = today - timedelta(days=n % 30)
            when = timezone.make_aware(datetime.combine(day, day_time(9)))
            slug = f"h{n}"
            page = Page(
                path=Page._get_path(column.path, column.depth + 1, steps[column.pk]), depth=column.depth + 1,
                numchild=0, title=f"工作动态第{n}号", draft_title=f"工作动态第{n}号", slug=slug,
                url_path=f"{column.url_path}{slug}/", content_type=content_type, locale=locale,
                translation_key=uuid.uuid4(), live=True, has_unpublished_changes=False,
                first_published_at=when, last_published_at=when, show_in_menus=False,
            )
            child = NewsPage(title=page.title, slug=slug, published_on=day,
                             written_on=day - timedelta(days=40) if n % 10 == 0 else None)
            child.body = [("paragraph", f'<p>见<a linktype="page" id="{first.pk}">首条</a>。</p>')]
            batch.append((page, child))
            if len(batch) == BATCH:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        for column in columns:
            ColumnPage.objects.filter(pk=column.pk).update(numchild=steps[column.pk])


def measure(label: str) -> None:
    from wagtail.models import Page

    from health.checks import run_checks

    pages = Page.objects.count()
    tracemalloc.start()
    started = time.perf_counter()
    findings = run_checks()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:>8} {pages:>7} {seconds:8.1f} {peak / 2**20:10.1f} {len(findings):>8}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, action="append", help="site sizes to measure (default 1000, 10000)")
    sizes = sorted(parser.parse_args().pages or [1000, 10000])
    from django.core.management import call_command

    from tests.disclosure.conftest import build_tree

    call_command("migrate", verbosity=0)
    build_tree()
    print(f"{'size':>8} {'pages':>7} {'seconds':>8} {'peak MiB':>10} {'findings':>8}")
    made = 0
    for size in sizes:
        add_pages(size - made, made)
        made = size
        measure(str(size))


if __name__ == "__main__":
    main()
