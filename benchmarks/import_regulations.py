"""Time importing the whole regulations corpus into an empty SQLite site, search indexing included.

    .venv/bin/python benchmarks/import_regulations.py [PATH] [--limit N] [--keep DIR]

PATH defaults to ../shared/corpus/regulations.jsonl. A fresh temporary SQLite database is
migrated and given the demo column tree; the records then stream through the same ImportRun
as `manage.py import_documents`, with the embedded search engine (a temporary file) indexing
them from the durable queue. Prints records per second, the import and indexing times, and
memory (resident set size now, and the process peak) at 25/50/100% of the records, so one can
see memory does not grow with the number of records.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "regulations.jsonl"


def rss_mib():
    """Current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def traced():
    import tracemalloc

    if not tracemalloc.is_tracing():
        return ""
    current, peak = tracemalloc.get_traced_memory()
    return f", Python heap {current / 2**20:6.1f} MiB (peak {peak / 2**20:6.1f})"


def load_average():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=0, help="import only the first N records")
    parser.add_argument("--keep", help="keep the database and index in this folder")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report Python heap in use (tracemalloc; slows the run about 2x)")
    args = parser.parse_args()
    corpus = Path(args.path)
    if not corpus.exists():
        sys.exit(f"corpus not found: {corpus}")

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govsite-import-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = corpus
    if args.limit:
        source = workdir / "limited.jsonl"
        with open(corpus, "rb") as src, open(source, "wb") as dst:
            for number, line in enumerate(src):
                if number >= args.limit:
                    break
                dst.write(line)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govsite.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SEARCH_EMBEDDED_PATH": str(workdir / "search.sqlite3"),
        "ELASTICSEARCH_URL": "",
        "MEDIA_ROOT": str(workdir / "media"),
    })
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    import io

    from django.core.management import call_command

    from disclosure.importers.json_records import count_jsonl
    from disclosure.importers.runner import ImportRun, indexing_batch
    from home.demo import build_site
    from search.backends import get_backend

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    build_site(io.StringIO())
    print(f"empty site ready in {time.perf_counter() - started:.1f} s (migrate + column tree)")

    total = count_jsonl(source)
    checkpoints = {max(1, round(total * share)): label for share, label in ((0.25, "25%"), (0.5, "50%"))}
    run = ImportRun([source], progress=False)
    print(f"importing {total} records from {corpus} …")
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    print(f"load average before: {load_average()} on {os.cpu_count()} cores")
    done = 0
    run.relax_sqlite_sync()
    with indexing_batch():
        for location, record in run.records():
            run.import_one(location, record)
            done += 1
            if done in checkpoints:
                print(f"  {checkpoints[done]:>4} ({done} records, {time.perf_counter() - started:6.1f} s): "
                      f"RSS {rss_mib():6.1f} MiB, peak {peak_mib():6.1f} MiB{traced()}")
        imported = time.perf_counter() - started
        print(f"  100% ({done} records, {imported:6.1f} s): RSS {rss_mib():6.1f} MiB, "
              f"peak {peak_mib():6.1f} MiB{traced()} — indexing the queued pages …")
    elapsed = time.perf_counter() - started
    summary = run.summary
    indexed = get_backend().count()
    print(summary.report())
    print(f"after indexing: RSS {rss_mib():.1f} MiB, peak {peak_mib():.1f} MiB; "
          f"{indexed} documents in the embedded index")
    cpu = cpu_seconds() - cpu_started
    print(f"import {imported:.1f} s + indexing {elapsed - imported:.1f} s = {elapsed:.1f} s wall; "
          f"{done / elapsed:.1f} records/s; CPU {cpu:.1f} s ({1000 * cpu / max(done, 1):.0f} ms/record); "
          f"load average after: {load_average()}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
