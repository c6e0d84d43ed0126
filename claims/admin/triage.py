"""The check-worthiness model card (editors): the active model, its figures, the decisions it
learned from, every training, and the buttons to retrain now or switch models."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from claims import policies, selectors, services
from claims.models import Claim, TriageModel
from workbench.errors import DomainError


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    """Read-only rows; the list page is the model card, a row's page is its own card."""

    list_display = ["__str__", "status", "trigger", "active", "created_at"]

    def has_add_permission(self, request):
        return False  # trainings are requested with "Retrain now" or the command

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("retrain/", view(require_POST(self.retrain_view)), name="claims_triage_retrain"),
            path(
                "<int:pk>/activate/",
                view(require_POST(self.activate_view)),
                name="claims_triage_activate",
            ),
            path(
                "heuristic/",
                view(require_POST(self.heuristic_view)),
                name="claims_triage_heuristic",
            ),
            *super().get_urls(),
        ]

    # Pages ---------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise Http404
        active = selectors.triage_model_active()
        return self._card(request, active, title="Check-worthiness model")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise Http404
        row = get_object_or_404(TriageModel.objects.defer("document"), pk=object_id)
        return self._card(request, row, title=f"Check-worthiness model #{row.pk}")

    def _card(self, request, model: TriageModel | None, *, title: str):
        scorer = selectors.checkworthiness_scorer()
        labels = selectors.decision_labels()
        last = selectors.triage_model_last_attempt()
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "model": model,
            "is_card": model is None or model.active,
            "scorer": scorer,
            "figures": _figure_rows(model),
            "sources": _sources(model),
            "learned_from": _latest_decisions(model),
            "decisions_now": {
                "positive": sum(1 for label in labels.values() if label == 1),
                "negative": sum(1 for label in labels.values() if label == 0),
                "new": selectors.decisions_new_since(last, labels),
                "retrain_after": settings.TRIAGE_RETRAIN_AFTER,
            },
            "pending": selectors.triage_model_pending(),
            "trainings": TriageModel.objects.defer("document").select_related("requested_by")[:50],
            "may_retrain": policies.may_retrain(request.user),
        }
        return TemplateResponse(request, "admin/claims/triagemodel/card.html", context)

    # Buttons -------------------------------------------------------------------------------

    def retrain_view(self, request):
        row = self._call(request, services.triage_train_request, by=request.user)
        if row is not None:
            self.message_user(
                request,
                f"Training #{row.pk} is {row.get_status_display().lower()} on the worker; "
                "this page shows its outcome when it is done.",
                messages.SUCCESS,
            )
        return self._back()

    def activate_view(self, request, pk: int):
        row = get_object_or_404(TriageModel.objects.defer("document"), pk=pk)
        if self._call(request, services.triage_model_activate, model=row, by=request.user):
            self.message_user(
                request, f"Model #{row.pk} is active; claims are being rescored.", messages.SUCCESS
            )
        return self._back()

    def heuristic_view(self, request):
        if self._call(request, services.triage_model_deactivate, by=request.user, ok=True):
            self.message_user(
                request, "The built-in heuristic scores claims again.", messages.SUCCESS
            )
        return self._back()

    def _back(self):
        return HttpResponseRedirect(reverse("admin:claims_triagemodel_changelist"))

    def _call(self, request, service, ok: bool = False, **kwargs):
        try:
            result = service(**kwargs)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return None
        return True if ok else result


def _figure_rows(model: TriageModel | None) -> list[tuple[str, dict[str, Any]]]:
    """(name, figures) rows of a model's held-out table: itself, the heuristic, the model it
    was compared with."""
    if model is None or not model.figures:
        return []
    figures = model.figures
    rows = [
        ("This model", figures.get("model") or {}),
        ("Heuristic", figures.get("heuristic") or {}),
    ]
    previous = figures.get("previous") or {}
    if previous and not str(previous.get("name", "")).startswith("heuristic"):
        compared = figures.get("compared_on") or {}
        rows.append((f"{previous['name']} (on {compared.get('rows')} of the rows)", previous))
    return rows


def _sources(model: TriageModel | None) -> list[tuple[str, dict[str, int]]]:
    """(source, {"positives", "negatives"}) of what the model was fitted on."""
    if model is None:
        return []
    return sorted(((model.counts.get("fitted_on") or {}).get("by_source") or {}).items())


LATEST_DECISIONS = 20


def _latest_decisions(model: TriageModel | None) -> list[tuple[Claim, int]]:
    """The newest decisions a model learned from (claim, label), newest claim first."""
    if model is None or not model.decisions:
        return []
    labels = {pk: 1 for pk in model.decisions.get("positive", [])}
    labels.update({pk: 0 for pk in model.decisions.get("negative", [])})
    newest = sorted(labels, reverse=True)[:LATEST_DECISIONS]
    claims = Claim.objects.filter(pk__in=newest).only("pk", "text", "status").order_by("-pk")
    return [(claim, labels[claim.pk]) for claim in claims]
