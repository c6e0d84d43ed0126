"""Write-side of integrations: API tokens, webhook endpoints, webhook events and deliveries.

``webhook_emit`` is called by the receivers of the apps' events (``integrations.receivers``),
after the sender's transaction committed; it records one WebhookDelivery per subscribed
endpoint and enqueues the sending after commit. ``webhook_deliver`` (run by
``integrations.tasks.deliver_webhook``) signs and POSTs one delivery through the project's
fetch policy. One module per noun: ``tokens``, ``endpoints`` (and events), ``deliveries``.
"""

from integrations.services.deliveries import (
    DELIVERY_HEADER,
    DELIVERY_LEASE,
    EVENT_HEADER,
    RETRY_MAX_SECONDS,
    SIGNATURE_HEADER,
    SIGNATURE_TOLERANCE,
    TransientDeliveryError,
    webhook_body,
    webhook_deliver,
    webhook_deliveries_requeue_stuck,
    webhook_delivery_fail,
    webhook_delivery_redeliver,
    webhook_endpoint_resume,
    webhook_policy,
    webhook_retry_countdown,
    webhook_signature,
    webhook_signature_header,
    webhook_signature_verify,
)
from integrations.services.endpoints import (
    absolute_url,
    event_payload,
    webhook_emit,
    webhook_endpoint_check,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_update,
)
from integrations.services.tokens import (
    TOKEN_PREFIX,
    api_token_create,
    api_token_revoke,
    api_token_update,
)

__all__ = [
    "DELIVERY_HEADER",
    "DELIVERY_LEASE",
    "EVENT_HEADER",
    "RETRY_MAX_SECONDS",
    "SIGNATURE_HEADER",
    "SIGNATURE_TOLERANCE",
    "TOKEN_PREFIX",
    "TransientDeliveryError",
    "absolute_url",
    "api_token_create",
    "api_token_revoke",
    "api_token_update",
    "event_payload",
    "webhook_body",
    "webhook_deliver",
    "webhook_deliveries_requeue_stuck",
    "webhook_delivery_fail",
    "webhook_delivery_redeliver",
    "webhook_emit",
    "webhook_endpoint_check",
    "webhook_endpoint_create",
    "webhook_endpoint_delete",
    "webhook_endpoint_resume",
    "webhook_endpoint_rotate_secret",
    "webhook_endpoint_update",
    "webhook_policy",
    "webhook_retry_countdown",
    "webhook_signature",
    "webhook_signature_header",
    "webhook_signature_verify",
]
