"""Read-side of integrations: webhook endpoints and deliveries."""

from __future__ import annotations

import functools
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from integrations.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def webhook_endpoints_visible(*, token: Any) -> QuerySet[WebhookEndpoint]:
    """A token sees only the endpoints it registered; staff (no token) see all."""
    queryset = WebhookEndpoint.objects.all()
    return queryset if token is None else queryset.filter(token=token)


# "Does any endpoint subscribe to this event?" is asked after every finished snapshot and
# published verdict, and the answer is almost always the same. With Redis it is cached under a
# generation number that every endpoint save or delete bumps after its commit (receivers.py):
# a reader that computed an answer from the old rows stores it under the old generation,
# which nobody reads any more, so a new endpoint is never missed. Without Redis (the embedded
# default, one local worker) the endpoints are simply queried.
_GENERATION_KEY = "workbench:webhooks:generation"
_ANSWER_TTL = 300  # seconds; a backstop only


@functools.cache
def _redis() -> Any:
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


# The generation and the answer cached under it, in one round trip (a worker asks this after
# every capture). The answer's key is built from the generation read in the same script.
_CACHED_ANSWER = """
local generation = redis.call('GET', KEYS[1]) or '0'
local key = 'workbench:webhooks:subscribed:' .. generation .. ':' .. ARGV[1]
return {generation, redis.call('GET', key)}
"""


@functools.cache
def _cached_answer(client: Any) -> Any:
    return client.register_script(_CACHED_ANSWER)


def webhook_event_has_subscribers(*, event: str) -> bool:
    """Whether an active endpoint subscribes to ``event``; no database query when cached."""
    if not settings.REDIS_URL:
        return bool(webhook_endpoints_subscribed(event=event))
    try:
        client = _redis()
        generation, cached = _cached_answer(client)(keys=[_GENERATION_KEY], args=[event])
        if cached is not None:
            return bool(cached == b"1")
        key = f"workbench:webhooks:subscribed:{int(generation)}:{event}"
        answer = bool(webhook_endpoints_subscribed(event=event))
        client.set(key, b"1" if answer else b"0", ex=_ANSWER_TTL)
        return answer
    except Exception:  # Redis trouble: ask the database, as without Redis
        logger.warning("Webhook subscription cache unavailable", exc_info=True)
        return bool(webhook_endpoints_subscribed(event=event))


def webhook_subscriptions_changed() -> None:
    """An endpoint was saved or deleted: forget the cached answers (call after commit)."""
    if not settings.REDIS_URL:
        return
    try:
        _redis().incr(_GENERATION_KEY)
    except Exception:
        logger.warning("Could not invalidate the webhook subscription cache", exc_info=True)


def webhook_endpoints_subscribed(*, event: str) -> list[WebhookEndpoint]:
    """Active endpoints subscribed to ``event`` (not those of a revoked token)."""
    live = WebhookEndpoint.objects.filter(is_active=True).filter(
        Q(token__isnull=True) | Q(token__revoked_at__isnull=True)
    )
    # JSON containment is not portable to SQLite: filter the (few) endpoints in Python.
    return [endpoint for endpoint in live if event in endpoint.events]


def webhook_deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.order_by("-id")


def webhook_deliveries_stuck(*, before: datetime) -> list[int]:
    """Deliveries sending or waiting to retry whose next attempt is overdue since ``before``."""
    return list(
        WebhookDelivery.objects.filter(
            status__in=[WebhookDelivery.Status.SENDING, WebhookDelivery.Status.RETRYING],
            next_attempt_at__lt=before,
        ).values_list("pk", flat=True)
    )


def _due(now: datetime) -> Q:
    """Deliveries waiting to be sent now: pending (unless waiting out a pause), or a retry
    whose time has come."""
    return Q(status=WebhookDelivery.Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=now)


def webhook_delivery_next_due(*, endpoint_id: int, now: datetime) -> int | None:
    """The endpoint's oldest delivery that may be sent now (one at a time per endpoint)."""
    return (
        WebhookDelivery.objects.filter(_due(now), endpoint_id=endpoint_id)
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )


def webhook_endpoints_idle_with_due_work(*, now: datetime) -> list[int]:
    """Endpoints nobody is sending to and not paused, with deliveries waiting (the sweep)."""
    due = WebhookDelivery.objects.filter(_due(now), endpoint=OuterRef("pk"))
    return list(
        WebhookEndpoint.objects.filter(Q(busy_until__isnull=True) | Q(busy_until__lt=now))
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lte=now))
        .filter(Exists(due))
        .values_list("pk", flat=True)
    )
