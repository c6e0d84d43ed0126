"""Problem details (RFC 9457): the one exception handler, and its schema for the docs."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from workbench.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:workbench:problem:"


def _flatten_errors(detail: Any, path: str, where: str) -> list[dict[str, str]]:
    """Turn DRF's nested error detail into a flat list of {pointer|parameter, detail, code}."""
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            name = "" if key == api_settings.NON_FIELD_ERRORS_KEY else str(key)
            out += _flatten_errors(value, f"{path}/{name}" if name else path, where)
        return out
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [e for item in detail for e in _flatten_errors(item, path, where)]
        out = []
        for index, item in enumerate(detail):
            out += _flatten_errors(item, f"{path}/{index}", where)
        return out
    entry = {"detail": str(detail), "code": getattr(detail, "code", "invalid") or "invalid"}
    if where == "parameter":
        entry["parameter"] = path.lstrip("/")
    else:
        entry["pointer"] = f"#{path}" if path else "#/"
    return [entry]


class QueryParameterError(exceptions.ValidationError):
    """A validation error about the query string (reported with ``parameter``)."""


def problem(
    status: int, detail: str, *, code: str, errors: list | None = None, title: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"{PROBLEM_TYPE_PREFIX}{code}",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The one place where refusals become responses: DRF's errors and ``DomainError``."""
    if isinstance(exc, DomainError):
        response = Response(
            problem(exc.status_code, exc.message, code=exc.code), status=exc.status_code
        )
        return _as_problem(response, context)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        detail = f"The request body is larger than {limit:,} bytes."
        return _as_problem(Response(problem(413, detail, code="too_large"), status=413), context)
    if isinstance(exc, SuspiciousOperation):  # too many fields, a malformed multipart body...
        detail = "The request could not be read."
        return _as_problem(Response(problem(400, detail, code="bad_request"), status=400), context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    handled = drf_exception_handler(exc, context)  # sets WWW-Authenticate, Retry-After
    if handled is None or not isinstance(exc, exceptions.APIException):
        return handled
    response = handled
    status = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        request = context.get("request")
        in_query = isinstance(exc, QueryParameterError) or (
            request is not None and request.method in SAFE_METHODS
        )
        where = "parameter" if in_query else "body"
        errors = _flatten_errors(exc.detail, "", where)
        detail = "The request is invalid; see errors for each field."
        if len(errors) == 1 and not errors[0].get("pointer", "").strip("#/") and where == "body":
            detail = errors[0]["detail"]
        response.data = problem(status, detail, code="validation_error", errors=errors)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        response.data = problem(status, str(exc.detail), code=code)
    return _as_problem(response, context)


def _as_problem(response: Response, context: dict[str, Any]) -> Response:
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or getattr(renderer, "format", "json") != "api":  # not the HTML one
        response.content_type = PROBLEM_CONTENT_TYPE
    return response


class ProblemErrorSerializer(serializers.Serializer):
    pointer = serializers.CharField(
        required=False, help_text="JSON pointer into the request body, e.g. '#/url'."
    )
    parameter = serializers.CharField(required=False, help_text="The query parameter at fault.")
    detail = serializers.CharField()
    code = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="'urn:workbench:problem:<code>'")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField(help_text="Stable machine-readable code (see docs/api.md).")
    errors = ProblemErrorSerializer(  # type: ignore[assignment]  # a field named like Serializer.errors
        many=True, required=False, help_text="Field-level detail of validation errors."
    )


_PROBLEM_TEXT = {
    400: "Invalid input (field-level detail in errors) or a refused domain operation.",
    401: "No or invalid credentials (send 'Authorization: Bearer <token>' or a session).",
    403: "Authenticated, but this token scope or user role may not do this.",
    404: "No such object (or not visible to you), or an invalid cursor.",
    405: "Method not allowed.",
    406: "The Accept header asks for a media type the API cannot produce.",
    409: "Conflicts with the current state (already cited, already published...).",
    413: "The request body or an article's text is larger than the workbench accepts "
    "(ARTICLE_MAX_BYTES, DATA_UPLOAD_MAX_BYTES).",
    415: "Unsupported request media type (send application/json).",
    429: "Too many requests; retry after the number of seconds in Retry-After.",
}
READ_ERRORS = (400, 401, 403, 404, 405, 406, 429)
WRITE_ERRORS = (400, 401, 403, 404, 405, 406, 409, 413, 415, 429)


def problem_responses(*statuses: int) -> dict[Any, OpenApiResponse]:
    """``extend_schema(responses=...)`` entries documenting problem+json errors."""
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            response=ProblemSerializer, description=_PROBLEM_TEXT[status]
        )
        for status in statuses
    }


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: under ``/api/`` (an unknown path, a bad id in the URL) a problem+json
    body like every other API error; elsewhere Django's page."""
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    body = problem(404, "No API endpoint or object at this address.", code="not_found")
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: under ``/api/`` problem+json (no detail of the failure), else Django's."""
    if not _is_api(request):
        return defaults.server_error(request)
    body = problem(500, "The server failed; the error is logged.", code="server_error")
    return JsonResponse(body, status=500, content_type=PROBLEM_CONTENT_TYPE)
