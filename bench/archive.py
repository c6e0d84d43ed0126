#!/usr/bin/env python
"""Archiving throughput: pages archived per second through a real worker, side by side with
a bare ``httpx`` fetch of the same pages and, where installed, ``wget --warc-file``.

    .venv/bin/python bench/archive.py [--pages 300] [--concurrency 2]

The pages are the 181 real article pages of ../shared/data/article-pages (served repeatedly
under different paths to reach --pages), or synthetic pages when that folder is missing. They
are served by a local HTTP server on 127.0.0.1. The workbench side creates one snapshot per
page and times a real `celery worker` from the first enqueue to the last succeeded row; it
runs on a throwaway SQLite database (or BENCH_DATABASE_URL) and the broker configured by
REDIS_URL (filesystem queue when unset). Per-domain politeness is switched off for the run
(every page is on 127.0.0.1): with it on, one domain gets at most 2 fetches per second.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT.parent / "shared" / "data" / "article-pages" / "html"


def load_pages(count: int) -> tuple[list[bytes], str]:
    if PAGES_DIR.exists():
        originals = [gzip.decompress(p.read_bytes()) for p in sorted(PAGES_DIR.glob("*.html.gz"))]
        origin = f"{len(originals)} real article pages from ../shared/data/article-pages"
    else:
        paragraph = "<p>The council approved the budget of 12 million euros on Tuesday.</p>"
        originals = [
            f"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1>"
            f"{paragraph * 200}</article></body></html>".encode()
            for i in range(50)
        ]
        origin = "50 synthetic pages (../shared is not here)"
    return [originals[i % len(originals)] for i in range(count)], origin


class Server:
    def __init__(self, pages: list[bytes]) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                try:
                    body = pages[int(self.path.strip("/").split(".")[0])]
                except (ValueError, IndexError):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def urls(self, count: int) -> list[str]:
        return [f"http://127.0.0.1:{self.port}/{i}.html" for i in range(count)]


def bench_httpx(urls: list[str], concurrency: int) -> float:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    started = time.perf_counter()
    with httpx.Client(trust_env=False) as client, ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda u: client.get(u).raise_for_status(), urls))
    return time.perf_counter() - started


def bench_wget(urls: list[str], workdir: Path) -> float | None:
    if not shutil.which("wget"):
        return None
    url_file = workdir / "urls.txt"
    url_file.write_text("\n".join(urls))
    started = time.perf_counter()
    subprocess.run(
        [
            "wget",
            "-q",
            "--no-proxy",
            "-i",
            str(url_file),
            "-P",
            str(workdir / "wget"),
            "--warc-file",
            str(workdir / "wget-archive"),
            "--no-warc-keep-log",
        ],
        check=False,
    )
    return time.perf_counter() - started


def bench_workbench(
    urls: list[str], port: int, concurrency: int, workdir: Path
) -> tuple[float, int]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "workbench.settings",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
        ),
        "WORKBENCH_MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_DIR": str(workdir / "broker"),
        "FETCH_ALLOWED_HOSTPORTS": f"127.0.0.1:{port}",
        "FETCH_DOMAIN_INTERVAL": "0",
        "FETCH_DOMAIN_CONCURRENCY": str(concurrency),
        "WORKBENCH_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from sources.models import Snapshot, Source
    from sources.tasks import archive_snapshot
    from workbench.celery import app

    with app.connection_for_write() as conn:
        for queue in ("default", "archive"):
            conn.default_channel.queue_purge(queue)
    Source.objects.all().delete()
    sources = Source.objects.bulk_create(Source(url=u, domain="127.0.0.1") for u in urls)
    snapshots = Snapshot.objects.bulk_create(Snapshot(source=s) for s in sources)

    log = (workdir / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "workbench", "worker", "-Q", "archive"),
            *("--concurrency", str(concurrency), "--without-gossip", "--without-mingle"),
            *("-l", "warning"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(3)  # let the worker boot; the clock starts at the first enqueue
        started = time.perf_counter()
        for snapshot in snapshots:
            archive_snapshot.delay(snapshot.pk)
        while Snapshot.objects.filter(status__in=["queued", "fetching"]).exists():
            if worker.poll() is not None:
                raise SystemExit(f"worker died; see {workdir / 'worker.log'}")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(30)
    succeeded = Snapshot.objects.filter(status="succeeded").count()
    return elapsed, succeeded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    pages, origin = load_pages(args.pages)
    server = Server(pages)
    urls = server.urls(args.pages)
    megabytes = sum(map(len, pages)) / 1e6
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        workdir = Path(tmp)
        httpx_time = statistics.median(bench_httpx(urls, args.concurrency) for _ in range(3))
        wget_time = bench_wget(urls, workdir)
        ours, succeeded = bench_workbench(urls, server.port, args.concurrency, workdir)

    broker = "Redis" if os.environ.get("REDIS_URL") else "filesystem queue"
    print(f"\nArchiving {args.pages} pages ({megabytes:.1f} MB of HTML; {origin}),")
    print(f"concurrency {args.concurrency}, broker: {broker}, {succeeded} snapshots succeeded.\n")
    rows = [("bare httpx GET (baseline)", httpx_time, "fetch only")]
    if wget_time is not None:
        rows.append(("wget --warc-file", wget_time, "fetch + WARC, one process"))
    rows.append(("workbench worker", ours, "safe fetch + WARC + text + hash + DB + storage"))
    print(f"{'method':<28}{'seconds':>9}{'pages/s':>10}{'x httpx':>9}  what")
    for name, seconds, what in rows:
        print(
            f"{name:<28}{seconds:>9.2f}{args.pages / seconds:>10.1f}"
            f"{seconds / httpx_time:>9.1f}  {what}"
        )


if __name__ == "__main__":
    main()
