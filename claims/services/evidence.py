"""Evidence: the passages of archived sources that bear on the claims citing them."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Model, Q, QuerySet
from django.utils import timezone

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


def evidence_request_for_source(*, source_id: int, snapshot: Snapshot | None = None) -> int:
    """Find evidence for every citation of a source whose archive just finished.

    The first ``EVIDENCE_AT_ONCE_MAX`` at once, in the process that announced the archive
    (after its commit): the claim page shows passages as soon as the text is read, however
    busy the ``default`` queue is (a retraining, a sweep). The others, and any that fails
    here, go to the ``find_evidence`` task. Those found at once share one read of the
    citations (with their claims and articles' languages) and of the source's archive.

    ``snapshot``: the row whose text step just settled, as that step wrote it
    (``snapshot_text_ready``): its text is searched as it is in hand, not read back. It may
    have been superseded by a newer capture meanwhile; the store writes only while no newer
    snapshot of the source has succeeded (``_evidence_store``), and the newer one's own event
    finds the evidence in it.
    """
    from claims.tasks import find_evidence

    citations = [
        _Citing(*row)
        for row in _citations_for_evidence().filter(source=source_id)[: EVIDENCE_AT_ONCE_MAX + 1]
    ]
    later = [c.pk for c in citations[EVIDENCE_AT_ONCE_MAX:]]
    if later:
        later = list(
            Citation.objects.filter(source=source_id)
            .order_by("pk")
            .values_list("pk", flat=True)[EVIDENCE_AT_ONCE_MAX:]
        )
    if not citations:
        archive = None
    elif snapshot is not None and snapshot.text_settled and snapshot.source_id == source_id:
        archive = ArchiveState(succeeded=snapshot, archiving=False)
    else:
        archive = source_archive_state(source_id=source_id)
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


class _Citing(NamedTuple):
    """What finding a citation's evidence reads of it, its claim and its article."""

    pk: int
    source_id: int
    evidence_snapshot_id: int | None
    claim_text: str
    claim_details: dict[str, Any]
    article_language: str


def _citations_for_evidence() -> QuerySet[Citation, tuple[Any, ...]]:
    """Citations with what finding their evidence reads, and nothing else: the claim's text
    and details, its article's language (one query; rows, not models, as nothing else of
    them is read)."""
    return Citation.objects.order_by("pk").values_list(
        *_Citing._fields[:3], "claim__text", "claim__details", "claim__article__language"
    )


def evidence_find_for_citation(*, citation_id: int, force: bool = False) -> str:
    """Store the passages of the cited source's newest archived text that bear on the claim.

    Idempotent: returns DONE without work when evidence exists for that snapshot.
    """
    row = _citations_for_evidence().filter(pk=citation_id).first()
    if row is None:
        return EvidenceOutcome.GONE
    citation = _Citing(*row)
    return _evidence_find(citation, source_archive_state(source_id=citation.source_id), force)


def _evidence_find(citation: _Citing, archive: ArchiveState, force: bool) -> str:
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
    source_text = snapshot.text or ""
    if not source_text.strip():
        # nothing to look in (a scanned PDF, an image, a page without text): its own state,
        # never "no matching passage"
        return _evidence_store(citation_id, snapshot, [], "", force=force)
    # like with like: a source in another language than the claim still yields its numbers,
    # names and quotes, never its words (the claim page says so)
    # (detected at capture with the same detector; older snapshots have none stored)
    source_language = snapshot.language or language_of(source_text[:4000])
    claim_language = citation.article_language or ""
    passages = find_passages(
        source_text,
        citation.claim_text,
        citation.claim_details,
        words=not (source_language and claim_language and source_language != claim_language),
    )
    return _evidence_store(citation_id, snapshot, passages, source_language, force=force)


def _evidence_store(
    citation_id: int, snapshot: Snapshot, passages: list[Passage], language: str, *, force: bool
) -> str:
    """Replace the citation's passages with ``passages`` from ``snapshot`` and set its status:
    passages found, none matching, or no text in the source at all.

    Written only while ``snapshot`` is the source's newest succeeded one (a newer capture's
    own event finds the evidence in that one) and, unless ``force``, while the citation's
    evidence is from another snapshot. The commit does not wait for the disk: evidence lost
    in a database crash is found again by the sweep (find_stale_evidence), and nobody outside
    was told of it."""
    if not (snapshot.text or "").strip():
        status = Citation.EvidenceStatus.NO_TEXT
    elif passages:
        status = Citation.EvidenceStatus.DONE
    else:
        status = Citation.EvidenceStatus.NONE
    page_starts = snapshot.page_starts or []
    rows = [
        {
            "rank": p.rank,
            "score": p.score,
            "text": p.text,
            "start": p.start,
            "end": p.end,
            "page": page_at(p.start, page_starts),
            "matched_terms": list(p.matched_terms),
            "highlights": [list(h) for h in p.highlights],
            "verbatim_quote": p.verbatim_quote,
            "differences": [d.as_dict() for d in p.differences],
        }
        for p in passages
    ]
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        stored = _evidence_store_first(citation_id, snapshot, rows, language, status, force=force)
        if stored is not None:
            return EvidenceOutcome.DONE
    with transaction.atomic():
        # the conditional UPDATE first: it locks the row, and a worker that finds evidence
        # already stored for this snapshot (another got there first) writes nothing
        claimed = Citation.objects.filter(
            commit_without_flush_crash_unsafe(), ~Exists(_newer_succeeded(snapshot)), pk=citation_id
        )
        if not force:
            claimed = claimed.exclude(evidence_snapshot=snapshot.pk)
        if not claimed.update(
            evidence_snapshot=snapshot, evidence_language=language, evidence_status=status
        ):
            return EvidenceOutcome.DONE  # stored already, superseded, or the citation is gone
        EvidencePassage.objects.filter(citation=citation_id).delete()
        EvidencePassage.objects.bulk_create(
            EvidencePassage(citation_id=citation_id, snapshot=snapshot, **row) for row in rows
        )
    return EvidenceOutcome.DONE


def _newer_succeeded(snapshot: Snapshot):
    """The succeeded snapshots of ``snapshot``'s source that are newer than it
    (``sources.selectors.LATEST_FIRST``: by creation, then id)."""
    return Snapshot.objects.filter(
        source=snapshot.source_id, status=Snapshot.Status.SUCCEEDED
    ).filter(
        Q(created_at__gt=snapshot.created_at)
        | Q(created_at=snapshot.created_at, pk__gt=snapshot.pk)
    )


def _evidence_store_first(
    citation_id: int,
    snapshot: Snapshot,
    rows: list[dict[str, Any]],
    language: str,
    status: str,
    *,
    force: bool,
) -> bool | None:
    """The store of a citation that has no passages yet (its first evidence, the usual case)
    in one statement (PostgreSQL, autocommit): the conditional UPDATE of the citation and the
    INSERT of its passages, with the commit's ``synchronous_commit`` off. True: stored;
    False: nothing to store (stored already, superseded, or the citation is gone); None: the
    citation has passages to replace (or another worker stored some meanwhile), which the
    transaction of ``_evidence_store`` does (lock, delete, insert)."""
    try:
        passages = json.dumps(rows, allow_nan=False)
    except ValueError:  # a score JSON cannot carry (never seen): the transaction stores it
        return None
    sql = _store_first_sql(unless_stored=not force)
    params: dict[str, Any] = {
        "citation": citation_id,
        "snapshot": snapshot.pk,
        "source": snapshot.source_id,
        "created_at": snapshot.created_at,
        "language": language,
        "status": status,
        "succeeded": Snapshot.Status.SUCCEEDED,
        "now": timezone.now(),
        "rows": passages,
    }
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            claimed, had_passages = cursor.fetchone()
    except IntegrityError:  # another worker inserted passages meanwhile
        return None
    if claimed:
        return True
    return None if had_passages else False


@functools.cache
def _store_first_sql(*, unless_stored: bool) -> str:
    """``_evidence_store_first``'s statement (PostgreSQL); table, column names and types from
    the models, every value a parameter."""
    name = connection.ops.quote_name

    def column(model: type[Model], field: str) -> str:
        return name(str(getattr(model._meta.get_field(field), "column", field)))

    citations, passages = name(Citation._meta.db_table), name(EvidencePassage._meta.db_table)
    snapshots = name(Snapshot._meta.db_table)
    copied = [
        f
        for f in EvidencePassage._meta.concrete_fields
        if f.name not in ("id", "citation", "snapshot", "created_at")
    ]
    record = ", ".join(f"{name(str(f.column))} {f.db_type(connection)}" for f in copied)
    of_passage = column(EvidencePassage, "citation")
    unless = (
        f"AND {column(Citation, 'evidence_snapshot')} IS DISTINCT FROM %(snapshot)s"
        if unless_stored
        else ""
    )
    return f"""
WITH claimed AS (
  UPDATE {citations}
  SET {column(Citation, "evidence_snapshot")} = %(snapshot)s,
      {column(Citation, "evidence_language")} = %(language)s,
      {column(Citation, "evidence_status")} = %(status)s
  WHERE {column(Citation, "id")} = %(citation)s {unless}
    AND NOT EXISTS (SELECT 1 FROM {passages} WHERE {of_passage} = %(citation)s)
    AND NOT EXISTS (
      SELECT 1 FROM {snapshots} AS newer
      WHERE newer.{column(Snapshot, "source")} = %(source)s
        AND newer.{column(Snapshot, "status")} = %(succeeded)s
        AND (newer.{column(Snapshot, "created_at")}, newer.{column(Snapshot, "id")})
          > (%(created_at)s, %(snapshot)s))
    AND set_config('synchronous_commit', 'off', true) IS NOT NULL
  RETURNING {column(Citation, "id")} AS id
), stored AS (
  INSERT INTO {passages} ({of_passage}, {column(EvidencePassage, "snapshot")},
    {column(EvidencePassage, "created_at")}, {", ".join(name(str(f.column)) for f in copied)})
  SELECT claimed.id, %(snapshot)s, %(now)s, {", ".join(f"p.{name(str(f.column))}" for f in copied)}
  FROM claimed CROSS JOIN jsonb_to_recordset(%(rows)s::jsonb) AS p({record})
)
SELECT (SELECT count(*) FROM claimed),
  EXISTS (SELECT 1 FROM {passages} WHERE {of_passage} = %(citation)s)
"""


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
