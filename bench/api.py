#!/usr/bin/env python
"""Benchmark: the claims list of the API against a hand-written values() + JsonResponse view.

    python bench/api.py                      # SQLite file var/bench-api.sqlite3 (deleted after)
    DATABASE_URL=postgres://... python bench/api.py   # a throwaway test_<name> database

Loads BENCH_CLAIMS claims (default 100,000) with bulk_create, then requests one page of 100
claims with filters, BENCH_REQUESTS times (default 200, after 20 warm-up requests) through the
full Django stack (middleware, authentication, throttling) with the test client, and prints
median and p95 latency, their ratio to the baseline and the SQL queries per request. Both
views read the same rows with the same annotations; the baseline skips DRF (serializers,
filters, cursor pagination, content negotiation).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
SQLITE_FILE = ROOT / "var" / "bench-api.sqlite3"
if not os.environ.get("DATABASE_URL"):
    SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    SQLITE_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Exists, OuterRef, Subquery  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from claims.models import Article, Citation, Claim, Verdict  # noqa: E402
from sources.models import Source  # noqa: E402

N_CLAIMS = int(os.environ.get("BENCH_CLAIMS", "100000"))
N_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 20
PAGE = 100
CLAIMS_PER_ARTICLE = 100
BATCH = 5000

SCENARIOS = {
    "kind+min_checkworthiness, by -checkworthiness": {
        "kind": "quantity",
        "min_checkworthiness": "0.3",
        "ordering": "-checkworthiness",
    },
    "status+has_citations, by -id": {"status": "in_review", "has_citations": "true"},
}


# The baseline: the same rows and fields, by hand -------------------------------------------


def _baseline_queryset(params):
    published = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.PUBLISHED)
    queryset = Claim.objects.annotate(
        has_citations=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
        published_verdict_id=Subquery(published.values("pk")[:1]),
        published_rating=Subquery(published.values("rating")[:1]),
        published_at=Subquery(published.values("published_at")[:1]),
    )
    if "kind" in params:
        queryset = queryset.filter(kind=params["kind"])
    if "min_checkworthiness" in params:
        queryset = queryset.filter(checkworthiness__gte=float(params["min_checkworthiness"]))
    if "status" in params:
        queryset = queryset.filter(status=params["status"])
    if "has_citations" in params:
        queryset = queryset.filter(has_citations=params["has_citations"] == "true")
    if params.get("ordering") == "-checkworthiness":
        return queryset.order_by("-checkworthiness", "-id")
    return queryset.order_by("-id")


@login_required
def baseline_view(request):
    rows = list(
        _baseline_queryset(request.GET).values(
            "id",
            "article_id",
            "text",
            "span_text",
            "start",
            "end",
            "position",
            "kind",
            "checkworthiness",
            "status",
            "assignee__username",
            "dismissal_reason",
            "dismissal_note",
            "duplicate_of_id",
            "has_citations",
            "published_verdict_id",
            "published_rating",
            "published_at",
            "created_at",
            "updated_at",
        )[:PAGE]
    )
    for row in rows:
        row["api_url"] = f"/api/v1/claims/{row['id']}"
        row["article"] = row.pop("article_id")
        row["assignee"] = row.pop("assignee__username")
        row["duplicate_of"] = row.pop("duplicate_of_id")
        verdict_id = row.pop("published_verdict_id")
        rating, published_at = row.pop("published_rating"), row.pop("published_at")
        row["published_verdict"] = verdict_id and {
            "id": verdict_id,
            "rating": rating,
            "published_at": published_at,
            "claimreview_url": f"/api/v1/claims/{row['id']}/claimreview",
        }
    return JsonResponse({"next": None, "previous": None, "results": rows})


urlpatterns = [
    path("baseline/claims", baseline_view),
    path("", include("workbench.urls")),
]


# Data ----------------------------------------------------------------------------------------


def load(n_claims: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from claims.roles import ensure_roles
    from integrations.services import api_token_create

    rng = random.Random(5)
    users = get_user_model().objects
    ensure_roles(Group, Permission)
    reviewer = users.create_user("bench-reviewer", password="x" * 20, is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    editor = users.create_user("bench-editor", password="x" * 20, is_staff=True)
    _token, secret = api_token_create(name="bench", scope="read")

    body = "x" * 1000
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    articles = Article.objects.bulk_create(
        [
            Article(title=f"Article {i}", body=body, body_sha256=f"{i:064x}")
            for i in range(n_articles)
        ],
        batch_size=BATCH,
    )
    kinds, statuses = Claim.Kind.values, [Claim.Status.NEW, Claim.Status.IN_REVIEW]
    claims = []
    for i in range(n_claims):
        position = i % CLAIMS_PER_ARTICLE
        claims.append(
            Claim(
                article=articles[i // CLAIMS_PER_ARTICLE % n_articles],
                text=f"Claim number {i} says that {rng.randint(1, 10**6)} units were counted.",
                span_text="x" * 5,
                start=position * 5,
                end=position * 5 + 5,
                position=position,
                kind=rng.choice(kinds),
                checkworthiness=round(rng.random(), 3),
                status=rng.choice(statuses),
                assignee=reviewer if i % 3 == 0 else None,
            )
        )
        if len(claims) == BATCH:
            Claim.objects.bulk_create(claims)
            claims = []
    Claim.objects.bulk_create(claims)
    claim_ids = list(Claim.objects.values_list("pk", flat=True))
    sources = Source.objects.bulk_create(
        [
            Source(url=f"https://news.example.org/{i}", domain="news.example.org")
            for i in range(2000)
        ],
        batch_size=BATCH,
    )
    cited = rng.sample(claim_ids, len(claim_ids) // 5)
    Citation.objects.bulk_create(
        [Citation(claim_id=pk, source=rng.choice(sources)) for pk in cited], batch_size=BATCH
    )
    now = timezone.now()
    Verdict.objects.bulk_create(
        [
            Verdict(
                claim_id=pk,
                rating=rng.choice(Verdict.Rating.values),
                explanation="Because.",
                author=reviewer,
                approved_by=editor,
                status=Verdict.Status.PUBLISHED,
                published_at=now,
            )
            for pk in rng.sample(claim_ids, len(claim_ids) // 10)
        ],
        batch_size=BATCH,
    )
    return reviewer, secret


# Measuring -----------------------------------------------------------------------------------


def measure(client: Client, url: str, params: dict, headers: dict) -> tuple[float, float, int]:
    for _ in range(WARMUP):
        response = client.get(url, params, headers=headers)
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["results"]) == PAGE, "not enough rows for a full page"
    timings = []
    for _ in range(N_REQUESTS):
        started = time.perf_counter()
        client.get(url, params, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params, headers=headers)
    p95 = statistics.quantiles(timings, n=20)[-1]
    return statistics.median(timings), p95, len(queries)


def main() -> None:
    from django.core.management import call_command

    setup_test_environment()  # allows the test client's host
    created_test_db = None
    if connection.vendor != "sqlite":
        created_test_db = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        reviewer, secret = load(N_CLAIMS)
        print(
            f"Loaded {Claim.objects.count():,} claims in {time.perf_counter() - started:.1f} s "
            f"({connection.vendor}); {N_REQUESTS} requests per row after {WARMUP} warm-up, "
            f"page size {PAGE}."
        )
        session = Client()
        session.force_login(reviewer)
        token = {"Authorization": f"Bearer {secret}"}
        rows = []
        with override_settings(
            ROOT_URLCONF=__name__,
            REST_FRAMEWORK={
                **django.conf.settings.REST_FRAMEWORK,
                "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
            },
        ):
            for scenario, filters in SCENARIOS.items():
                params = {**filters, "page_size": PAGE}
                base = measure(session, "/baseline/claims", filters, {})
                rows.append((scenario, "values() + JsonResponse (session)", *base, base[0]))
                api = measure(session, "/api/v1/claims", params, {})
                rows.append((scenario, "DRF /api/v1/claims (session)", *api, base[0]))
                api = measure(Client(), "/api/v1/claims", params, token)
                rows.append((scenario, "DRF /api/v1/claims (token)", *api, base[0]))
        width = max(len(r[0]) for r in rows)
        header = (
            f"{'scenario':<{width}}  {'view':<36} {'median ms':>9} {'p95 ms':>8} "
            f"{'x base':>7} {'queries':>7}"
        )
        print(header)
        print("-" * len(header))
        for scenario, view, median, p95, queries, baseline_median in rows:
            print(
                f"{scenario:<{width}}  {view:<36} {median:>9.1f} {p95:>8.1f} "
                f"{median / baseline_median:>7.2f} {queries:>7}"
            )
    finally:
        if created_test_db is not None:
            connection.creation.destroy_test_db(created_test_db, verbosity=0)
        else:
            connection.close()
            SQLITE_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
