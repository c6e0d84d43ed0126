"""Cursor pagination: stable under inserts, and O(page) for any page depth."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.pagination import CursorPagination

from workbench.api.errors import QueryParameterError


class CursorPage(CursorPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def get_page_size(self, request: Any) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size if self.page_size is not None else self.max_page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise QueryParameterError(
                {
                    self.page_size_query_param: serializers.ErrorDetail(
                        f"Must be an integer from 1 to {self.max_page_size}.", code="invalid"
                    )
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters
