"""DRF defaults for the integration API: problem+json errors, token auth, permissions, paging.

Everything here is wired once in ``REST_FRAMEWORK`` (settings); views only declare which of
their write actions need which model permission and whether a read-write token may call them.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.validators import RegexValidator
from django.http import Http404
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from workbench.errors import DomainError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:workbench:problem:"
TOKEN_KEYWORD = "Bearer"
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


# Problem details (RFC 9457) ----------------------------------------------------------------


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


NO_NUL = r"^[^\x00]*$"
NON_EMPTY_NO_NUL = r"^[^\x00]+$"
# Spelled out rather than \S: Python's and ECMAScript's ideas of whitespace differ, and this is
# exactly Python's str.isspace() (what DRF strips).
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK_NO_NUL = rf"^[^\x00]*[^\x00{_SPACE}][^\x00]*$"


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?"
_ANY_PORT = (
    r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
)
_PATH = r"(?:[/?](?:[A-Za-z0-9._~:/?@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?"


def http_url_validator(ports: list[int] | None = None) -> RegexValidator:
    """http(s) URLs as the schema documents them: a host name of at most six labels of at
    most 40 characters (so never over DNS's 253), an optional port (from ``ports``), ASCII."""
    port = "|".join(str(p) for p in sorted(ports)) if ports else _ANY_PORT
    shown = f" on port {', '.join(str(p) for p in sorted(ports))}" if ports else ""
    return RegexValidator(
        rf"^https?://{_LABEL}(?:\.{_LABEL}){{0,5}}(?::(?:{port}))?{_PATH}$",
        message=f"Enter an http:// or https:// URL{shown}.",
        code="invalid_url",
    )


HTTP_URL = http_url_validator()


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text, and
    whose schema says what it refuses: no NUL characters, and (unless ``allow_blank``) at
    least one non-space character."""

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)  # what the schema's pattern describes
        super().__init__(**kwargs)
        # With allow_blank the schema is oneOf(<this pattern>, maxLength 0): "" must match only
        # the second branch, hence "+".
        pattern = NON_EMPTY_NO_NUL if self.allow_blank else NOT_BLANK_NO_NUL
        self.validators.append(RegexValidator(pattern, code="invalid"))

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


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
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DomainError):
        response = Response(
            problem(exc.status_code, exc.message, code=exc.code), status=exc.status_code
        )
        return _as_problem(response, context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)  # sets WWW-Authenticate, Retry-After
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
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
    errors = ProblemErrorSerializer(
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
    415: "Unsupported request media type (send application/json).",
    429: "Too many requests; retry after the number of seconds in Retry-After.",
}
READ_ERRORS = (400, 401, 403, 404, 405, 406, 429)
WRITE_ERRORS = (400, 401, 403, 404, 405, 406, 409, 415, 429)


def problem_responses(*statuses: int) -> dict[Any, OpenApiResponse]:
    """``extend_schema(responses=...)`` entries documenting problem+json errors."""
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            response=ProblemSerializer, description=_PROBLEM_TEXT[status]
        )
        for status in statuses
    }


# Authentication ------------------------------------------------------------------------------


def token_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <secret>``; ``request.auth`` is the ApiToken row.

    The user is the integration's account (``ApiToken.user``). Only the sha256 of a secret is
    stored, and a secret is looked up by its hash, so no comparison leaks timing.
    """

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != TOKEN_KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header.")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Malformed token.") from exc
        from integrations.models import ApiToken

        token = (
            ApiToken.objects.select_related("user")
            .filter(key_sha256=token_sha256(secret), revoked_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if token is None or (token.expires_at and token.expires_at <= now):
            raise exceptions.AuthenticationFailed("Invalid, revoked or expired token.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The integration's account is disabled.")
        if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return f'{TOKEN_KEYWORD} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "workbench.api.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token (admin → Integrations → API tokens).",
        }


def request_token(request):
    """The ApiToken of a token-authenticated request, else None."""
    from integrations.models import ApiToken

    return request.auth if isinstance(request.auth, ApiToken) else None


# Permissions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteRule:
    """Who may call a write action: users holding ``perms``; read-write tokens if ``token``."""

    perms: tuple[str, ...] = ()
    token: bool = False


class IsAuthenticatedAndScoped(BasePermission):
    """Reads: any authenticated staff user or token. Writes: as the view's ``write_rules`` say.

    A write action without a rule is refused: new endpoints are closed until someone decides.
    """

    message = "You may not do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        token = request_token(request)
        if token is None and not user.is_staff:
            self.message = "Only workbench staff accounts may use the API with a session."
            return False
        if request.method in SAFE_METHODS or not hasattr(view, request.method.lower()):
            return True  # reads, and methods the view does not have (405)
        rule = getattr(view, "write_rules", {}).get(getattr(view, "action", None))
        if rule is None:
            return False
        if token is not None:
            if not token.is_read_write:
                self.message = "This token is read-only."
                return False
            if not rule.token:
                self.message = "API tokens may not do this; it needs a person with a role."
                return False
            return True
        if not user.has_perms(rule.perms):
            self.message = "Your role does not allow this."
            return False
        return True


# Pagination ------------------------------------------------------------------------------


class CursorPage(CursorPagination):
    """Cursor pagination: stable under inserts, and O(page) for any page depth."""

    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise QueryParameterError(
                {
                    self.page_size_query_param: serializers.ErrorDetail(
                        f"Must be an integer from 1 to {self.max_page_size}.", code="invalid"
                    )
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


# Views ---------------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "pattern": NO_NUL})
class TextFilter(django_filters.CharFilter):
    """A free-text query parameter (NUL characters are refused, and documented as such)."""


MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """Filter by a row id: an integer in the range of a bigint (no floats, no overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictQueryParams:
    """Refuse query parameters a view does not know (400), instead of silently ignoring a
    misspelt filter and answering with everything. Lists accept their filters, ``ordering``
    and the pagination parameters; other actions accept none."""

    lookup_value_regex = "[^/]+"  # let DRF (not the URL resolver) answer 404 for odd ids

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
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
        from django_filters import CharFilter

        allowed = {"cursor", "ordering"}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= {
                name
                for name, item in filterset_class.base_filters.items()
                if isinstance(item, CharFilter)
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


# Throttling ------------------------------------------------------------------------------


class _LiveRate:
    def get_rate(self):
        # Read at call time (not import time), so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRate, SimpleRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(_LiveRate, SimpleRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated) or request_token(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenThrottle(_LiveRate, SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = request_token(request)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


# Rendering ---------------------------------------------------------------------------------


class BinaryRenderer(BaseRenderer):
    """Lets clients ask downloads for ``application/octet-stream``; errors still render as JSON."""

    media_type = "application/octet-stream"
    format = "bin"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data, renderer_context=renderer_context)


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def require_body_or_url(result, generator, request, public):
    """drf-spectacular postprocessing hook: an article is submitted with ``body`` or ``url``."""
    schema = result.get("components", {}).get("schemas", {}).get("ArticleCreateInputRequest")
    if schema is not None:
        schema["anyOf"] = [{"required": ["body"]}, {"required": ["url"]}]
    create = result.get("paths", {}).get("/api/v1/articles", {}).get("post")
    if create and "requestBody" in create:
        create["requestBody"]["required"] = True  # no field alone is required, but one of two
    return result
