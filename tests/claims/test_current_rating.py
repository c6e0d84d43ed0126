"""``Claim.current_rating``, the rating of the claim's current verdict kept in a column
(issue 15): written by every verdict service, filled by its migration, filtered by the admin
and the API, checked and repaired by ``manage.py check_denormalised``."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, Verdict
from claims.selectors import verdict_current
from tests.factories import ClaimFactory, make_user
from tests.migrating import migrate, migrate_to_latest
from workbench.errors import PermissionDenied

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")


def _column(claim) -> str:
    return Claim.objects.values_list("current_rating", flat=True).get(pk=claim.pk)


def _computed(claim) -> str:
    """What the verdicts say: the definition the column stands for."""
    return (
        Claim.objects.annotate(r=Coalesce(verdict_current(), Value("")))
        .values_list("r", flat=True)
        .get(pk=claim.pk)
    )


def _rating(claim) -> str:
    column = _column(claim)
    assert column == _computed(claim)
    return column


def test_every_verdict_service_keeps_the_column_right(alice, bob):
    erin = make_user("erin", group="Reviewer")
    claim = ClaimFactory()
    assert _rating(claim) == ""

    first = services.verdict_propose(claim=claim, rating="false", explanation="a", by=alice)
    assert _rating(claim) == "false"
    second = services.verdict_propose(claim=claim, rating="true", explanation="b", by=erin)
    assert _rating(claim) == "true"  # the newest proposed one
    services.verdict_reject(verdict=second, by=erin)  # its author withdraws it
    assert _rating(claim) == "false"
    services.verdict_publish(verdict=first, by=bob)
    assert _rating(claim) == "false"

    correction = services.verdict_propose(
        claim=claim, rating="misleading", explanation="c", by=alice
    )
    assert _rating(claim) == "false"  # the published verdict stays current while proposed
    services.verdict_publish(verdict=correction, by=bob)  # supersedes the first
    assert _rating(claim) == "misleading"

    pending = services.verdict_propose(claim=claim, rating="half_true", explanation="d", by=erin)
    services.verdict_unpublish(verdict=correction, by=bob, reason="Wrong figures.")
    assert _rating(claim) == "half_true"  # back to the proposed one
    services.verdict_reject(verdict=pending, by=bob)  # an editor rejects it
    assert _rating(claim) == ""


def test_a_failed_service_leaves_the_column_as_it_was(alice):
    claim = ClaimFactory()
    services.verdict_propose(claim=claim, rating="false", explanation="a", by=alice)
    with pytest.raises(PermissionDenied):
        services.verdict_publish(verdict=claim.verdicts.get(), by=alice)  # four eyes
    assert _rating(claim) == "false"


def _states(alice, bob):
    """One claim per state the current verdict can be in."""
    erin = make_user("erin", group="Reviewer")
    claims = {name: ClaimFactory() for name in ("none", "proposed", "published", "mixed", "gone")}
    services.verdict_propose(claim=claims["proposed"], rating="false", explanation="x", by=alice)
    published = services.verdict_propose(
        claim=claims["published"], rating="false", explanation="x", by=alice
    )
    services.verdict_publish(verdict=published, by=bob)
    mixed = services.verdict_propose(
        claim=claims["mixed"], rating="true", explanation="x", by=alice
    )
    services.verdict_publish(verdict=mixed, by=bob)
    services.verdict_propose(claim=claims["mixed"], rating="false", explanation="x", by=erin)
    gone = services.verdict_propose(claim=claims["gone"], rating="false", explanation="x", by=alice)
    services.verdict_reject(verdict=gone, by=bob)
    return claims


def test_the_admin_and_api_filters_read_the_column(client, alice, bob):
    claims = _states(alice, bob)
    client.force_login(bob)

    def shown(query):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{CLAIMS}{query}")
        assert response.status_code == 200
        page = response.content.decode()
        ids = {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', page)}
        return {name for name, claim in claims.items() if claim.pk in ids}, ctx

    rated, ctx = shown("?rating=false")
    assert rated == {"proposed", "published"}  # "mixed": its published verdict says true
    filtering = [q["sql"] for q in ctx.captured_queries if "current_rating\" = 'false'" in q["sql"]]
    assert len(filtering) == 2  # the count and the page: no verdict subquery in either
    assert not any("claims_verdict" in q for q in filtering)
    assert shown("?rating=true")[0] == {"mixed"}
    assert shown("?rating=none")[0] == {"none", "gone"}

    client.force_login(alice)
    body = client.get("/api/v1/claims?rating=false").json()
    assert [row["id"] for row in body["results"]] == [claims["published"].pk]  # published only
    body = client.get("/api/v1/claims?rating=true").json()
    assert [row["id"] for row in body["results"]] == [claims["mixed"].pk]


def _drift(claim_id: int, rating: str) -> None:
    """What a write around the services leaves: a raw UPDATE."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET current_rating = %s WHERE id = %s", [rating, claim_id]
        )


