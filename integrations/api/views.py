"""API for integrations to register their own webhook endpoints and read the delivery log.

A read-write token registers, lists and deletes its own endpoints; it never sees another
integration's. Sessions see them only if ``integrations.policies`` says so (the admin's rule:
superusers, or people given the permission; never reviewers or editors as such).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from integrations import policies, selectors, services
from integrations.api.serializers import (
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointInputSerializer,
    WebhookEndpointSerializer,
)
from integrations.authentication import request_api_token
from integrations.models import WebhookEndpoint
from workbench.api.errors import READ_ERRORS, WRITE_ERRORS, problem_responses
from workbench.api.filters import StrictQueryParams
from workbench.api.permissions import WriteRule


@extend_schema_view(
    list=extend_schema(
        summary="Your webhook endpoints",
        description="The endpoints registered with your token (a staff session sees all), "
        "with the events each subscribes to; secrets are never shown again.",
        responses={200: WebhookEndpointSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A webhook endpoint",
        description="One registered endpoint: its name, URL, events, whether it is active "
        "and until when deliveries are paused after repeated failures.",
        responses={200: WebhookEndpointSerializer, **problem_responses(*READ_ERRORS)},
    ),
    create=extend_schema(
        summary="Register a webhook endpoint (read-write tokens); the secret is shown once",
        description="Register an http(s) URL for some events. A URL the fetcher's address "
        "policy would refuse (an internal host, a name that does not resolve) is refused here "
        "(400), not at delivery. The answer carries the signing secret once; store it.",
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointCreatedSerializer, **problem_responses(*WRITE_ERRORS)},
    ),
    destroy=extend_schema(
        summary="Remove a webhook endpoint and its delivery log",
        description="Stop deliveries to this endpoint and delete its delivery log.",
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
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no one's request
            return WebhookEndpoint.objects.none()
        token = request_api_token(self.request)
        if token is None and not policies.may_view_webhooks(self.request.user):
            raise PermissionDenied("Your role does not allow you to see integrations' webhooks.")
        return selectors.webhook_endpoints_visible(token=token)

    def create(self, request, *args, **kwargs):
        data = WebhookEndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, secret = services.webhook_endpoint_create(
            by=request.user, token=request_api_token(request), **data.validated_data
        )
        output = WebhookEndpointSerializer(endpoint).data
        return Response({**output, "secret": secret}, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.webhook_endpoint_delete(endpoint=instance, by=self.request.user)

    @extend_schema(
        summary="The endpoint's deliveries, newest first (status, attempts, answers)",
        description="Each event sent (or being retried) to this endpoint: its status, the "
        "number of attempts, the HTTP status and the first bytes of the endpoint's answer.",
        responses={200: WebhookDeliverySerializer(many=True), **problem_responses(*READ_ERRORS)},
    )
    @action(detail=True, filterset_class=None, filter_backends=[])
    def deliveries(self, request, pk=None):
        endpoint = self.get_object()
        if request_api_token(request) is None and not policies.may_view_deliveries(request.user):
            raise PermissionDenied("Your role does not allow you to see delivery logs.")
        page = self.paginate_queryset(selectors.webhook_deliveries_of(endpoint))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)
