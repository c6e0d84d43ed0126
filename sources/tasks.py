"""Celery tasks of the sources app: archive snapshots on the ``archive`` queue."""

import logging
import random

from celery import shared_task
from django.conf import settings

from sources import services

logger = logging.getLogger(__name__)


def retry_countdown(retries: int, retry_after: float | None) -> float:
    """Exponential backoff with full jitter, honouring a server's Retry-After."""
    backoff = random.uniform(0, min(600, 5 * 2**retries))  # noqa: S311
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
        if self.request.retries >= self.max_retries:
            services.snapshot_fail(
                snapshot_id=snapshot_id,
                reason=exc.reason,
                message=f"Gave up after {self.request.retries + 1} attempts: {exc.message}",
            )
            return
        raise self.retry(
            exc=exc, countdown=retry_countdown(self.request.retries, exc.retry_after)
        ) from exc


@shared_task
def requeue_stuck_snapshots() -> None:
    services.snapshots_requeue_stuck()
