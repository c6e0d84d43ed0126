"""Articles: creating, fetching, saving, and extracting claims that survive edits."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from claims import selectors
from claims.extraction import (
    html_to_text,
    looks_like_html,
    run_extraction,
)
from claims.models import ARTICLE_PUBLISHED_FIELDS, Article, record_history_by
from claims.services.article_input import (
    ArticleDuplicate,
    article_duplicate_of,
    article_size_check,
    article_title_guess,
    text_clean,
    text_readable_check,
)
from claims.services.published import correction_reason, record_reason
from claims.services.reconcile import claims_reconcile
from sources.normalise import url_normalize
from sources.services import FetchedPage, page_fetch
from workbench.errors import DomainError

logger = logging.getLogger(__name__)


EXTRACTION_LEASE = timedelta(minutes=10)


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
    allow_duplicate: bool = False,
) -> Article:
    """Store an article and start claim extraction once the transaction commits.

    ``language``: an ISO 639-1 code the submitter is sure of; blank, it is detected when the
    claims are extracted. The same text again raises ``ArticleDuplicate`` (naming the
    existing article) unless ``allow_duplicate``."""
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
    return article_save(article=article, body=body, by=by, allow_duplicate=allow_duplicate)


def article_create_from_url(
    *, url: str, by=None, title: str = "", allow_duplicate: bool = False, **fields
) -> Article:
    """Fetch an article's page now (the command line's way: nothing is written if the fetch
    fails) and save it as ``article_fetch`` does on the worker."""
    page = page_fetch(url=url)
    article = Article(title=title, url=url_normalize(url), added_by=by, **fields)
    _fill_from_page(article, page)
    return article_save(article=article, body=page.text, by=by, allow_duplicate=allow_duplicate)


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
    try:
        return article_save(article=article, body=page.text, allow_duplicate=True)
    except DomainError as exc:  # too large, nothing readable
        Article.objects.filter(pk=article_id, body="").update(
            extraction_status=Article.ExtractionStatus.FAILED, extraction_error=exc.message
        )
        return None


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
    the spans of claims index what is stored), control characters removed. Over
    ``ARTICLE_MAX_BYTES`` raises ``ArticleTooLarge`` (the one size check of every path)."""
    article_size_check(size=len(body.encode("utf-8", "surrogatepass")))
    return text_clean(html_to_text(body) if looks_like_html(body) else body)


def article_save(
    *,
    article: Article,
    body: str,
    by=None,
    correction_note: str = "",
    language_changed: bool = False,
    allow_duplicate: bool = True,
) -> Article:
    """Save a new or edited article; (re-)extract claims when its body or, set by a reviewer,
    its language changed (the claims are read in that language).

    Published means frozen: what a published ClaimReview shows of the article (its author,
    outlet, URL and date) changes only by an editor's correction (``correction_note``).
    Unless ``allow_duplicate``, a new article whose text is already one raises
    ``ArticleDuplicate``."""
    raw, body = body, article_text(body)
    if not body.strip():
        raise DomainError("The article has no text.", code="empty_article")
    text_readable_check(body)
    _check_published_fields(article, by=by, correction_note=correction_note)
    if not article.title.strip():
        article.title = article_title_guess(raw=raw, text=body)
    if article.pk is None and by is not None:
        article.added_by = by
    new_sha = body_sha256(body)
    if article.pk is None and not allow_duplicate:
        existing = article_duplicate_of(body=body)
        if existing is not None:
            raise ArticleDuplicate(existing)
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
