"""Benchmark: the admin changelist of claims with 100,000 rows vs a bare ``values()`` page.

    python bench/admin.py [--claims 100000] [--repeat 9] [--keep]

Uses its own throwaway database: SQLite at var/bench/admin.sqlite3 by default, or, with
DATABASE_URL set to PostgreSQL, a database named ``<name>_bench_admin`` on that server
(created and dropped here). Prints, per changelist view, the median time of a full request
through the admin (login, filters, annotations, template) and its number of SQL queries, beside
the median of the baseline: the same page of the same rows as a bare ``values()`` query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = 100
VIEWS = [
    ("changelist, first page", ""),
    ("a middle page", "?p={middle}"),
    ("filter: status in review", "?status__exact=in_review"),
    ("queue: awaiting approval", "?queue=awaiting"),
    ("queue: unassigned", "?queue=unassigned"),
    ("verdict: false", "?rating=false"),
    ("search: 'megawatts'", "?q=megawatts"),
]


def _configure_database(keep: bool) -> str:
    """Point settings at a throwaway database; returns a description of it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        name = f"{parsed.path.lstrip('/') or 'workbench'}_bench_admin"
        import psycopg

        admin_url = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
        return f"PostgreSQL database {name} on {parsed.hostname}"
    path = ROOT / "var" / "bench" / "admin.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not keep:
        path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path}"


def _populate(total: int) -> None:
    from django.contrib.auth.models import Group, Permission, User

    from claims.models import Article, Claim, Verdict
    from claims.roles import ensure_roles

    if Claim.objects.count() >= total:
        return
    rng = random.Random(7)
    ensure_roles(Group, Permission)
    User.objects.create_superuser("bench", password="bench-password-not-secret")
    reviewers = []
    for i in range(8):
        user = User.objects.create_user(f"reviewer{i}", is_staff=True)
        user.groups.add(Group.objects.get(name="Reviewer" if i % 2 else "Editor"))
        reviewers.append(user)
    per_article = 100
    words = ["plant", "reactor", "megawatts", "budget", "unemployment", "council", "deal"]
    statuses = [s for s, _ in Claim.Status.choices if s != Claim.Status.DISMISSED]
    for batch in range(0, total, 10_000):
        articles = Article.objects.bulk_create(
            Article(title=f"Article {n}", body="x" * 2000, body_sha256=f"{n:064d}")
            for n in range(batch // per_article, (batch + 10_000) // per_article)
        )
        claims = []
        for article in articles:
            for position in range(per_article):
                word = rng.choice(words)
                claims.append(
                    Claim(
                        article=article,
                        position=position,
                        start=position * 10,
                        end=position * 10 + 9,
                        span_text="x" * 9,
                        text=f"Claim {position} of {article.title} about the {word}.",
                        status=rng.choice(statuses),
                        assignee=rng.choice([None, *reviewers]),
                    )
                )
        claims = Claim.objects.bulk_create(claims, batch_size=2000)
        verdicts = []
        for claim in claims:
            if claim.status in (Claim.Status.VERDICT_PROPOSED, Claim.Status.PUBLISHED):
                author = rng.choice(reviewers)
                verdicts.append(
                    Verdict(
                        claim=claim,
                        rating=rng.choice(Verdict.Rating.values),
                        explanation="Bench.",
                        author=author,
                        status=Verdict.Status.PROPOSED,
                    )
                )
        Verdict.objects.bulk_create(verdicts, batch_size=2000)
    print(f"populated {Claim.objects.count():,} claims, {Verdict.objects.count():,} verdicts")


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="reuse/keep the throwaway database")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    where = _configure_database(args.keep)

    import django

    django.setup()
    from django.contrib.admin import site
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _populate(args.claims)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
    print(f"database: {where}; setup {time.perf_counter() - started:.1f}s")

    client = Client()
    user = User.objects.get(username="bench")
    client.force_login(user)
    columns = ["id", "text", "article__title", "kind", "status", "assignee__username"]

    rows = []
    middle = max(1, Claim.objects.count() // PAGE // 2)
    for label, query in VIEWS:
        query = query.format(middle=middle)
        url = "/admin/claims/claim/" + query

        def request(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        reset_queries()  # a request resets the query log; start from empty
        with CaptureQueriesContext(connection) as ctx:
            request()
        admin_ms = _median_ms(request, args.repeat)
        page = int(query.removeprefix("?p=")) if query.startswith("?p=") else 1
        request_ = RequestFactory().get(url)
        request_.user = user
        changelist = site._registry[Claim].get_changelist_instance(request_)
        same_rows = changelist.get_queryset(request_)  # same filters and ordering

        def baseline(page=page, same_rows=same_rows):
            offset = (page - 1) * PAGE
            list(same_rows.values(*columns)[offset : offset + PAGE])

        base_ms = _median_ms(baseline, args.repeat)
        rows.append((label, admin_ms, len(ctx.captured_queries), base_ms))

    print()
    print(
        f"{'view (100 rows/page)':<28} {'admin ms':>9} {'queries':>8} {'values() ms':>12} "
        f"{'ratio':>7}"
    )
    print("-" * 68)
    for label, admin_ms, queries, base_ms in rows:
        print(
            f"{label:<28} {admin_ms:>9.1f} {queries:>8} {base_ms:>12.2f} "
            f"{admin_ms / base_ms:>6.0f}x"
        )
    print(f"\nmedian of {args.repeat} runs each; {Claim.objects.count():,} claims.")
    print("baseline: the same page of the same rows (the changelist's filters and ordering) as a")
    print("bare .values(...)[offset:offset + 100]: no COUNT, no annotations, no template.")

    if not args.keep and where.startswith("PostgreSQL"):
        connection.close()
        url = urlparse(os.environ["DATABASE_URL"])
        import psycopg

        with psycopg.connect(urlunparse(url._replace(path="/postgres")), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}"')


if __name__ == "__main__":
    main()
