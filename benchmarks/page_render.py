#!/usr/bin/env python
"""Server time of the seed page, uncached, on SQLite, with at least 10,000 other pages in the tree.

    .venv/bin/python benchmarks/page_render.py [--pages 10000] [--runs 300]

Builds a throwaway SQLite database (migrate, the demo tree and the seed report), adds filler pages
in bulk straight through treebeard's path scheme (spread over every list column, so the seed's own
column has thousands of siblings), then renders the seed page `--runs` times with Django's test
Client and prints p50/p95 of the wall time of each request (and of its CPU time, which a busy
shared machine inflates far less). No page cache is involved; the only
memo is the per-process QR code cache (a URL's QR code never changes), reported separately by the
first, cold render.
"""

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
WORK_DIR = tempfile.mkdtemp(prefix="govsite-bench-render-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from disclosure.models import ColumnPage  # noqa: E402
from home.demo import build_site  # noqa: E402

SEED_URL = "/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/"


def add_filler_pages(total):
    """`total` plain live pages under the list columns, a third of them beside the seed."""
    columns = list(ColumnPage.objects.filter(column_type="list").order_by("path"))
    seed_column = next(c for c in columns if c.url_path.endswith("/yfxz/"))
    shares = {seed_column.pk: total // 3}
    others = [c for c in columns if c.pk != seed_column.pk]
    for index, column in enumerate(others):
        shares[column.pk] = (total - total // 3) // len(others) + (1 if index < (total - total // 3) % len(others) else 0)
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for column in columns:
            count = shares[column.pk]
            last = column.get_last_child()
            start = Page._str2int(last.path[-Page.steplen:]) if last else 0
            pages = []
            for step in range(start + 1, start + 1 + count):
                slug = f"filler-{step}"
                pages.append(Page(
                    path=Page._get_path(column.path, column.depth + 1, step), depth=column.depth + 1,
                    numchild=0, title=f"示例信息 {column.title} 第{step}号", draft_title=f"示例信息 第{step}号",
                    slug=slug, url_path=f"{column.url_path}{slug}/", content_type=content_type,
                    locale=locale, translation_key=uuid.uuid4(), live=True, has_unpublished_changes=False,
                    first_published_at=now, last_published_at=now, show_in_menus=False,
                ))
            Page.objects.bulk_create(pages, batch_size=1000)
            Page.objects.filter(pk=column.pk).update(numchild=column.numchild + count)
            created += count
    return created


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_site(io.StringIO())
    added = add_filler_pages(args.pages)
    print(f"setup: {time.perf_counter() - started:.1f} s; {Page.objects.count()} pages in the tree "
          f"({added} filler pages)")

    client = Client()
    started = time.perf_counter()
    response = client.get(SEED_URL)
    cold = time.perf_counter() - started
    assert response.status_code == 200 and "法治政府建设工作报告" in response.content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(SEED_URL)
    query_count = len(captured)  # read now: later requests reset the connection's query log
    for _ in range(20):  # warm-up: template loading, content types, the QR memo
        client.get(SEED_URL)

    times, cpu_times = [], []
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(SEED_URL)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}")
    print(f"seed page, {args.runs} renders: p50 {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms; "
          f"{query_count} SQL queries per render; first (cold) render {cold * 1000:.0f} ms")
    # On a shared machine wall time includes waiting for a core; CPU time is the work itself.
    print(f"CPU time per render: p50 {statistics.median(cpu_times):.1f} ms, p95 {percentile(cpu_times, 0.95):.1f} ms; "
          f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
