"""Celery tasks of integrations: send webhook deliveries (thin; the service does the work)."""

import random

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings

from integrations import services

WEBHOOK_MAX_RETRIES = getattr(settings, "WEBHOOK_MAX_RETRIES", 8)


def retry_countdown(retries: int, retry_after: float | None = None) -> float:
    """Exponential backoff (10 s, 20 s, 40 s ... capped at 1 h) with jitter; honours Retry-After."""
    base = min(3600, 10 * 2**retries)
    return max(base / 2 + random.uniform(0, base / 2), retry_after or 0)


@shared_task(
    base=DjangoTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=WEBHOOK_MAX_RETRIES,
    soft_time_limit=settings.WEBHOOK_SOFT_TIME_LIMIT,
    time_limit=settings.WEBHOOK_TIME_LIMIT,
)
def deliver_webhook(self, delivery_id: int) -> None:
    """Sign and POST one delivery; retried with exponential backoff on 5xx/429/timeouts.

    On the ``webhooks`` queue, whose workers do nothing else (``workbench.celery.WORKERS``)."""
    try:
        services.webhook_deliver(delivery_id=delivery_id)
    except services.TransientDeliveryError as exc:
        if self.request.retries >= self.max_retries:
            services.webhook_delivery_fail(
                delivery_id=delivery_id,
                message=f"Gave up after {self.request.retries + 1} attempts: {exc.message}",
            )
            return
        countdown = retry_countdown(self.request.retries, exc.retry_after)
        services.webhook_delivery_schedule_retry(delivery_id=delivery_id, countdown=countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task
def requeue_stuck_deliveries() -> None:
    services.webhook_deliveries_requeue_stuck()
