"""Write-side of claims: articles, extraction, citations, verdicts.

Admin actions, API views, management commands and tasks all call these functions; none of
them holds business rules of its own.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone

from claims.evidence import find_passages
from claims.extraction import (
    EXTRACTOR_VERSION,
    ExtractedClaim,
    extract,
    html_to_text,
    looks_like_html,
)
from claims.models import Article, Citation, Claim, EvidencePassage, Verdict
from sources.models import Snapshot
from sources.services import page_fetch, snapshot_request, source_get_or_create
from sources.urls import url_normalize
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


def article_create_from_url(*, url: str, by=None, title: str = "", **fields) -> Article:
    """Fetch an article page through the safe fetcher, keep its main text, extract claims."""
    page = page_fetch(url=url)
    return article_create(
        title=title or page.title,
        body=page.text,
        url=page.url,
        published_on=fields.pop("published_on", None) or page.published,
        language=fields.pop("language", "") or page.language or "en",
        by=by,
        **fields,
    )


def article_submit_url(*, url: str, by=None, title: str = "", **fields) -> Article:
    """Queue an article to be fetched from its URL; its text, then its claims, follow on the
    worker (``article_fetch``). For callers that must answer at once (the API)."""
    article = Article.objects.create(
        title=title or url_normalize(url),
        body="",
        url=url_normalize(url),
        added_by=by,
        extraction_status=Article.ExtractionStatus.FETCHING,
        **fields,
    )
    from claims.tasks import fetch_article

    fetch_article.delay_on_commit(article.pk)
    return article


def article_fetch(*, article_id: int) -> Article | None:
    """Fetch a submitted article's page, keep its main text and queue claim extraction.

    A no-op unless the article is still waiting for its text; a page that cannot be fetched
    marks the article failed with the fetcher's reason.
    """
    article = Article.objects.filter(
        pk=article_id, extraction_status=Article.ExtractionStatus.FETCHING, body=""
    ).first()
    if article is None:
        return None
    try:
        page = page_fetch(url=article.url)
    except DomainError as exc:
        Article.objects.filter(pk=article_id, body="").update(
            extraction_status=Article.ExtractionStatus.FAILED, extraction_error=exc.message
        )
        return None
    if article.title == article.url:
        article.title = page.title or article.title
    article.url = page.url
    article.published_on = article.published_on or page.published
    article.language = page.language or article.language
    return article_save(article=article, body=page.text)


def article_save(*, article: Article, body: str, by=None) -> Article:
    """Save a new or edited article; (re-)extract claims when its body changed.

    Pasted HTML is reduced to its main text first: the stored body is what claim spans index.
    """
    if looks_like_html(body):
        body = html_to_text(body)
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
            claim=claim, rating=rating, explanation=explanation, author=by,
            supersedes=published,
        )
        verdict._history_user = by
        verdict.save()
        if claim.status in (Claim.Status.NEW, Claim.Status.IN_REVIEW):
            _claim_set_status(claim, Claim.Status.VERDICT_PROPOSED, by=by)
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
        # Saved one by one (not .update()) so that the history records every change.
        for old in Verdict.objects.filter(
            claim=verdict.claim_id, status=Verdict.Status.PUBLISHED
        ):
            old.status = Verdict.Status.SUPERSEDED
            old._history_user = by
            old.save(update_fields=["status"])
        verdict.status = Verdict.Status.PUBLISHED
        verdict.approved_by = by
        verdict.published_at = timezone.now()
        verdict._history_user = by
        verdict.save(update_fields=["status", "approved_by", "published_at"])
        transaction.on_commit(_webhook_verdict_published(verdict.pk), robust=True)
        _claim_set_status(
            Claim.objects.select_for_update().get(pk=verdict.claim_id),
            Claim.Status.PUBLISHED,
            by=by,
        )
    return verdict


def _webhook_verdict_published(verdict_id: int):
    def emit() -> None:
        from integrations.services import verdict_published_emit

        verdict_published_emit(verdict_id=verdict_id)

    return emit


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
            claim, Claim.Status.DISMISSED, by=by,
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
            claim, Claim.Status.IN_REVIEW, by=by,
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
                citation_id=citation_id, snapshot=snapshot, rank=p.rank, score=p.score,
                text=p.text, start=p.start, end=p.end, matched_terms=list(p.matched_terms),
                highlights=[list(h) for h in p.highlights], verbatim_quote=p.verbatim_quote,
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


# Import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[Claim] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, why)


IMPORT_MAX_ROWS = 2000
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def claims_rows_parse(*, filename: str, data: bytes) -> list[dict]:
    """Rows of an uploaded claims list: CSV with a header (``text``, optional ``span_text``,
    ``kind``, ``checkworthiness``) or JSON (a list, or our export's ``{"claims": [...]}``)."""
    if len(data) > IMPORT_MAX_BYTES:
        raise DomainError("The file is larger than 5 MB.", code="too_large")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError("The file is not UTF-8 text.", code="bad_encoding") from exc
    if filename.lower().endswith(".json") or content.lstrip()[:1] in ("[", "{"):
        try:
            parsed = json.loads(content)
        except json.JSONDecodeError as exc:
            raise DomainError(f"Not valid JSON: {exc}", code="bad_json") from exc
        rows = parsed.get("claims") if isinstance(parsed, dict) else parsed
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DomainError("JSON must be a list of claim objects.", code="bad_json")
    else:
        reader = csv.DictReader(io.StringIO(content))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise DomainError("The CSV needs a header with a 'text' column.", code="bad_csv")
        rows = list(reader)
    if len(rows) > IMPORT_MAX_ROWS:
        raise DomainError(f"At most {IMPORT_MAX_ROWS} rows per import.", code="too_many_rows")
    return rows


def claims_import(*, article: Article, rows: list[dict], by) -> ImportResult:
    """Add claims from a list, each anchored verbatim in the article's text.

    A row whose ``span_text`` (or, without one, ``text``) is not found word for word in the
    article is rejected with its row number; the other rows are imported.
    """
    if not user_can_review(by):
        raise PermissionDenied("Only reviewers and editors can import claims.")
    result = ImportResult()
    body = article.body
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        taken = set(article.claims.values_list("start", "end"))
        for number, row in enumerate(rows, start=1):
            text = str(row.get("text") or "").strip()
            anchor = str(row.get("span_text") or "").strip() or text
            if not text:
                result.rejected.append((number, "the row has no claim text"))
                continue
            start = _anchor_in(body, anchor, row.get("start"))
            if start is None:
                shown = anchor if len(anchor) <= 80 else anchor[:77] + "…"
                result.rejected.append(
                    (number, f"“{shown}” does not appear verbatim in the article")
                )
                continue
            end = start + len(anchor)
            if (start, end) in taken:
                result.rejected.append((number, "a claim already sits on exactly that text"))
                continue
            kind = str(row.get("kind") or Claim.Kind.STATEMENT)
            if kind not in Claim.Kind.values:
                result.rejected.append((number, f"unknown kind {kind!r}"))
                continue
            try:
                worth = float(row.get("checkworthiness") or 0.5)
            except (TypeError, ValueError):
                worth = -1.0
            if not 0 <= worth <= 1:
                result.rejected.append((number, "checkworthiness must be between 0 and 1"))
                continue
            claim = Claim(
                article=article, text=text, start=start, end=end, span_text=anchor,
                position=0, kind=kind, checkworthiness=worth,
                details={"spans": [[start, end]], "imported": True}, extractor="import",
            )
            claim._history_user = by
            claim.save()
            taken.add((start, end))
            result.created.append(claim)
        claims = list(article.claims.order_by("start", "end"))
        for position, claim in enumerate(claims):
            claim.position = position
        Claim.objects.bulk_update(claims, ["position"])
    return result


def _anchor_in(body: str, anchor: str, hint) -> int | None:
    """Where ``anchor`` stands in ``body``: at the hinted offset if it is there, else first."""
    try:
        start = int(hint) if hint not in (None, "") else None
    except (TypeError, ValueError):
        start = None
    if start is not None and body[start : start + len(anchor)] == anchor:
        return start
    index = body.find(anchor)
    return index if index != -1 else None
