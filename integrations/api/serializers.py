"""Input and output serializers of the integrations API (webhook endpoints, deliveries)."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from integrations.models import WebhookDelivery, WebhookEndpoint
from workbench.api.fields import StrictCharField, http_url_validator

#: what the fetch policy accepts without DNS: http(s), a host name, an allowed port
WEBHOOK_URL = http_url_validator(settings.FETCH_ALLOWED_PORTS)


class WebhookEndpointInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=100)
    url = StrictCharField(max_length=2048, validators=[WEBHOOK_URL])
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEndpoint.Event.choices),
        min_length=1,
        max_length=len(WebhookEndpoint.Event.choices),
    )


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEndpoint.Event.choices)
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "events", "is_active", "created_at", "paused_until"]
        read_only_fields = ["paused_until"]
        extra_kwargs = {
            "paused_until": {
                "help_text": "Circuit breaker: after repeated failed deliveries nothing is "
                "sent until then (null: sending)."
            }
        }


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        help_text="The HMAC signing key. Shown only in this answer: store it now."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "status",
            "attempts",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
            "response_status",
            "duration_ms",
            "error",
        ]
