"""Evidence: the passages of archived sources that bear on the claims citing them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, OuterRef, Subquery

from claims.evidence import find_passages
from claims.models import Citation, Claim, EvidencePassage
from sources.models import Snapshot

logger = logging.getLogger(__name__)


# Evidence ----------------------------------------------------------------------------------


class EvidenceOutcome:
    DONE = "done"  # passages stored (or already stored for this snapshot)
    WAITING = "waiting"  # the source is still being archived: try again later
    UNAVAILABLE = "unavailable"  # no archived text (failed/blocked, or nothing requested)
    GONE = "gone"  # the citation was deleted


def evidence_request(*, citation: Citation) -> None:
    """Find evidence for ``citation`` once the transaction commits (and the archive is done).

    The task waits for the source's snapshot by retrying itself with a countdown (a bounded
    number of times), so archiving never needs to know about claims.
    """
    from claims.tasks import find_evidence

    find_evidence.delay_on_commit(citation.pk)


def evidence_find_for_citation(*, citation_id: int, force: bool = False) -> str:
    """Store the passages of the cited source's newest archived text that bear on the claim.

    Idempotent: returns DONE without work when evidence exists for that snapshot.
    """
    citation = Citation.objects.select_related("claim").filter(pk=citation_id).first()
    if citation is None:
        return EvidenceOutcome.GONE
    snapshot = (
        Snapshot.objects.filter(source=citation.source_id, status=Snapshot.Status.SUCCEEDED)
        .order_by("-created_at")
        .first()
    )
    if snapshot is None:
        active = Snapshot.objects.filter(
            source=citation.source_id, status__in=Snapshot.ACTIVE_STATUSES
        ).exists()
        if active:
            return EvidenceOutcome.WAITING
        Citation.objects.filter(pk=citation_id).update(
            evidence_status=Citation.EvidenceStatus.UNAVAILABLE
        )
        return EvidenceOutcome.UNAVAILABLE
    if citation.evidence_snapshot_id == snapshot.pk and not force:
        return EvidenceOutcome.DONE
    claim = citation.claim
    passages = find_passages(snapshot.text or "", claim.text, claim.details)
    with transaction.atomic():
        locked = Citation.objects.select_for_update().filter(pk=citation_id).first()
        if locked is None:
            return EvidenceOutcome.GONE
        if locked.evidence_snapshot_id == snapshot.pk and not force:
            return EvidenceOutcome.DONE  # another worker got there first
        EvidencePassage.objects.filter(citation=citation_id).delete()
        EvidencePassage.objects.bulk_create(
            EvidencePassage(
                citation_id=citation_id,
                snapshot=snapshot,
                rank=p.rank,
                score=p.score,
                text=p.text,
                start=p.start,
                end=p.end,
                matched_terms=list(p.matched_terms),
                highlights=[list(h) for h in p.highlights],
                verbatim_quote=p.verbatim_quote,
            )
            for p in passages
        )
        Citation.objects.filter(pk=citation_id).update(
            evidence_snapshot=snapshot,
            evidence_status=(
                Citation.EvidenceStatus.DONE if passages else Citation.EvidenceStatus.NONE
            ),
        )
    return EvidenceOutcome.DONE


def evidence_give_up(*, citation_id: int) -> None:
    """The source never finished archiving while the finder waited."""
    Citation.objects.filter(pk=citation_id, evidence_snapshot__isnull=True).update(
        evidence_status=Citation.EvidenceStatus.UNAVAILABLE
    )


def evidence_refresh(*, claims: Iterable[Claim]) -> int:
    """Find evidence again for every citation of ``claims`` (after re-archiving, say)."""
    count = 0
    for citation in Citation.objects.filter(claim__in=list(claims)):
        Citation.objects.filter(pk=citation.pk).update(
            evidence_snapshot=None, evidence_status=Citation.EvidenceStatus.PENDING
        )
        evidence_request(citation=citation)
        count += 1
    return count


def evidence_stale_citation_ids() -> list[int]:
    """Citations whose source has a newer succeeded snapshot than their evidence came from."""
    newest = Subquery(
        Snapshot.objects.filter(source=OuterRef("source"), status=Snapshot.Status.SUCCEEDED)
        .order_by("-created_at")
        .values("pk")[:1]
    )
    return list(
        Citation.objects.annotate(newest=newest)
        .filter(newest__isnull=False)
        .exclude(evidence_snapshot=F("newest"))
        .values_list("pk", flat=True)[:500]
    )
