"""Citations, verdicts, roles and the review workflow (assign, dismiss, publish)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import events
from claims.models import Citation, Claim, Verdict
from claims.services.evidence import evidence_request
from sources.models import Snapshot
from sources.services import snapshot_request, source_get_or_create
from workbench.errors import Conflict, DomainError, PermissionDenied
from workbench.events import send_on_commit

logger = logging.getLogger(__name__)

EDITOR_GROUP = "Editor"


# Citations ---------------------------------------------------------------------------------


def citation_add(
    *, claim: Claim, url: str, relation: str = Citation.Relation.CONTEXT, note: str = "", by=None
) -> Citation:
    """Cite ``url`` for ``claim`` and archive the source once the transaction commits."""
    if relation not in Citation.Relation.values:
        raise DomainError(f"Unknown relation {relation!r}.", code="invalid_relation")
    with transaction.atomic():
        source = source_get_or_create(url=url, by=by)
        try:
            with transaction.atomic():
                citation = Citation(
                    claim=claim, source=source, relation=relation, note=note, added_by=by
                )
                if by is not None:
                    citation._history_user = by
                citation.save()
        except IntegrityError as exc:
            raise Conflict("This claim already cites that source.", code="duplicate") from exc
        if not source.snapshots.filter(status=Snapshot.Status.SUCCEEDED).exists():
            snapshot_request(source=source, by=by)
        if claim.status == Claim.Status.NEW:
            _claim_set_status(claim, Claim.Status.IN_REVIEW, by=by)
        evidence_request(citation=citation)
    return citation


# Verdicts ----------------------------------------------------------------------------------


def verdict_propose(*, claim: Claim, rating: str, explanation: str, by) -> Verdict:
    """Record a reviewer's verdict; it is published only after an editor approves it."""
    if rating not in Verdict.Rating.values:
        raise DomainError(f"Unknown rating {rating!r}.", code="invalid_rating")
    if not explanation.strip():
        raise DomainError("A verdict needs an explanation.", code="explanation_required")
    if not user_can_review(by):
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
        verdict._history_user = by
        verdict.save()
        if claim.status in (Claim.Status.NEW, Claim.Status.IN_REVIEW):
            _claim_set_status(claim, Claim.Status.VERDICT_PROPOSED, by=by)
    return verdict


def user_can_publish(user) -> bool:
    return bool(
        user.is_active and (user.is_superuser or user.groups.filter(name=EDITOR_GROUP).exists())
    )


def verdict_publish(*, verdict: Verdict, by) -> Verdict:
    """Publish a proposed verdict. Four eyes: only an editor who did not write it."""
    if not user_can_publish(by):
        raise PermissionDenied("Only editors can publish verdicts.")
    if verdict.author_id == by.pk:
        raise PermissionDenied(
            "A verdict must be approved by someone other than its author.", code="four_eyes"
        )
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if verdict.status != Verdict.Status.PROPOSED:
            raise Conflict(f"This verdict is {verdict.get_status_display().lower()}.")
        # Saved one by one (not .update()) so that the history records every change.
        for old in Verdict.objects.filter(claim=verdict.claim_id, status=Verdict.Status.PUBLISHED):
            old.status = Verdict.Status.SUPERSEDED
            old._history_user = by
            old.save(update_fields=["status"])
        verdict.status = Verdict.Status.PUBLISHED
        verdict.approved_by = by
        verdict.published_at = timezone.now()
        verdict._history_user = by
        verdict.save(update_fields=["status", "approved_by", "published_at"])
        send_on_commit(
            events.verdict_published,
            Verdict,
            lambda verdict_id=verdict.pk: events.verdict_published_arguments(verdict_id),
        )
        _claim_set_status(
            Claim.objects.select_for_update().get(pk=verdict.claim_id),
            Claim.Status.PUBLISHED,
            by=by,
        )
    return verdict


# Roles and the review workflow ------------------------------------------------------------

REVIEW_GROUPS = ("Reviewer", EDITOR_GROUP)


def user_can_review(user) -> bool:
    """Reviewers and editors cite sources, propose verdicts, take and dismiss claims."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.groups.filter(name__in=REVIEW_GROUPS).exists())
    )


def _claim_set_status(claim: Claim, status: str, *, by=None, fields: Iterable[str] = ()) -> None:
    """Save a status change through the model, so that the claim's history records it."""
    claim.status = status
    if by is not None:
        claim._history_user = by
    claim.save(update_fields=["status", "updated_at", *fields])


