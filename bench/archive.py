#!/usr/bin/env python
# Over 400 lines on purpose: one run serves the pages, times all five contenders and prints
# the WARC-level and extractor measurements too, so every figure comes from the same run.
"""Archiving throughput, like with like: every contender archives the same 181 distinct pages
at the same concurrency, in interleaved rounds (issues 14 and 15).

    .venv/bin/python bench/archive.py [--concurrency 2] [--rounds 3] [--skip-extractors] [--quick]

Contenders, in this order in every round (A B C D E, A B C D E, ...):

- ``httpx``: a bare ``httpx`` GET per page, ``concurrency`` threads (fetch only);
- ``wget``: ``concurrency`` ``wget --warc-file`` processes, the pages dealt out between them;
- ``floor``: the in-process floor, ``concurrency`` processes each doing the safe fetch + WARC +
  main text of its pages (no database, no queue, no storage);
- ``capture``: the reviewer's path: ``citation_add`` for every page, a real ``celery worker``
  (``-Q archive``, ``--concurrency``) over Redis, timed from the first citation to the last
  snapshot row that is final (captured: bytes, WARC, hash; the text step is not served);
- ``pipeline``: the same with the worker also serving the text step and the evidence queue
  (``-Q archive,text,default``, the same concurrency), timed until every citation has its
  evidence.

The pages come from ../shared/data/article-pages (181 real pages) and are served from a
loopback HTTP server under a fresh path per contender and round, so no URL is ever archived
twice and no page repeats within a run. Goals checked: capture >= 1.0x wget, pipeline >= 0.7x
the floor. Two measurements follow: the WARC gzip level (CPU and bytes per level, on the same
pages) and the main-text extractor against the pages' ground truth (token F1 and speed;
trafilatura as the workbench runs it (``fast``), trafilatura with its fallbacks, and
resiliparse when installed).

The workbench contenders run on BENCH_DATABASE_URL, else on a database ``test_<name>_bench``
next to DATABASE_URL's (dropped and created afresh), else on a throwaway SQLite file; the broker is
REDIS_URL (the filesystem queue when unset). Per-domain politeness is off for the run (every
page is on 127.0.0.1).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._pages import PageServer  # noqa: E402
from bench._timing import Summary, format_table  # noqa: E402

PAGES_ROOT = ROOT.parent / "shared" / "data" / "article-pages"
CONTENDERS = ("httpx", "wget", "floor", "capture", "pipeline")
WHAT = {
    "httpx": "bare httpx GET (fetch only)",
    "wget": "wget --warc-file (fetch + WARC)",
    "floor": "in-process floor (safe fetch + WARC + main text)",
    "capture": "citation_add -> worker -> Redis -> snapshot rows",
    "pipeline": "capture + text + evidence (worker on archive,text,default)",
}


def load_pages() -> tuple[list[str], list[bytes], dict[str, str]]:
    html_dir = PAGES_ROOT / "html"
    if not html_dir.exists():
        raise SystemExit(f"{html_dir} is missing: this bench needs the shared article pages")
    paths = sorted(html_dir.glob("*.html.gz"))
    ids = [p.name.split(".")[0] for p in paths]
    truth = json.loads((PAGES_ROOT / "ground-truth.json").read_text(encoding="utf-8"))
    return (
        ids,
        [gzip.decompress(p.read_bytes()) for p in paths],
        {i: truth[i]["articleBody"] for i in ids},
    )


# Databases ----------------------------------------------------------------------------------


def workbench_setup(workdir: Path, port: int, **overrides: str) -> dict[str, str]:
    """The environment of this process and of the workers it starts (a database, media and
    broker folder under `workdir`, fetches allowed to the page server only), the database
    migrated and Django set up; ``overrides`` add or replace variables."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "workbench.settings",
        "DATABASE_URL": bench_database_url(workdir),
        "WORKBENCH_MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_DIR": str(workdir / "broker"),
        "FETCH_ALLOWED_HOSTPORTS": f"127.0.0.1:{port}",
        "FETCH_DOMAIN_INTERVAL": "0",
        "WORKBENCH_LOG_LEVEL": "WARNING",
        **overrides,
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    return env


