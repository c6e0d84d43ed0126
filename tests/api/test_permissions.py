"""The authorisation matrix: every write endpoint by every persona. Nothing succeeds that
should not, and a refused request leaves no trace in the database.

Read-write tokens submit articles and cite sources; they never change claims, never write or
publish verdicts (publishing needs a human editor, four eyes).
"""

import pytest

from claims.models import Article, Citation, Claim, Verdict
from integrations.models import WebhookEndpoint
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "read token", "read-write token", "reviewer", "editor"]

# endpoint: (expected status per persona, in PERSONAS order)
MATRIX = {
    "submit article": (401, 403, 202, 202, 202),
    "change claim": (401, 403, 403, 200, 200),
    # a claim assigned to erin, another reviewer: reviewers keep off it (as in the admin)
    "take someone else's claim": (401, 403, 403, 403, 200),
    "unassign someone else's claim": (401, 403, 403, 403, 200),
    "dismiss someone else's claim": (401, 403, 403, 403, 200),
    "assign a claim to another person": (401, 403, 403, 403, 200),
    "cite source": (401, 403, 201, 201, 201),
    "propose verdict": (401, 403, 403, 201, 201),
    "publish verdict": (401, 403, 403, 403, 200),
    "register webhook": (401, 403, 201, 403, 403),
    "delete webhook": (401, 403, 204, 403, 403),
}


@pytest.fixture
def world(carol):
    from tests.factories import make_user

    erin = make_user("erin", group="Reviewer")
    claim = ClaimFactory()
    verdict = VerdictFactory(claim=claim, author=carol)
    owned = ClaimFactory(assignee=erin, status=Claim.Status.IN_REVIEW)
    return {
        "claim": claim,
        "verdict": verdict,
        "free claim": ClaimFactory(),
        "owned claim": owned,
        "erin": erin,
    }


@pytest.fixture
def rw_webhook(rw_token):
    from integrations.services import webhook_endpoint_create

    endpoint, _secret = webhook_endpoint_create(
        name="CMS",
        url="https://hooks.example.org/x",
        events=["verdict.published"],
        token=rw_token[1],
    )
    return endpoint


def _request(endpoint, client, world, persona=""):
    claim, verdict = world["claim"], world["verdict"]
    if endpoint == "submit article":
        return client.post("/api/v1/articles", {"body": "Text. More text."}, format="json")
    if endpoint == "change claim":
        return client.patch(
            f"/api/v1/claims/{world['free claim'].pk}",
            {"status": "dismissed", "dismissal_reason": "out_of_scope"},
            format="json",
        )
    owned = world["owned claim"]
    if endpoint == "take someone else's claim":
        me = {"reviewer": "alice", "editor": "bob"}.get(persona, "alice")
        return client.patch(f"/api/v1/claims/{owned.pk}", {"assignee": me}, format="json")
    if endpoint == "unassign someone else's claim":
        return client.patch(f"/api/v1/claims/{owned.pk}", {"assignee": None}, format="json")
    if endpoint == "dismiss someone else's claim":
        return client.patch(
            f"/api/v1/claims/{owned.pk}",
            {"status": "dismissed", "dismissal_reason": "out_of_scope"},
            format="json",
        )
    if endpoint == "assign a claim to another person":
        return client.patch(
            f"/api/v1/claims/{world['free claim'].pk}", {"assignee": "erin"}, format="json"
        )
    if endpoint == "cite source":
        return client.post(
            f"/api/v1/claims/{claim.pk}/citations", {"url": "https://example.org/x"}, format="json"
        )
    if endpoint == "propose verdict":
        return client.post(
            "/api/v1/verdicts",
            {"claim": claim.pk, "rating": "false", "explanation": "Because."},
            format="json",
        )
    if endpoint == "publish verdict":
        return client.post(f"/api/v1/verdicts/{verdict.pk}/publish", format="json")
    if endpoint == "register webhook":
        return client.post(
            "/api/v1/webhooks",
            {"name": "CMS", "url": "https://hooks.example.org/y", "events": ["snapshot.finished"]},
            format="json",
        )
    if endpoint == "delete webhook":
        return client.delete(f"/api/v1/webhooks/{world['webhook'].pk}")
    raise AssertionError(endpoint)


def _state():
    return (
        WebhookEndpoint.objects.count(),
        Article.objects.count(),
        list(Claim.objects.values_list("status", "assignee_id")),
        Citation.objects.count(),
        list(Verdict.objects.values_list("status", flat=True)),
    )


