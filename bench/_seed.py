"""Seed a benchmark database with claims fast: ``COPY`` on PostgreSQL, batched ``executemany``
on SQLite, explicit ids (so citations and verdicts point at claims without reading them back).

    from bench._seed import bench_database, seed
    with bench_database("api") as where:   # test_<name>_bench_api, created and dropped here
        people = seed(100_000)             # claims 1..100,000
        seed(1_000_000, people=people)     # adds claims 100,001..1,000,000

The data: articles of 100 claims (2,000-character bodies), every kind and open status, a
third assigned, 5% near-copies, 20% cited, 10% with a published verdict and 10% with a
proposed one (the claim's verdict columns, ``current_rating``, ``awaiting_approval`` and
``proposed_by``, set to match, as the verdict services would), 8% of articles in Russian.
Fields not set here take their model defaults, so a column added later does not break the
seeding.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PER_ARTICLE = 100
BATCH = 20_000
WORDS = ["plant", "reactor", "megawatts", "budget", "unemployment", "council", "deal", "wages"]


@contextlib.contextmanager
def bench_database(name: str) -> Iterator[str]:
    """A throwaway database named like the test databases (``test_<name>_bench_<bench>`` on
    PostgreSQL, ``var/bench/<bench>.sqlite3`` otherwise), migrated; dropped afterwards unless
    ``BENCH_KEEP`` is set. Call before touching the ORM; yields a description."""
    import django
    from django.db import connection

    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    sqlite = None
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sqlite = ROOT / "var" / "bench" / f"{name}.sqlite3"
        sqlite.parent.mkdir(parents=True, exist_ok=True)
        sqlite.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite}"
    django.setup()
    from django.core.management import call_command

    if sqlite is None:
        base = connection.settings_dict["NAME"]
        test_name = f"{connection.creation._get_test_db_name()}_bench_{name}"
        connection.settings_dict["TEST"]["NAME"] = test_name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        where = f"PostgreSQL database {test_name}"
    else:
        call_command("migrate", verbosity=0)
        where = f"SQLite {sqlite}"
    try:
        yield where
    finally:
        if os.environ.get("BENCH_KEEP"):
            pass
        elif sqlite is None:
            connection.creation.destroy_test_db(base, verbosity=0)
        else:
            connection.close()
            sqlite.unlink(missing_ok=True)


@dataclass
class People:
    superuser: Any
    reviewers: list[Any]
    editor: Any


def _people() -> People:
    from django.contrib.auth.models import Group, Permission, User

    from claims.roles import ensure_roles

    ensure_roles(Group, Permission)
    superuser = User.objects.create_superuser("bench", password="bench-password-not-secret")
    reviewers = []
    for i in range(6):
        user = User.objects.create_user(f"reviewer{i}", is_staff=True)
        user.groups.add(Group.objects.get(name="Reviewer"))
        reviewers.append(user)
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    return People(superuser, reviewers, editor)


def _text(value: Any) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, datetime | date):
        value = value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def insert(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (column name → value; ids included) in one COPY or one executemany;
    columns left out take the field's default."""
    from django.db import connection

    if not rows:
        return
    now = datetime.now(UTC)
    fields = model._meta.concrete_fields
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.column] = now
        elif f.has_default():
            defaults[f.column] = f.get_default()
        else:
            defaults[f.column] = None if f.null else ""
    columns = [f.column for f in fields]
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        missing = object()
        fixed = {c: _text(defaults[c]) for c in columns}
        plain = (str, int, float)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            lines = []
            for row in rows:
                values = []
                for c in columns:
                    value = row.get(c, missing)
                    if value is missing:
                        values.append(fixed[c])
                    elif value is None:
                        values.append(r"\N")
                    elif type(value) in plain:  # the seed's own text: no tab, no newline
                        values.append(str(value))
                    else:
                        values.append(_text(value))
                lines.append("\t".join(values))
                if len(lines) == 2000:  # streamed: the server works while Python goes on
                    copy.write("\n".join(lines) + "\n")
                    lines = []
            if lines:
                copy.write("\n".join(lines) + "\n")
        return
    prepared = []
    for row in rows:
        values = []
        for c in columns:
            value = row.get(c, defaults[c])
            if isinstance(value, dict | list):
                value = json.dumps(value)
            elif isinstance(value, datetime):
                value = value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
            values.append(value)
        prepared.append(values)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join("%s" for _ in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", prepared)


def seed(total: int, *, people: People | None = None, start: int = 0) -> People:
    """Claims ``start + 1 .. total`` (with their articles, sources, citations, verdicts), then
    fresh planner statistics (on PostgreSQL, a vacuum's visibility map too). Returns the people
    the claims are assigned to."""
    from django.db import connection

    from claims.models import Article, Citation, Claim, Verdict
    from sources.models import Source

    people = people or _people()
    rng = random.Random(start + 15)
    now = datetime.now(UTC)
    started = time.perf_counter()
    if start == 0:
        insert(
            Source,
            [
                {"id": n, "url": f"https://news.example.org/{n}", "domain": "news.example.org"}
                for n in range(1, 2001)
            ],
        )
    body = " ".join(rng.choice(WORDS) for _ in range(300))[:2000]
    with _bulk_load([Article, Claim, Citation, Verdict]):
        _rows(people, rng, start, total, body, now)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            _no_style(), [Article, Claim, Citation, Verdict, Source]
        ):
            cursor.execute(statement)
        # Fresh statistics, and on PostgreSQL the visibility map a loaded table gets from
        # autovacuum (since PostgreSQL 13 inserts trigger it too): without it an index-only
        # scan still reads the heap, as no table in service does for long.
        analyze = "VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE"
        for model in (Article, Claim, Citation, Verdict, Source):
            cursor.execute(f"{analyze} {model._meta.db_table}")
    print(
        f"seeded claims {start + 1:,}..{total:,} in {time.perf_counter() - started:.1f} s "
        f"({connection.vendor})",
        flush=True,
    )
    return people


