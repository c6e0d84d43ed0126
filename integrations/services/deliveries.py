"""Sending webhook deliveries: signed POSTs under the fetch policy with short timeouts, one at
a time per endpoint, retried with backoff, and a circuit breaker that pauses an endpoint after
repeated failures. ``integrations.tasks.deliver_webhook`` calls ``webhook_deliver``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from integrations import selectors
from integrations.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Workbench-Signature"
EVENT_HEADER = "X-Workbench-Event"
DELIVERY_HEADER = "X-Workbench-Delivery"
#: a receiver should refuse signatures older than this (documented in docs/api.md)
SIGNATURE_TOLERANCE = timedelta(minutes=5)
DELIVERY_LEASE = timedelta(minutes=5)

#: refusals whose fetcher message could name internal addresses, said as their reason class
URL_REFUSALS = {
    "address_not_allowed": "its host resolves to a non-public address.",
    "dns_failure": "its host name does not resolve (check the URL).",
}


# Delivery ----------------------------------------------------------------------------------


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``f"{timestamp}.".encode() + body`` under the endpoint's secret."""
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def webhook_signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={webhook_signature(secret, timestamp, body)}"


def webhook_signature_verify(
    secret: str, header: str, body: bytes, *, now: float | None = None
) -> bool:
    """What a receiver does (also used by our tests)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > SIGNATURE_TOLERANCE.total_seconds():
        return False
    return hmac.compare_digest(parts.get("v1", ""), webhook_signature(secret, timestamp, body))


@dataclass
class TransientDeliveryError(Exception):
    """The receiver did not take the delivery (5xx, 429, timeout...); worth retrying.

    ``attempts`` counts the delivery's attempts on its row (across redeliveries and sweeps);
    the retry, ``countdown`` seconds from now, is already written to the row."""

    message: str
    attempts: int = 1
    countdown: float = 0.0

    def __str__(self) -> str:
        return self.message


#: the longest wait before a retry, whatever the receiver's Retry-After says
RETRY_MAX_SECONDS = 3600


def webhook_retry_countdown(retries: int, retry_after: float | None = None) -> float:
    """Exponential backoff (10 s, 20 s, 40 s ... capped at 1 h) with jitter; honours
    ``Retry-After`` up to the same hour."""
    base = min(RETRY_MAX_SECONDS, 10 * 2 ** min(retries, 20))
    wait = max(base / 2 + random.uniform(0, base / 2), retry_after or 0)
    return min(wait, RETRY_MAX_SECONDS)


def webhook_policy() -> Any:
    """The fetch policy of deliveries (and of registration): the project's, with short timeouts,
    so that a slow receiver holds a webhook worker for ``WEBHOOK_DEADLINE`` seconds at most."""
    from sources.fetching import FetchPolicy

    return dataclasses.replace(
        FetchPolicy.from_settings(),
        connect_timeout=settings.WEBHOOK_CONNECT_TIMEOUT,
        read_timeout=settings.WEBHOOK_READ_TIMEOUT,
        deadline=settings.WEBHOOK_DEADLINE,
    )


def webhook_body(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": delivery.pk,
        "event": delivery.event,
        "created_at": delivery.created_at,
        "data": delivery.payload,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, separators=(",", ":")).encode("utf-8")


_WAITING = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING)


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one delivery. Returns None when there was nothing to send now: the delivery is done,
    gone or claimed, or its endpoint is busy or paused (then it waits and is sent later).

    - **One at a time per endpoint**: the endpoint's lease (``busy_until``) is taken with a
      conditional update; a delivery that finds it taken waits, and whoever holds it enqueues
      the endpoint's next due delivery when done (``_hand_over``). A slow receiver therefore
      holds one webhook worker, never all of them.
    - **Circuit breaker**: ``WEBHOOK_BREAKER_FAILURES`` failed attempts in a row pause the
      endpoint (``paused_until``, said in the admin); nothing is sent to it until the pause
      ends (the beat sweep then wakes it) or someone resumes it in the admin.
    - The delivery row is claimed with a conditional update, so a redelivered task never sends
      twice. A 2xx answer succeeds; a 4xx (except 408/429) or a refused URL fails for good;
      anything else raises ``TransientDeliveryError`` after recording the attempt and when to
      retry, for the task to retry.
    """
    endpoint_id = (
        WebhookDelivery.objects.filter(pk=delivery_id, status__in=_WAITING)
        .values_list("endpoint_id", flat=True)
        .first()
    )
    if endpoint_id is None:
        return None
    now = timezone.now()
    if not _endpoint_take(endpoint_id, now):
        _endpoint_wait(delivery_id, endpoint_id, now)
        return None
    try:
        return _send(delivery_id)
    finally:
        WebhookEndpoint.objects.filter(pk=endpoint_id).update(busy_until=None)
        _hand_over(endpoint_id)


