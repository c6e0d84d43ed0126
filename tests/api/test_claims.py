"""GET/PATCH /api/v1/claims and the claim's citations."""

import pytest
from django.utils import timezone

from claims.models import Citation, Claim, Verdict
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


def _ids(response):
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["results"]]


def _claim(article=None, **kwargs):
    article = article or ArticleFactory()
    n = Claim.objects.filter(article=article).count()
    return ClaimFactory(article=article, start=n, end=n + 5, **kwargs)


def _publish(claim, rating=Verdict.Rating.FALSE):
    author, editor = UserFactory(), UserFactory()
    return VerdictFactory(
        claim=claim,
        rating=rating,
        author=author,
        status=Verdict.Status.PUBLISHED,
        approved_by=editor,
        published_at=timezone.now(),
    )


def test_filters(read_client, alice):
    article = ArticleFactory()
    a = _claim(article, kind=Claim.Kind.QUOTE, checkworthiness=0.9, assignee=alice)
    b = _claim(article, kind=Claim.Kind.QUANTITY, checkworthiness=0.2)
    c = _claim(kind=Claim.Kind.QUANTITY, checkworthiness=0.7, status=Claim.Status.PUBLISHED)
    _publish(c, Verdict.Rating.MOSTLY_FALSE)
    Citation.objects.create(claim=b, source=SourceFactory())
    get = read_client.get
    assert _ids(get("/api/v1/claims", {"article": article.pk})) == [b.pk, a.pk]
    assert _ids(get("/api/v1/claims", {"kind": "quote"})) == [a.pk]
    assert _ids(get("/api/v1/claims", {"status": "published"})) == [c.pk]
    assert _ids(get("/api/v1/claims", {"rating": "mostly_false"})) == [c.pk]
    assert _ids(get("/api/v1/claims", {"assignee": "alice"})) == [a.pk]
    assert _ids(get("/api/v1/claims", {"min_checkworthiness": 0.7})) == [c.pk, a.pk]
    assert _ids(get("/api/v1/claims", {"has_citations": "true"})) == [b.pk]
    assert _ids(get("/api/v1/claims", {"has_citations": "false"})) == [c.pk, a.pk]
    data = get(f"/api/v1/claims/{c.pk}").json()
    assert data["published_verdict"]["rating"] == "mostly_false"
    assert data["published_verdict"]["claimreview_url"] == f"/api/v1/claims/{c.pk}/claimreview"


def test_bad_filter_value_is_a_problem_naming_the_parameter(read_client):
    response = read_client.get("/api/v1/claims", {"kind": "poem"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "kind"


def test_search(read_client):
    hit = ClaimFactory(
        article=ArticleFactory(body="Unemployment fell to 4 percent last year. Other."),
        text="Unemployment fell to 4 percent last year.",
    )
    ClaimFactory(text="The plant could expand to 300 megawatts.")
    assert _ids(read_client.get("/api/v1/claims", {"search": "unemployment"})) == [hit.pk]


def test_ordering_and_cursor_pages_cover_every_claim_once(read_client):
    article = ArticleFactory(body="x" * 200)
    for i in range(7):
        ClaimFactory(article=article, start=i, end=i + 1, checkworthiness=[0.5, 0.9][i % 2])
    seen, url = [], "/api/v1/claims?ordering=-checkworthiness&page_size=3"
    while url:
        page = read_client.get(url).json()
        seen += page["results"]
        url = page["next"]
    assert len(seen) == 7 == len({c["id"] for c in seen})
    scores = [c["checkworthiness"] for c in seen]
    assert scores == sorted(scores, reverse=True)


def test_invalid_cursor_is_404_problem(read_client):
    response = read_client.get("/api/v1/claims", {"cursor": "garbage"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_reviewer_takes_a_claim_and_dismisses_it(alice_client, alice):
    claim = _claim()
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}", {"assignee": "alice"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == "alice"
    assert response.json()["status"] == "in_review"
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}",
        {"status": "dismissed", "dismissal_reason": "not_checkworthy", "dismissal_note": "opinion"},
        format="json",
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    assert claim.dismissal_reason == "not_checkworthy"
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}", {"status": "in_review"}, format="json"
    )
    assert response.json()["status"] == "in_review"


