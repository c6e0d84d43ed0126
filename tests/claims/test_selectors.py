"""Read-side of claims: queues, the audit trail, seen-before, the dashboard, import rows."""

import pytest

from claims import selectors, services
from claims.models import Claim, Verdict
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory, SourceFactory
from workbench.errors import Conflict, DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def test_furniture_fallback_when_extraction_cannot_say(monkeypatch):
    import claims.extraction

    def broken(text):
        raise RuntimeError("heuristics bug")

    monkeypatch.setattr(claims.extraction, "furniture_spans", broken)
    assert selectors.furniture_spans_of("Home\nText.") == []
    monkeypatch.delattr(claims.extraction, "furniture_spans")
    assert selectors.furniture_spans_of("Home\nText.") == []


def test_jaccard_and_tokens():
    a = selectors.claim_tokens("The plant could expand to 300 megawatts.")
    b = selectors.claim_tokens("A plant could expand to 300 megawatts!")
    assert selectors.jaccard(a, b) == 1.0
    assert selectors.jaccard(a, set()) == 0.0


def test_seen_before_excludes_same_article_and_dismissed(alice):
    body = "Unemployment in the region fell to 6.4 percent last year."
    claim = ClaimFactory(article=ArticleFactory(body=body))
    ClaimFactory(article=claim.article, start=1, end=10)  # same article
    dismissed = ClaimFactory(article=ArticleFactory(body=body))
    services.claim_dismiss(claim=dismissed, reason="not_checkworthy", by=alice)
    other = ClaimFactory(article=ArticleFactory(body=body))
    assert [s.claim for s in selectors.claims_similar(claim)] == [other]


def test_audit_trail_keeps_rejected_verdicts_and_names_users(alice, bob):
    claim = ClaimFactory()
    verdict = services.verdict_propose(claim=claim, rating="true", explanation="x", by=alice)
    services.verdict_reject(verdict=verdict, by=bob)
    trail = selectors.claim_audit_trail(claim)
    rejected = [e for e in trail if "Rejected" in " ".join(e.changes)]
    assert rejected and rejected[0].who == bob
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    assert Verdict.objects.get().status == Verdict.Status.REJECTED


def test_dashboard_counts():
    ClaimFactory(status=Claim.Status.IN_REVIEW)
    SnapshotFactory(status=Snapshot.Status.BLOCKED)
    SourceFactory(live_status="changed")
    stats = selectors.dashboard_stats()
    assert stats["claims_total"] == 1
    assert {b["value"]: b["count"] for b in stats["statuses"]}["in_review"] == 1
    assert stats["snapshots_blocked"] == 1 and stats["sources_changed"] == 1


# Services behind the workflow and import (small, here to sit next to their read side) ----


def test_dismissed_claim_takes_no_verdict_until_reopened(alice):
    claim = ClaimFactory()
    services.claim_dismiss(claim=claim, reason="out_of_scope", by=alice)
    with pytest.raises(Conflict, match="reopen"):
        services.verdict_propose(claim=claim, rating="true", explanation="x", by=alice)
    services.claim_reopen(claim=claim, by=alice)
    services.verdict_propose(claim=claim, rating="true", explanation="x", by=alice)


def test_people_without_a_role_cannot_work_claims(django_user_model):
    outsider = django_user_model.objects.create_user("mallory", is_staff=True)
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        services.verdict_propose(claim=claim, rating="true", explanation="x", by=outsider)
    with pytest.raises(PermissionDenied):
        services.claim_assign(claim=claim, to=outsider, by=outsider)


def test_import_rejects_unanchored_duplicate_and_bad_rows(alice):
    article = ArticleFactory(body="The plant could expand to 300 megawatts. It is safe.")
    rows = services.claims_rows_parse(
        filename="claims.json",
        data=(
            b'[{"text": "The plant could expand to 300 megawatts."},'
            b' {"text": "The plant could expand to 300 megawatts."},'
            b' {"text": "It is safe.", "kind": "opinion"},'
            b' {"text": "It is safe.", "checkworthiness": 7},'
            b' {"text": "Not in the text."}, {"text": ""}]'
        ),
    )
    result = services.claims_import(article=article, rows=rows, by=alice)
    assert [c.span_text for c in result.created] == ["The plant could expand to 300 megawatts."]
    assert [n for n, _ in result.rejected] == [2, 3, 4, 5, 6]
    assert "verbatim" in dict(result.rejected)[5]
    assert article.claims.get().history.get().history_user == alice


def test_import_rejects_files_it_cannot_read():
    with pytest.raises(DomainError, match="text"):
        services.claims_rows_parse(filename="x.csv", data=b"claim\nfoo\n")
    with pytest.raises(DomainError, match="JSON"):
        services.claims_rows_parse(filename="x.json", data=b"{nope")
    with pytest.raises(DomainError, match="UTF-8"):
        services.claims_rows_parse(filename="x.csv", data=b"\xff\xfe\x00")