def bench_database_url(workdir: Path) -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    base, name = url.rsplit("/", 1)
    bench_name = f"test_{name}_bench"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:  # a fresh one each run
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    return f"{base}/{bench_name}"


# Contenders ---------------------------------------------------------------------------------


def run_httpx(urls: list[str], concurrency: int) -> int:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with httpx.Client(trust_env=False) as client, ThreadPoolExecutor(concurrency) as pool:
        return sum(1 for r in pool.map(client.get, urls) if r.status_code == 200)


def run_wget(urls: list[str], concurrency: int, workdir: Path) -> int:
    procs = []
    for n in range(concurrency):
        part = workdir / f"wget-{n}"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        (part / "urls.txt").write_text("\n".join(urls[n::concurrency]))
        command = ["wget", "-q", "--no-proxy", "-i", "urls.txt", "-P", "pages"]
        command += ["--warc-file", "archive", "--no-warc-keep-log"]
        procs.append(subprocess.Popen(command, cwd=part))
    for proc in procs:
        proc.wait()
    return sum(len(list((workdir / f"wget-{n}" / "pages").rglob("*.html"))) for n in range(2))


def _floor_one(url: str) -> int:
    from sources.archiving.text import extract_text
    from sources.archiving.warc import build_warc
    from sources.fetching import FetchPolicy, fetch

    result = fetch(url, policy=FetchPolicy.from_settings())
    build_warc(result)
    page = extract_text(result.body, result.content_type, result.charset, result.final_url)
    return len(page.text)


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children (a prefork worker's pool),
    from /proc; 0 where there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class Workbench:
    """The reviewer's path on a real worker: one article, its claims cite every page."""

    def __init__(self, env: dict[str, str], workdir: Path, concurrency: int) -> None:
        self.env, self.workdir, self.concurrency = env, workdir, concurrency
        from django.contrib.auth import get_user_model

        from claims import services
        from tests.factories import make_user

        self.user = get_user_model().objects.filter(username="bench-reviewer").first()
        self.user = self.user or make_user("bench-reviewer", group="Reviewer")
        article = services.article_create(
            title="Bench",
            body="The council approved the budget of 12 million euros on Tuesday. "
            "The minister said the plant will produce 110 megawatts by 2030. "
            'The mayor called the vote "historic".',
            by=self.user,
        )
        services.article_extract(article_id=article.pk)  # in-process: claims now
        self.claims = list(article.claims.all())
        if not self.claims:
            raise SystemExit("the bench article yielded no claims")

    def _worker(self, queues: str) -> subprocess.Popen[bytes]:
        from workbench.celery import worker_command

        log = self.workdir / f"worker-{queues.replace(',', '-')}.log"
        log.write_bytes(b"")
        proc = subprocess.Popen(
            worker_command(queues, concurrency=self.concurrency, name=f"bench-{time.time()}@%h"),
            cwd=ROOT,
            env=self.env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while b" ready." not in log.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"worker did not start; see {log}")
            time.sleep(0.1)
        return proc

    def _stop(self, proc: subprocess.Popen[bytes]) -> None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    @staticmethod
    def purge() -> None:
        from workbench.celery import QUEUES, app

        with app.connection_for_write() as conn:
            for queue in QUEUES:
                conn.default_channel.queue_purge(queue)

    def _archive(
        self, urls: list[str], worker: subprocess.Popen[bytes], evidence: bool
    ) -> tuple[float, int]:
        from claims.models import Citation
        from claims.services import citation_add
        from sources.models import Snapshot

        started = time.perf_counter()
        cpu_before = time.process_time(), _tree_cpu(worker.pid)
        citations = [
            citation_add(
                claim=self.claims[i % len(self.claims)], url=url, relation="supports", by=self.user
            ).pk
            for i, url in enumerate(urls)
        ]
        snapshots = Snapshot.objects.filter(source__citations__in=citations)
        # The bench's own polling, kept light (it shares the cores with the contender): one
        # small indexed query on the run's id range (its rows only: nothing else writes),
        # every 0.05 s of runs that last 5 s or more.
        if evidence:
            pending = Citation.objects.filter(
                pk__range=(min(citations), max(citations)), evidence_status="pending"
            )
        else:
            first = snapshots.order_by("pk").values_list("pk", flat=True).first() or 0
            pending = Snapshot.objects.filter(pk__gte=first, status__in=Snapshot.ACTIVE_STATUSES)
        while pending.exists():
            if worker.poll() is not None:
                raise SystemExit(f"worker died; see {self.workdir}")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        self.cpu_ms_per_page = (
            1000 * (time.process_time() - cpu_before[0]) / len(urls),
            1000 * (_tree_cpu(worker.pid) - cpu_before[1]) / len(urls),
        )
        return elapsed, snapshots.filter(status="succeeded").count()

    def run(self, urls: list[str], warmup: list[str], *, evidence: bool) -> tuple[float, int]:
        """Seconds from the first citation to the last final row (or evidence), and pages
        done. The worker boots and archives ``warmup`` (as the floor's processes warm up)
        before the clock starts."""
        self.purge()
        worker = self._worker("archive,text,default" if evidence else "archive")
        try:
            self._archive(warmup, worker, evidence)
            return self._archive(urls, worker, evidence)
        finally:
            self._stop(worker)
            self.purge()


# Side measurements --------------------------------------------------------------------------


def warc_levels(urls: list[str], rounds: int) -> list[list[str]]:
    """CPU and bytes of the WARCs of ``urls`` per deflate (stdlib zlib, zlib-ng) and level."""
    import zlib

    from zlib_ng import zlib_ng

    from bench._timing import interleave
    from sources.archiving.warc import DEFLATE, GZIP_LEVEL, build_warc
    from sources.fetching import FetchPolicy, fetch

    policy = FetchPolicy.from_settings()
    results = [fetch(url, policy=policy) for url in urls]
    variants = [("zlib", zlib, level) for level in (1, 3, 6, 9)]
    variants += [("zlib-ng", zlib_ng, level) for level in (1, 3, 6, 9)]

    def size(module, level):
        return lambda: sum(len(build_warc(r, level=level, deflate=module)) for r in results)

    runs = interleave(
        {f"{name} {level}": size(module, level) for name, module, level in variants},
        rounds=rounds,
    )
    raw = sum(len(r.raw_body) for r in results)
    rows = []
    for name, module, level in variants:
        r = runs[f"{name} {level}"]
        chosen = "  <- the workbench's" if (module, level) == (DEFLATE, GZIP_LEVEL) else ""
        rows.append(
            [
                f"{name} level {level}{chosen}",
                f"{1000 * r.cpu_min / len(results):.2f}",
                f"{1000 * r.cpu_median / len(results):.2f}",
                f"{r.result / 1e6:.2f}",
                f"{r.result / raw:.3f}",
            ]
        )
    return rows


_WORD = re.compile(r"\w+")


def token_f1(predicted: str, truth: str) -> float:
    p, t = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(truth.lower()))
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _trafilatura(fast: bool) -> Callable[[bytes], str]:
    from sources.archiving import text

    def extract(body: bytes) -> str:
        saved, text.TRAFILATURA_FAST = text.TRAFILATURA_FAST, fast
        try:
            return text.extract_text(body, "text/html", "utf-8").text
        finally:
            text.TRAFILATURA_FAST = saved

    return extract


