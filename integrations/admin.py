"""Admin for API tokens, webhook endpoints and the delivery log.

Secrets are shown once, when a token or endpoint is created (or its secret rotated), on a page
rendered from the server side: the secret waits in the session (server-side storage) for one
view of ``admin:integrations_secret``, which removes it. It never travels in a cookie, not even
in the signed ``messages`` cookie (settings keep messages in the session too).
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from integrations import policies, services
from integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from workbench.errors import DomainError

SECRET_SESSION_KEY = "integrations:secret-shown-once"


def secret_keep_for_one_view(request, *, label: str, name: str, secret: str) -> None:
    """Keep ``secret`` in the session for the one-time page (``secret_view``)."""
    pending = request.session.get(SECRET_SESSION_KEY, [])
    request.session[SECRET_SESSION_KEY] = [
        *pending,
        {"label": label, "name": name, "secret": secret},
    ]


def secret_page_redirect() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:integrations_secret"))


def create_showing_secret(model_admin, request, obj, create, *, label: str) -> None:
    """Create through a service that returns ``(row, secret)``; keep the secret for the
    one-time page that ``response_add`` redirects to.

    The admin then continues with ``obj`` standing for the created row (its redirect and log).
    """
    try:
        created, secret = create()
    except DomainError as exc:
        model_admin.message_user(request, exc.message, messages.ERROR)
        return
    obj.pk = created.pk
    obj.__dict__.update(created.__dict__)
    secret_keep_for_one_view(request, label=label, name=created.name, secret=secret)


class ShowsSecretOnce(admin.ModelAdmin):
    """After adding, go to the one-time page of the new secret instead of the list."""

    def response_add(self, request, obj, post_url_continue=None):
        if request.session.get(SECRET_SESSION_KEY):
            return secret_page_redirect()
        return super().response_add(request, obj, post_url_continue)

    def get_urls(self):
        if self.model is not ApiToken:
            return super().get_urls()
        return [
            path(
                "secret/",
                self.admin_site.admin_view(self.secret_view),
                name="integrations_secret",
            ),
            *super().get_urls(),
        ]

    def secret_view(self, request):
        """Show the secrets waiting in the session once, then forget them."""
        shown = request.session.pop(SECRET_SESSION_KEY, [])
        if not shown:
            self.message_user(
                request, "There is no new secret to show: secrets are shown once.", messages.INFO
            )
            return HttpResponseRedirect(reverse("admin:index"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Copy the secret now",
            "secrets": shown,
        }
        response = TemplateResponse(request, "admin/integrations/secret.html", context)
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(ShowsSecretOnce):
    form = ApiTokenForm
    list_display = ["name", "prefix", "scope", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix"]
    list_select_related = ["user"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "name",
            "scope",
            "user",
            "prefix",
            "created_by",
            "created_at",
            "last_used_at",
            "revoked_at",
        ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "scope", "expires_at"]
        return [
            "name",
            "scope",
            "user",
            "prefix",
            "expires_at",
            "created_by",
            "created_at",
            "last_used_at",
            "revoked_at",
        ]

    def save_model(self, request, obj, form, change):
        if change:
            services.api_token_update(
                token=obj, expires_at=form.cleaned_data.get("expires_at"), by=request.user
            )
            return
        create_showing_secret(
            self,
            request,
            obj,
            lambda: services.api_token_create(
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.cleaned_data.get("expires_at"),
                by=request.user,
            ),
            label="Token",
        )

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            services.api_token_revoke(token=token, by=request.user)
        self.message_user(request, f"Revoked {queryset.count()} token(s).", messages.SUCCESS)


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=WebhookEndpoint.Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "is_active"]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if "url" in cleaned and "events" in cleaned:
            try:  # the services' rule, checked early to show the error on the form
                services.webhook_endpoint_check(url=cleaned["url"], events=cleaned["events"])
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code=exc.code) from exc
        return cleaned


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ShowsSecretOnce):
    form = WebhookEndpointForm
    list_display = ["name", "url", "events", "is_active", "deliveries_state", "created_at"]
    list_filter = ["is_active"]
    actions = ["rotate_secret", "resume"]
    readonly_fields = ["deliveries_state", "consecutive_failures", "paused_until", "token"]

    def get_fields(self, request, obj=None):
        fields = ["name", "url", "events", "is_active"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    @admin.display(description="Deliveries")
    def deliveries_state(self, obj):
        """The circuit breaker's state: paused (until when, and why) or sending."""
        if not obj.is_active:
            return "Disabled"
        if obj.is_paused():
            return format_html('<strong class="errornote">{}</strong>', obj.pause_reason)
        if obj.consecutive_failures:
            return f"Sending ({obj.consecutive_failures} failed attempt(s) in a row)"
        return "Sending"

    def has_view_permission(self, request, obj=None):
        return policies.may_view_webhooks(request.user)  # the API asks the same

    def save_model(self, request, obj, form, change):
        if change:
            services.webhook_endpoint_update(
                endpoint=obj,
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                is_active=form.cleaned_data["is_active"],
                by=request.user,
            )
            return
        create_showing_secret(
            self,
            request,
            obj,
            lambda: services.webhook_endpoint_create(
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                by=request.user,
            ),
            label="Signing secret",
        )

    @admin.action(description="Resume deliveries now (end the pause)", permissions=["change"])
    def resume(self, request, queryset):
        for endpoint in queryset:
            services.webhook_endpoint_resume(endpoint=endpoint, by=request.user)
        self.message_user(request, f"Resumed {queryset.count()} endpoint(s).", messages.SUCCESS)

    @admin.action(description="Rotate the signing secret", permissions=["change"])
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint)
            secret_keep_for_one_view(
                request, label="New signing secret", name=endpoint.name, secret=secret
            )
        return secret_page_redirect()


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "duration_ms",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = [
        "endpoint",
        "event",
        "payload",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "response_status",
        "response_body",
        "duration_ms",
        "error",
    ]
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return policies.may_view_deliveries(request.user)  # the API asks the same

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and self.has_view_permission(request, obj)

    @admin.action(description="Deliver again")
    def redeliver(self, request, queryset):
        for delivery in queryset:
            services.webhook_delivery_redeliver(delivery=delivery)
        self.message_user(request, "Redelivery queued.", messages.SUCCESS)
