"""The "awaiting approval" queues read the claim's own columns (issue 15):
``Claim.awaiting_approval`` (it has a proposed verdict) and ``Claim.proposed_by`` (whose, when
one person's), written by every verdict service, filled by their migration, checked and
repaired by ``manage.py check_denormalised``."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.models import Claim, Verdict
from claims.selectors import verdict_columns
from tests.factories import ClaimFactory, make_user
from tests.migrating import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")


def _columns(claim) -> tuple[bool, int | None]:
    """The stored (awaiting_approval, proposed_by id), checked against what the verdicts say."""
    stored = Claim.objects.values_list("awaiting_approval", "proposed_by").get(pk=claim.pk)
    columns = verdict_columns()
    computed = (
        Claim.objects.annotate(a=columns["awaiting_approval"], p=columns["proposed_by"])
        .values_list("a", "p")
        .get(pk=claim.pk)
    )
    assert stored == computed
    return stored


def _propose(claim, by, rating="false"):
    return services.verdict_propose(claim=claim, rating=rating, explanation="Because.", by=by)


def test_every_verdict_service_keeps_the_columns_right(alice, bob):
    erin = make_user("erin", group="Reviewer")
    claim = ClaimFactory()
    assert _columns(claim) == (False, None)

    first = _propose(claim, alice)
    assert _columns(claim) == (True, alice.pk)
    second = _propose(claim, erin, rating="true")
    assert _columns(claim) == (True, None)  # two people's proposals: someone's besides anyone's
    services.verdict_reject(verdict=second, by=erin)  # its author withdraws it
    assert _columns(claim) == (True, alice.pk)
    services.verdict_publish(verdict=first, by=bob)
    assert _columns(claim) == (False, None)

    correction = _propose(claim, alice, rating="misleading")  # of a published verdict
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.PUBLISHED
    assert _columns(claim) == (True, alice.pk)
    services.verdict_unpublish(verdict=claim.verdicts.get(pk=first.pk), by=bob, reason="Wrong.")
    assert _columns(claim) == (True, alice.pk)
    services.verdict_reject(verdict=correction, by=bob)
    assert _columns(claim) == (False, None)


def _states(alice, bob, erin):
    """One claim per state of approval."""
    claims = {
        name: ClaimFactory()
        for name in ("none", "alice", "both", "correction", "published", "rejected")
    }
    _propose(claims["alice"], alice)
    _propose(claims["both"], alice)
    _propose(claims["both"], erin)
    services.verdict_publish(verdict=_propose(claims["correction"], erin), by=bob)
    _propose(claims["correction"], alice)
    services.verdict_publish(verdict=_propose(claims["published"], alice), by=bob)
    services.verdict_reject(verdict=_propose(claims["rejected"], alice), by=bob)
    return claims


def test_the_queues_read_the_columns_not_the_verdicts(client, alice, bob):
    erin = make_user("erin", group="Reviewer")
    claims = _states(alice, bob, erin)

    def shown(user, queue):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{CLAIMS}?queue={queue}")
        assert response.status_code == 200
        page = response.content.decode()
        ids = {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', page)}
        where = [q["sql"].partition(" WHERE ")[2] for q in ctx.captured_queries]
        filtering = [w for w in where if '"awaiting_approval"' in w]
        assert len(filtering) == 2  # the count and the page: no verdict subquery in either
        assert not any("claims_verdict" in q for q in filtering), filtering
        return {name for name, claim in claims.items() if claim.pk in ids}

    assert shown(bob, "awaiting") == {"alice", "both", "correction"}
    assert shown(bob, "awaiting_me") == {"alice", "both", "correction"}
    assert shown(alice, "awaiting_me") == {"both"}  # erin's verdict is there too
    assert shown(erin, "awaiting_me") == {"alice", "both", "correction"}


def test_check_denormalised_finds_drift_and_fixes_it(alice, bob, capsys):
    erin = make_user("erin", group="Reviewer")
    claims = _states(alice, bob, erin)
    call_command("check_denormalised")
    assert "no drift" in capsys.readouterr().out

    # Writes around the services: a raw UPDATE of a column, a verdict moved by the ORM.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET awaiting_approval = true WHERE id = %s", [claims["none"].pk]
        )
    Verdict.objects.filter(claim=claims["both"], author=erin).update(status=Verdict.Status.REJECTED)
    with pytest.raises(CommandError) as refused:
        call_command("check_denormalised")
    assert refused.value.returncode == 1
    out = capsys.readouterr().out
    assert f"claim {claims['none'].pk}: awaiting_approval True, its verdicts say False" in out
    assert f"claim {claims['both'].pk}: proposed_by (none), its verdicts say {alice.pk}" in out
    assert set(re.findall(r"claim (\d+)", out)) == {str(claims["none"].pk), str(claims["both"].pk)}

    call_command("check_denormalised", "--fix")
    assert "repaired 2 claim(s)" in capsys.readouterr().out
    assert _columns(claims["none"]) == (False, None)
    assert _columns(claims["both"]) == (True, alice.pk)
    call_command("check_denormalised")
    assert "no drift" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_columns_from_the_verdicts():
    apps = migrate([("claims", "0013_verdict_current_rating")])
    try:
        people = _old_rows(apps)
        migrate([("claims", "0014_i15_awaiting_and_search")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT text, awaiting_approval, proposed_by_id FROM claims_claim")
            columns = {text: (awaiting, by) for text, awaiting, by in cursor.fetchall()}
    finally:
        migrate_to_latest()
    a, b = people
    assert columns == {
        "none": (False, None),
        "a": (True, a),
        "a twice": (True, a),
        "a and b": (True, None),
        "published, b's correction": (True, b),
        "published": (False, None),
        "rejected": (False, None),
    }


def _old_rows(apps) -> tuple[int, int]:
    """Claims and verdicts as they were before the columns; returns the two authors' ids."""
    Claim, Verdict = apps.get_model("claims", "Claim"), apps.get_model("claims", "Verdict")
    Article, User = apps.get_model("claims", "Article"), apps.get_model("auth", "User")
    a, b = User.objects.create(username="a"), User.objects.create(username="b")
    editor = User.objects.create(username="e")
    article = Article.objects.create(title="t", body="b" * 50, body_sha256="0" * 64)
    names = ["none", "a", "a twice", "a and b", "published, b's correction", "published"]
    names.append("rejected")
    claims = {
        name: Claim.objects.create(
            article=article, text=name, span_text="x", start=n, end=n + 1, position=n
        )
        for n, name in enumerate(names)
    }

    def verdict(name, author, status="proposed"):
        published = status == "published"
        Verdict.objects.create(
            claim=claims[name],
            rating="false",
            status=status,
            author=author,
            explanation="e",
            approved_by=editor if published else None,
            published_at=claims[name].created_at if published else None,
        )

    verdict("a", a)
    verdict("a twice", a)
    verdict("a twice", a)
    verdict("a and b", a)
    verdict("a and b", b)
    verdict("published, b's correction", a, "published")
    verdict("published, b's correction", b)
    verdict("published", a, "published")
    verdict("rejected", a, "rejected")
    return a.pk, b.pk
