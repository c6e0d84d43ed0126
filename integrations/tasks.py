"""Celery tasks of integrations: send webhook deliveries (thin; the service does the work)."""

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings

from integrations import services

#: kept for callers of the old name: the backoff lives with the delivery rules
retry_countdown = services.webhook_retry_countdown


@shared_task(
    base=DjangoTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.WEBHOOK_MAX_RETRIES,
    soft_time_limit=settings.WEBHOOK_SOFT_TIME_LIMIT,
    time_limit=settings.WEBHOOK_TIME_LIMIT,
)
def deliver_webhook(self, delivery_id: int) -> None:
    """Sign and POST one delivery; retried with exponential backoff on 5xx/429/timeouts.

    On the ``webhooks`` queue, whose workers do nothing else (``workbench.celery.WORKERS``).
    Attempts are counted on the row (across redeliveries and sweeps), not per message."""
    try:
        services.webhook_deliver(delivery_id=delivery_id)
    except services.TransientDeliveryError as exc:
        if exc.attempts > self.max_retries:
            services.webhook_delivery_fail(
                delivery_id=delivery_id,
                message=f"Gave up after {exc.attempts} attempts: {exc.message}",
            )
            return
        raise self.retry(exc=exc, countdown=exc.countdown) from exc


@shared_task
def requeue_stuck_deliveries() -> None:
    services.webhook_deliveries_requeue_stuck()
