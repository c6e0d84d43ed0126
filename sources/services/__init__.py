"""Write-side of sources: register cited URLs and archive them.

Services validate, write inside a transaction and enqueue work after commit. The Celery tasks
in ``sources.tasks`` are thin wrappers around ``snapshot_capture``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from sources import events, selectors
from sources.archiving.storage import store_blob
from sources.archiving.text import extract_text
from sources.archiving.warc import build_warc
from sources.fetching import Blocked, FetchFailed, FetchPolicy, FetchResult, fetch
from sources.models import Snapshot, Source
from sources.normalise import InvalidURL, url_domain, url_normalize
from sources.services.capture import browser_capture_apply, capture_reads_text
from sources.services.claim import snapshot_claim, snapshot_outcome_save
from sources.services.pages import FetchedPage, page_fetch, source_check_live
from sources.services.politeness import _redis, polite_slot
from sources.services.text import (
    snapshot_text_announce,
    snapshot_text_enqueue,
    snapshot_text_extract,
    snapshot_text_fail,
    snapshots_requeue_text,
    text_fields,
)
from sources.services.wayback import snapshot_wayback_fail, snapshot_wayback_step
from workbench.events import send_on_commit

logger = logging.getLogger(__name__)

__all__ = [
    "FetchedPage",
    "InvalidURL",
    "TransientArchiveError",
    "_redis",
    "page_fetch",
    "polite_slot",
    "snapshot_capture",
    "snapshot_fail",
    "snapshot_request",
    "snapshot_text_extract",
    "snapshot_text_fail",
    "snapshot_wayback_fail",
    "snapshot_wayback_step",
    "snapshots_requeue_stuck",
    "snapshots_requeue_text",
    "source_archive_retry",
    "source_check_live",
    "source_get_or_create",
]


@dataclass
class TransientArchiveError(Exception):
    """The fetch failed in a way worth retrying (timeout, 5xx, 429...)."""

    reason: str
    message: str
    retry_after: float | None = None
    attempts: int = 1

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


def source_get_or_create(*, url: str, by=None) -> tuple[Source, bool]:
    """The one Source row for ``url`` once normalised, and whether it was created now;
    raises ``InvalidURL`` for junk.

    Insert first, in one statement (``INSERT … ON CONFLICT (url) DO NOTHING RETURNING id``):
    a URL cited for the first time, the usual case, costs one round trip instead of
    ``get_or_create``'s four (look-up, savepoint, insert, release). A row another transaction
    is inserting makes the statement wait for that transaction; once it commits, the insert
    does nothing and the row is read, so two reviewers citing a new URL at once still get one
    source between them."""
    normalised = url_normalize(url)
    source = Source(url=normalised, domain=url_domain(normalised), created_by=by)
    if connection.features.can_return_columns_from_insert:
        values = [f.get_db_prep_save(f.pre_save(source, True), connection) for f in _SOURCE_FIELDS]
        with connection.cursor() as cursor:
            cursor.execute(_SOURCE_INSERT_SQL, values)
            row = cursor.fetchone()
        if row is not None:
            source.pk = row[0]
            source._state.adding, source._state.db = False, connection.alias
            return source, True
    return Source.objects.get_or_create(
        url=normalised, defaults={"domain": source.domain, "created_by": by}
    )


_SOURCE_FIELDS = [f for f in Source._meta.concrete_fields if f.attname != "id"]
#: a new source in one statement, nothing when the URL is known (``source_get_or_create``);
#: names from the model, every value a parameter
_SOURCE_INSERT_SQL = (
    f"INSERT INTO {Source._meta.db_table} ({', '.join(str(f.column) for f in _SOURCE_FIELDS)}) "
    f"VALUES ({', '.join(['%s'] * len(_SOURCE_FIELDS))}) "
    f"ON CONFLICT ({Source._meta.get_field('url').column}) DO NOTHING "
    f"RETURNING {Source._meta.pk.column}"
)


def snapshot_request(
    *, source: Source, by=None, new_source: bool = False, unless_archived: bool = False
) -> Snapshot:
    """Queue an archive of ``source``; an already queued or running snapshot is reused.

    ``unless_archived``: a succeeded snapshot is reused too (a citation needs an archive, not
    a new one). Checked under the source's lock in one look-up, so a capture that succeeds
    meanwhile is seen as either running or succeeded, never as neither.
    ``new_source``: the source row was created in the caller's still open transaction, so no
    other transaction can see it, let alone have a snapshot of it: no lock, no look-up.
    """
    reusable = [*Snapshot.ACTIVE_STATUSES]
    if unless_archived:
        reusable.append(Snapshot.Status.SUCCEEDED)
    # A new source is only ever requested inside the transaction that created it: no
    # savepoint either (an error there undoes that whole transaction anyway).
    with transaction.atomic(savepoint=not new_source):
        if not new_source:
            Source.objects.select_for_update().filter(pk=source.pk).first()
            existing = source.snapshots.filter(status__in=reusable).first()
            if existing is not None:
                return existing
        snapshot = Snapshot.objects.create(
            source=source,
            requested_by=by,
            lease_expires_at=timezone.now() + settings.ARCHIVE_LEASE,
        )
        _enqueue_archive(snapshot.pk)
    return snapshot


def _enqueue_archive(snapshot_id: int) -> None:
    from sources.tasks import archive_snapshot

    archive_snapshot.delay_on_commit(snapshot_id)


def snapshot_capture(*, snapshot_id: int) -> Snapshot | None:
    """Fetch and archive one snapshot. Returns None when there was nothing to do.

    The row is claimed with a conditional update (queued -> fetching), so a redelivered or
    duplicated task never produces a second capture. Permanent failures are written to the
    row; transient ones put it back in the queue and raise ``TransientArchiveError`` so the
    task can retry with backoff.
    """
    snapshot = snapshot_claim(snapshot_id)
    if snapshot is None:
        return None
    try:
        with polite_slot(snapshot.source.url):
            result = fetch(snapshot.source.url, policy=FetchPolicy.from_settings())
    except Blocked as exc:
        return _snapshot_finish_error(snapshot, Snapshot.Status.BLOCKED, exc.reason, exc.message)
    except FetchFailed as exc:
        if exc.transient:
            _snapshot_requeue(snapshot, exc.reason, exc.message)
            raise TransientArchiveError(
                exc.reason, exc.message, exc.retry_after, snapshot.attempts
            ) from exc
        if exc.result is not None:
            _apply_response(snapshot, exc.result)
        snapshot.http_status = exc.status or snapshot.http_status
        return _snapshot_finish_error(snapshot, Snapshot.Status.FAILED, exc.reason, exc.message)
    except SoftTimeLimitExceeded as exc:
        _snapshot_requeue(snapshot, "time_limit", "The archive task ran out of time.")
        raise TransientArchiveError(
            "time_limit", "The archive task ran out of time.", None, snapshot.attempts
        ) from exc
    try:
        return _snapshot_succeed(snapshot, result)
    except OSError as exc:
        # Storage trouble (disk full, read-only or vanished media folder): the row goes back
        # to the queue with the reason, and the task retries like any transient failure. A
        # claimed row is never left in "fetching" for the lease sweep to find.
        message = f"Could not store the capture: {exc}"
        _snapshot_requeue(snapshot, "storage_error", message)
        raise TransientArchiveError("storage_error", message, None, snapshot.attempts) from exc
    except SoftTimeLimitExceeded as exc:
        _snapshot_requeue(snapshot, "time_limit", "The archive task ran out of time.")
        raise TransientArchiveError(
            "time_limit", "The archive task ran out of time.", None, snapshot.attempts
        ) from exc
    except Exception as exc:  # a bug: record it on the row rather than leave it claimed
        logger.exception("Archiving snapshot %s failed unexpectedly", snapshot.pk)
        message = f"Unexpected error while archiving: {type(exc).__name__}: {exc}"
        return _snapshot_finish_error(snapshot, Snapshot.Status.FAILED, "archive_error", message)


def _apply_response(snapshot: Snapshot, result: FetchResult) -> None:
    snapshot.http_status = result.status
    snapshot.final_url = result.final_url[:2048]
    snapshot.redirect_chain = [
        {"url": hop.url, "status": hop.status, "location": hop.location, "ip": hop.ip}
        for hop in result.chain
    ]
    snapshot.response_headers = [[name, value] for name, value in result.headers]
    snapshot.content_type = result.content_type[:255]
    snapshot.timings = dict(result.timings)


def _snapshot_succeed(snapshot: Snapshot, result: FetchResult) -> Snapshot:
    """The capture step's outcome: bytes, WARC, hashes and (browser) screenshot, one row
    UPDATE; the main text is the text step's (``sources.services.text``), on its own queue,
    unless this capture had to read it (``capture_reads_text``: a browser or auto mode)."""
    _apply_response(snapshot, result)
    warc_bytes = build_warc(result)
    page = None
    snapshot.capture_mode = Snapshot.CaptureMode.HTTP
    if capture_reads_text(result):
        page = extract_text(result.body, result.content_type, result.charset, result.final_url)
        # ARCHIVE_CAPTURE_MODE: the page rendered in Chromium (text, WARC, screenshot) or as is
        page, warc_bytes = browser_capture_apply(
            snapshot=snapshot, result=result, page=page, warc=warc_bytes
        )
    # Files first, then the row: blobs are content-addressed, so a failure in between leaves
    # at most an unreferenced file that the next capture of the same bytes reuses.
    body_key, body_sha = store_blob(default_storage, result.body, prefix="bodies")
    warc_key, warc_sha = store_blob(default_storage, warc_bytes, prefix="warcs")
    snapshot.size = len(result.body)
    snapshot.sha256 = body_sha
    snapshot.body.name = body_key
    snapshot.warc.name = warc_key
    snapshot.warc_sha256 = warc_sha
    snapshot.status = Snapshot.Status.SUCCEEDED
    snapshot.finished_at = timezone.now()
    snapshot.error_reason = snapshot.error_message = ""
    if page is None:  # the text step's lease starts now (the sweep re-enqueues it past it)
        snapshot.text_status = Snapshot.TextStatus.PENDING
        lease = snapshot.finished_at + settings.TEXT_LEASE
    else:
        for name, value in text_fields(page).items():
            setattr(snapshot, name, value)
        lease = None
    if snapshot_outcome_save(snapshot, lease=lease):
        if page is None:
            snapshot_text_enqueue(snapshot.pk)
        else:
            snapshot_text_announce(snapshot)
        if settings.WAYBACK_SPN_ENABLED:
            from sources.tasks import submit_to_wayback

            submit_to_wayback.delay_on_commit(snapshot.pk)
    return snapshot


def _snapshot_finish_error(snapshot: Snapshot, status: str, reason: str, message: str) -> Snapshot:
    snapshot.status = status
    snapshot.text_status = Snapshot.TextStatus.NONE  # nothing captured to read
    snapshot.error_reason = reason[:64]
    snapshot.error_message = message
    snapshot.finished_at = timezone.now()
    snapshot_outcome_save(snapshot)
    return snapshot


def _announce_finished(snapshot_id: int) -> None:
    """``snapshot_finished`` after commit: claims look for evidence, integrations notify."""
    send_on_commit(
        events.snapshot_finished, Snapshot, lambda: events.snapshot_finished_arguments(snapshot_id)
    )


def _snapshot_requeue(snapshot: Snapshot, reason: str, message: str) -> None:
    Snapshot.objects.filter(pk=snapshot.pk, status=Snapshot.Status.FETCHING).update(
        status=Snapshot.Status.QUEUED,
        error_reason=reason[:64],
        error_message=f"Will retry: {message}",
        lease_expires_at=timezone.now() + settings.ARCHIVE_LEASE,
    )


def snapshot_fail(*, snapshot_id: int, reason: str, message: str) -> None:
    """Record the final failure of a snapshot whose retries are exhausted."""
    failed = Snapshot.objects.filter(pk=snapshot_id, status__in=Snapshot.ACTIVE_STATUSES).update(
        status=Snapshot.Status.FAILED,
        error_reason=reason[:64],
        error_message=message,
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
    if failed:
        _announce_finished(snapshot_id)


def snapshots_requeue_stuck(*, now: datetime | None = None) -> list[int]:
    """Re-enqueue snapshots whose lease ran out (a worker died, a message was lost)."""
    now = now or timezone.now()
    stuck = selectors.snapshots_stuck(now=now)
    requeued = []
    for snapshot_id in stuck:
        with transaction.atomic():
            updated = Snapshot.objects.filter(
                pk=snapshot_id, status__in=Snapshot.ACTIVE_STATUSES, lease_expires_at__lt=now
            ).update(status=Snapshot.Status.QUEUED, lease_expires_at=now + settings.ARCHIVE_LEASE)
            if updated:
                _enqueue_archive(snapshot_id)
                requeued.append(snapshot_id)
    if requeued:
        logger.info("Re-enqueued %d stuck snapshots: %s", len(requeued), requeued)
    return requeued


def source_archive_retry(*, source_id: int, by=None) -> Snapshot:
    """Archive a source again now, under the current settings (a reviewer's Retry after a
    failure or a block, say once the allow-list permits the host). A snapshot already queued
    or running is reused; ``by`` is recorded on the snapshot as who asked."""
    source = Source.objects.get(pk=source_id)
    return snapshot_request(source=source, by=by)
