#!/usr/bin/env python
"""Browser capture: seconds per capture of real article pages, beside the raw HTTP capture of
the same pages, and the memory of a process that keeps one browser over many captures.

    .venv/bin/python bench/browser.py [--rounds 15] [--memory 100]

The 181 real article pages of ../shared/data/article-pages are served by a local HTTP server
on 127.0.0.1 (synthetic pages when that folder is missing). Their subresources point at the
public sites they came from, which this machine cannot reach: the run answers every DNS
lookup of a name with "no such name" at once (this sandbox's resolver otherwise lets some
lookups hang for the 5 s connect timeout, which measures the sandbox, not the capture). Those
requests fail fast, as a page's dead links would, so the figures are the browser's own cost
(a context, parse, script, layout, screenshot) plus one document through the safe fetcher.

Contenders, interleaved (A B A B ...), one page per call, the same page for both in a round:
  raw      fetch + WARC + main text (what ARCHIVE_CAPTURE_MODE=http does per page)
  browser  capture_page: Chromium, every request through the fetcher, screenshot, WARC, text
Budget (issue 14): a browser capture of a typical article page under 5 s (median).

Memory: ``--memory N`` browser captures in a row in this process, one browser, a new context
per capture, browser and driver restarted every ``RESTART_EVERY`` captures (what an archive
worker's process does: it runs the same runner); the PSS and RSS of this process and every
process below it (the Playwright driver, Chromium's processes), from /proc/<pid>/smaps_rollup,
sampled every 0.2 s and after each capture, with the peak broken down by kind of process.
Judged by PSS (RSS counts the pages the processes share once per process).
Budget (issue 14): under 1 GB over 100 captures.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

from bench._pages import PageServer  # noqa: E402
from bench._timing import Summary, format_table, interleave  # noqa: E402

GB = 1024**3
PAGES_DIR = ROOT.parent / "shared" / "data" / "article-pages" / "html"


def load_pages() -> tuple[list[bytes], str]:
    if PAGES_DIR.exists():
        pages = [gzip.decompress(p.read_bytes()) for p in sorted(PAGES_DIR.glob("*.html.gz"))]
        return pages, f"{len(pages)} real article pages from ../shared/data/article-pages"
    paragraph = "<p>The council approved the budget of 12 million euros on Tuesday.</p>"
    pages = [
        f"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1>"
        f"{paragraph * 200}</article></body></html>".encode()
        for i in range(50)
    ]
    return pages, "50 synthetic pages (../shared is not here)"


def _role(pid: int) -> str:
    """What a process of the tree is: this Python process, Playwright's driver (node), the
    browser process, a renderer, or a utility process of Chromium."""
    try:
        exe = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmdline = fh.read()
    except OSError:
        return "gone"
    if pid == os.getpid() or exe.startswith("python"):
        return "python"
    if exe.startswith("node"):
        return "driver"
    if b"--type=renderer" in cmdline:
        return "renderer"
    if b"--type=" in cmdline:
        return "utility"
    return "browser" if "chrom" in exe else exe


def tree_memory(
    detail: bool = False, root: int | None = None
) -> tuple[int, int, dict[str, list[int]]]:
    """(RSS, PSS) in bytes of ``root`` (this process) and all its descendants (Linux), from
    /proc/<pid>/smaps_rollup; with ``detail``, also {role: [processes, RSS, PSS]}."""
    from sources.archiving.browser.runner import descendants

    root = root or os.getpid()
    rss = pss = 0
    roles: dict[str, list[int]] = {}
    for pid in [root, *descendants(root)]:
        one = {"Rss": 0, "Pss": 0}
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    name, _, value = line.partition(":")
                    if name in one:
                        one[name] = int(value.split()[0]) * 1024
        except OSError:
            continue
        rss += one["Rss"]
        pss += one["Pss"]
        if detail:
            row = roles.setdefault(_role(pid), [0, 0, 0])
            row[0] += 1
            row[1] += one["Rss"]
            row[2] += one["Pss"]
    return rss, pss, roles


def no_dns() -> None:
    """Every host name fails to resolve at once; IP addresses resolve as themselves."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            return real(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})
        except socket.gaierror:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None

    socket.getaddrinfo = getaddrinfo