@pytest.mark.parametrize(
    ("endpoint", "persona", "expected"),
    [
        (endpoint, persona, statuses[i])
        for endpoint, statuses in MATRIX.items()
        for i, persona in enumerate(PERSONAS)
    ],
)
def test_write_matrix(endpoint, persona, expected, clients, world, rw_webhook):
    world = {**world, "webhook": rw_webhook}
    before = _state()
    response = _request(endpoint, clients[persona], world, persona)
    assert response.status_code == expected, (persona, endpoint, response.content)
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == expected
        assert _state() == before, "a refused request changed something"
    else:
        assert _state() != before
    if expected == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_editor_cannot_publish_own_verdict(bob_client, bob):
    verdict = VerdictFactory(author=bob)
    response = bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish")
    assert response.status_code == 403
    assert response.json()["code"] == "four_eyes"
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PROPOSED


def test_publishing_twice_is_a_conflict(bob_client, carol):
    verdict = VerdictFactory(author=carol)
    assert bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish").status_code == 200
    again = bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"


def test_tokens_see_only_the_public_record(read_client, rw_client, alice_client, carol):
    proposed = VerdictFactory(author=carol)
    for client in (read_client, rw_client):
        assert client.get("/api/v1/verdicts").json()["results"] == []
        assert client.get(f"/api/v1/verdicts/{proposed.pk}").status_code == 404
    assert alice_client.get(f"/api/v1/verdicts/{proposed.pk}").status_code == 200


def test_non_staff_session_users_are_refused(db):
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    outsider = get_user_model().objects.create_user("mallory", password="x" * 20)
    client = APIClient()
    client.force_login(outsider)
    response = client.get("/api/v1/claims")
    assert response.status_code == 403


def test_revoked_and_unknown_tokens_are_401(read_token):
    from integrations.services import api_token_revoke

    client, token, _secret = read_token
    assert client.get("/api/v1/claims").status_code == 200
    api_token_revoke(token=token)
    response = client.get("/api/v1/claims")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    client.credentials(HTTP_AUTHORIZATION="Bearer wbk_nonsense")
    assert client.get("/api/v1/claims").status_code == 401


def test_token_is_stored_hashed(read_token):
    import hashlib

    _client, token, secret = read_token
    token.refresh_from_db()
    assert secret not in (token.key_sha256, token.prefix)
    assert token.key_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert token.last_used_at is None
    _client.get("/api/v1/claims")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_throttling_answers_429_problem(settings, read_client):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute", "token": "2/minute"},
    }
    statuses = [read_client.get("/api/v1/claims").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = read_client.get("/api/v1/claims")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


# Integrations' webhooks and delivery logs (issue 12, item 13) --------------------------------

WEBHOOK_READS = ["list", "detail", "deliveries"]
# persona -> expected status of each read, in WEBHOOK_READS order
WEBHOOK_READ_MATRIX = {
    "anonymous": (401, 401, 401),
    "read token": (200, 404, 404),  # another integration's endpoint: not even its existence
    "read-write token": (200, 200, 200),  # its own
    "reviewer": (403, 403, 403),
    "editor": (403, 403, 403),
    "superuser": (200, 200, 200),
}


@pytest.mark.parametrize("persona", list(WEBHOOK_READ_MATRIX))
def test_who_may_read_integrations_webhooks(persona, clients, rw_webhook):
    from rest_framework.test import APIClient

    from integrations.services import webhook_emit
    from tests.factories import make_user

    if persona == "superuser":
        client = APIClient()
        client.force_login(make_user("root", superuser=True))
    else:
        client = clients[persona]
    webhook_emit(event="verdict.published", payload={"secret": "of the newsroom"})
    paths = [
        "/api/v1/webhooks",
        f"/api/v1/webhooks/{rw_webhook.pk}",
        f"/api/v1/webhooks/{rw_webhook.pk}/deliveries",
    ]
    statuses = tuple(client.get(path).status_code for path in paths)
    assert statuses == WEBHOOK_READ_MATRIX[persona]
    if persona == "read token":
        assert client.get(paths[0]).json()["results"] == []
    for path, status in zip(paths, statuses, strict=True):
        if status == 200:
            continue
        response = client.get(path)
        assert response["Content-Type"] == "application/problem+json"
        assert "hooks.example.org" not in response.content.decode()
