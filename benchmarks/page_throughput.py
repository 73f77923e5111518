#!/usr/bin/env python
"""Throughput of public pages with and without the page cache, against a static file, under gunicorn.

    .venv/bin/python benchmarks/page_throughput.py [--corpus] [--duration 5] [--rounds 3] [--site DIR]

Builds a throwaway SQLite demo site in a temp dir (migrate, load_demo_site, with --corpus also the
regulations in ../shared/corpus/regulations.jsonl), collects static files, then starts two gunicorn
servers with production settings and 2 workers each on 127.0.0.1: one with the page cache
(PAGE_CACHE=true), one without (PAGE_CACHE=false, i.e. as before the cache). They are measured
in turn with wrk (apt-get install wrk), alternating within each round, so machine noise falls on
both alike:

- requests/s of the seed report, its column and the home page, cached and uncached, and of a
  static file served by the same server (WhiteNoise), each page as a ratio to the static file;
- 200 concurrent clients on the seed page, cached and uncached: errors and latency p50/p99;
- a cold render right after a purge (p50 of single requests), against an uncached render.

Only 127.0.0.1 is loaded, for a bounded time (about rounds x 40 s + 30 s). Prints every figure.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CORPUS = PROJECT_DIR.parent / "shared" / "corpus" / "regulations.jsonl"
SEED_URL = "/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/"
PAGES = {"seed page": SEED_URL, "column page": "/zwgk/zfxxgk/yfxz/", "home page": "/"}
STATIC_URL = "/static/css/site.css"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(work, cache_on):
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "govsite.settings.production",
        "SECRET_KEY": "benchmark-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{work}/bench.sqlite3",
        "SEARCH_EMBEDDED_PATH": str(work / "search.sqlite3"),
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "PAGE_CACHE_DIR": str(work / "page_cache"),
        "PAGE_CACHE": "true" if cache_on else "false",
        "LOG_LEVEL": "ERROR",
    })
    for name in ("CACHE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "FRONTEND_CACHE_PURGE_URL"):
        env.pop(name, None)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def build_site(work, corpus):
    env = environment(work, True)
    env["DJANGO_SETTINGS_MODULE"] = "govsite.settings.dev"  # the demo loader refuses production
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_site", *(["--corpus", str(CORPUS)] if corpus else []))
    env = environment(work, True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def start_server(work, cache_on):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "govsite.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--log-level", "warning"],
        cwd=PROJECT_DIR, env=environment(work, cache_on), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, connections, duration):
    threads = min(2, connections)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
                          "--latency", url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)",
                                            (re.search(r"Socket errors:.*", out) or re.search("$", out)).group(0)))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0

    def latency(pct):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {"rps": rps, "requests": total, "errors": errors, "p50": latency(50), "p99": latency(99)}


def single_request_ms(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        status = response.headers.get("X-Page-Cache")
    return (time.perf_counter() - start) * 1000, status


# One process that purges `--runs` times when told to on stdin, so each cold render is measured right
# after a purge without paying for Django's start-up in between.
PURGE_SNIPPET = """
import sys, django
django.setup()
from pagecache import store
for line in sys.stdin:
    store.purge_everything()
    print("ok", flush=True)
"""


def cold_renders(work, cached_base, uncached_base, runs):
    purger = subprocess.Popen([sys.executable, "-c", PURGE_SNIPPET], cwd=PROJECT_DIR, env=environment(work, True),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    cold, uncached = [], []
    try:
        for _ in range(runs):
            purger.stdin.write("purge\n")
            purger.stdin.flush()
            purger.stdout.readline()
            elapsed, status = single_request_ms(cached_base + SEED_URL)
            assert status == "miss", status
            cold.append(elapsed)
            uncached.append(single_request_ms(uncached_base + SEED_URL)[0])
    finally:
        purger.stdin.close()
        purger.wait(timeout=30)
    return statistics.median(cold), statistics.median(uncached)


def load_average():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true", help=f"also import {CORPUS}")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=20, help="clients for the throughput runs")
    parser.add_argument("--cold-runs", type=int, default=30)
    parser.add_argument("--site", type=Path,
                        help="build the site in this folder and keep it; reuse it when it is already built "
                             "(so a corpus site built once can be measured again on a quieter machine)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    if args.corpus and not CORPUS.exists():
        raise SystemExit(f"no corpus at {CORPUS}")

    if args.site and (args.site / "bench.sqlite3").exists():
        work = args.site
        print(f"reusing the site built in {work} (load {load_average()})", flush=True)
    else:
        work = args.site or Path(tempfile.mkdtemp(prefix="govsite-bench-throughput-"))
        work.mkdir(parents=True, exist_ok=True)
        print(f"building the demo site{' with the corpus' if args.corpus else ''} in {work} (load {load_average()})",
              flush=True)
        build_site(work, args.corpus)
    cached, cached_base = start_server(work, True)
    uncached, uncached_base = start_server(work, False)
    try:
        for base in (cached_base, uncached_base):
            for url in list(PAGES.values()) + [STATIC_URL]:
                urllib.request.urlopen(base + url, timeout=30).read()  # warm: workers loaded, cache filled
        results = {}
        for round_no in range(1, args.rounds + 1):
            print(f"round {round_no}/{args.rounds} (load {load_average()})", flush=True)
            plan = [("static file", cached_base + STATIC_URL)]
            for name, url in PAGES.items():
                plan += [(f"{name} cached", cached_base + url), (f"{name} uncached", uncached_base + url)]
            for label, url in plan:
                results.setdefault(label, []).append(wrk(url, args.connections, args.duration))
        print(f"200 clients (load {load_average()})", flush=True)
        spike = {label: wrk(base + SEED_URL, 200, args.duration * 2)
                 for label, base in (("cached", cached_base), ("uncached", uncached_base))}
        spike["static"] = wrk(cached_base + STATIC_URL, 200, args.duration * 2)
        cold_p50, uncached_p50 = cold_renders(work, cached_base, uncached_base, args.cold_runs)
    finally:
        stop_server(cached)
        stop_server(uncached)

    print(f"\nload average at the end: {load_average()}; {os.cpu_count()} cores")
    static_rps = statistics.median(r["rps"] for r in results["static file"])
    print(f"\n{args.connections} clients, {args.rounds} alternating rounds of {args.duration} s (median requests/s):")
    print(f"  {'static file':24} {static_rps:8.0f} req/s")
    for name in PAGES:
        for mode in ("cached", "uncached"):
            label = f"{name} {mode}"
            rps = statistics.median(r["rps"] for r in results[label])
            errors = sum(r["errors"] for r in results[label])
            print(f"  {label:24} {rps:8.0f} req/s  ratio to static {rps / static_rps:5.2f}  errors {errors}")
    print(f"\n200 concurrent clients on the seed page, {args.duration * 2} s:")
    for label, r in spike.items():
        print(f"  {label:9} {r['rps']:8.0f} req/s  requests {r['requests']:7d}  errors {r['errors']:5d}  "
              f"p50 {r['p50']:8.1f} ms  p99 {r['p99']:8.1f} ms")
    print(f"\nseed page, single requests ({args.cold_runs} each, alternating):")
    print(f"  cold render right after a purge p50 {cold_p50:.1f} ms")
    print(f"  uncached render (cache off)      p50 {uncached_p50:.1f} ms")
    if not args.site:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
