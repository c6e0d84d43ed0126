"""Every list costs the same number of queries whatever the page size."""

import pytest
from django.utils import timezone

from claims.models import Citation, Verdict
from sources.models import Snapshot
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(alice):
    author, editor = UserFactory(), UserFactory()
    article = ArticleFactory(body="x" * 500)
    for i in range(50):
        claim = ClaimFactory(article=article, start=i, end=i + 1, assignee=alice)
        source = SourceFactory()
        SnapshotFactory(source=source, status=Snapshot.Status.FAILED)
        SnapshotFactory(source=source, status=Snapshot.Status.QUEUED)
        Citation.objects.create(claim=claim, source=source, added_by=alice)
        VerdictFactory(
            claim=claim,
            author=author,
            approved_by=editor,
            status=Verdict.Status.PUBLISHED,
            published_at=timezone.now(),
        )
    for _ in range(49):
        ArticleFactory()
    return article


LISTS = [
    "/api/v1/claims?min_checkworthiness=0.1&has_citations=true&ordering=-checkworthiness",
    "/api/v1/articles",
    "/api/v1/sources",
    "/api/v1/snapshots",
    "/api/v1/verdicts",
]


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), len(response.json()["results"])


# Per request: session or token lookup, the page's rows, one prefetch where there is one.
@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("persona", ["read_client", "alice_client"])
def test_query_count_is_constant_in_page_size(
    url, persona, request, many, django_assert_num_queries
):
    client = request.getfixturevalue(persona)
    client.get(url)  # warm up: a token's first use records last_used_at
    sep = "&" if "?" in url else "?"
    queries, rows = _count(client, f"{url}{sep}page_size=10")
    assert rows == 10
    assert queries <= 5
    with django_assert_num_queries(queries):
        large = client.get(f"{url}{sep}page_size=50")
    assert len(large.json()["results"]) == 50


def test_citation_list_is_constant_too(many, read_client, django_assert_num_queries):
    claim = many.claims.first()
    for i in range(5):
        Citation.objects.create(claim=claim, source=SourceFactory(url=f"https://e.org/{i}"))
    read_client.get(f"/api/v1/claims/{claim.pk}/citations")
    with django_assert_num_queries(5):  # token, claim, citations, snapshots, evidence
        response = read_client.get(f"/api/v1/claims/{claim.pk}/citations")
    assert len(response.json()) == 6
