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

Memory: ``--memory N`` browser captures in a row in this process, one browser for all, a new
context per capture (what an archive worker does); the RSS of this process and every process
below it (the Playwright driver, Chromium's processes) is sampled after each capture.
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


def tree_memory() -> tuple[int, int]:
    """(RSS, PSS) in bytes of this process and all its descendants (Linux)."""
    from sources.archiving.browser.runner import descendants

    rss = pss = 0
    for pid in [os.getpid(), *descendants(os.getpid())]:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    name, _, value = line.partition(":")
                    if name == "Rss":
                        rss += int(value.split()[0]) * 1024
                    elif name == "Pss":
                        pss += int(value.split()[0]) * 1024
        except OSError:
            continue
    return rss, pss


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory", type=int, default=100, help="captures for the memory run")
    args = parser.parse_args()

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

    state = {"i": 0, "last": None}

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
        print()
        print(f"memory over {args.memory} browser captures (one browser, a context per capture)")
        samples: list[tuple[int, int, int]] = []
        peak = [0, 0]  # sampled every 0.2 s during the captures, not only between them
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                rss, pss = tree_memory()
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        partial = 0
        for n in range(args.memory):
            capture = capture_page(urls[n % len(urls)], policy=policy, budget=budget)
            partial += bool(capture.partial_reason)
            rss, pss = tree_memory()
            samples.append((n + 1, rss, pss))
        elapsed = time.perf_counter() - t0
        done.set()
        sampler.join()
        shown = [s for s in samples if s[0] in (1, 10, 25, 50, 75) or s[0] == len(samples)]
        print(
            format_table(
                ["captures", "tree RSS MB", "tree PSS MB"],
                [[n, f"{rss / 2**20:.0f}", f"{pss / 2**20:.0f}"] for n, rss, pss in shown],
            )
        )
        peak_rss = max(peak[0], *(s[1] for s in samples))
        peak_pss = max(peak[1], *(s[2] for s in samples))
        print("(RSS adds up pages the processes share; PSS divides them among the sharers)")
        print(
            f"peak tree RSS {peak_rss / 2**20:.0f} MB, PSS {peak_pss / 2**20:.0f} MB; "
            f"{elapsed / args.memory:.2f} s per capture; {partial} partial captures"
        )
        summary.add(
            "14",
            f"memory of a capturing process, {args.memory} captures",
            f"{peak_rss / 2**20:.0f} MB RSS",
            "< 1024 MB",
            peak_rss < GB,
        )
    shutdown_browser()
    print()
    print(summary.render())
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