def claim_assign(*, claim: Claim, to, by) -> Claim:
    """Give ``claim`` to ``to`` (None: unassign). A new claim moves into review."""
    if not user_can_review(by):
        raise PermissionDenied("Only reviewers and editors can assign claims.")
    if to is not None and not user_can_review(to):
        raise DomainError(f"{to} is neither a reviewer nor an editor.", code="not_a_reviewer")
    if to is not None and to != by and not user_can_publish(by):
        raise PermissionDenied("Only editors assign claims to someone else.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        claim.assignee = to
        status = claim.status
        if to is not None and status == Claim.Status.NEW:
            status = Claim.Status.IN_REVIEW
        _claim_set_status(claim, status, by=by, fields=["assignee"])
    return claim


def claims_assign(*, claims: Iterable[Claim], to, by) -> int:
    """Assign several claims (the admin's bulk action); returns how many changed hands."""
    changed = 0
    for claim in claims:
        if claim.assignee_id != (to.pk if to is not None else None):
            claim_assign(claim=claim, to=to, by=by)
            changed += 1
    return changed


def claim_dismiss(
    *, claim: Claim, reason: str, note: str = "", duplicate_of: Claim | None = None, by
) -> Claim:
    """Take a claim out of the queue, saying why (not check-worthy, duplicate, out of scope)."""
    if not user_can_review(by):
        raise PermissionDenied("Only reviewers and editors can dismiss claims.")
    if reason not in Claim.DismissalReason.values:
        raise DomainError(f"Unknown dismissal reason {reason!r}.", code="invalid_reason")
    if reason == Claim.DismissalReason.DUPLICATE and duplicate_of is None:
        raise DomainError("Say which claim this one duplicates.", code="duplicate_of_required")
    if duplicate_of is not None and duplicate_of.pk == claim.pk:
        raise DomainError("A claim cannot duplicate itself.", code="invalid_duplicate")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.status == Claim.Status.PUBLISHED:
            raise Conflict("A claim with a published verdict cannot be dismissed.")
        if claim.verdicts.filter(status=Verdict.Status.PROPOSED).exists():
            raise Conflict("This claim has a proposed verdict; reject it first.")
        claim.dismissal_reason = reason
        claim.dismissal_note = note
        claim.duplicate_of = duplicate_of
        _claim_set_status(
            claim,
            Claim.Status.DISMISSED,
            by=by,
            fields=["dismissal_reason", "dismissal_note", "duplicate_of"],
        )
    return claim


def claim_reopen(*, claim: Claim, by) -> Claim:
    """Bring a dismissed claim back into review (its dismissal stays in the history)."""
    if not user_can_review(by):
        raise PermissionDenied("Only reviewers and editors can reopen claims.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.status != Claim.Status.DISMISSED:
            raise Conflict("Only a dismissed claim can be reopened.")
        claim.dismissal_reason, claim.dismissal_note, claim.duplicate_of = "", "", None
        _claim_set_status(
            claim,
            Claim.Status.IN_REVIEW,
            by=by,
            fields=["dismissal_reason", "dismissal_note", "duplicate_of"],
        )
    return claim


def verdict_reject(*, verdict: Verdict, by) -> Verdict:
    """An editor sends a proposed verdict back (or its author withdraws it); it is kept."""
    if not (user_can_publish(by) or (verdict.author_id == by.pk and user_can_review(by))):
        raise PermissionDenied("Only editors reject verdicts (authors may withdraw their own).")
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if verdict.status != Verdict.Status.PROPOSED:
            raise Conflict(f"This verdict is {verdict.get_status_display().lower()}.")
        verdict.status = Verdict.Status.REJECTED
        verdict._history_user = by
        verdict.save(update_fields=["status"])
        claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
        others = claim.verdicts.filter(status=Verdict.Status.PROPOSED).exists()
        if claim.status == Claim.Status.VERDICT_PROPOSED and not others:
            _claim_set_status(claim, Claim.Status.IN_REVIEW, by=by)
    return verdict
