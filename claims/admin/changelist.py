"""The claims list: its queue and verdict filters, its action bar, and a change list that
annotates only the rows on screen; and the dismiss form of the claim page."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList

from claims import selectors
from claims.models import Claim, Verdict


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("mine", "My claims"),
            ("unassigned", "Unassigned (open)"),
            ("awaiting", "Awaiting approval"),
            ("awaiting_me", "Awaiting approval, not mine"),
        ]

    def queryset(self, request, queryset):
        queue = self.value()
        return selectors.claims_queue(queryset, queue, request.user) if queue else queryset


class NearCopyFilter(admin.SimpleListFilter):
    """Near-identical claims of one article (``Claim.near_copy_of``, set by triage) are shown
    as one by default: the best-scored claim of the group, with a link to its copies."""

    title = "near-copies"
    parameter_name = "copies"
    GROUPED, ALL = "grouped", "all"

    def lookups(self, request, model_admin):
        return [(self.GROUPED, "Grouped: the best of each"), (self.ALL, "Each shown")]

    def value(self):
        return super().value() or self.GROUPED

    def queryset(self, request, queryset):
        if self.value() == self.ALL or "near_copy_of__id__exact" in request.GET:
            return queryset
        return queryset.filter(near_copy_of__isnull=True)

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class RatingFilter(admin.SimpleListFilter):
    title = "verdict"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [*Verdict.Rating.choices, ("none", "No verdict yet")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(latest_rating__isnull=True)
        if self.value():
            return queryset.filter(latest_rating=self.value())
        return queryset


class ClaimActionForm(helpers.ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=selectors.reviewers(), required=False, label="Assign to", empty_label="(me)"
    )


class DismissForm(forms.Form):
    reason = forms.ChoiceField(choices=Claim.DismissalReason.choices)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.TextInput(attrs={"placeholder": "note"})
    )
    duplicate_of = forms.IntegerField(required=False, min_value=1, label="Duplicate of (claim id)")


class ClaimChangeList(ChangeList):
    """Annotates only the rows shown: a deep page (OFFSET 50,000) would otherwise compute the
    verdict subqueries for every row it skips. One extra query, whatever the page size."""

    def get_results(self, request):
        super().get_results(request)
        ids = list(self.result_list.values_list("pk", flat=True))
        rows = {c.pk: c for c in selectors.claims_for_review(Claim.objects.filter(pk__in=ids))}
        self.result_list = [rows[pk] for pk in ids if pk in rows]