def test_dismissal_needs_a_reason(alice_client):
    claim = _claim()
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}", {"status": "dismissed"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/dismissal_reason"


def test_reviewer_cannot_touch_someone_elses_claim_but_editor_can(alice_client, bob_client, bob):
    claim = _claim(assignee=bob)
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}", {"assignee": "alice"}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    response = bob_client.patch(f"/api/v1/claims/{claim.pk}", {"assignee": None}, format="json")
    assert response.status_code == 200
    assert response.json()["assignee"] is None


def test_reviewer_cannot_assign_to_others_domain_error(alice_client, carol):
    claim = _claim()
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}", {"assignee": "carol"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_cite_a_source_archives_after_commit(rw_client, django_capture_on_commit_callbacks):
    claim = _claim()
    with django_capture_on_commit_callbacks() as callbacks:
        response = rw_client.post(
            f"/api/v1/claims/{claim.pk}/citations",
            {"url": "https://example.org/report?utm_source=x", "relation": "refutes", "note": "p3"},
            format="json",
        )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["source"]["url"] == "https://example.org/report"
    assert data["relation"] == "refutes"
    assert data["latest_snapshot"]["status"] == "queued"
    assert data["added_by"] == "integration:cms-importer"
    assert any("archive_snapshot" in repr(callback) for callback in callbacks)
    duplicate = rw_client.post(
        f"/api/v1/claims/{claim.pk}/citations",
        {"url": "https://example.org/report"},
        format="json",
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "duplicate"


def test_cite_rejects_host_names_dns_would_refuse(alice_client):
    claim = _claim()
    response = alice_client.post(
        f"/api/v1/claims/{claim.pk}/citations",
        {"url": f"https://{'a' * 300}.org/"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_url"


def test_cite_rejects_non_http_urls(alice_client):
    claim = _claim()
    response = alice_client.post(
        f"/api/v1/claims/{claim.pk}/citations", {"url": "file:///etc/passwd"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_url"


def test_citations_list_shows_latest_snapshot(read_client):
    claim = _claim()
    source = SourceFactory()
    SnapshotFactory(source=source, status=Snapshot.Status.FAILED)
    newest = SnapshotFactory(source=source, status=Snapshot.Status.SUCCEEDED, sha256="a" * 64)
    Citation.objects.create(claim=claim, source=source, relation="supports")
    data = read_client.get(f"/api/v1/claims/{claim.pk}/citations").json()
    assert len(data) == 1
    assert data[0]["latest_snapshot"]["id"] == newest.pk
    assert data[0]["latest_snapshot"]["status"] == "succeeded"


def test_citations_list_carries_evidence_with_differing_figures(read_client):
    from claims import services

    claim = _claim(text="Tariffs were imposed on $160 billion of Chinese goods.")
    source = SourceFactory()
    SnapshotFactory(
        source=source,
        status=Snapshot.Status.SUCCEEDED,
        sha256="a" * 64,
        text="The administration imposed tariffs on $156 billion of Chinese goods.",
    )
    citation = Citation.objects.create(claim=claim, source=source, relation="refutes")
    services.evidence_find_for_citation(citation_id=citation.pk)
    (data,) = read_client.get(f"/api/v1/claims/{claim.pk}/citations").json()
    assert data["evidence_status"] == "done"
    (passage,) = data["evidence"]
    assert passage["rank"] == 1 and "$156 billion" in passage["text"]
    assert passage["differences"] == [
        {
            "kind": "quantity",
            "claim": "$160 billion",
            "passage": "$156 billion",
            "start": passage["text"].index("$156"),
            "end": passage["text"].index(" of Chinese"),
        }
    ]
