"""Webhook endpoints (registration, with the URL policy and the cap per integration) and the
events they receive (``webhook_emit``, called by ``integrations.receivers``)."""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from integrations import selectors
from integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from integrations.services.deliveries import URL_REFUSALS, webhook_policy
from workbench.errors import Conflict, DomainError

logger = logging.getLogger(__name__)


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
    with transaction.atomic():
        if token is not None:
            _check_endpoint_cap(token)
        endpoint = WebhookEndpoint.objects.create(
            name=name,
            url=url,
            events=sorted(set(events)),
            secret=secret,
            created_by=by,
            token=token,
        )
    return endpoint, secret


def _check_endpoint_cap(token: ApiToken) -> None:
    """An integration (all its live tokens) has at most ``WEBHOOK_MAX_ENDPOINTS`` endpoints.

    Counted under a lock on the integration's account, so that parallel registrations cannot
    pass the cap together."""
    get_user_model().objects.select_for_update().filter(pk=token.user_id).exists()
    count = WebhookEndpoint.objects.filter(
        token__user_id=token.user_id, token__revoked_at__isnull=True
    ).count()
    if count >= settings.WEBHOOK_MAX_ENDPOINTS:
        raise Conflict(
            f"An integration has at most {settings.WEBHOOK_MAX_ENDPOINTS} webhook endpoints; "
            "delete one before registering another.",
            code="too_many_endpoints",
        )


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
    from sources.fetching import Blocked, FetchError, check_url

    unknown = set(events) - set(WebhookEndpoint.Event.values)
    if not events or unknown:
        raise DomainError(
            f"Choose events among {', '.join(WebhookEndpoint.Event.values)}.", code="invalid_events"
        )
    try:
        check_url(url, webhook_policy())
    except Blocked as exc:
        reason = URL_REFUSALS.get(exc.reason, exc.message)
        raise DomainError(f"This URL cannot receive webhooks: {reason}", code="bad_url") from exc
    except FetchError as exc:
        logger.info("Webhook URL %s refused at registration: %s", url, exc)
        reason = URL_REFUSALS.get(exc.reason, "it cannot be reached.")
        raise DomainError(f"This URL cannot receive webhooks: {reason}", code="bad_url") from exc


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
    if not selectors.webhook_event_has_subscribers(event=event):
        return []
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
