"""Which capture a snapshot gets: the raw HTTP response, or that page rendered in Chromium.

``ARCHIVE_CAPTURE_MODE``: ``http`` keeps the raw response (the fast path); ``browser``
renders every HTML page; ``auto`` renders an HTML page whose raw main text is shorter than
``ARCHIVE_AUTO_MIN_TEXT`` characters (a page built by JavaScript). The browser is given the
document the raw capture already fetched, so the page itself is fetched once; when the browser
fails, the raw capture is kept and the reason noted on the snapshot.
"""

from __future__ import annotations

import dataclasses
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.storage import default_storage

from sources.archiving.browser import BrowserBudget, BrowserCapture, BrowserFailed, capture_page
from sources.archiving.storage import store_blob
from sources.archiving.text import HTML_TYPES, ExtractedPage
from sources.fetching import FetchError, FetchPolicy, FetchResult
from sources.models import Snapshot

logger = logging.getLogger(__name__)


def capture_reads_text(result: FetchResult, *, mode: str | None = None) -> bool:
    """Whether the capture step itself reads the main text: only when the page may be
    rendered (a browser or auto mode and an HTML page), since ``auto`` decides by the raw
    text's length and the browser's text is the rendered DOM's. Otherwise (the raw ``http``
    mode, any PDF) the text step does it on its own queue."""
    mode = mode or settings.ARCHIVE_CAPTURE_MODE
    return mode != "http" and result.content_type in HTML_TYPES


def wants_browser(result: FetchResult, page: ExtractedPage, *, mode: str | None = None) -> bool:
    mode = mode or settings.ARCHIVE_CAPTURE_MODE
    if mode == "http" or result.content_type not in HTML_TYPES:
        return False
    return mode == "browser" or len(page.text.strip()) < settings.ARCHIVE_AUTO_MIN_TEXT


def browser_capture_apply(
    *, snapshot: Snapshot, result: FetchResult, page: ExtractedPage, warc: bytes
) -> tuple[ExtractedPage, bytes]:
    """Render the page when the capture mode asks for it and record the outcome on
    ``snapshot`` (mode, screenshot, requests, partial reason; the row is not saved here).

    Returns the page text and the WARC to keep: the browser's when it succeeded, else the
    raw capture's ``page`` and ``warc`` unchanged.
    """
    snapshot.capture_mode = Snapshot.CaptureMode.HTTP
    if not wants_browser(result, page):
        return page, warc
    try:
        capture = capture_page(
            result.final_url,
            policy=FetchPolicy.from_settings(),
            budget=BrowserBudget.from_settings(),
            document=result,
            executable=settings.BROWSER_CAPTURE_EXECUTABLE,
            restart_every=settings.BROWSER_RESTART_EVERY,
        )
    except SoftTimeLimitExceeded:
        raise
    except (BrowserFailed, FetchError) as exc:
        snapshot.capture_note = f"Browser capture failed, raw response kept: {exc}"[:2000]
        return page, warc
    except Exception as exc:  # a bug or a browser surprise: the raw capture still stands
        logger.exception("Browser capture of %s failed", result.final_url)
        snapshot.capture_note = f"Browser capture failed, raw response kept: {exc!r}"[:2000]
        return page, warc
    _record(snapshot, capture)
    rendered = dataclasses.replace(
        page, title=capture.title or page.title, text=capture.text or page.text
    )
    return rendered, capture.warc


def _record(snapshot: Snapshot, capture: BrowserCapture) -> None:
    snapshot.capture_mode = Snapshot.CaptureMode.BROWSER
    snapshot.capture_partial = capture.partial_reason[:64]
    snapshot.capture_note = ""
    snapshot.capture_requests = capture.requests_dict()
    if capture.screenshot is not None:
        key, sha = store_blob(default_storage, capture.screenshot.png, prefix="screenshots")
        snapshot.screenshot.name = key
        snapshot.screenshot_sha256 = sha
        snapshot.screenshot_width = capture.screenshot.width
        snapshot.screenshot_height = capture.screenshot.height