def extractors() -> dict[str, Callable[[bytes], str]]:
    found: dict[str, Callable[[bytes], str]] = {
        "trafilatura (workbench)": _trafilatura(True),
        "trafilatura with fallbacks (before)": _trafilatura(False),
    }
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        print("resiliparse is not installed: only trafilatura is measured")
    else:
        found["resiliparse 2 (main_content)"] = lambda body: extract_plain_text(
            HTMLTree.parse_from_bytes(body, "utf-8"),
            main_content=True,
            alt_texts=False,
            links=False,
            list_bullets=False,
        )
    return found


def compare_extractors(
    ids: list[str], pages: list[bytes], truth: dict[str, str], rounds: int, summary: Summary
) -> list[list[str]]:
    from bench._timing import interleave

    tools = extractors()
    runs = interleave(
        {name: (lambda fn=fn: [fn(body) for body in pages]) for name, fn in tools.items()},
        rounds=rounds,
    )
    rows, scores = [], {}
    for name in tools:
        texts = runs[name].result
        f1 = statistics.mean(token_f1(t, truth[i]) for i, t in zip(ids, texts, strict=True))
        scores[name] = (f1, runs[name].cpu_median)
        rows.append(
            [
                name,
                f"{f1:.3f}",
                f"{1000 * runs[name].cpu_min / len(pages):.1f}",
                f"{1000 * runs[name].cpu_median / len(pages):.1f}",
            ]
        )
    ours_f1, ours_time = scores["trafilatura (workbench)"]
    for name, (f1, seconds) in scores.items():
        if name == "trafilatura (workbench)":
            continue
        better = f1 > ours_f1 or (f1 >= ours_f1 - 0.005 and seconds < ours_time)
        summary.add(
            "14",
            f"keep the workbench's over {name} (best F1, or faster within 0.005)",
            f"F1 {ours_f1:.3f} vs {f1:.3f}, {ours_time / seconds:.1f}x its time",
            "no switch due",
            not better,
        )
    return rows