def _endpoint_lease() -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_TIME_LIMIT + 30)


def _endpoint_take(endpoint_id: int, now) -> bool:
    """Take the endpoint's lease if nobody holds it and it is not paused."""
    return bool(
        WebhookEndpoint.objects.filter(pk=endpoint_id)
        .filter(Q(busy_until__isnull=True) | Q(busy_until__lt=now))
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lte=now))
        .update(busy_until=now + _endpoint_lease())
    )


def _endpoint_wait(delivery_id: int, endpoint_id: int, now) -> None:
    """The endpoint is busy (its holder hands over) or paused (wait for the pause to end)."""
    paused_until = (
        WebhookEndpoint.objects.filter(pk=endpoint_id, paused_until__gt=now)
        .values_list("paused_until", flat=True)
        .first()
    )
    if paused_until is not None:
        WebhookDelivery.objects.filter(pk=delivery_id, status__in=_WAITING).update(
            next_attempt_at=paused_until
        )


def _hand_over(endpoint_id: int) -> None:
    """Enqueue the endpoint's next due delivery, if it may be sent now."""
    from integrations.tasks import deliver_webhook

    now = timezone.now()
    if WebhookEndpoint.objects.filter(pk=endpoint_id, paused_until__gt=now).exists():
        return
    next_id = selectors.webhook_delivery_next_due(endpoint_id=endpoint_id, now=now)
    if next_id is not None:
        deliver_webhook.delay_on_commit(next_id)


def _send(delivery_id: int) -> WebhookDelivery | None:
    from sources.fetching.post import PostFailed, post

    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, status__in=_WAITING).update(
        status=WebhookDelivery.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
        next_attempt_at=now + DELIVERY_LEASE,
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        return _finish(delivery, WebhookDelivery.Status.FAILED, error="The endpoint is disabled.")
    body = webhook_body(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: webhook_signature_header(endpoint.secret, timestamp, body),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }
    try:
        answer = post(endpoint.url, body=body, headers=headers, policy=webhook_policy())
    except PostFailed as exc:
        if exc.reason in URL_REFUSALS:  # the reason class for the integration; detail in logs
            logger.info("Webhook delivery %s to %s: %s", delivery.pk, endpoint.url, exc)
            error = f"{exc.reason}: {URL_REFUSALS[exc.reason]}"
        else:
            error = str(exc)
        _breaker_failed(endpoint, error)
        if not exc.transient:
            return _finish(delivery, WebhookDelivery.Status.FAILED, error=error)
        raise _retry_later(delivery, error, None)  # noqa: B904 - the reason is in ``error``
    fields = {
        "response_status": answer.status,
        "response_body": answer.body_text,
        "duration_ms": answer.duration_ms,
    }
    if 200 <= answer.status < 300:
        _breaker_ok(endpoint)
        return _finish(delivery, WebhookDelivery.Status.SUCCEEDED, **fields)
    message = f"The endpoint answered {answer.status}."
    _breaker_failed(endpoint, message)
    if answer.status >= 500 or answer.status in (408, 425, 429):
        raise _retry_later(delivery, message, answer.retry_after, **fields)
    return _finish(delivery, WebhookDelivery.Status.FAILED, error=message, **fields)


def _retry_later(
    delivery: WebhookDelivery, message: str, retry_after: float | None, **fields: Any
) -> TransientDeliveryError:
    """Record a failed attempt worth retrying, and when; the error for the task to raise."""
    countdown = webhook_retry_countdown(delivery.attempts - 1, retry_after)
    next_attempt_at = timezone.now() + timedelta(seconds=countdown)
    _finish(
        delivery,
        WebhookDelivery.Status.RETRYING,
        error=message,
        next_attempt_at=next_attempt_at,
        **fields,
    )
    return TransientDeliveryError(message, attempts=delivery.attempts, countdown=countdown)


def _finish(delivery: WebhookDelivery, status: str, **fields: Any) -> WebhookDelivery:
    now = timezone.now()
    values: dict[str, Any] = {
        "status": status,
        "error": "",
        "response_status": None,
        "response_body": "",
        "duration_ms": None,
        "next_attempt_at": None,
        **fields,
    }
    if status == WebhookDelivery.Status.SUCCEEDED:
        values["delivered_at"] = now
    WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.SENDING).update(
        **values
    )
    for name, value in values.items():
        setattr(delivery, name, value)
    return delivery


