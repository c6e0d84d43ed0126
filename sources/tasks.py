"""Celery tasks of the sources app: archive snapshots on the ``archive`` queue."""

import logging
import random

from celery import shared_task
from django.conf import settings

from sources import selectors, services
from sources.archiving.wayback import WaybackError

logger = logging.getLogger(__name__)


def retry_countdown(retries: int, retry_after: float | None) -> float:
    """Exponential backoff with full jitter, honouring a server's Retry-After."""
    backoff = random.uniform(0, min(600, 5 * 2**retries))
    return max(backoff, retry_after or 0)


@shared_task(
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


@shared_task
def requeue_stuck_snapshots() -> None:
    services.snapshots_requeue_stuck()


@shared_task
def schedule_live_checks() -> None:
    """Beat: enqueue the link-rot check of every source that is due."""
    for source_id in selectors.sources_due_for_live_check():
        check_source_live.delay(source_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def check_source_live(source_id: int) -> None:
    services.source_check_live(source_id=source_id)


WAYBACK_MAX_LOOKS = 20


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=WAYBACK_MAX_LOOKS)
def submit_to_wayback(self, snapshot_id: int) -> None:
    """Submit a succeeded snapshot's URL to Save Page Now and follow the job to its end."""
    try:
        if services.snapshot_wayback_step(snapshot_id=snapshot_id):
            return
        detail = "Save Page Now is still working on it."
    except WaybackError as exc:  # transient: the service wrote nothing
        detail = exc.message
    if self.request.retries >= self.max_retries:
        services.snapshot_wayback_fail(snapshot_id=snapshot_id, detail=f"Gave up: {detail}")
        return
    raise self.retry(countdown=min(60, 5 * (self.request.retries + 1)))
