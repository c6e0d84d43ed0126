"""The claims list: its queue and verdict filters, its action bar, and a change list that
annotates only the rows on screen; and the dismiss form of the claim page."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html

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
        value = self.value()
        if value == "none":
            return selectors.claims_without_current_verdict(queryset)
        if value:
            return selectors.claims_with_current_rating(queryset, value)
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


class ListCount(int):
    """A row count for the admin's templates: an ``int`` for the paginator's arithmetic, shown
    as people should read it ("10,000+", "about 1,200,000")."""

    label: str

    def __new__(cls, value: int, label: str | None = None) -> ListCount:
        count = super().__new__(cls, value)
        count.label = f"{value:,}" if label is None else label
        return count

    def __str__(self) -> str:
        return self.label


class CappedCountPaginator(Paginator):
    """Counts that stay flat with the table: an unfiltered list on PostgreSQL shows the
    planner's estimate (``pg_class.reltuples``, "about N"); any other list counts at most
    ``cap`` rows (``ADMIN_COUNT_CAP`` unless set) and shows "N+" beyond, so a page never waits
    for a COUNT(*) over a million rows. The pages past the cap are not linked; filters narrow
    the list instead."""

    cap: int | None = None

    @cached_property
    def count(self) -> int:
        queryset: QuerySet = self.object_list  # type: ignore[assignment]  # the admin's list
        cap = self.cap or settings.ADMIN_COUNT_CAP
        estimate = self._estimate(queryset) if not queryset.query.where else None
        if estimate is not None and estimate > cap:
            return ListCount(estimate, f"about {estimate:,}")
        counted = queryset.order_by().values("pk")[: cap + 1].count()
        if counted > cap:
            return ListCount(cap, f"{cap:,}+")
        return ListCount(counted)

    @staticmethod
    def _estimate(queryset) -> int | None:
        connection = connections[queryset.db]
        if connection.vendor != "postgresql" or queryset.query.distinct:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] >= 0 else None  # -1: never analysed


class FlatListMixin:
    """What keeps an admin list as fast at a million rows as at a thousand: the capped count
    and a checkbox rendered as one string (Django renders a form widget through the template
    engine for every row: a fifth of a changelist's time)."""

    paginator = CappedCountPaginator
    show_full_result_count = False  # no second COUNT(*) of the whole table per page view

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """A search counts to ``ADMIN_SEARCH_COUNT_CAP``: its rows are tested one by one (a
        word inside the text), so counting a common word's ten thousand matches would read
        ten times as many rows as a thousand."""
        paginator = super().get_paginator(  # type: ignore[misc]  # a ModelAdmin mixin
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        if request.GET.get(SEARCH_VAR, "").strip():
            paginator.cap = settings.ADMIN_SEARCH_COUNT_CAP
        return paginator

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            str(obj),
        )


class FlatChangeList(ChangeList):
    """Row links built once per page, not once per row: Django reverses the change URL for
    every row, then, when filters are on, resolves that URL again to add them. The links
    are the same, filters included (``?_changelist_filters=…``)."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.row_filters = self.preserved_filters
        self.preserved_filters = ""  # only the rows' links read it; they carry it already
        template = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=("0",),
            current_app=self.model_admin.admin_site.name,
        )
        self.row_url = template.removesuffix("0/change/")

    def url_for_result(self, result):
        url = f"{self.row_url}{quote(getattr(result, self.pk_attname))}/change/"
        return f"{url}?{self.row_filters}" if self.row_filters else url


class ClaimChangeList(FlatChangeList):
    """Annotates only the rows shown: a deep page (OFFSET 50,000) would otherwise compute the
    verdict subqueries for every row it skips. One extra query, whatever the page size. The
    rows never carry their article's body."""

    def get_results(self, request):
        super().get_results(request)
        ids = list(self.result_list.values_list("pk", flat=True))
        shown = selectors.claims_for_review(Claim.objects.filter(pk__in=ids)).defer(
            "details", "article__body", "article__not_claims"
        )
        rows = {c.pk: c for c in shown}
        self.result_list = [rows[pk] for pk in ids if pk in rows]


class ArticleChangeList(FlatChangeList):
    """The articles list: each row's claim count as a subquery over its own claims (never a
    join grouped by every column, the body included), and no body fetched."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer("body", "not_claims")
