#!/usr/bin/env python
"""Benchmark: the admin's claims changelist (first page and each filter) and articles list at
100,000 and 1,000,000 claims, against a plain Django view that renders the same 100 rows
through a template over HTTP; and the pages of a 1 MB article (issue 13).

    python bench/admin.py [--quick] [--rounds 30] [--only verdict --only "first page"]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/flat python bench/admin.py

The database is a throwaway named like the test databases (``test_<name>_bench_admin``, or
SQLite ``var/bench/admin.sqlite3``), seeded with COPY (``bench/_seed.py``). Per scenario the
changelist and the baseline are requested in turn through the test client (A B A B ...),
logged in. Prints min/p50/p95, the changelist's p50 ÷ the baseline's (goal ≤ 3) and, without
``--quick``, p95 at 1M ÷ p95 at 100k (goal ≤ 1.5).

The baseline does the same work by hand: the same filter and ordering (the verdict filter on
``Claim.current_rating``, the approval queues on ``Claim.awaiting_approval`` and
``proposed_by``, as the admin's), the page's 100 rows with their article and assignee, and a
Django template rendering the same columns (checkbox, text, score bar, article, kind, status,
verdict, approval, assignee). It has none of the admin's chrome (filters, actions, search,
count, pagination): what the ratio leaves to the admin.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._lists import Latency, arguments, chosen, growth_table, time_interleaved  # noqa: E402
from bench._seed import bench_database, seed  # noqa: E402
from bench._timing import Summary, format_table  # noqa: E402

PAGE = 100
BIG_CLAIMS = 8_200  # a 1 MB article's claims (issue 13)

ROW_TEMPLATE = """<!doctype html><html><head><title>Claims</title></head><body>
<table id="result_list"><thead><tr><th><input type="checkbox"></th><th>Claim</th>
<th>Check-worthiness</th><th>Article</th><th>Kind</th><th>Status</th><th>Verdict</th>
<th>Approval</th><th>Assignee</th></tr></thead><tbody>
{% for c in claims %}<tr>
<td><input type="checkbox" name="_selected_action" value="{{ c.pk }}"></td>
<th><a href="/admin/claims/claim/{{ c.pk }}/change/">{{ c.text|truncatechars:80 }}</a></th>
<td><span class="wb-score"><span class="wb-score-bar" style="width: {{ c.width }}px"></span>
{{ c.checkworthiness|floatformat:2 }}</span></td>
<td>{{ c.article.title }}</td><td>{{ c.get_kind_display }}</td>
<td><span class="claim-badge">{{ c.get_status_display }}</span></td>
<td>{{ c.latest_rating|default:"-" }}</td>
<td>{% if c.awaiting_approval %}awaiting{% endif %}</td>
<td>{{ c.assignee.username|default:"-" }}</td></tr>{% endfor %}
</tbody></table></body></html>"""


TEMPLATES: dict = {}  # compiled once, as Django's cached template loader would


def scenarios(article_id: int, assignee_id: int) -> dict[str, str]:
    """The changelist's first page and each filter it offers."""
    return {
        "first page": "",
        "status": "?status__exact=in_review",
        "kind": "?kind__exact=quantity",
        "queue: mine": "?queue=mine",
        "queue: unassigned": "?queue=unassigned",
        "queue: awaiting": "?queue=awaiting",
        "queue: awaiting_me": "?queue=awaiting_me",
        "verdict: false": "?rating=false",
        "verdict: none": "?rating=none",
        "near-copies: each": "?copies=all",
        "language": "?article__language__exact=ru",
        "article": f"?article__id__exact={article_id}",
        "assignee": f"?assignee__id__exact={assignee_id}",
        "search": "?q=megawatts",
    }


