"""Citations and verdicts on their own pages: read-only citations, publishing verdicts."""

from __future__ import annotations

from django.contrib import admin, messages

from claims import policies, services
from claims.admin.base import NoRevertHistoryAdmin
from claims.models import Citation, Verdict
from workbench.errors import DomainError


@admin.register(Citation)
class CitationAdmin(NoRevertHistoryAdmin):
    """Read-only: citations are added and edited on their claim's page."""

    list_display = ["claim", "source", "relation", "evidence_status", "added_by", "created_at"]
    list_filter = ["relation", "evidence_status"]
    search_fields = ["claim__text", "source__url", "note"]
    list_select_related = ["claim", "source", "added_by"]
    readonly_fields = [
        "claim",
        "source",
        "relation",
        "note",
        "added_by",
        "created_at",
        "evidence_status",
        "evidence_snapshot",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verdict)
class VerdictAdmin(NoRevertHistoryAdmin):
    list_display = [
        "claim",
        "rating",
        "status",
        "author",
        "approved_by",
        "published_at",
        "created_at",
    ]
    list_filter = ["status", "rating"]
    search_fields = ["claim__text", "explanation"]
    list_select_related = ["claim", "author", "approved_by"]
    readonly_fields = [
        "claim",
        "rating",
        "explanation",
        "author",
        "status",
        "approved_by",
        "published_at",
        "supersedes",
        "created_at",
    ]
    actions = ["publish", "reject"]

    change_form_template = "admin/claims/verdict/change_form.html"

    def has_add_permission(self, request):
        return False  # verdicts are proposed from the claim page

    def has_delete_permission(self, request, obj=None):
        return False  # nothing a reviewer did is ever lost

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verdict = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_publish_this": verdict is not None
            and verdict.status == Verdict.Status.PROPOSED
            and policies.may_publish(request.user, verdict),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description="Publish selected verdicts (editors; not your own)", permissions=["change"]
    )
    def publish(self, request, queryset):
        self._each(request, queryset, services.verdict_publish, "Published {} verdict(s).")

    @admin.action(description="Reject selected proposed verdicts", permissions=["change"])
    def reject(self, request, queryset):
        self._each(request, queryset, services.verdict_reject, "Rejected {} verdict(s).")

    def _each(self, request, queryset, service, message: str):
        done = 0
        for verdict in queryset:
            try:
                service(verdict=verdict, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{verdict.claim}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, message.format(done), messages.SUCCESS)