def test_check_denormalised_finds_drift_and_fixes_it(alice, bob, capsys):
    claims = _states(alice, bob)
    call_command("check_denormalised")
    assert "no drift" in capsys.readouterr().out

    _drift(claims["none"].pk, "true")
    Verdict.objects.filter(claim=claims["proposed"]).update(status=Verdict.Status.REJECTED)
    with pytest.raises(CommandError) as refused:
        call_command("check_denormalised")
    assert refused.value.returncode == 1
    out = capsys.readouterr().out
    assert f"claim {claims['none'].pk}: current_rating true, its verdicts say (none)" in out
    assert f"claim {claims['proposed'].pk}: current_rating false" in out
    assert str(claims["published"].pk) not in re.findall(r"claim (\d+)", out)
    assert _column(claims["none"]) == "true"  # nothing written without --fix

    call_command("check_denormalised", "--fix")
    assert "repaired 2 claim(s)" in capsys.readouterr().out
    assert _rating(claims["none"]) == "" and _rating(claims["proposed"]) == ""
    assert _rating(claims["mixed"]) == "true"
    call_command("check_denormalised")
    assert "no drift" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_column_from_the_verdicts():
    apps = migrate([("claims", "0012_flat_indexes")])
    try:
        _old_rows(apps)
        migrate([("claims", "0013_verdict_current_rating")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT text, current_rating FROM claims_claim")
            ratings = dict(cursor.fetchall())
    finally:
        migrate_to_latest()
    assert ratings == {"c0": "", "c1": "false", "c2": "mostly_true", "c3": "true", "c4": ""}


def _old_rows(apps) -> None:
    """Claims and verdicts as they were before the column: none, proposed, two proposed,
    published (after a superseded one, with a correction proposed), rejected."""
    Claim, Verdict = apps.get_model("claims", "Claim"), apps.get_model("claims", "Verdict")
    Article, User = apps.get_model("claims", "Article"), apps.get_model("auth", "User")
    author, editor = User.objects.create(username="a"), User.objects.create(username="e")
    article = Article.objects.create(title="t", body="b" * 50, body_sha256="0" * 64)
    claims = [
        Claim.objects.create(
            article=article, text=f"c{n}", span_text="x", start=n, end=n + 1, position=n
        )
        for n in range(5)
    ]

    def verdict(claim, rating, status):
        published = status in ("published", "superseded")
        Verdict.objects.create(
            claim=claim,
            rating=rating,
            status=status,
            author=author,
            explanation="e",
            approved_by=editor if published else None,
            published_at=timezone.now() if published else None,
        )

    verdict(claims[1], "false", "proposed")
    verdict(claims[2], "false", "proposed")
    verdict(claims[2], "mostly_true", "proposed")  # the newer one
    verdict(claims[3], "half_true", "superseded")
    verdict(claims[3], "true", "published")
    verdict(claims[3], "false", "proposed")
    verdict(claims[4], "false", "rejected")