def baseline_queryset(params, user):
    from claims.models import Claim
    from claims.selectors import claims_search

    queryset = Claim.objects.all()
    copies = params.get("copies") == "all" or "near_copy_of__id__exact" in params
    if not copies:
        queryset = queryset.filter(near_copy_of__isnull=True)
    for key in ("status__exact", "kind__exact", "article__language__exact"):
        if key in params:
            queryset = queryset.filter(**{key: params[key]})
    if "article__id__exact" in params:
        queryset = queryset.filter(article_id=int(params["article__id__exact"]))
    if "assignee__id__exact" in params:
        queryset = queryset.filter(assignee_id=int(params["assignee__id__exact"]))
    queue = params.get("queue")
    if queue == "mine":
        queryset = queryset.filter(assignee=user).exclude(status="dismissed")
    elif queue == "unassigned":
        queryset = queryset.filter(
            assignee__isnull=True, status__in=["new", "in_review", "verdict_proposed"]
        )
    elif queue == "awaiting":  # the verdict columns, kept by the services, as the admin's
        queryset = queryset.filter(awaiting_approval=True)
    elif queue == "awaiting_me":
        queryset = queryset.filter(awaiting_approval=True).exclude(proposed_by=user)
    if "rating" in params:  # the current verdict's rating, kept in a column by the services
        rating = params["rating"]
        queryset = queryset.filter(current_rating="" if rating == "none" else rating)
    if "q" in params:  # the admin's search, reshaped to stay flat (claims_search)
        queryset = claims_search(queryset, params["q"])
    return queryset.order_by("-checkworthiness", "-id")


def baseline_view(request):
    from django.db.models import F
    from django.http import HttpResponse, HttpResponseForbidden
    from django.template import Context, Template

    from claims.models import Claim

    if not request.user.is_authenticated or not request.user.is_staff:
        return HttpResponseForbidden()
    template = TEMPLATES.get("rows") or TEMPLATES.setdefault("rows", Template(ROW_TEMPLATE))
    ids = list(baseline_queryset(request.GET, request.user).values_list("pk", flat=True)[:PAGE])
    rows = {
        c.pk: c
        for c in Claim.objects.filter(pk__in=ids)
        .select_related("article", "assignee")
        .defer("details", "article__body", "article__not_claims")
        .annotate(latest_rating=F("current_rating"))
    }
    claims = [rows[pk] for pk in ids]
    for claim in claims:
        claim.width = round(40 * claim.checkworthiness)
    return HttpResponse(template.render(Context({"claims": claims})))


