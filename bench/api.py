#!/usr/bin/env python
"""Benchmark: the API's claim list (page 100), with each filter it offers, at 100,000 and
1,000,000 claims, against a hand-written ``values()`` view doing the same work.

    python bench/api.py [--quick] [--rounds 30] [--only rating]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/flat python bench/api.py

The database is a throwaway named like the test databases (``test_<name>_bench_api``, or
SQLite ``var/bench/api.sqlite3``), seeded with COPY (``bench/_seed.py``). Per scenario the
contenders (the API with a session, the API with a token, the baseline) are requested in
turn, one request each per round (A B C A B C ...), through the test client and the whole
Django stack. Prints min/p50/p95 per contender, the API's p50 ÷ the baseline's (goal ≤ 2),
and, without ``--quick``, p95 at 1M ÷ p95 at 100k per scenario (goal ≤ 1.5).

The baseline: the same filter written by hand, one ``values()`` of the page's columns
(ordered, 100 rows), one ``values()`` of the page's citations and published verdicts, and a
``JsonResponse`` of the same fields: the work any implementation must do, without DRF.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._lists import Latency, arguments, chosen, growth_table, time_interleaved  # noqa: E402
from bench._seed import bench_database, seed  # noqa: E402
from bench._timing import Summary, format_table  # noqa: E402

PAGE = 100
COLUMNS = [
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
    "article__language",
    "dismissal_reason",
    "dismissal_note",
    "duplicate_of_id",
    "near_copy_of_id",
    "created_at",
    "updated_at",
]


def scenarios(article_id: int) -> dict[str, dict[str, str]]:
    """Every filter the API's claim list offers, one scenario each (and two orderings)."""
    return {
        "no filter": {},
        "article": {"article": str(article_id)},
        "status": {"status": "in_review"},
        "kind": {"kind": "quantity"},
        "rating": {"rating": "false"},
        "assignee": {"assignee": "reviewer1"},
        "language": {"language": "ru"},
        "min_checkworthiness": {"min_checkworthiness": "0.9", "ordering": "-checkworthiness"},
        "has_citations=true": {"has_citations": "true"},
        "has_citations=false": {"has_citations": "false"},
        "search": {"search": "megawatts"},
        "status, by created_at": {"status": "new", "ordering": "created_at"},
    }


# The baseline ------------------------------------------------------------------------------


def _filtered(params):
    from django.db import connection
    from django.db.models import Exists, OuterRef

    from claims.models import Citation, Claim, Verdict

    queryset = Claim.objects.all()
    cited = Exists(Citation.objects.filter(claim=OuterRef("pk")))
    simple = {
        "article": "article_id",
        "status": "status",
        "kind": "kind",
        "assignee": "assignee__username",
        "language": "article__language",
    }
    for name, value in params.items():
        if name in simple:
            queryset = queryset.filter(**{simple[name]: value})
        elif name == "min_checkworthiness":
            queryset = queryset.filter(checkworthiness__gte=float(value))
        elif name == "rating":  # the column narrows; a published verdict is the current one
            published = Verdict.objects.filter(claim=OuterRef("pk"), status="published")
            queryset = queryset.filter(Exists(published.filter(rating=value)), current_rating=value)
        elif name == "has_citations":
            queryset = queryset.filter(cited if value == "true" else ~cited)
        elif name == "search" and connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            queryset = queryset.annotate(v=SearchVector("text", config="english")).filter(
                v=SearchQuery(value, config="english", search_type="websearch")
            )
        elif name == "search":
            queryset = queryset.filter(text__icontains=value)
    ordering = params.get("ordering", "-id")
    return queryset.order_by(ordering, "-id" if ordering.startswith("-") else "id")


def baseline_view(request):
    from django.db.models import Exists, OuterRef
    from django.http import JsonResponse

    from claims.models import Citation, Claim
    from claims.selectors import verdict_current

    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    rows = list(_filtered(request.GET).values(*COLUMNS)[:PAGE])
    extra = {
        row["pk"]: row
        for row in Claim.objects.filter(pk__in=[r["id"] for r in rows]).values(
            "pk",
            has_citations=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
            verdict_id=verdict_current("pk", published_only=True),
            rating=verdict_current("rating", published_only=True),
            published_at=verdict_current("published_at", published_only=True),
        )
    }
    for row in rows:
        more = extra[row["id"]]
        row["api_url"] = f"/api/v1/claims/{row['id']}"
        row["article"] = row.pop("article_id")
        row["assignee"] = row.pop("assignee__username")
        row["language"] = row.pop("article__language")
        row["duplicate_of"] = row.pop("duplicate_of_id")
        row["near_copy_of"] = row.pop("near_copy_of_id")
        row["has_citations"] = more["has_citations"]
        row["published_verdict"] = more["verdict_id"] and {
            "id": more["verdict_id"],
            "rating": more["rating"],
            "published_at": more["published_at"],
            "claimreview_url": f"/api/v1/claims/{row['id']}/claimreview",
        }
    return JsonResponse({"next": None, "previous": None, "results": rows})


