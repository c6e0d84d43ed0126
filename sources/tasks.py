"""Celery tasks of the sources app: capture snapshots on the ``archive`` queue, read their
text on the ``text`` queue."""

import logging
from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from sources import selectors, services
from sources.archiving.wayback import WaybackError

logger = logging.getLogger(__name__)


def retry_countdown(retries: int, retry_after: float | None) -> float:
    """Celery's exponential backoff with full jitter (5 s doubling, at most 10 minutes), or a
    server's Retry-After if longer. Not ``retry_backoff``: that cannot honour Retry-After, and
    attempts are counted on the row (across redeliveries and sweeps), not per message."""
    backoff = get_exponential_backoff_interval(
        factor=5, retries=retries, maximum=600, full_jitter=True
    )
    return max(backoff, retry_after or 0)


@shared_task(
    base=DjangoTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.ARCHIVE_MAX_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def archive_snapshot(self, snapshot_id: int) -> None:
    """Fetch and archive one snapshot; a no-op when it is already done or claimed."""
    try:
        services.snapshot_capture(snapshot_id=snapshot_id)
    except services.TransientArchiveError as exc:
        # The row counts attempts across redeliveries and sweeps, not only this message's.
        if exc.attempts > self.max_retries:
            services.snapshot_fail(
                snapshot_id=snapshot_id,
                reason=exc.reason,
                message=f"Gave up after {exc.attempts} attempts: {exc.message}",
            )
            return
        raise self.retry(
            exc=exc, countdown=retry_countdown(exc.attempts, exc.retry_after), max_retries=None
        ) from exc


class _TextTask(DjangoTask):
    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        """Retries spent (storage trouble), or an error: the failure is written to the row."""
        snapshot_id = kwargs.get("snapshot_id", args[0] if args else None)
        if snapshot_id is None:
            return
        reason = "storage_error" if isinstance(exc, OSError) else "text_error"
        services.snapshot_text_fail(
            snapshot_id=snapshot_id, reason=reason, message=f"Text extraction failed: {exc}"
        )


@shared_task(
    base=_TextTask,
    acks_late=True,
    reject_on_worker_lost=True,
    # storage trouble reading the body (a vanished or unreadable media folder): try again
    autoretry_for=(OSError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=settings.ARCHIVE_MAX_RETRIES,
    soft_time_limit=settings.TEXT_SOFT_TIME_LIMIT,
    time_limit=settings.TEXT_TIME_LIMIT,
)
def extract_snapshot_text(snapshot_id: int) -> None:
    """The text step of a captured snapshot (main text, language; evidence follows through
    ``snapshot_text_ready``); a no-op unless its text is pending. On the ``text`` queue."""
    try:
        services.snapshot_text_extract(snapshot_id=snapshot_id)
    except SoftTimeLimitExceeded:
        services.snapshot_text_fail(
            snapshot_id=snapshot_id,
            reason="text_timeout",
            message=f"Text extraction ran out of time ({settings.TEXT_SOFT_TIME_LIMIT} s).",
        )


@shared_task
def requeue_stuck_snapshots() -> None:
    """Beat: captures and text steps whose lease ran out are queued again."""
    services.snapshots_requeue_stuck()
    services.snapshots_requeue_text()


@shared_task
def schedule_live_checks() -> None:
    """Beat: enqueue the link-rot check of every source that is due."""
    for source_id in selectors.sources_due_for_live_check():
        check_source_live.delay(source_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def check_source_live(source_id: int) -> None:
    services.source_check_live(source_id=source_id)


WAYBACK_MAX_LOOKS = 20


class WaybackPending(Exception):
    """Save Page Now is still working on it: look again later."""

    def __str__(self) -> str:
        return "Save Page Now is still working on it."


class _WaybackTask(DjangoTask):
    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        """Retries exhausted: the final failure is written to the snapshot."""
        snapshot_id = kwargs.get("snapshot_id", args[0] if args else None)
        if snapshot_id is not None:
            services.snapshot_wayback_fail(snapshot_id=snapshot_id, detail=f"Gave up: {exc}")


@shared_task(
    base=_WaybackTask,
    acks_late=True,
    reject_on_worker_lost=True,
    # Transient trouble (the service wrote nothing) and a pending job are retried by Celery:
    # after 5, 10, 20, 40, then every 60 seconds, at most WAYBACK_MAX_LOOKS times.
    autoretry_for=(WaybackError, WaybackPending),
    retry_backoff=5,
    retry_backoff_max=60,
    retry_jitter=False,
    max_retries=WAYBACK_MAX_LOOKS,
)
def submit_to_wayback(snapshot_id: int) -> None:
    """Submit a succeeded snapshot's URL to Save Page Now and follow the job to its end."""
    if not services.snapshot_wayback_step(snapshot_id=snapshot_id):
        raise WaybackPending()