def measure(rounds: int, people, only: list[str]) -> dict[str, dict[str, Latency]]:
    from django.test import Client

    from claims.models import Claim

    client = Client()
    client.force_login(people.reviewers[0])  # a reviewer with claims of their own ("mine")
    claims = Claim.objects.order_by("-id").values_list("article_id", flat=True)
    middle = claims[Claim.objects.count() // 2]
    results = {}
    for scenario, query in chosen(scenarios(middle, people.reviewers[1].pk), only).items():

        def get(url):
            def call():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            return call

        contenders = {
            "baseline": get(f"/baseline/claims{query}"),
            "changelist": get(f"/admin/claims/claim/{query}"),
        }
        results[scenario] = time_interleaved(contenders, rounds)
    articles = {
        "articles: first page": "",
        "articles: status": "?extraction_status__exact=done",
        "articles: language": "?language__exact=ru",
    }
    for scenario, query in chosen(articles, only).items():
        url = f"/admin/claims/article/{query}"
        results[scenario] = time_interleaved({"changelist": get(url)}, rounds)
    return results


def report(summary: Summary, size: int, results) -> None:
    rows = []
    for scenario, latencies in results.items():
        base = latencies.get("baseline")
        for name, latency in latencies.items():
            ratio = latency.p50 / base.p50 if base else None
            result = ""
            if base and name != "baseline":
                result = summary.add(
                    "15",
                    f"admin {scenario} ({size:,}): p50 / same-work view",
                    f"{ratio:.2f}x",
                    "<= 3",
                    ratio <= 3,
                )
            rows.append(
                [
                    scenario,
                    name,
                    *(f"{v:.1f}" for v in (latency.min, latency.p50, latency.p95)),
                    f"{ratio:.2f}" if ratio else "",
                    result,
                ]
            )
    headers = ["scenario", "view", "min ms", "p50 ms", "p95 ms", "x base", "result"]
    print(f"\n{size:,} claims\n" + format_table(headers, rows, left=2), flush=True)


def big_article(summary: Summary, people) -> None:
    """A 1 MB article with its claims: the change page, the reading view, the claims list
    filtered to it, and its deletion, each under 2 s (issue 13)."""
    from django.test import Client

    from bench._seed import insert
    from claims.models import Article, Claim

    sentence = "The plant produced 4,500 megawatts in 2023, up from 3,900 a year before. "
    body = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    article = Article.objects.create(
        title="A 1 MB article", body=body, body_sha256="f" * 64, extraction_status="done"
    )
    first = (Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    step = len(sentence)
    insert(
        Claim,
        [
            {
                "id": first + n,
                "article_id": article.pk,
                "text": sentence.strip(),
                "span_text": sentence.strip(),
                "start": n * step,
                "end": n * step + step - 1,
                "position": n,
                "kind": "quantity",
                "checkworthiness": (n % 100) / 100,
                "status": "new",
            }
            for n in range(BIG_CLAIMS)
        ],
    )
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(_style(), [Claim]):
            cursor.execute(statement)
    client = Client()
    client.force_login(people.superuser)
    pages = {
        "article change page": f"/admin/claims/article/{article.pk}/change/",
        "article change page, all claims": f"/admin/claims/article/{article.pk}/change/?claims=all",
        "reading view": f"/admin/claims/article/{article.pk}/read/",
        "reading view, all claims": f"/admin/claims/article/{article.pk}/read/?claims=all",
        "claims list of the article": f"/admin/claims/claim/?article__id__exact={article.pk}",
    }
    rows = []
    for label, url in pages.items():

        def call(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        latency = time_interleaved({label: call}, 3)[label]
        ok = summary.add(
            "13", f"1 MB article: {label}", f"{latency.p50:.0f} ms", "< 2000 ms", latency.p50 < 2000
        )
        rows.append([label, f"{latency.min:.0f}", f"{latency.p50:.0f}", f"{latency.p95:.0f}", ok])
    started = time.perf_counter()
    response = client.post(
        f"/admin/claims/article/{article.pk}/delete/", {"post": "yes"}, follow=False
    )
    deleted_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    assert not Article.objects.filter(pk=article.pk).exists()
    ok = summary.add(
        "13", "1 MB article: delete", f"{deleted_ms:.0f} ms", "< 2000 ms", deleted_ms < 2000
    )
    rows.append(["delete (once)", "", f"{deleted_ms:.0f}", "", ok])
    print(f"\nA 1 MB article with {BIG_CLAIMS:,} claims")
    print(format_table(["page", "min ms", "p50 ms", "p95 ms", "result"], rows), flush=True)


def _style():
    from django.core.management.color import no_style

    return no_style()


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    with bench_database("admin") as where:
        from django.test.utils import setup_test_environment
        from django.urls import include, path

        globals()["urlpatterns"] = [
            path("baseline/claims", baseline_view),
            path("", include("workbench.urls")),
        ]
        from django.test.utils import override_settings

        setup_test_environment()
        print(f"database: {where}; {args.rounds} rounds per scenario, page {PAGE}", flush=True)
        summary = Summary()
        people = seed(args.small)
        with override_settings(ROOT_URLCONF=__name__):
            small = measure(args.rounds, people, args.only)
            report(summary, args.small, small)
            if not args.only:
                big_article(summary, people)
            if not args.quick:
                seed(args.large, people=people, start=args.small)
                large = measure(args.rounds, people, args.only)
                report(summary, args.large, large)
                for name in ("changelist", "baseline"):
                    print(f"\np95 growth, {name}")
                    print(
                        growth_table(
                            summary if name == "changelist" else Summary(),
                            f"admin {name}",
                            {s: v[name] for s, v in small.items() if name in v},
                            {s: v[name] for s, v in large.items() if name in v},
                            (args.small, args.large),
                        )
                    )
        print()
        print(summary.render())


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    main()
