"""Evidence: the passages of archived sources that bear on the claims citing them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from claims import selectors
from claims.extraction import language_of
from claims.models import Citation, Claim, EvidencePassage
from claims.passages import Passage, find_passages, page_at
from sources.models import Snapshot
from sources.selectors import ArchiveState, source_archive_state
from workbench.db import commit_without_flush_crash_unsafe

logger = logging.getLogger(__name__)


# Evidence ----------------------------------------------------------------------------------


class EvidenceOutcome:
    DONE = "done"  # passages stored (or already stored for this snapshot)
    WAITING = "waiting"  # still archiving or reading its text: an event will ask again
    UNAVAILABLE = "unavailable"  # no archived text (failed/blocked, or nothing requested)
    GONE = "gone"  # the citation was deleted


def evidence_request(*, citation: Citation) -> None:
    """Find evidence for ``citation`` once the transaction commits.

    If its source is still being archived, or its text read, the task does nothing: the
    ``snapshot_text_ready`` event (``snapshot_finished`` for a failed archive) asks again when
    that is done, and the beat sweep ``find_stale_evidence`` catches any event that was lost.
    """
    from claims.tasks import find_evidence

    find_evidence.delay_on_commit(citation.pk)


#: citations of one source whose evidence is found at once when its archive finishes
EVIDENCE_AT_ONCE_MAX = 20


def evidence_request_for_source(*, source_id: int) -> int:
    """Find evidence for every citation of a source whose archive just finished.

    The first ``EVIDENCE_AT_ONCE_MAX`` at once, in the process that announced the archive
    (after its commit): the claim page shows passages as soon as the text is read, however
    busy the ``default`` queue is (a retraining, a sweep). The others, and any that fails
    here, go to the ``find_evidence`` task. Those found at once share one read of the
    citations (with their claims and articles' languages) and of the source's archive.
    """
    from claims.tasks import find_evidence

    citations = list(_citations_for_evidence().filter(source=source_id)[: EVIDENCE_AT_ONCE_MAX + 1])
    later = [c.pk for c in citations[EVIDENCE_AT_ONCE_MAX:]]
    if later:
        later = list(
            Citation.objects.filter(source=source_id)
            .order_by("pk")
            .values_list("pk", flat=True)[EVIDENCE_AT_ONCE_MAX:]
        )
    archive = source_archive_state(source_id=source_id) if citations else None
    for citation in citations[:EVIDENCE_AT_ONCE_MAX]:
        try:
            _evidence_find(citation, archive, force=False)  # type: ignore[arg-type]
            continue
        except Exception:  # the task retries (a locked database, a time limit...)
            logger.exception("Evidence for citation %s failed; queued instead", citation.pk)
        find_evidence.delay_on_commit(citation.pk)
    for citation_id in later:
        find_evidence.delay_on_commit(citation_id)
    return len(citations[:EVIDENCE_AT_ONCE_MAX]) + len(later)


def _citations_for_evidence():
    """Citations with what finding their evidence reads: the claim, its article's language."""
    return (
        Citation.objects.select_related("claim")
        .annotate(article_language=F("claim__article__language"))
        .order_by("pk")
    )


def evidence_find_for_citation(*, citation_id: int, force: bool = False) -> str:
    """Store the passages of the cited source's newest archived text that bear on the claim.

    Idempotent: returns DONE without work when evidence exists for that snapshot.
    """
    citation = _citations_for_evidence().filter(pk=citation_id).first()
    if citation is None:
        return EvidenceOutcome.GONE
    return _evidence_find(citation, source_archive_state(source_id=citation.source_id), force)


def _evidence_find(citation: Citation, archive: ArchiveState, force: bool) -> str:
    citation_id = citation.pk
    snapshot = archive.succeeded
    if snapshot is None:
        if archive.archiving:
            return EvidenceOutcome.WAITING
        Citation.objects.filter(pk=citation_id).update(
            evidence_status=Citation.EvidenceStatus.UNAVAILABLE
        )
        return EvidenceOutcome.UNAVAILABLE
    if citation.evidence_snapshot_id == snapshot.pk and not force:
        return EvidenceOutcome.DONE
    if snapshot.text_pending:  # captured; the text step's snapshot_text_ready will ask again
        return EvidenceOutcome.WAITING
    claim = citation.claim
    source_text = snapshot.text or ""
    if not source_text.strip():
        # nothing to look in (a scanned PDF, an image, a page without text): its own state,
        # never "no matching passage"
        return _evidence_store(citation_id, snapshot, [], "", force=force)
    # like with like: a source in another language than the claim still yields its numbers,
    # names and quotes, never its words (the claim page says so)
    # (detected at capture with the same detector; older snapshots have none stored)
    source_language = snapshot.language or language_of(source_text[:4000])
    claim_language = getattr(citation, "article_language", "") or ""
    passages = find_passages(
        source_text,
        claim.text,
        claim.details,
        words=not (source_language and claim_language and source_language != claim_language),
    )
    return _evidence_store(citation_id, snapshot, passages, source_language, force=force)


def _evidence_store(
    citation_id: int, snapshot: Snapshot, passages: list[Passage], language: str, *, force: bool
) -> str:
    """Replace the citation's passages with ``passages`` from ``snapshot`` and set its status:
    passages found, none matching, or no text in the source at all."""
    if not (snapshot.text or "").strip():
        status = Citation.EvidenceStatus.NO_TEXT
    elif passages:
        status = Citation.EvidenceStatus.DONE
    else:
        status = Citation.EvidenceStatus.NONE
    page_starts = snapshot.page_starts or []
    with transaction.atomic():
        # the conditional UPDATE first: it locks the row, and a worker that finds evidence
        # already stored for this snapshot (another got there first) writes nothing. The
        # commit does not wait for the disk: evidence lost in a database crash is found again
        # by the sweep (find_stale_evidence), and nobody outside was told of it.
        claimed = Citation.objects.filter(commit_without_flush_crash_unsafe(), pk=citation_id)
        if not force:
            claimed = claimed.exclude(evidence_snapshot=snapshot.pk)
        if not claimed.update(
            evidence_snapshot=snapshot, evidence_language=language, evidence_status=status
        ):
            return EvidenceOutcome.DONE  # stored already, or the citation is gone
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
                page=page_at(p.start, page_starts),
                matched_terms=list(p.matched_terms),
                highlights=[list(h) for h in p.highlights],
                verbatim_quote=p.verbatim_quote,
                differences=[d.as_dict() for d in p.differences],
            )
            for p in passages
        )
    return EvidenceOutcome.DONE


def evidence_refresh(*, claims: Iterable[Claim]) -> int:
    """Find evidence again for every citation of ``claims`` (after re-archiving, say)."""
    count = 0
    for citation in selectors.citations_of(claims=claims):
        Citation.objects.filter(pk=citation.pk).update(
            evidence_snapshot=None, evidence_status=Citation.EvidenceStatus.PENDING
        )
        evidence_request(citation=citation)
        count += 1
    return count


def evidence_stale_citation_ids() -> list[int]:
    """Citations whose evidence is behind their source's archive (the beat sweep's work)."""
    return selectors.citations_with_stale_evidence()
