"""Verdicts: proposed by a reviewer, published by another editor (four eyes), or rejected.

Each service here that changes a claim's verdicts also writes the claim's verdict columns
(``current_rating``, ``awaiting_approval``, ``proposed_by``: ``claims_verdict_columns_refresh``)
in the same transaction: the lists filter by them (issue 15). Nothing else writes verdicts;
``manage.py check_denormalised`` finds any drift.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from claims import events, policies
from claims.models import Claim, Verdict, record_history_by
from claims.selectors import verdict_columns
from claims.services.claims import claim_save_status
from claims.services.published import history_reason, record_reason
from workbench.errors import Conflict, DomainError, PermissionDenied
from workbench.events import send_on_commit


def verdict_propose(*, claim: Claim, rating: str, explanation: str, by: Any) -> Verdict:
    """Record a reviewer's verdict; it is published only after an editor approves it."""
    if rating not in Verdict.Rating.values:
        raise DomainError(f"Unknown rating {rating!r}.", code="invalid_rating")
    if not explanation.strip():
        raise DomainError("A verdict needs an explanation.", code="explanation_required")
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can propose verdicts.")
    with transaction.atomic():
        claim.status = (
            Claim.objects.select_for_update().values_list("status", flat=True).get(pk=claim.pk)
        )
        if claim.status == Claim.Status.DISMISSED:
            raise Conflict("This claim was dismissed; reopen it before proposing a verdict.")
        published = claim.verdicts.filter(status=Verdict.Status.PUBLISHED).first()
        verdict = Verdict(
            claim=claim,
            rating=rating,
            explanation=explanation,
            author=by,
            supersedes=published,
        )
        record_history_by(verdict, by)
        verdict.save()
        claims_verdict_columns_refresh(claim_ids=[claim.pk])
        if claim.status in (Claim.Status.NEW, Claim.Status.IN_REVIEW):
            claim_save_status(claim, Claim.Status.VERDICT_PROPOSED, by=by)
    return verdict


def _lock_proposed(verdict: Verdict) -> Verdict:
    """The verdict's row, locked; only a proposed verdict is published or rejected."""
    verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
    if verdict.status != Verdict.Status.PROPOSED:
        raise Conflict(f"This verdict is {verdict.get_status_display().lower()}.")
    return verdict


def verdict_publish(*, verdict: Verdict, by: Any) -> Verdict:
    """Publish a proposed verdict. Four eyes: only an editor who did not write it."""
    if not policies.is_editor(by):
        raise PermissionDenied("Only editors can publish verdicts.")
    if not policies.may_publish(by, verdict):
        raise PermissionDenied(
            "A verdict must be approved by someone other than its author.", code="four_eyes"
        )
    with transaction.atomic():
        verdict = _lock_proposed(verdict)
        # Saved one by one (not .update()) so that the history records every change.
        for old in Verdict.objects.filter(claim=verdict.claim_id, status=Verdict.Status.PUBLISHED):
            old.status = Verdict.Status.SUPERSEDED
            record_history_by(old, by)
            old.save(update_fields=["status"])
        verdict.status = Verdict.Status.PUBLISHED
        verdict.approved_by = by
        verdict.published_at = timezone.now()
        record_history_by(verdict, by)
        verdict.save(update_fields=["status", "approved_by", "published_at"])
        send_on_commit(
            events.verdict_published,
            Verdict,
            functools.partial(events.verdict_published_arguments, verdict.pk),
        )
        claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
        claims_verdict_columns_refresh(claim_ids=[claim.pk])
        claim_save_status(claim, Claim.Status.PUBLISHED, by=by)
    return verdict


def verdict_reject(*, verdict: Verdict, by: Any) -> Verdict:
    """An editor sends a proposed verdict back (or its author withdraws it); it is kept."""
    if not policies.may_reject(by, verdict):
        raise PermissionDenied("Only editors reject verdicts (authors may withdraw their own).")
    with transaction.atomic():
        verdict = _lock_proposed(verdict)
        verdict.status = Verdict.Status.REJECTED
        record_history_by(verdict, by)
        verdict.save(update_fields=["status"])
        claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
        claims_verdict_columns_refresh(claim_ids=[claim.pk])
        others = claim.verdicts.filter(status=Verdict.Status.PROPOSED).exists()
        if claim.status == Claim.Status.VERDICT_PROPOSED and not others:
            claim_save_status(claim, Claim.Status.IN_REVIEW, by=by)
    return verdict


def verdict_unpublish(*, verdict: Verdict, by: Any, reason: str) -> Verdict:
    """An editor takes a published fact-check down (it leaves the ClaimReview feed and the
    public record); the reason is kept in the history. The claim goes back into review, and
    what the fact-check showed may change again."""
    if not policies.may_unpublish(by, verdict):
        raise PermissionDenied("Only editors unpublish fact-checks.")
    if not reason.strip():
        raise DomainError("Say why the fact-check is unpublished.", code="reason_required")
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if verdict.status != Verdict.Status.PUBLISHED:
            raise Conflict(f"This verdict is {verdict.get_status_display().lower()}.")
        verdict.status = Verdict.Status.UNPUBLISHED
        record_history_by(verdict, by)
        record_reason(verdict, history_reason(f"Unpublished: {reason.strip()}"))
        verdict.save(update_fields=["status"])
        claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
        claims_verdict_columns_refresh(claim_ids=[claim.pk])
        proposed = claim.verdicts.filter(status=Verdict.Status.PROPOSED).exists()
        status = Claim.Status.VERDICT_PROPOSED if proposed else Claim.Status.IN_REVIEW
        claim_save_status(claim, status, by=by)
    return verdict


def claims_verdict_columns_refresh(*, claim_ids: Iterable[int]) -> int:
    """Write each claim's verdict columns (``current_rating``, ``awaiting_approval``,
    ``proposed_by``: ``selectors.verdict_columns``) from its verdicts in one UPDATE; returns
    the number of claims written.

    The claims' rows are locked first (``select_for_update``; the services above hold the
    lock already), so that under READ COMMITTED the UPDATE, a new statement, reads the
    verdicts as committed by whoever held the lock before: the last writer of a claim's
    verdicts leaves its columns right. The services call it in their transaction, after their
    verdict writes; ``manage.py check_denormalised --fix`` repairs drift with it."""
    ids = list(claim_ids)
    with transaction.atomic():
        list(Claim.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        return Claim.objects.filter(pk__in=ids).update(**verdict_columns())
