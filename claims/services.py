"""Write-side of claims: articles, extraction, citations, verdicts.

Admin actions, API views, management commands and tasks all call these functions; none of
them holds business rules of its own.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim, extract
from claims.models import Article, Citation, Claim, Verdict
from sources.models import Snapshot
from sources.services import snapshot_request, source_get_or_create
from workbench.errors import Conflict, DomainError, PermissionDenied

logger = logging.getLogger(__name__)

EXTRACTION_LEASE = timedelta(minutes=10)
EDITOR_GROUP = "Editor"
PARKED_OFFSET = 1_000_000_000


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# Articles and extraction ------------------------------------------------------------------


def article_create(
    *,
    title: str,
    body: str,
    by=None,
    url: str = "",
    outlet: str = "",
    author: str = "",
    published_on: date | None = None,
    language: str = "en",
) -> Article:
    """Store an article and start claim extraction once the transaction commits."""
    article = Article(
        title=title, url=url, outlet=outlet, author=author, published_on=published_on,
        language=language or "en",
    )
    return article_save(article=article, body=body, by=by)


def article_save(*, article: Article, body: str, by=None) -> Article:
    """Save a new or edited article; (re-)extract claims when its body changed."""
    if not body.strip():
        raise DomainError("The article has no text.", code="empty_article")
    if not article.title.strip():
        article.title = _title_from_body(body)
    if article.pk is None and by is not None:
        article.added_by = by
    new_sha = body_sha256(body)
    body_changed = new_sha != article.body_sha256 or article.pk is None
    article.body = body
    article.body_sha256 = new_sha
    with transaction.atomic():
        article.save()
        if body_changed:
            article_request_extraction(article=article)
    return article


def _title_from_body(body: str) -> str:
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return first_line[:200] or "Untitled article"


def article_request_extraction(*, article: Article) -> None:
    """Mark the article pending and enqueue extraction after commit."""
    from claims.tasks import extract_article_claims

    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.PENDING, extraction_error=""
    )
    article.extraction_status = Article.ExtractionStatus.PENDING
    extract_article_claims.delay_on_commit(article.pk)


def article_extract(*, article_id: int, backend: str | None = None) -> Article | None:
    """Run extraction for one article and reconcile its claims. Idempotent.

    Claims a pending article with a conditional update, so two deliveries of the same task
    never run it twice at once. Reviewed claims (cited, rated or moved past "new") are never
    deleted: their spans are re-anchored in the current body.
    """
    now = timezone.now()
    claimed = Article.objects.filter(
        pk=article_id, extraction_status=Article.ExtractionStatus.PENDING
    ).update(extraction_status=Article.ExtractionStatus.RUNNING, extraction_started_at=now)
    if not claimed:
        return None
    article = Article.objects.get(pk=article_id)
    try:
        extracted = extract(article.body, backend=backend)
    except Exception as exc:
        logger.exception("Extraction failed for article %s", article_id)
        Article.objects.filter(pk=article_id).update(
            extraction_status=Article.ExtractionStatus.FAILED,
            extraction_error=f"{type(exc).__name__}: {exc}",
        )
        raise
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if body_sha256(article.body) != article.body_sha256 or (
            article.extraction_status != Article.ExtractionStatus.RUNNING
        ):
            # Edited while we worked: the edit re-queued extraction; this result is stale.
            return article
        claims_reconcile(article=article, extracted=extracted)
        article.extraction_status = Article.ExtractionStatus.DONE
        article.extracted_at = timezone.now()
        article.extracted_sha256 = article.body_sha256
        article.extractor = EXTRACTOR_VERSION
        article.extraction_error = ""
        article.save(
            update_fields=[
                "extraction_status", "extracted_at", "extracted_sha256", "extractor",
                "extraction_error",
            ]
        )
    return article


def articles_requeue_stuck_extractions(*, now=None) -> list[int]:
    """Re-enqueue articles whose extraction was claimed but never finished."""
    now = now or timezone.now()
    stuck = list(
        Article.objects.filter(
            extraction_status=Article.ExtractionStatus.RUNNING,
            extraction_started_at__lt=now - EXTRACTION_LEASE,
        ).values_list("pk", flat=True)
    )
    for article_id in stuck:
        with transaction.atomic():
            article = Article.objects.get(pk=article_id)
            article_request_extraction(article=article)
    return stuck


def _reviewed_claims(article: Article):
    return article.claims.annotate(
        has_citations=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
        has_verdicts=Exists(Verdict.objects.filter(claim=OuterRef("pk"))),
    )


def claims_reconcile(*, article: Article, extracted: Iterable[ExtractedClaim]) -> None:
    """Make the article's claims match a fresh extraction without losing review work.

    - an existing claim with the same sentence and span text is kept (and re-anchored);
    - a reviewed claim that the extractor no longer produces is kept and re-anchored;
    - an unreviewed claim that the extractor no longer produces is deleted;
    - new claims are created.
    """
    body = article.body
    existing = list(_reviewed_claims(article))
    original_spans = {claim.pk: (claim.start, claim.end) for claim in existing}
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in existing:
        by_key[(claim.text, claim.span_text)].append(claim)

    kept: list[Claim] = []
    to_create: list[Claim] = []
    taken: set[tuple[int, int]] = set()
    for item in extracted:
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
            claim.kind, claim.checkworthiness = item.kind, item.checkworthiness
            claim.details, claim.extractor = details, EXTRACTOR_VERSION
            kept.append(claim)
        else:
            to_create.append(
                Claim(
                    article=article, text=item.text, start=start, end=end, span_text=span_text,
                    kind=item.kind, checkworthiness=item.checkworthiness, details=details,
                    extractor=EXTRACTOR_VERSION, position=0,
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
                "start", "end", "kind", "checkworthiness", "details", "extractor", "position",
                "updated_at",
            ]
        )
    Claim.objects.bulk_create(to_create)


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
                citation = Citation.objects.create(
                    claim=claim, source=source, relation=relation, note=note, added_by=by
                )
        except IntegrityError as exc:
            raise Conflict("This claim already cites that source.", code="duplicate") from exc
        if not source.snapshots.filter(status=Snapshot.Status.SUCCEEDED).exists():
            snapshot_request(source=source, by=by)
        if claim.status == Claim.Status.NEW:
            Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW)
            claim.status = Claim.Status.IN_REVIEW
    return citation


# Verdicts ----------------------------------------------------------------------------------


def verdict_propose(*, claim: Claim, rating: str, explanation: str, by) -> Verdict:
    """Record a reviewer's verdict; it is published only after an editor approves it."""
    if rating not in Verdict.Rating.values:
        raise DomainError(f"Unknown rating {rating!r}.", code="invalid_rating")
    if not explanation.strip():
        raise DomainError("A verdict needs an explanation.", code="explanation_required")
    with transaction.atomic():
        published = claim.verdicts.filter(status=Verdict.Status.PUBLISHED).first()
        verdict = Verdict.objects.create(
            claim=claim, rating=rating, explanation=explanation, author=by,
            supersedes=published,
        )
        if claim.status in (Claim.Status.NEW, Claim.Status.IN_REVIEW):
            claim.status = Claim.Status.VERDICT_PROPOSED
            claim.save(update_fields=["status", "updated_at"])
    return verdict


def user_can_publish(user) -> bool:
    return bool(
        user.is_active
        and (user.is_superuser or user.groups.filter(name=EDITOR_GROUP).exists())
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
        Verdict.objects.filter(claim=verdict.claim_id, status=Verdict.Status.PUBLISHED).update(
            status=Verdict.Status.SUPERSEDED
        )
        verdict.status = Verdict.Status.PUBLISHED
        verdict.approved_by = by
        verdict.published_at = timezone.now()
        verdict.save(update_fields=["status", "approved_by", "published_at"])
        Claim.objects.filter(pk=verdict.claim_id).update(status=Claim.Status.PUBLISHED)
    return verdict
