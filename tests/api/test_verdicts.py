"""POST /api/v1/verdicts and /publish, through the services."""

import pytest

from claims.models import Claim, Verdict
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_propose_then_publish_by_another_editor(alice_client, bob_client):
    claim = ClaimFactory()
    response = alice_client.post(
        "/api/v1/verdicts",
        {"claim": claim.pk, "rating": "misleading", "explanation": "Capacity is 110 MW."},
        format="json",
    )
    assert response.status_code == 201, response.content
    verdict = response.json()
    assert verdict["status"] == "proposed"
    assert verdict["author"] == "alice"
    published = bob_client.post(f"/api/v1/verdicts/{verdict['id']}/publish")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    assert published.json()["approved_by"] == "bob"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED


def test_empty_explanation_is_a_validation_problem(alice_client):
    claim = ClaimFactory()
    response = alice_client.post(
        "/api/v1/verdicts",
        {"claim": claim.pk, "rating": "false", "explanation": ""},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "pointer": "#/explanation",
        "detail": "This field may not be blank.",
        "code": "blank",
    }


def test_unknown_claim_and_rating(alice_client):
    response = alice_client.post(
        "/api/v1/verdicts",
        {"claim": 10**9, "rating": "pants_on_fire", "explanation": "x"},
        format="json",
    )
    assert response.status_code == 400
    pointers = {e["pointer"] for e in response.json()["errors"]}
    assert pointers == {"#/claim", "#/rating"}


def test_filters(read_client, alice_client, bob_client):
    claim = ClaimFactory()
    verdict = alice_client.post(
        "/api/v1/verdicts",
        {"claim": claim.pk, "rating": "true", "explanation": "Yes."},
        format="json",
    ).json()
    bob_client.post(f"/api/v1/verdicts/{verdict['id']}/publish")
    listed = read_client.get("/api/v1/verdicts", {"claim": claim.pk, "rating": "true"}).json()
    assert [v["id"] for v in listed["results"]] == [verdict["id"]]
    assert Verdict.objects.get(pk=verdict["id"]).status == "published"
