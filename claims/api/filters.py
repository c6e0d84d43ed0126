"""Query filters of the claims API (django-filter) and the ordering with a stable tie-breaker."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from claims import selectors
from claims.models import Article, Claim, Verdict
from workbench.api.filters import IdFilter, TextFilter


class StableOrderingFilter(OrderingFilter):
    """``?ordering=`` plus ``id`` as the last key, so cursor pages never skip or repeat rows."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or ["-id"])
        if not any(key.lstrip("-") == "id" for key in ordering):
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return ordering


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ScoreFilter(django_filters.NumberFilter):
    """A score between 0 and 1 inclusive."""

    field_class = forms.FloatField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=1, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    extraction_status = django_filters.ChoiceFilter(choices=Article.ExtractionStatus.choices)
    language = TextFilter(help_text="ISO 639-1 code of the article's language (en, ru ...).")

    class Meta:
        model = Article
        fields = ["extraction_status", "language"]


class ClaimFilter(django_filters.FilterSet):
    article = IdFilter(field_name="article_id", help_text="Article id.")
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices)
    rating = django_filters.ChoiceFilter(
        choices=Verdict.Rating.choices,
        method="filter_rating",
        help_text="Rating of the claim's published verdict.",
    )
    assignee = TextFilter(field_name="assignee__username", help_text="Username of the assignee.")
    language = TextFilter(
        field_name="article__language", help_text="ISO 639-1 code of the article's language."
    )
    min_checkworthiness = ScoreFilter(
        field_name="checkworthiness", lookup_expr="gte", help_text="0..1, inclusive."
    )
    has_citations = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_has_citations",
        help_text="Only claims with (true) or without (false) sources.",
    )
    search = TextFilter(
        method="filter_search",
        help_text="Full-text search in the claim text (PostgreSQL: websearch syntax, English "
        "stemming; elsewhere: substring match).",
    )

    class Meta:
        model = Claim
        fields = [
            "article",
            "status",
            "kind",
            "rating",
            "assignee",
            "language",
            "min_checkworthiness",
            "has_citations",
            "search",
        ]

    # Filters test existence on the rows they scan (EXISTS), never an annotation: the list
    # annotates only its page (claims.selectors.claims_for_api_page).
    @extend_schema_field({"type": "string", "enum": ["true", "false"]})
    def filter_has_citations(self, queryset, name, value):
        return selectors.claims_with_citations(queryset, value == "true")

    @extend_schema_field({"type": "string", "enum": list(Verdict.Rating.values)})
    def filter_rating(self, queryset, name, value):
        return selectors.claims_with_published_rating(queryset, value)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            return queryset.annotate(search_vector=SearchVector("text", config="english")).filter(
                search_vector=SearchQuery(value, config="english", search_type="websearch")
            )
        return queryset.filter(text__icontains=value)


class VerdictFilter(django_filters.FilterSet):
    claim = IdFilter(field_name="claim_id", help_text="Claim id.")
    status = django_filters.ChoiceFilter(choices=Verdict.Status.choices)
    rating = django_filters.ChoiceFilter(choices=Verdict.Rating.choices)

    class Meta:
        model = Verdict
        fields = ["claim", "status", "rating"]
