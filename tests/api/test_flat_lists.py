"""The API's lists stay flat with the table (issue 15): filters and the page touch only the
rows they need; annotations are computed for the page's claims alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Citation, Claim, Verdict
from tests.factories import ArticleFactory, SourceFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _claims(n: int, article=None, **fields):
    article = article or ArticleFactory(body="x" * 2000)
    return Claim.objects.bulk_create(
        Claim(
            article=article,
            text=f"Claim {i}",
            span_text="x",
            start=i,
            end=i + 1,
            position=i,
            **fields,
        )
        for i in range(n)
    )


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in ctx.captured_queries]


def test_status_filter_reads_citations_of_the_page_only(alice_client):
    claims = _claims(30, status=Claim.Status.IN_REVIEW)
    Citation.objects.create(claim=claims[3], source=SourceFactory())
    body, sql = _get(alice_client, "/api/v1/claims?status=in_review&page_size=10")
    assert len(body["results"]) == 10
    page = [q for q in sql if "claims_claim" in q and "LIMIT 11" in q]  # page_size + 1
    assert len(page) == 1, sql
    # The page query filters and orders bare rows: no citation or verdict subquery in it.
    assert all("claims_citation" not in q and "claims_verdict" not in q for q in page)
    annotating = [q for q in sql if "claims_citation" in q]
    assert len(annotating) == 1
    ids = [str(row["id"]) for row in body["results"]]
    assert all(pk in annotating[0] for pk in ids)  # WHERE id IN (the page's ids)


def test_query_count_does_not_grow_with_the_table(alice_client, django_assert_num_queries):
    _claims(5, status=Claim.Status.NEW)
    url = "/api/v1/claims?status=new&has_citations=false&page_size=5"
    _body, sql = _get(alice_client, url)
    _claims(200, status=Claim.Status.NEW)
    with django_assert_num_queries(len(sql)):
        body = alice_client.get(url).json()
    assert len(body["results"]) == 5


def test_filters_and_annotations_say_the_same_as_before(alice_client):
    """has_citations and rating filter by EXISTS; the page shows the same values."""
    author, editor = UserFactory(), UserFactory()
    claims = _claims(6)
    Citation.objects.create(claim=claims[0], source=SourceFactory())
    Citation.objects.create(claim=claims[1], source=SourceFactory())
    VerdictFactory(
        claim=claims[1],
        rating=Verdict.Rating.FALSE,
        author=author,
        approved_by=editor,
        status=Verdict.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    VerdictFactory(claim=claims[2], rating=Verdict.Rating.FALSE, author=author)  # proposed
    cited, _ = _get(alice_client, "/api/v1/claims?has_citations=true")
    assert [r["id"] for r in cited["results"]] == [claims[1].pk, claims[0].pk]
    assert all(r["has_citations"] for r in cited["results"])
    uncited, _ = _get(alice_client, "/api/v1/claims?has_citations=false")
    assert {r["id"] for r in uncited["results"]} == {c.pk for c in claims[2:]}
    assert not any(r["has_citations"] for r in uncited["results"])
    rated, _ = _get(alice_client, "/api/v1/claims?rating=false")
    assert [r["id"] for r in rated["results"]] == [claims[1].pk]  # published only
    assert rated["results"][0]["published_verdict"]["rating"] == "false"


def test_cursor_pages_keep_their_order_with_a_score_ordering(alice_client):
    claims = _claims(7)
    for i, claim in enumerate(claims):
        claim.checkworthiness = [0.5, 0.9, 0.5, 0.1, 0.9, 0.3, 0.5][i]
    Claim.objects.bulk_update(claims, ["checkworthiness"])
    seen, url = [], "/api/v1/claims?ordering=-checkworthiness&page_size=3"
    while url:
        body, _ = _get(alice_client, url)
        seen += [(r["checkworthiness"], r["id"]) for r in body["results"]]
        url = body["next"]
    assert seen == sorted(((c.checkworthiness, c.pk) for c in claims), reverse=True)


def test_article_list_counts_claims_without_grouping_by_the_body(alice_client):
    article = ArticleFactory(body="y" * 5000)
    _claims(4, article=article)
    ArticleFactory()
    body, sql = _get(alice_client, "/api/v1/articles")
    counts = {r["id"]: r["claim_count"] for r in body["results"]}
    assert counts[article.pk] == 4 and sorted(counts.values()) == [0, 4]
    listing = [q for q in sql if "claims_article" in q and "LIMIT 51" in q]  # page_size + 1
    assert listing and all("GROUP BY" not in q.split("(SELECT", 1)[0] for q in listing)
    assert all('"claims_article"."body"' not in q for q in listing)