# Main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-extractors", action="store_true")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one round of the contenders only (no WARC levels, no extractors): a first look, "
        "not a figure to quote",
    )
    parser.add_argument(
        "--only", default=",".join(CONTENDERS), help="comma-separated contenders to time"
    )
    args = parser.parse_args()
    names = [n for n in CONTENDERS if n in args.only.split(",")]
    if "wget" in names and not shutil.which("wget"):
        print("wget is not installed (apt-get install wget): its row is skipped")
        names.remove("wget")

    ids, pages, truth = load_pages()
    server = PageServer(pages)
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        workdir = Path(tmp)
        env = workbench_setup(
            workdir,
            server.port,
            # production-like: with DEBUG on, Django also records every query it runs
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY="bench-archive-only-not-a-secret-" + "x" * 32,
            DJANGO_ENV_FILE="",
            ARCHIVE_CAPTURE_MODE="http",  # the raw capture; bench/browser.py times Chromium
            FETCH_DOMAIN_CONCURRENCY=str(args.concurrency),
        )
        from django.db import connection

        workbench = Workbench(env, workdir, args.concurrency)
        connection.close()  # the floor's processes fork from here
        pool = multiprocessing.get_context("fork").Pool(args.concurrency)
        pool.map(_floor_one, server.urls("warmup")[: args.concurrency * 2])

        def contender(name: str, prefix: str) -> tuple[float, int]:
            urls = server.urls(prefix)
            if name in ("capture", "pipeline"):
                warmup = server.urls(f"{prefix}-warmup")[100 : 100 + 2 * args.concurrency]
                return workbench.run(urls, warmup, evidence=name == "pipeline")
            started = time.perf_counter()
            if name == "httpx":
                done = run_httpx(urls, args.concurrency)
            elif name == "wget":
                done = run_wget(urls, args.concurrency, workdir)
            else:
                pids = [process.pid for process in pool._pool]  # type: ignore[attr-defined]
                before = sum(_tree_cpu(pid) for pid in pids)
                done = sum(1 for n in pool.map(_floor_one, urls, chunksize=1) if n >= 0)
                floor_cpu.append(1000 * (sum(_tree_cpu(pid) for pid in pids) - before) / len(urls))
            return time.perf_counter() - started, done

        floor_cpu: list[float] = []
        pipeline_cpu: list[float] = []

        seconds: dict[str, list[float]] = {n: [] for n in names}
        done: dict[str, list[int]] = {n: [] for n in names}
        rounds = 1 if args.quick else max(args.rounds, 3)
        for round_no in range(rounds):
            for name in names:
                elapsed, count = contender(name, f"r{round_no}-{name}")
                seconds[name].append(elapsed)
                done[name].append(count)
                cpu = ""
                if name in ("capture", "pipeline"):
                    side, worker = workbench.cpu_ms_per_page
                    cpu = f"  CPU ms/page: citation_add side {side:.1f}, worker {worker:.1f}"
                    if name == "pipeline":
                        pipeline_cpu.append(side + worker)
                elif name == "floor" and floor_cpu:
                    cpu = f"  CPU ms/page: {floor_cpu[-1]:.1f}"
                print(f"  round {round_no + 1} {name:<9} {elapsed:7.2f} s  ({count} pages){cpu}")
        pool.close()

        n = len(pages)
        broker = "Redis" if os.environ.get("REDIS_URL") else "filesystem queue"
        vendor = connection.vendor
        print(
            f"\n{n} distinct real article pages ({sum(map(len, pages)) / 1e6:.1f} MB of HTML), "
            f"concurrency {args.concurrency} for every contender, {rounds} "
            f"interleaved rounds; database {vendor}, broker {broker}.\n"
        )
        rows = []
        for name in names:
            best, median = min(seconds[name]), statistics.median(seconds[name])
            rows.append(
                [
                    WHAT[name],
                    f"{best:.2f}",
                    f"{median:.2f}",
                    f"{n / median:.1f}",
                    f"{1000 * median / n:.1f}",
                    f"{min(done[name])}",
                ]
            )
        print(
            format_table(["contender", "s min", "s median", "pages/s", "ms/page", "pages ok"], rows)
        )

        def rate(name: str) -> float:
            return n / statistics.median(seconds[name])

        if "capture" in names and "wget" in names:
            ratio = rate("capture") / rate("wget")
            summary.add(
                "14", "raw capture / wget (pages/s)", f"{ratio:.2f}x", ">= 1.0x", ratio >= 1
            )
        if "pipeline" in names and "floor" in names:
            ratio = rate("pipeline") / rate("floor")
            summary.add(
                "14/15", "full pipeline / floor (pages/s)", f"{ratio:.2f}x", ">= 0.7x", ratio >= 0.7
            )
        if floor_cpu and pipeline_cpu:
            print(
                f"CPU per page, medians: floor {statistics.median(floor_cpu):.1f} ms, pipeline "
                f"{statistics.median(pipeline_cpu):.1f} ms (both sides; the bench's polling "
                f"included): floor / pipeline "
                f"{statistics.median(floor_cpu) / statistics.median(pipeline_cpu):.2f}x, what "
                "the pages/s ratio would be on idle cores if both were CPU-bound"
            )
        for a, b in (("capture", "floor"), ("floor", "wget"), ("wget", "httpx")):
            if a in names and b in names:
                print(f"{a} / {b}: {rate(a) / rate(b):.2f}x")

        if not args.quick:
            print(
                "\nWARC deflate and level, same pages (ms of CPU per page to build the WARC; bytes)"
            )
            print(
                format_table(
                    ["deflate", "ms min", "ms median", "MB of WARC", "of raw bytes"],
                    warc_levels(server.urls("warc"), args.rounds),
                )
            )
        if not (args.skip_extractors or args.quick):
            print("\nMain-text extractors on the ground truth (mean token F1; ms of CPU per page)")
            print(
                format_table(
                    ["extractor", "token F1", "ms min", "ms median"],
                    compare_extractors(ids, pages, truth, args.rounds, summary),
                )
            )
    print()
    print(summary.render())


if __name__ == "__main__":
    main()
