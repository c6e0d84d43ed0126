"""Read-side of integrations: webhook endpoints and deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from integrations.models import WebhookDelivery, WebhookEndpoint


def webhook_endpoints_visible(*, token: Any) -> QuerySet[WebhookEndpoint]:
    """A token sees only the endpoints it registered; staff (no token) see all."""
    queryset = WebhookEndpoint.objects.all()
    return queryset if token is None else queryset.filter(token=token)


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
