"""Pages fetched outside archiving: an article submitted by URL (its text), and the link-rot
watch (is a cited page still there, unchanged?)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from sources import selectors
from sources.archiving.text import extract_text
from sources.fetching import FetchError, FetchPolicy, fetch
from sources.models import Source
from sources.normalise import url_normalize
from sources.services.politeness import polite_slot
from workbench.errors import DomainError

# Pages read for their text (an article submitted by URL) --------------------------------


@dataclass(frozen=True)
class FetchedPage:
    url: str
    title: str
    text: str
    published: date | None
    language: str


def page_fetch(*, url: str) -> FetchedPage:
    """Fetch a page through the safe fetcher and extract its main text.

    Raises ``InvalidURL`` or ``DomainError`` (code = the fetcher's reason) with a message a
    reviewer can act on.
    """
    normalised = url_normalize(url)
    try:
        with polite_slot(normalised):
            result = fetch(normalised, policy=FetchPolicy.from_settings())
    except FetchError as exc:
        raise DomainError(f"Could not fetch {normalised}: {exc.message}", code=exc.reason) from exc
    page = extract_text(result.body, result.content_type, result.charset, result.final_url)
    if not page.text.strip():
        raise DomainError(
            f"No article text found at {result.final_url}. {page.note}".strip(), code="no_text"
        )
    return FetchedPage(result.final_url, page.title, page.text, page.published, page.language)


# Link-rot watch -------------------------------------------------------------------------


def source_check_live(*, source_id: int) -> Source | None:
    """Re-fetch a cited source and record whether it is still there and unchanged.

    ok: same content hash as the latest succeeded snapshot; changed: a different hash;
    gone: 404/410 or the name no longer resolves; error: anything else (a later check retries).
    """
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return None
    latest = selectors.snapshot_latest_succeeded(source_id=source.pk)
    try:
        with polite_slot(source.url):
            result = fetch(source.url, policy=FetchPolicy.from_settings())
    except FetchError as exc:
        gone = exc.status in (404, 410) or exc.reason == "dns_failure"
        status = Source.LiveStatus.GONE if gone else Source.LiveStatus.ERROR
        detail = f"{exc.reason}: {exc.message}"
    else:
        if latest is None or latest.sha256 == result.sha256:
            status, detail = Source.LiveStatus.OK, f"HTTP {result.status}, content unchanged"
        else:
            status = Source.LiveStatus.CHANGED
            detail = f"HTTP {result.status}, content hash now {result.sha256[:12]}…"
    source.live_status = status
    source.live_detail = detail[:500]
    source.live_checked_at = timezone.now()
    source.save(update_fields=["live_status", "live_detail", "live_checked_at"])
    return source