class PeakSampler:
    """Samples a process tree's memory every 0.2 s in a thread; ``peak`` is [RSS, PSS] (the
    highest of each), ``roles`` what each kind of process held at the PSS peak."""

    def __init__(self, root: int | None = None) -> None:
        self.root = root
        self.peak = [0, 0]
        self.roles: dict[str, list[int]] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.2):
            rss, pss, roles = tree_memory(detail=True, root=self.root)
            self.peak[0] = max(self.peak[0], rss)
            if pss > self.peak[1]:
                self.peak[1] = pss
                self.roles = dict(roles)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def role_table(peak: dict[str, list[int]], end: dict[str, list[int]]) -> str:
    def cells(row: list[int] | None) -> list[object]:
        if not row:
            return ["-", "-", "-"]
        return [row[0], f"{row[1] / 2**20:.0f}", f"{row[2] / 2**20:.0f}"]

    return format_table(
        ["process", "peak n", "peak RSS", "peak PSS", "end n", "end RSS", "end PSS"],
        [[role, *cells(peak.get(role)), *cells(end.get(role))] for role in sorted({*peak, *end})],
    )


#: loaded into the worker's Python (PYTHONPATH) so that its host names fail at once, as
#: ``no_dns`` does in this process
_SITECUSTOMIZE = """
import socket
_real = socket.getaddrinfo
def _getaddrinfo(host, port, *args, **kwargs):
    try:
        return _real(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})
    except socket.gaierror:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
socket.getaddrinfo = _getaddrinfo
"""


