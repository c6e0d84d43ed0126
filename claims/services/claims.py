"""Claims: editing their words, and the triage workflow (assign, dismiss, reopen).

A claim's status is its state machine. People move it between the statuses in
``STATUS_TRANSITIONS`` (dismiss, reopen); the others follow from verdicts (propose, publish,
reject: ``claims.services.verdicts``). Who may act is ``claims.policies``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from claims import policies
from claims.models import Claim, Verdict, record_history_by
from claims.selectors import claim_published_at
from claims.services.published import correction_reason, record_reason
from workbench.errors import Conflict, DomainError, PermissionDenied

UNCHANGED: Any = object()  # claim_triage: leave the assignee as it is

S = Claim.Status
# The status changes a person may ask for: target -> the statuses a claim may leave for it.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DISMISSED: frozenset({S.NEW, S.IN_REVIEW, S.VERDICT_PROPOSED, S.DISMISSED}),
    S.IN_REVIEW: frozenset({S.DISMISSED}),  # reopen
}
_VERBS: dict[str, str] = {S.DISMISSED: "dismissed", S.IN_REVIEW: "moved back into review"}


def claim_save_status(claim: Claim, status: str, *, by: Any = None, fields: Iterable[str] = ()):
    """Save a status change through the model, so that the claim's history records it.

    For the services of this package only (``verdicts`` moves claims as verdicts move).
    """
    claim.status = status
    if by is not None:
        record_history_by(claim, by)
    claim.save(update_fields=["status", "updated_at", *fields])


def _check_transition(claim: Claim, status: str) -> None:
    if claim.status not in STATUS_TRANSITIONS[status]:
        raise Conflict(
            f"A {claim.get_status_display().lower()} claim cannot be {_VERBS[status]}.",
            code="invalid_transition",
        )


def _check_triage(claim: Claim, by: Any, what: str) -> None:
    if not policies.is_reviewer(by):
        raise PermissionDenied(f"Only reviewers and editors can {what} claims.")
    if not policies.may_triage(by, claim):
        raise PermissionDenied("This claim is assigned to someone else; ask them or an editor.")


def _lock_for_triage(claim: Claim, by: Any, what: str, status: str) -> Claim:
    """The claim's row, locked, once ``by`` may move it to ``status`` (policy, transitions)."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_triage(claim, by, what)
    _check_transition(claim, status)
    return claim


def _save_dismissal(
    claim: Claim, status: str, by: Any, *, reason: str, note: str, duplicate_of: Claim | None
) -> None:
    claim.dismissal_reason, claim.dismissal_note, claim.duplicate_of = reason, note, duplicate_of
    claim_save_status(
        claim, status, by=by, fields=["dismissal_reason", "dismissal_note", "duplicate_of"]
    )


