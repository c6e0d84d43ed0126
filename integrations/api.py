"""API for integrations to register their own webhook endpoints and read the delivery log.

A read-write token registers, lists and deletes its own endpoints; it never sees another
integration's. Staff sessions see all of them (registering one in the admin is the other way).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from integrations import services
from integrations.models import WebhookDelivery, WebhookEndpoint
from workbench.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    StrictCharField,
    StrictQueryParams,
    WriteRule,
    http_url_validator,
    problem_responses,
    request_token,
)

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
        fields = ["id", "name", "url", "events", "is_active", "created_at"]


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


@extend_schema_view(
    list=extend_schema(
        summary="Your webhook endpoints",
        responses={200: WebhookEndpointSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A webhook endpoint",
        responses={200: WebhookEndpointSerializer, **problem_responses(*READ_ERRORS)},
    ),
    create=extend_schema(
        summary="Register a webhook endpoint (read-write tokens); the secret is shown once",
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointCreatedSerializer, **problem_responses(*WRITE_ERRORS)},
    ),
    destroy=extend_schema(
        summary="Remove a webhook endpoint and its delivery log",
        responses={204: None, **problem_responses(*WRITE_ERRORS)},
    ),
)
class WebhookEndpointViewSet(
    StrictQueryParams,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = WebhookEndpointSerializer
    filterset_class = None
    write_rules = {
        "create": WriteRule(perms=("integrations.add_webhookendpoint",), token=True),
        "destroy": WriteRule(perms=("integrations.delete_webhookendpoint",), token=True),
    }

    def get_queryset(self):
        queryset = WebhookEndpoint.objects.all()
        token = request_token(self.request)
        if token is not None:
            queryset = queryset.filter(token=token)
        return queryset

    def create(self, request, *args, **kwargs):
        data = WebhookEndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, secret = services.webhook_endpoint_create(
            by=request.user, token=request_token(request), **data.validated_data
        )
        output = WebhookEndpointSerializer(endpoint).data
        return Response({**output, "secret": secret}, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.webhook_endpoint_delete(endpoint=instance, by=self.request.user)

    @extend_schema(
        summary="The endpoint's deliveries, newest first (status, attempts, answers)",
        responses={200: WebhookDeliverySerializer(many=True), **problem_responses(*READ_ERRORS)},
    )
    @action(detail=True, filterset_class=None, filter_backends=[])
    def deliveries(self, request, pk=None):
        endpoint = self.get_object()
        page = self.paginate_queryset(endpoint.deliveries.order_by("-id"))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


router = SimpleRouter(trailing_slash=False)
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
urlpatterns = router.urls
