"""Write-side of integrations: API tokens, webhook endpoints, webhook events and deliveries.

``webhook_emit`` is called by the receivers of the apps' events (``integrations.receivers``),
after the sender's transaction committed; it records one WebhookDelivery per subscribed
endpoint and enqueues the sending after commit. ``webhook_deliver`` (run by
``integrations.tasks.deliver_webhook``) signs and POSTs one delivery through the project's
fetch policy.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from integrations import selectors
from integrations.authentication import token_sha256
from integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from workbench.errors import DomainError

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "wbk_"
SIGNATURE_HEADER = "X-Workbench-Signature"
EVENT_HEADER = "X-Workbench-Event"
DELIVERY_HEADER = "X-Workbench-Delivery"
#: a receiver should refuse signatures older than this (documented in docs/api.md)
SIGNATURE_TOLERANCE = timedelta(minutes=5)
DELIVERY_LEASE = timedelta(minutes=5)


# API tokens ----------------------------------------------------------------------------------


def _integration_username(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "integration"
    return f"integration:{slug}"


def api_token_create(
    *, name: str, scope: str = ApiToken.Scope.READ, by=None, expires_at=None
) -> tuple[ApiToken, str]:
    """Create a token for the integration ``name``; returns the row and the secret.

    The secret is returned exactly once: only its sha256 is stored. The integration gets its
    own inactive-for-login account (no password, no staff flag, no group) that its writes
    are recorded as.
    """
    name = name.strip()
    if not name:
        raise DomainError("A token needs the integration's name.", code="name_required")
    if scope not in ApiToken.Scope.values:
        raise DomainError(f"Unknown scope {scope!r}.", code="invalid_scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=_integration_username(name))
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        token = ApiToken.objects.create(
            name=name,
            user=user,
            scope=scope,
            prefix=secret[:12],
            key_sha256=token_sha256(secret),
            created_by=by,
            expires_at=expires_at,
        )
    return token, secret


def api_token_update(*, token: ApiToken, expires_at, by=None) -> ApiToken:
    """Change when a token expires (its name, scope and secret never change)."""
    token.expires_at = expires_at
    token.save(update_fields=["expires_at"])
    return token


def api_token_revoke(*, token: ApiToken, by=None) -> ApiToken:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


# Webhook endpoints -------------------------------------------------------------------------


def webhook_endpoint_create(
    *, name: str, url: str, events: list[str], by=None, token: ApiToken | None = None
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it and its signing secret (shown once).

    ``token``: the integration registering it through the API. The URL is checked now with
    the policy every delivery is sent under (``webhook_endpoint_check``), and again at each
    delivery (DNS may change).
    """
    webhook_endpoint_check(url=url, events=events)
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint.objects.create(
        name=name, url=url, events=sorted(set(events)), secret=secret, created_by=by, token=token
    )
    return endpoint, secret


def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, name: str, url: str, events: list[str], is_active: bool, by=None
) -> WebhookEndpoint:
    """Change an endpoint (the admin's form); its secret stays (rotate it separately)."""
    webhook_endpoint_check(url=url, events=events)
    endpoint.name, endpoint.url, endpoint.is_active = name, url, is_active
    endpoint.events = sorted(set(events))
    endpoint.save(update_fields=["name", "url", "events", "is_active"])
    return endpoint


def webhook_endpoint_check(*, url: str, events: list[str]) -> None:
    """Known events, and a URL that deliveries may be sent to: the fetch policy of every
    delivery (``sources.fetching.check_url``: syntax, scheme, port, internal names, and every
    address the host resolves to must be public), applied now so that the integration is told
    at once. The refusal says the reason class, never an address the name resolved to.
    """
    from sources.fetching import Blocked, FetchError, FetchPolicy, check_url

    unknown = set(events) - set(WebhookEndpoint.Event.values)
    if not events or unknown:
        raise DomainError(
            f"Choose events among {', '.join(WebhookEndpoint.Event.values)}.", code="invalid_events"
        )
    try:
        check_url(url, FetchPolicy.from_settings())
    except Blocked as exc:
        reason = _URL_REFUSALS.get(exc.reason, exc.message)
        raise DomainError(f"This URL cannot receive webhooks: {reason}", code="bad_url") from exc
    except FetchError as exc:
        logger.info("Webhook URL %s refused at registration: %s", url, exc)
        reason = _URL_REFUSALS.get(exc.reason, "it cannot be reached.")
        raise DomainError(f"This URL cannot receive webhooks: {reason}", code="bad_url") from exc