# Measuring ---------------------------------------------------------------------------------


def measure(
    rounds: int, people, secret: str, only: list[str]
) -> tuple[dict[str, dict[str, Latency]], list]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim

    session = Client()
    session.force_login(people.reviewers[0])
    tokened = Client(headers={"Authorization": f"Bearer {secret}"})
    claims = Claim.objects.order_by("-id").values_list("article_id", flat=True)
    middle = claims[Claim.objects.count() // 2]
    results: dict[str, dict[str, Latency]] = {}
    queries = []
    for scenario, filters in chosen(scenarios(middle), only).items():
        params = {**filters, "page_size": str(PAGE)}

        def get(client, url, params):
            def call():
                response = client.get(url, params)
                assert response.status_code == 200, (url, params, response.content[:300])
                return response

            return call

        contenders = {
            "baseline": get(session, "/baseline/claims", filters),
            "api": get(session, "/api/v1/claims", params),
            "api (token)": get(tokened, "/api/v1/claims", params),
        }
        api_rows = contenders["api"]().json()["results"]
        base_rows = contenders["baseline"]().json()["results"]
        assert [r["id"] for r in api_rows] == [r["id"] for r in base_rows], scenario
        with CaptureQueriesContext(connection) as ctx:
            contenders["api"]()
        queries.append((scenario, len(api_rows), len(ctx.captured_queries)))
        results[scenario] = time_interleaved(contenders, rounds)
    return results, queries


def report(summary: Summary, size: int, results, queries) -> None:
    rows = []
    for (scenario, latencies), (_, n, q) in zip(results.items(), queries, strict=True):
        base = latencies["baseline"]
        for name, latency in latencies.items():
            ratio = latency.p50 / base.p50
            result = ""
            if name != "baseline":
                result = summary.add(
                    "15",
                    f"API {name} {scenario} ({size:,}): p50 / values()",
                    f"{ratio:.2f}x",
                    "<= 2",
                    ratio <= 2,
                )
            rows.append(
                [
                    scenario,
                    name,
                    *(f"{v:.1f}" for v in (latency.min, latency.p50, latency.p95)),
                    f"{ratio:.2f}",
                    n,
                    q if name == "api" else "",
                    result,
                ]
            )
    headers = ["scenario", "view", "min ms", "p50 ms", "p95 ms", "x base", "rows", "queries"]
    print(f"\n{size:,} claims\n" + format_table([*headers, "result"], rows, left=2), flush=True)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    with bench_database("api") as where:
        import django
        from django.conf import settings
        from django.test.utils import override_settings, setup_test_environment
        from django.urls import include, path

        from integrations.services import api_token_create

        globals()["urlpatterns"] = [
            path("baseline/claims", baseline_view),
            path("", include("workbench.urls")),
        ]
        setup_test_environment()
        print(f"database: {where}; {args.rounds} rounds per scenario, page {PAGE}", flush=True)
        summary = Summary()
        people = seed(args.small)
        _token, secret = api_token_create(name="bench", scope="read")
        no_throttle = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
        }
        with override_settings(ROOT_URLCONF=__name__, REST_FRAMEWORK=no_throttle):
            small, queries = measure(args.rounds, people, secret, args.only)
            report(summary, args.small, small, queries)
            if not args.quick:
                seed(args.large, people=people, start=args.small)
                large, queries = measure(args.rounds, people, secret, args.only)
                report(summary, args.large, large, queries)
                for name in ("api", "api (token)", "baseline"):
                    print(f"\np95 growth, {name}")
                    print(
                        growth_table(
                            summary if name != "baseline" else Summary(),
                            f"API {name}",
                            {s: v[name] for s, v in small.items()},
                            {s: v[name] for s, v in large.items()},
                            (args.small, args.large),
                        )
                    )
        del django
        print()
        print(summary.render())


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    main()