def claim_update(
    *,
    claim: Claim,
    by: Any,
    text: str,
    kind: str,
    checkworthiness: float,
    correction_note: str = "",
) -> Claim:
    """Edit the claim's own words (the admin's form); spans and workflow stay as they are.

    Published means frozen: the words of a claim with a published verdict change only by an
    editor's correction (``correction_note``, kept as the history's reason)."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can edit claims.")
    if not text.strip():
        raise DomainError("A claim needs its text.", code="text_required")
    if kind not in Claim.Kind.values:
        raise DomainError(f"Unknown kind {kind!r}.", code="invalid_kind")
    if not 0 <= checkworthiness <= 1:
        raise DomainError("Check-worthiness is between 0 and 1.", code="invalid_checkworthiness")
    values = {"text": text, "kind": kind, "checkworthiness": checkworthiness}
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        changed = [name for name, value in values.items() if getattr(claim, name) != value]
        if "text" in changed and claim_published_at(claim) is not None:
            record_reason(
                claim, correction_reason(by=by, note=correction_note, what="The claim's text")
            )
        if changed:
            for name in changed:
                setattr(claim, name, values[name])
            record_history_by(claim, by)
            claim.save(update_fields=[*changed, "updated_at"])
    return claim


def claim_assign(*, claim: Claim, to: Any, by: Any) -> Claim:
    """Give ``claim`` to ``to`` (None: unassign). A new claim moves into review."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can assign claims.")
    if to is not None and not policies.is_reviewer(to):
        raise DomainError(f"{to} is neither a reviewer nor an editor.", code="not_a_reviewer")
    if not policies.may_assign_to(by, to):
        raise PermissionDenied("Only editors assign claims to someone else.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        _check_triage(claim, by, "assign")
        claim.assignee = to
        status = claim.status
        if to is not None and status == S.NEW:
            status = S.IN_REVIEW
        claim_save_status(claim, status, by=by, fields=["assignee"])
    return claim


def claims_assign(*, claims: Iterable[Claim], to: Any, by: Any) -> int:
    """Assign several claims (the admin's bulk action); returns how many changed hands."""
    changed = 0
    for claim in claims:
        if claim.assignee_id != (to.pk if to is not None else None):
            claim_assign(claim=claim, to=to, by=by)
            changed += 1
    return changed


def claim_dismiss(
    *,
    claim: Claim,
    reason: str,
    note: str = "",
    duplicate_of: Claim | None = None,
    by: Any,
) -> Claim:
    """Take a claim out of the queue, saying why (not check-worthy, duplicate, out of scope)."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can dismiss claims.")
    if reason not in Claim.DismissalReason.values:
        raise DomainError(f"Unknown dismissal reason {reason!r}.", code="invalid_reason")
    if reason == Claim.DismissalReason.DUPLICATE and duplicate_of is None:
        raise DomainError("Say which claim this one duplicates.", code="duplicate_of_required")
    if duplicate_of is not None and duplicate_of.pk == claim.pk:
        raise DomainError("A claim cannot duplicate itself.", code="invalid_duplicate")
    with transaction.atomic():
        claim = _lock_for_triage(claim, by, "dismiss", S.DISMISSED)
        if claim.verdicts.filter(status=Verdict.Status.PROPOSED).exists():
            raise Conflict("This claim has a proposed verdict; reject it first.")
        _save_dismissal(claim, S.DISMISSED, by, reason=reason, note=note, duplicate_of=duplicate_of)
    return claim


def claim_reopen(*, claim: Claim, by: Any) -> Claim:
    """Bring a dismissed claim back into review (its dismissal stays in the history)."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can reopen claims.")
    with transaction.atomic():
        claim = _lock_for_triage(claim, by, "reopen", S.IN_REVIEW)
        _save_dismissal(claim, S.IN_REVIEW, by, reason="", note="", duplicate_of=None)
    return claim


def claim_set_status(
    *,
    claim: Claim,
    status: str,
    by: Any,
    reason: str = "",
    note: str = "",
    duplicate_of: Claim | None = None,
) -> Claim:
    """Move a claim to ``status`` if ``STATUS_TRANSITIONS`` allows it (dismiss or reopen); a
    claim already in review stays so."""
    if status not in STATUS_TRANSITIONS:
        raise Conflict("That status follows from verdicts.", code="invalid_transition")
    if status == S.DISMISSED:
        return claim_dismiss(
            claim=claim, reason=reason, note=note, duplicate_of=duplicate_of, by=by
        )
    if claim.status == status:
        return claim
    return claim_reopen(claim=claim, by=by)


def claim_triage(
    *,
    claim: Claim,
    by: Any,
    assignee: Any = UNCHANGED,
    status: str | None = None,
    dismissal_reason: str = "",
    dismissal_note: str = "",
    duplicate_of: Claim | None = None,
) -> Claim:
    """Assign and/or move a claim in one transaction (the API's PATCH)."""
    with transaction.atomic():
        if assignee is not UNCHANGED:
            claim = claim_assign(claim=claim, to=assignee, by=by)
        if status is not None:
            claim = claim_set_status(
                claim=claim,
                status=status,
                by=by,
                reason=dismissal_reason,
                note=dismissal_note,
                duplicate_of=duplicate_of,
            )
    return claim