#: refusals whose fetcher message could name internal addresses, said as their reason class
_URL_REFUSALS = {
    "address_not_allowed": "its host resolves to a non-public address.",
    "dns_failure": "its host name does not resolve (check the URL).",
}


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by=None) -> None:
    """Remove an endpoint and its delivery log."""
    endpoint.delete()


def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint) -> str:
    secret = "whsec_" + secrets.token_urlsafe(32)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(secret=secret)
    endpoint.secret = secret
    return secret


# Events ------------------------------------------------------------------------------------


def webhook_emit(*, event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Record a delivery of ``event`` for every active endpoint subscribed to it.

    Call after the transaction that made the event true has committed (``on_commit``); the
    sending is enqueued after this function's own commit.
    """
    from integrations.tasks import deliver_webhook

    if event not in WebhookEndpoint.Event.values:
        raise ValueError(f"unknown webhook event {event!r}")
    endpoints = selectors.webhook_endpoints_subscribed(event=event)
    if not endpoints:
        return []
    body = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(endpoint=e, event=event, payload=body) for e in endpoints]
        )
        for delivery in deliveries:
            deliver_webhook.delay_on_commit(delivery.pk)
    return deliveries


def absolute_url(path: str) -> str:
    """Links in payloads: absolute when WORKBENCH_BASE_URL is set (workers have no request)."""
    return settings.WORKBENCH_BASE_URL.rstrip("/") + path


def event_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """An app's event payload as webhooks send it: its ``links`` (paths) made absolute."""
    links = payload.get("links")
    if not links:
        return payload
    return {**payload, "links": {name: absolute_url(path) for name, path in links.items()}}


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
    """The receiver did not take the delivery (5xx, 429, timeout...); worth retrying."""

    message: str
    retry_after: float | None = None

    def __str__(self) -> str:
        return self.message


def webhook_body(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": delivery.pk,
        "event": delivery.event,
        "created_at": delivery.created_at,
        "data": delivery.payload,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, separators=(",", ":")).encode("utf-8")


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one delivery. Returns None when there was nothing to do (done, gone, claimed).

    Claimed with a conditional update, so a redelivered task never sends twice at once.
    A 2xx answer succeeds; a 4xx (except 408/429) or a refused URL fails for good; anything
    else raises ``TransientDeliveryError`` after recording the attempt, for the task to retry.
    """
    from sources.fetching.post import PostFailed, post

    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING]
    ).update(
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
        answer = post(endpoint.url, body=body, headers=headers)
    except PostFailed as exc:
        if not exc.transient:
            return _finish(delivery, WebhookDelivery.Status.FAILED, error=str(exc))
        _finish(delivery, WebhookDelivery.Status.RETRYING, error=str(exc))
        raise TransientDeliveryError(str(exc)) from exc
    fields = {
        "response_status": answer.status,
        "response_body": answer.body_text,
        "duration_ms": answer.duration_ms,
    }
    if 200 <= answer.status < 300:
        return _finish(delivery, WebhookDelivery.Status.SUCCEEDED, **fields)
    message = f"The endpoint answered {answer.status}."
    if answer.status >= 500 or answer.status in (408, 425, 429):
        _finish(delivery, WebhookDelivery.Status.RETRYING, error=message, **fields)
        raise TransientDeliveryError(message, answer.retry_after)
    return _finish(delivery, WebhookDelivery.Status.FAILED, error=message, **fields)


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


def webhook_delivery_schedule_retry(*, delivery_id: int, countdown: float) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.RETRYING).update(
        next_attempt_at=timezone.now() + timedelta(seconds=countdown)
    )


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
        ).update(status=WebhookDelivery.Status.PENDING, delivered_at=None, error="")
        if updated:
            deliver_webhook.delay_on_commit(delivery.pk)
    delivery.refresh_from_db()
    return delivery


def webhook_deliveries_requeue_stuck(*, now=None) -> list[int]:
    """Re-enqueue deliveries whose worker died mid-send or whose retry message was lost."""
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
    return requeued