def worker_memory(count: int) -> int:
    """``count`` browser captures by a real ``celery worker`` (one process, every queue, a
    throwaway SQLite database, the filesystem broker): the worker's whole tree (Celery's parent,
    its pool process, the driver, Chromium) sampled every 0.2 s."""
    import tempfile

    from bench.archive import Workbench, workbench_setup

    pages, origin = load_pages()
    server = PageServer(pages)
    urls = (server.urls("w1") + server.urls("w2"))[:count]
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        workdir = Path(tmp)
        (workdir / "site").mkdir()
        (workdir / "site" / "sitecustomize.py").write_text(_SITECUSTOMIZE)
        env = workbench_setup(
            workdir,
            server.port,
            DJANGO_DEBUG="1",
            ARCHIVE_CAPTURE_MODE="browser",
            PYTHONPATH=str(workdir / "site"),
        )
        from sources.models import Snapshot
        from workbench.celery import QUEUES

        print(f"pages: {origin}; {count} captured by a real worker, every queue, concurrency 1")
        workbench = Workbench(env, workdir, 1)
        worker = workbench._worker(",".join(QUEUES))
        sampler = PeakSampler(root=worker.pid)
        try:
            elapsed, succeeded = workbench._archive(urls, worker, evidence=False)
            _rss, _pss, end_roles = tree_memory(detail=True, root=worker.pid)
        finally:
            sampler.stop()
            workbench._stop(worker)
        peak, peak_roles = sampler.peak, sampler.roles
        browser = Snapshot.objects.filter(capture_mode="browser").count()
        notes = Snapshot.objects.exclude(capture_note="").count()
    print(role_table(peak_roles, end_roles))
    print(
        f"peak tree PSS {peak[1] / 2**20:.0f} MB (RSS summed {peak[0] / 2**20:.0f} MB); "
        f"{elapsed / count:.2f} s per capture; {succeeded} succeeded, {browser} in the browser, "
        f"{notes} fell back to the raw capture"
    )
    summary.add(
        "14",
        f"memory of a worker's process tree, {count} browser captures (peak PSS)",
        f"{peak[1] / 2**20:.0f} MB PSS",
        "< 1024 MB",
        peak[1] < GB,
    )
    print()
    print(summary.render())
    return 1 if summary.failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory", type=int, default=100, help="captures for the memory run")
    parser.add_argument(
        "--worker",
        type=int,
        default=0,
        help="instead: this many captures by a real celery worker, its process tree measured",
    )
    args = parser.parse_args()
    if args.worker:
        return worker_memory(args.worker)

    import django

    django.setup()
    import dataclasses

    from sources.archiving.browser import BrowserBudget, capture_page, shutdown_browser
    from sources.archiving.text import extract_text
    from sources.archiving.warc import build_warc
    from sources.fetching import FetchPolicy, fetch

    no_dns()
    pages, origin = load_pages()
    server = PageServer(pages)
    urls = server.urls()
    policy = dataclasses.replace(
        FetchPolicy.from_settings(), allowed_hostports=frozenset({f"127.0.0.1:{server.port}"})
    )
    budget = BrowserBudget()
    print(f"pages: {origin}, served on 127.0.0.1:{server.port}")
    print(f"machine: {os.cpu_count()} CPUs online, load {os.getloadavg()[0]:.2f}")

    state: dict[str, Any] = {"i": 0, "last": None}

    def next_url() -> str:
        return urls[(state["i"] // 2) % len(urls)]

    def raw() -> int:
        url = next_url()
        state["i"] += 1
        result = fetch(url, policy=policy)
        build_warc(result)
        page = extract_text(result.body, result.content_type, result.charset, result.final_url)
        return len(page.text)

    def browser() -> int:
        url = next_url()
        state["i"] += 1
        capture = capture_page(url, policy=policy, budget=budget)
        state["last"] = capture
        return len(capture.text)

    started = time.perf_counter()
    runs = interleave({"raw": raw, "browser": browser}, rounds=args.rounds)
    rows = [
        [
            name,
            f"{r.wall_min:.3f}",
            f"{r.wall_median:.3f}",
            f"{max(r.wall):.3f}",
            f"{r.cpu_median:.3f}",
            f"{r.wall_median / runs['raw'].wall_median:.1f}x",
        ]
        for name, r in runs.items()
    ]
    print()
    print(f"seconds per capture, {len(runs['raw'].wall)} rounds (wall; CPU of this process only)")
    print(format_table(["contender", "min s", "median s", "max s", "cpu median s", "vs raw"], rows))
    summary = Summary()
    median = runs["browser"].wall_median
    summary.add("14", "browser capture of an article page", f"{median:.2f} s", "< 5 s", median < 5)
    print(f"(timing took {time.perf_counter() - started:.0f} s)")

    if args.memory:
        from sources.archiving.browser import runner

        print()
        print(
            f"memory over {args.memory} browser captures (one browser, a context per capture, "
            f"browser and driver restarted every {runner.RESTART_EVERY})"
        )
        samples: list[tuple[int, int, int]] = []
        # sampled every 0.2 s during the captures, not only between them; the peak by PSS
        # with what each kind of process held at that moment
        sampler = PeakSampler()
        t0 = time.perf_counter()
        partial = 0
        for n in range(args.memory):
            capture = capture_page(urls[n % len(urls)], policy=policy, budget=budget)
            partial += bool(capture.partial_reason)
            rss, pss, _roles = tree_memory()
            samples.append((n + 1, rss, pss))
        elapsed = time.perf_counter() - t0
        sampler.stop()
        peak, peak_roles = sampler.peak, sampler.roles
        _rss, _pss, end_roles = tree_memory(detail=True)
        shown = [s for s in samples if s[0] in (1, 10, 25, 50, 75) or s[0] == len(samples)]
        print(
            format_table(
                ["captures", "tree RSS MB", "tree PSS MB"],
                [[n, f"{rss / 2**20:.0f}", f"{pss / 2**20:.0f}"] for n, rss, pss in shown],
            )
        )
        peak_rss = max(peak[0], *(s[1] for s in samples))
        peak_pss = max(peak[1], *(s[2] for s in samples))
        print()
        print("by kind of process: at the PSS peak, and after the last capture (MB)")
        print(role_table(peak_roles, end_roles))
        print(
            "(judged by PSS: RSS counts every page a process maps, so Chromium's binary and the"
            " libraries its processes share are counted once per process; PSS divides each"
            " shared page among its sharers, so the tree's PSS adds up to the memory it holds)"
        )
        print(
            f"peak tree PSS {peak_pss / 2**20:.0f} MB (RSS summed {peak_rss / 2**20:.0f} MB); "
            f"{elapsed / args.memory:.2f} s per capture; {partial} partial captures"
        )
        summary.add(
            "14",
            f"memory of a capturing process tree, {args.memory} captures (peak PSS)",
            f"{peak_pss / 2**20:.0f} MB PSS",
            "< 1024 MB",
            peak_pss < GB,
        )
    shutdown_browser()
    print()
    print(summary.render())
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
