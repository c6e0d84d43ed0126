"""Citations: a claim cites a source URL; the source is archived after commit."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from claims import policies
from claims.models import Citation, Claim, record_history_by
from claims.selectors import citation_is_published
from claims.services.claims import claim_save_status
from claims.services.evidence import evidence_request
from claims.services.published import correction_reason, record_reason
from sources.normalise import url_normalize
from sources.services import snapshot_request, source_get_or_create
from workbench.errors import Conflict, DomainError, PermissionDenied

DUPLICATE_MESSAGE = "This claim already cites that source."


def citation_url_check(*, claim: Claim | None, url: str) -> str:
    """The normalised ``url``, if ``claim`` may cite it (raises ``InvalidURL`` or ``Conflict``).

    ``citation_add`` relies on the database for the duplicate check; forms call this first to
    show the error beside the field.
    """
    normalised = url_normalize(url)
    if claim is not None and claim.pk and claim.citations.filter(source__url=normalised).exists():
        raise Conflict(DUPLICATE_MESSAGE, code="duplicate")
    return normalised


def citation_add(
    *,
    claim: Claim,
    url: str,
    relation: str = Citation.Relation.CONTEXT,
    note: str = "",
    by: Any = None,
) -> Citation:
    """Cite ``url`` for ``claim`` and archive the source once the transaction commits.

    A source cited for the first time (the common case, and the bulk of a bench) costs less:
    no other claim can cite it yet (no savepoint for the duplicate check), it has no snapshot
    (no look-up, no lock), and no ``find_evidence`` task: its archive is only asked for
    once this commits, so the archive's ``snapshot_text_ready`` (or ``snapshot_finished``)
    event, which finds the evidence of every citation of the source, comes after it. A
    source cited before gets the task, after this commit: its archive may finish between
    this transaction's look-up and its commit, and that event would not see this citation
    (the task then finds the text read, or still pending and the event yet to come).
    """
    if relation not in Citation.Relation.values:
        raise DomainError(f"Unknown relation {relation!r}.", code="invalid_relation")
    with transaction.atomic():
        source, new_source = source_get_or_create(url=url, by=by)
        citation = Citation(claim=claim, source=source, relation=relation, note=note, added_by=by)
        if by is not None:
            record_history_by(citation, by)
        if new_source:
            citation.save()
        else:
            try:
                with transaction.atomic():
                    citation.save()
            except IntegrityError as exc:
                raise Conflict(DUPLICATE_MESSAGE, code="duplicate") from exc
        snapshot_request(source=source, by=by, new_source=new_source, unless_archived=True)
        if claim.status == Claim.Status.NEW:
            claim_save_status(claim, Claim.Status.IN_REVIEW, by=by)
        if not new_source:
            evidence_request(citation=citation)
    return citation


def citation_update(
    *, citation: Citation, relation: str, note: str, by: Any, correction_note: str = ""
) -> Citation:
    """Change how a citation bears on its claim (its source stays: cite another URL instead).

    A citation of a published verdict changes only by an editor's correction."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can change citations.")
    if relation not in Citation.Relation.values:
        raise DomainError(f"Unknown relation {relation!r}.", code="invalid_relation")
    stored = Citation.objects.filter(pk=citation.pk).values_list("relation", "note").first()
    if stored == (relation, note):  # (a form may have set them on ``citation`` already)
        return citation
    if citation_is_published(citation):
        record_reason(
            citation,
            correction_reason(by=by, note=correction_note, what="A citation of the verdict"),
        )
    citation.relation, citation.note = relation, note
    record_history_by(citation, by)
    citation.save(update_fields=["relation", "note"])
    return citation


def citation_remove(*, citation: Citation, by: Any, correction_note: str = "") -> None:
    """Delete a citation (its history, and its source's archive, stay). A citation of a
    published verdict is removed only by an editor's correction."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can remove citations.")
    if citation_is_published(citation):
        record_reason(
            citation,
            correction_reason(by=by, note=correction_note, what="A citation of the verdict"),
        )
    record_history_by(citation, by)
    citation.delete()
