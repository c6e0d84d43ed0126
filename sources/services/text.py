"""The text step of archiving: a captured snapshot's main text and language, on the ``text``
queue (docs/archiving.md, "Life of a snapshot").

The capture step (``snapshot_capture``) ends with the snapshot ``succeeded`` and
``text_status = "pending"``: its bytes, WARC and hash are archived and shown at once. This
step reads the stored body, extracts the main text (trafilatura; PDFs in their bounded child
process), detects the language, and writes them with one conditional UPDATE
(``WHERE text_status = 'pending'``): a redelivered or duplicated message either finds nothing
pending and returns, or loses that UPDATE and writes nothing. Then ``snapshot_text_ready`` is
sent, after the commit, and the claims that cite the source get their evidence.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.message import Message
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from sources import events, selectors
from sources.archiving.text import ExtractedPage, extract_text
from sources.models import Snapshot
from workbench.db import commit_without_flush_crash_unsafe
from workbench.events import send_on_commit
from workbench.langid import language_of

logger = logging.getLogger(__name__)


def text_fields(page: ExtractedPage) -> dict[str, Any]:
    """The snapshot's columns the text step writes, from an extracted page."""
    now = timezone.now()
    if page.failure:  # a PDF that cannot be read within its limits (docs/archiving.md, "PDFs")
        return {
            "title": "",
            "text": "",
            "page_starts": [],
            "published": None,
            "language": "",
            "text_status": Snapshot.TextStatus.FAILED,
            "text_reason": page.failure[:64],
            "text_message": page.note,
            "text_finished_at": now,
        }
    has_text = bool(page.text.strip())
    return {
        "title": page.title,
        "text": page.text,
        "page_starts": list(page.page_starts),
        "published": page.published,
        "language": language_of(page.text) if has_text else "",
        "text_status": Snapshot.TextStatus.DONE if has_text else Snapshot.TextStatus.NO_TEXT,
        "text_reason": "" if has_text else "no_text",
        "text_message": page.note,
        "text_finished_at": now,
    }


def snapshot_text_enqueue(snapshot_id: int) -> None:
    """The text step of a captured snapshot, after the capture's commit."""
    from sources.tasks import extract_snapshot_text

    extract_snapshot_text.delay_on_commit(snapshot_id)


def snapshot_text_announce(snapshot: Snapshot) -> None:
    """``snapshot_text_ready`` after commit, from the row in hand (no read back)."""
    arguments = events.snapshot_text_ready_arguments_of(snapshot)
    send_on_commit(events.snapshot_text_ready, Snapshot, lambda: arguments)


def charset_of(headers: list[list[str]]) -> str | None:
    """The charset of the stored response's ``Content-Type`` header, if it names one."""
    for name, value in headers or ():
        if name.lower() == "content-type":
            message = Message()
            message["content-type"] = value
            charset = message.get_param("charset")
            return str(charset).strip().lower() if isinstance(charset, str) and charset else None
    return None


#: what the text step reads of the row: what the extraction needs, and what the evidence
#: finder reads of the row in hand besides the fields the step writes (``snapshot_text_ready``,
#: ``claims.services.evidence``). Its source is read only if the row has no final URL.
_TEXT_STEP_READS = (
    "status",
    "text_status",
    "created_at",
    "source_id",
    "body",
    "content_type",
    "response_headers",
    "final_url",
)


def snapshot_text_extract(*, snapshot_id: int) -> Snapshot | None:
    """Extract the main text of a captured snapshot; None when there is nothing to do (not
    captured, text already settled, or another worker settled it meanwhile).

    An ``OSError`` reading the stored body (storage trouble) propagates: the task retries it
    and records the final failure (``snapshot_text_fail``).
    """
    snapshot = (
        Snapshot.objects.filter(
            pk=snapshot_id,
            status=Snapshot.Status.SUCCEEDED,
            text_status=Snapshot.TextStatus.PENDING,
        )
        .only(*_TEXT_STEP_READS)
        .first()
    )
    if snapshot is None:
        return None
    body = b""
    if snapshot.body.name:
        with default_storage.open(snapshot.body.name, "rb") as handle:
            body = handle.read()
    page = extract_text(
        body,
        snapshot.content_type,
        charset_of(snapshot.response_headers),
        snapshot.final_url or snapshot.source.url,
    )
    return _settle(snapshot, text_fields(page))


def snapshot_text_fail(*, snapshot_id: int, reason: str, message: str) -> Snapshot | None:
    """Record that the text step gave up (retries spent, out of time); the capture stands."""
    snapshot = Snapshot.objects.select_related("source").filter(pk=snapshot_id).first()
    if snapshot is None:
        return None
    fields = {
        "text_status": Snapshot.TextStatus.FAILED,
        "text_reason": reason[:64],
        "text_message": message,
        "text_finished_at": timezone.now(),
    }
    return _settle(snapshot, fields)


def _settle(snapshot: Snapshot, fields: dict[str, Any]) -> Snapshot | None:
    """pending -> done / no_text / failed, once: the conditional UPDATE, then the event.

    Its commit does not wait for the disk: lost in a database crash, the row is pending again
    and the sweep re-enqueues it; the evidence written after it (its event) is committed the
    same way, and the next synchronous commit flushes both (docs/archiving.md)."""
    updated = Snapshot.objects.filter(
        commit_without_flush_crash_unsafe(),
        pk=snapshot.pk,
        status=Snapshot.Status.SUCCEEDED,
        text_status=Snapshot.TextStatus.PENDING,
    ).update(**fields, lease_expires_at=None)
    if not updated:
        return None
    for name, value in fields.items():
        setattr(snapshot, name, value)
    snapshot.lease_expires_at = None
    snapshot_text_announce(snapshot)
    return snapshot


def snapshots_requeue_text(*, now: datetime | None = None) -> list[int]:
    """Re-enqueue the text step of captured snapshots whose text lease ran out (a text worker
    died, a message was lost); the lease is renewed first so the next sweep leaves them be."""
    now = now or timezone.now()
    requeued = []
    for snapshot_id in selectors.snapshots_text_stuck(now=now):
        renewed = Snapshot.objects.filter(
            pk=snapshot_id,
            status=Snapshot.Status.SUCCEEDED,
            text_status=Snapshot.TextStatus.PENDING,
            lease_expires_at__lt=now,
        ).update(lease_expires_at=now + settings.TEXT_LEASE)
        if renewed:
            snapshot_text_enqueue(snapshot_id)
            requeued.append(snapshot_id)
    if requeued:
        logger.info("Re-enqueued the text step of %d snapshots: %s", len(requeued), requeued)
    return requeued
