"""Receivers of the apps' events: each finished snapshot and published verdict becomes a
webhook delivery for the endpoints subscribed to it. Connected in ``IntegrationsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from claims.events import verdict_published
from integrations import services
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


def connect() -> None:
    verdict_published.connect(on_verdict_published, dispatch_uid="integrations.webhooks.verdict")
    snapshot_finished.connect(on_snapshot_finished, dispatch_uid="integrations.webhooks.snapshot")
