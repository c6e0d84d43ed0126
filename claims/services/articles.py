"""Articles: creating, fetching, saving, and extracting claims that survive edits."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from claims import selectors
from claims.extraction import (
    EXTRACTOR_VERSION,
    ExtractedClaim,
    html_to_text,
    looks_like_html,
    run_extraction,
)
from claims.models import ARTICLE_PUBLISHED_FIELDS, Article, Claim, record_history_by
from claims.services.published import correction_reason, record_reason
from claims.services.triage import claims_group_near_copies, claims_score
from sources.normalise import url_normalize
from sources.services import FetchedPage, page_fetch
from workbench.errors import DomainError

logger = logging.getLogger(__name__)


EXTRACTION_LEASE = timedelta(minutes=10)
PARKED_OFFSET = 1_000_000_000


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# Articles and extraction ------------------------------------------------------------------


# The reading view shows why each stretch was not taken; past this many, the rest are left out.
MAX_NOT_CLAIMS = 5000


def article_create(
    *,
    title: str,
    body: str,
    by=None,
    url: str = "",
    outlet: str = "",
    author: str = "",
    published_on: date | None = None,
    language: str = "",
) -> Article:
    """Store an article and start claim extraction once the transaction commits.

    ``language``: an ISO 639-1 code the submitter is sure of; blank, it is detected when the
    claims are extracted."""
    language = language.strip().lower()
    article = Article(
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published_on=published_on,
        language=language,
        language_by_reviewer=bool(language),
    )
    return article_save(article=article, body=body, by=by)


def article_create_from_url(*, url: str, by=None, title: str = "", **fields) -> Article:
    """Fetch an article's page now (the command line's way: nothing is written if the fetch
    fails) and save it as ``article_fetch`` does on the worker."""
    page = page_fetch(url=url)
    article = Article(title=title, url=url_normalize(url), added_by=by, **fields)
    _fill_from_page(article, page)
    return article_save(article=article, body=page.text, by=by)


def article_submit_url(*, url: str, by=None, title: str = "", **fields) -> Article:
    """Queue an article to be fetched from its URL; its text, then its claims, follow on the
    worker (``article_fetch``). The API's and the admin's way: they answer at once."""
    return article_fetch_request(article=Article(title=title, url=url, **fields), by=by)


def article_fetch_request(*, article: Article, by=None) -> Article:
    """Save a new article that has only its URL, and fetch its page on the worker after
    commit (``claims.tasks.fetch_article``)."""
    from claims.tasks import fetch_article

    article.url = url_normalize(article.url)
    article.title = article.title or article.url
    article.body = ""
    article.extraction_status = Article.ExtractionStatus.FETCHING
    if by is not None:
        article.added_by = by
    with transaction.atomic():
        article.save()
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
    _fill_from_page(article, page)
    return article_save(article=article, body=page.text)


def _fill_from_page(article: Article, page: FetchedPage) -> None:
    """What a fetched page says about the article, where the submitter said nothing."""
    if not article.title or article.title == article.url:
        article.title = page.title or article.title
    article.url = page.url
    article.published_on = article.published_on or page.published
    if not article.language_by_reviewer:  # the page's own declaration, until extraction
        article.language = (page.language or article.language or "")[:16]


def article_text(body: str) -> str:
    """The text an article keeps of ``body``: pasted HTML is reduced to its main text (once;
    the spans of claims index what is stored)."""
    return html_to_text(body) if looks_like_html(body) else body


def article_save(
    *,
    article: Article,
    body: str,
    by=None,
    correction_note: str = "",
    language_changed: bool = False,
) -> Article:
    """Save a new or edited article; (re-)extract claims when its body or, set by a reviewer,
    its language changed (the claims are read in that language).

    Published means frozen: what a published ClaimReview shows of the article (its author,
    outlet, URL and date) changes only by an editor's correction (``correction_note``)."""
    body = article_text(body)
    if not body.strip():
        raise DomainError("The article has no text.", code="empty_article")
    _check_published_fields(article, by=by, correction_note=correction_note)
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
        if body_changed or language_changed:
            article_request_extraction(article=article)
    return article


def _check_published_fields(article: Article, *, by, correction_note: str) -> None:
    if article.pk is None:
        return
    stored = Article.objects.filter(pk=article.pk).values(*ARTICLE_PUBLISHED_FIELDS).first()
    if stored is None:
        return
    changed = [name for name in ARTICLE_PUBLISHED_FIELDS if getattr(article, name) != stored[name]]
    if changed and selectors.article_has_published_claims(article):
        what = "The article's " + " and ".join(changed).replace("published_on", "date")
        record_reason(article, correction_reason(by=by, note=correction_note, what=what))
    if by is not None:
        record_history_by(article, by)


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
    language = article.language if article.language_by_reviewer else None
    try:
        extraction = run_extraction(article.body, backend=backend, language=language)
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
        claims_reconcile(
            article=article, extracted=extraction.claims, extractor=extraction.extractor
        )
        article.extraction_status = Article.ExtractionStatus.DONE
        article.extracted_at = timezone.now()
        article.extracted_sha256 = article.body_sha256
        article.extractor = extraction.extractor
        article.extraction_error = ""
        article.not_claims = [d.as_dict() for d in extraction.dropped[:MAX_NOT_CLAIMS]]
        if not article.language_by_reviewer:
            article.language = extraction.language
        article.save(
            update_fields=[
                "extraction_status",
                "extracted_at",
                "extracted_sha256",
                "extractor",
                "extraction_error",
                "language",
                "not_claims",
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