# The circuit breaker ---------------------------------------------------------------------------


def _breaker_ok(endpoint: WebhookEndpoint) -> None:
    """A delivery went through: the endpoint is healthy again."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).exclude(
        consecutive_failures=0, paused_until__isnull=True
    ).update(consecutive_failures=0, paused_until=None, pause_reason="")


def _breaker_failed(endpoint: WebhookEndpoint, error: str) -> None:
    """Count a failed attempt; pause the endpoint after ``WEBHOOK_BREAKER_FAILURES`` in a row
    (``WEBHOOK_BREAKER_PAUSE``, doubling with each further failure up to the maximum)."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = (
        WebhookEndpoint.objects.filter(pk=endpoint.pk)
        .values_list("consecutive_failures", flat=True)
        .first()
    ) or 0
    threshold = settings.WEBHOOK_BREAKER_FAILURES
    if failures < threshold:
        return
    pause = min(
        settings.WEBHOOK_BREAKER_PAUSE * 2 ** min(failures - threshold, 16),
        settings.WEBHOOK_BREAKER_MAX_PAUSE,
    )
    until = timezone.now() + pause
    reason = (
        f"Paused after {failures} failed deliveries in a row (the last: {error}). Nothing is "
        f"sent until {until:%Y-%m-%d %H:%M} UTC; then one delivery tries again."
    )
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(paused_until=until, pause_reason=reason)
    logger.warning("Webhook endpoint %s (%s): %s", endpoint.pk, endpoint.url, reason)


def webhook_endpoint_resume(*, endpoint: WebhookEndpoint, by=None) -> WebhookEndpoint:
    """End an endpoint's pause now (the admin's Resume): its waiting deliveries are sent."""
    now = timezone.now()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=0, paused_until=None, pause_reason=""
    )
    WebhookDelivery.objects.filter(
        endpoint=endpoint, status__in=_WAITING, next_attempt_at__gt=now
    ).update(next_attempt_at=now)
    _hand_over(endpoint.pk)
    endpoint.refresh_from_db()
    return endpoint


# Deliveries ----------------------------------------------------------------------------------


def webhook_delivery_fail(*, delivery_id: int, message: str) -> None:
    """Record the final failure of a delivery whose retries are exhausted."""
    WebhookDelivery.objects.filter(
        pk=delivery_id,
        status__in=[WebhookDelivery.Status.RETRYING, WebhookDelivery.Status.SENDING],
    ).update(status=WebhookDelivery.Status.FAILED, error=message, next_attempt_at=None)


def webhook_delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a finished (failed or delivered) delivery again, from the admin."""
    from integrations.tasks import deliver_webhook

    with transaction.atomic():
        updated = WebhookDelivery.objects.filter(
            pk=delivery.pk,
            status__in=[WebhookDelivery.Status.FAILED, WebhookDelivery.Status.SUCCEEDED],
        ).update(
            status=WebhookDelivery.Status.PENDING, delivered_at=None, error="", next_attempt_at=None
        )
        if updated:
            deliver_webhook.delay_on_commit(delivery.pk)
    delivery.refresh_from_db()
    return delivery


def webhook_deliveries_requeue_stuck(*, now=None) -> list[int]:
    """The beat sweep: re-enqueue deliveries whose worker died mid-send or whose retry message
    was lost, and wake endpoints with waiting deliveries that nobody is sending (a pause that
    ended, a lease holder that died)."""
    from integrations.tasks import deliver_webhook

    now = now or timezone.now()
    stuck = selectors.webhook_deliveries_stuck(before=now - DELIVERY_LEASE)
    requeued = []
    for delivery_id in stuck:
        with transaction.atomic():
            if WebhookDelivery.objects.filter(
                pk=delivery_id, next_attempt_at__lt=now - DELIVERY_LEASE
            ).update(status=WebhookDelivery.Status.RETRYING, next_attempt_at=now):
                deliver_webhook.delay_on_commit(delivery_id)
                requeued.append(delivery_id)
    woken = set(
        WebhookDelivery.objects.filter(pk__in=requeued).values_list("endpoint_id", flat=True)
    )
    for endpoint_id in selectors.webhook_endpoints_idle_with_due_work(now=now):
        if endpoint_id not in woken:
            _hand_over(endpoint_id)
    return requeued
