"""Query parameters: filters that refuse what they do not describe, and no unknown names."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workbench.api.errors import QueryParameterError
from workbench.api.fields import NO_NUL


@extend_schema_field({"type": "string", "pattern": NO_NUL})
class TextFilter(django_filters.CharFilter):
    """A free-text query parameter (NUL characters are refused, and documented as such)."""


MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """Filter by a row id: an integer in the range of a bigint (no floats, no overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictQueryParams:
    """Refuse query parameters a view does not know (400), instead of silently ignoring a
    misspelt filter and answering with everything. Lists accept their filters, ``ordering``
    and the pagination parameters; other actions accept none. Mix into a DRF view."""

    lookup_value_regex = "[^/]+"  # let DRF (not the URL resolver) answer 404 for odd ids

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):  # type: ignore[attr-defined]
            return  # 405 follows
        unknown = set(request.query_params) - self.allowed_query_params()
        if unknown:
            raise QueryParameterError(
                {
                    name: serializers.ErrorDetail("Unknown query parameter.", code="unknown")
                    for name in sorted(unknown)
                }
            )
        empty = [
            name
            for name, value in request.query_params.items()
            if value == "" and name not in self.blank_allowed_params()
        ]
        if empty:
            raise QueryParameterError(
                {name: serializers.ErrorDetail("Give a value.", code="blank") for name in empty}
            )

    def blank_allowed_params(self) -> set[str]:
        """Free-text filters and the cursor may be empty (meaning: no filter, first page)."""
        allowed = {"cursor", "ordering"}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= {
                name
                for name, item in filterset_class.base_filters.items()
                if isinstance(item, django_filters.CharFilter)
            }
        return allowed

    def allowed_query_params(self) -> set[str]:
        if getattr(self, "action", None) != "list":
            return set()
        allowed: set[str] = set()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        for backend in getattr(self, "filter_backends", []):
            if hasattr(backend, "ordering_param"):
                allowed.add(backend.ordering_param)
        paginator = getattr(self, "paginator", None)
        for name in ("cursor_query_param", "page_size_query_param"):
            if paginator is not None and getattr(paginator, name, None):
                allowed.add(getattr(paginator, name))
        return allowed
