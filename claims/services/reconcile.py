"""Reconciling an article's claims with a fresh extraction, without losing review work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claims import selectors
from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim
from claims.models import Article, Claim
from claims.services.triage import claims_group_near_copies, claims_score

PARKED_OFFSET = 1_000_000_000


def claims_reconcile(
    *, article: Article, extracted: Iterable[ExtractedClaim], extractor: str = EXTRACTOR_VERSION
) -> None:
    """Make the article's claims match a fresh extraction without losing review work.

    ``extractor``: the version of the backend that produced ``extracted``, stamped on claims.

    - an existing claim with the same sentence and span text is kept (and re-anchored);
    - a reviewed claim that the extractor no longer produces is kept and re-anchored;
    - an unreviewed claim that the extractor no longer produces is deleted;
    - new claims are created.

    Claims are scored with the active check-worthiness model (the extractor's heuristic
    scores stand when none is active), and near-copies are grouped behind their best claim.
    """
    body = article.body
    extracted = list(extracted)
    scores = claims_score(extracted, body_length=len(body), language=article.language)
    existing = list(selectors.claims_with_review_marks(article))
    original_spans = {claim.pk: (claim.start, claim.end) for claim in existing}
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in existing:
        by_key[(claim.text, claim.span_text)].append(claim)

    kept: list[Claim] = []
    to_create: list[Claim] = []
    taken: set[tuple[int, int]] = set()
    for index, item in enumerate(extracted):
        score = scores[index] if scores is not None else item.checkworthiness
        start, end = item.start, item.end
        span_text = body[start:end]
        if (start, end) in taken or not span_text.strip():
            continue
        details = dict(item.details)
        details["spans"] = [list(span) for span in item.spans]
        matches = by_key.get((item.text, span_text))
        if matches:
            claim = matches.pop(0)
            claim.start, claim.end = start, end
            claim.kind, claim.checkworthiness = item.kind, score
            claim.details, claim.extractor = details, extractor
            kept.append(claim)
        else:
            to_create.append(
                Claim(
                    article=article,
                    text=item.text,
                    start=start,
                    end=end,
                    span_text=span_text,
                    kind=item.kind,
                    checkworthiness=score,
                    details=details,
                    extractor=extractor,
                    position=0,
                )
            )
        taken.add((start, end))

    leftovers = [claim for claims in by_key.values() for claim in claims]
    reviewed = [c for c in leftovers if _is_reviewed(c)]
    stale_ids = [c.pk for c in leftovers if not _is_reviewed(c)]
    for claim in reviewed:
        _reanchor(claim, body)
        kept.append(claim)
    # A reviewed claim keeps its span; a new claim may not sit on the same one.
    reviewed_spans = {(c.start, c.end) for c in reviewed}
    to_create = [c for c in to_create if (c.start, c.end) not in reviewed_spans]

    Claim.objects.filter(pk__in=stale_ids).delete()
    everything = sorted(kept + to_create, key=lambda c: (c.start, c.end))
    for position, claim in enumerate(everything):
        claim.position = position
    # Kept claims whose span moved are first parked on spans nobody uses, so that moving
    # one onto another's old place cannot trip the unique span constraint.
    moved = [c for c in kept if (c.start, c.end) != original_spans[c.pk]]
    for index, claim in enumerate(moved):
        parked = PARKED_OFFSET + 2 * index
        Claim.objects.filter(pk=claim.pk).update(start=parked, end=parked + 1)
    for claim in kept:
        claim.save(
            update_fields=[
                "start",
                "end",
                "kind",
                "checkworthiness",
                "details",
                "extractor",
                "position",
                "updated_at",
            ]
        )
    Claim.objects.bulk_create(to_create)
    claims_group_near_copies(article=article)


def _is_reviewed(claim: Claim) -> bool:
    return bool(
        getattr(claim, "has_citations", False)
        or getattr(claim, "has_verdicts", False)
        or claim.status != Claim.Status.NEW
        or claim.assignee_id
    )


def _reanchor(claim: Claim, body: str) -> None:
    """Move a claim's span to where its text now stands (the occurrence nearest the old one)."""
    if body[claim.start : claim.end] == claim.span_text:
        return
    occurrences = []
    index = body.find(claim.span_text)
    while index != -1:
        occurrences.append(index)
        index = body.find(claim.span_text, index + 1)
    if occurrences:
        best = min(occurrences, key=lambda i: abs(i - claim.start))
        claim.start, claim.end = best, best + len(claim.span_text)
        claim.details = {**claim.details, "anchor": "moved"}
    else:
        # The words were edited away: keep the claim (it has review work) and say so.
        claim.details = {**claim.details, "anchor": "lost"}
