"""Receivers of the apps' events: each finished snapshot and published verdict becomes a
webhook delivery for the endpoints subscribed to it. Connected in ``IntegrationsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from claims.events import verdict_published
from integrations import selectors, services
from integrations.models import WebhookEndpoint
from sources.events import snapshot_finished


def on_verdict_published(sender: Any, *, payload: dict[str, Any], **kwargs: Any) -> None:
    services.webhook_emit(
        event=WebhookEndpoint.Event.VERDICT_PUBLISHED, payload=services.event_payload(payload)
    )


def on_snapshot_finished(sender: Any, *, payload: dict[str, Any], **kwargs: Any) -> None:
    services.webhook_emit(
        event=WebhookEndpoint.Event.SNAPSHOT_FINISHED, payload=services.event_payload(payload)
    )


def on_endpoint_changed(sender: Any, **kwargs: Any) -> None:
    """An endpoint was saved or deleted: the cached "anyone subscribed?" answers go now and
    again after the commit, so that an answer computed meanwhile from the old rows is dropped
    too (selectors.webhook_event_has_subscribers)."""
    selectors.webhook_subscriptions_changed()
    transaction.on_commit(selectors.webhook_subscriptions_changed, robust=True)


def connect() -> None:
    post_save.connect(on_endpoint_changed, sender=WebhookEndpoint, dispatch_uid="webhooks.cache")
    post_delete.connect(
        on_endpoint_changed, sender=WebhookEndpoint, dispatch_uid="webhooks.cache.delete"
    )
    verdict_published.connect(on_verdict_published, dispatch_uid="integrations.webhooks.verdict")
    snapshot_finished.connect(on_snapshot_finished, dispatch_uid="integrations.webhooks.snapshot")
