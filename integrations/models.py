"""API tokens and webhooks: how newsroom systems and dashboards integrate with the workbench."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token for one integration. Only the sha256 of the secret is stored.

    Requests made with a token run as the integration's own user account (``user``), which has
    no group and no model permission: what a token may do is decided by its ``scope`` alone
    (see ``docs/api.md``), and the services record that user as the author of its writes.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read"
        READ_WRITE = "read_write", "Read and write"

    name = models.CharField(max_length=100, help_text="The integration, e.g. 'CMS importer'.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        help_text="The integration's account: writes made with this token are recorded as it.",
    )
    scope = models.CharField(max_length=16, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(
        max_length=16, db_index=True, editable=False, help_text="First characters, to recognise it."
    )
    key_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.get_scope_display().lower()})"

    @property
    def is_read_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE


class WebhookEndpoint(models.Model):
    """An integration's URL that receives signed POSTs for the events it subscribed to."""

    class Event(models.TextChoices):
        VERDICT_PUBLISHED = "verdict.published", "verdict.published"
        SNAPSHOT_FINISHED = "snapshot.finished", "snapshot.finished"

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=2048)
    events = models.JSONField(default=list, help_text="Event names, e.g. ['verdict.published'].")
    secret = models.CharField(
        max_length=128, editable=False, help_text="HMAC key; shown once when the endpoint is made."
    )
    is_active = models.BooleanField(default=True)
    token = models.ForeignKey(
        ApiToken,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        help_text="The integration that registered it through the API (none: made in the admin). "
        "Endpoints of a revoked token receive nothing.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Delivery bookkeeping (integrations.services), not settings a person edits.
    busy_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="A delivery is being sent (one at a time per endpoint) until then at most.",
    )
    consecutive_failures = models.PositiveIntegerField(
        default=0, editable=False, help_text="Failed delivery attempts in a row."
    )
    paused_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Circuit breaker: after repeated failures nothing is sent until then.",
    )
    pause_reason = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"

    def is_paused(self, now: datetime | None = None) -> bool:
        return self.paused_until is not None and self.paused_until > (now or timezone.now())


class WebhookDelivery(models.Model):
    """One event for one endpoint: the row is the state machine of its delivery."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        RETRYING = "retrying", "Retry scheduled"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=64, choices=WebhookEndpoint.Event.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text="The first bytes of the answer.")
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(delivered_at__isnull=False),
                name="webhook_delivery_succeeded_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint.name} ({self.status})"