@contextlib.contextmanager
def _bulk_load(models: Sequence[Any]) -> Iterator[None]:
    """On PostgreSQL, load as a restore does: secondary indexes dropped and built again after
    (one sort instead of a million insertions each), foreign-key triggers off for the load
    (the ids are consistent by construction). Elsewhere, nothing."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.tablename = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                t = time.perf_counter()
                cursor.execute(definition)
                if os.environ.get("BENCH_SEED_VERBOSE"):
                    print(f"  {time.perf_counter() - t:5.1f} s  {definition}", flush=True)


def _rows(people: People, rng: random.Random, start: int, total: int, body: str, now) -> None:
    from django.db import transaction

    from claims.models import Article, Citation, Claim, Verdict

    kinds = list(Claim.Kind.values)
    statuses = [s for s in Claim.Status.values if s != Claim.Status.DISMISSED]
    ratings = list(Verdict.Rating.values)
    assignees = [None, None, *[u.pk for u in people.reviewers]]
    for first in range(start, total, BATCH):
        last = min(total, first + BATCH)
        articles, claims, citations, verdicts = [], [], [], []
        for n in range(first // PER_ARTICLE, (last + PER_ARTICLE - 1) // PER_ARTICLE):
            articles.append(
                {
                    "id": n + 1,
                    "title": f"Article {n}",
                    "body": body,
                    "body_sha256": f"{n:064x}",
                    "language": "ru" if n % 12 == 0 else "en",
                    "extraction_status": "done",
                }
            )
        for i in range(first, last):
            pk, position = i + 1, i % PER_ARTICLE
            status = rng.choice(statuses)
            claims.append(
                {
                    "id": pk,
                    "article_id": i // PER_ARTICLE + 1,
                    "text": f"Claim {i} says {rng.randint(1, 10**6)} {rng.choice(WORDS)} counted.",
                    "start": position * 10,
                    "end": position * 10 + 9,
                    "span_text": "x" * 9,
                    "position": position,
                    "kind": rng.choice(kinds),
                    "checkworthiness": round(rng.random(), 4),
                    "status": status,
                    "assignee_id": rng.choice(assignees),
                    "near_copy_of_id": pk - 1 if position and rng.random() < 0.05 else None,
                }
            )
            roll = rng.random()
            if roll < 0.2:
                citations.append(
                    {"id": pk, "claim_id": pk, "source_id": rng.randint(1, 2000), "note": ""}
                )
            if roll < 0.1 or 0.5 < roll < 0.6:
                published = roll < 0.1
                rating = rng.choice(ratings)
                author = people.reviewers[pk % len(people.reviewers)].pk
                claims[-1]["current_rating"] = rating  # its one verdict is the current one
                if not published:  # the verdict columns, as the verdict services write them
                    claims[-1]["awaiting_approval"] = True
                    claims[-1]["proposed_by_id"] = author
                verdicts.append(
                    {
                        "id": pk,
                        "claim_id": pk,
                        "rating": rating,
                        "explanation": "Bench.",
                        "author_id": author,
                        "status": "published" if published else "proposed",
                        "approved_by_id": people.editor.pk if published else None,
                        "published_at": now if published else None,
                    }
                )
        with transaction.atomic():
            # Articles first: only those the earlier batches did not already create.
            insert(Article, [a for a in articles if (a["id"] - 1) * PER_ARTICLE >= first])
            insert(Claim, claims)
            insert(Citation, citations)
            insert(Verdict, verdicts)


def _no_style():
    from django.core.management.color import no_style

    return no_style()
