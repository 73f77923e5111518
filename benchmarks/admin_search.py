"""Admin search latency and recall on a site with the regulations corpus imported.

    .venv/bin/python benchmarks/import_regulations.py --keep /tmp/govsite-admin-bench
    .venv/bin/python benchmarks/admin_search.py /tmp/govsite-admin-bench [--sample 100] [--repeat 3]

Uses the SQLite site kept by import_regulations.py (2,797 RegulationPages, indexed by the
admin backend as they were imported; search/admin_backend.py). From every n-th page it makes
three queries an editor would type:

- part of the title: four consecutive ideographs from the middle of the title;
- the 文号, in square brackets (武政发[2024]3号) instead of the stored 〔〕, when it has one;
- the 索引号.

Each query goes through the real admin views as a superuser, with Django's test client: the
page search (/admin/pages/search/) and the page chooser search (/admin/choose-page/search/).
Prints p50 / p95 latency per view and kind (n = requests), the same for the backend query
alone and for a query that matches nothing (the admin page's own cost), and the recall: the share of queries whose page
is among the results (checked with the same backend query the views run).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def title_part(title: str) -> str | None:
    runs = CJK_RUN.findall(title)
    if not runs:
        return None
    run = max(runs, key=len)
    middle = max(0, len(run) // 2 - 2)
    return run[middle:middle + 4]


def report(view, kind, times, recall):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{view:<15} {kind:<11} {len(times):>4} {statistics.median(times):8.1f} {p95:8.1f} {recall:>7}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", help="folder kept by benchmarks/import_regulations.py --keep")
    parser.add_argument("--sample", type=int, default=100, help="pages to make queries from")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "db.sqlite3").exists():
        sys.exit(f"no site at {site}: run benchmarks/import_regulations.py --keep {site} first")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govsite.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{site / 'db.sqlite3'}",
        "SEARCH_EMBEDDED_PATH": str(site / "search.sqlite3"),
        "ELASTICSEARCH_URL": "",
        "MEDIA_ROOT": str(site / "media"),
    })
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from disclosure.models import RegulationPage

    print(f"backend: {type(get_search_backend()).__name__}; {IndexEntry.objects.count()} index entries; "
          f"{RegulationPage.objects.count()} regulation pages")
    pages = list(RegulationPage.objects.order_by("pk").only("pk", "title", "doc_number", "index_number"))
    step = max(1, len(pages) // args.sample)
    queries = []
    for page in pages[::step][:args.sample]:
        part = title_part(page.title)
        if part:
            queries.append(("title part", part, page.pk))
        if page.doc_number and "〔" in page.doc_number:
            queries.append(("文号 [ ]", page.doc_number.replace("〔", "[").replace("〕", "]"), page.pk))
        if page.index_number:
            queries.append(("索引号", page.index_number, page.pk))

    User = get_user_model()
    # Any superuser will do (no write, so it can run while an import is still adding pages).
    user = User.objects.filter(is_superuser=True, is_active=True).first() or \
        User.objects.create_superuser("admin-search-bench", "bench@example.invalid", None)
    client = Client()
    client.force_login(user)
    views = {"page search": reverse("wagtailadmin_pages:search"),
             "chooser search": reverse("wagtailadmin_choose_page_search")}
    # The same admin page with a query that matches nothing: the page's own cost.
    queries += [("no match", "zzqxj", None)] * 10
    kinds = list(dict.fromkeys(kind for kind, _, _ in queries))
    print(f"{len(queries)} queries from {len(pages[::step][:args.sample])} pages, each sent {args.repeat}× per view")
    print(f"{'view':<15} {'kind':<11} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'recall':>7}")
    for view, url in views.items():
        for kind in kinds:
            times, found = [], 0
            subset = [(q, pk) for k, q, pk in queries if k == kind]
            for q, pk in subset:
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    response = client.get(url, {"q": q})
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (url, q, response.status_code)
                if pk and view == "page search" and Page.objects.filter(pk=pk).autocomplete(q).count():
                    found += 1
            recall = f"{found / len(subset):.2f}" if view == "page search" and kind != "no match" else ""
            report(view, kind, times, recall)
    # The backend query alone: the first 20 results, ranked, as the page search lists them.
    for kind in kinds:
        times = []
        for q, _pk in [(q, pk) for k, q, pk in queries if k == kind]:
            for _ in range(args.repeat):
                started = time.perf_counter()
                list(Page.objects.autocomplete(q)[:20])
                times.append((time.perf_counter() - started) * 1000)
        report("backend only", kind, times, "")
    print(f"load average: {'/'.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
