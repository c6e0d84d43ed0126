"""The API's documentation pages (Swagger UI, ReDoc): served with local assets only.

drf-spectacular-sidecar serves the JavaScript and CSS from our static files; our copy of
``drf_spectacular/redoc.html`` drops ReDoc's Google Fonts; Swagger UI's online validator badge
is off (``SWAGGER_UI_SETTINGS``). As a second line, each page carries a Content-Security-Policy
that lets the browser fetch from this workbench only, so that nothing the viewers might add
later can reach another site either.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

#: the browser may load scripts, styles, images, fonts and data from this origin only (the
#: viewers' own bootstrap scripts are inline; ReDoc runs its search in a blob: worker)
DOCS_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class _LocalOnly:
    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerView(_LocalOnly, SpectacularSwaggerView):
    """Swagger UI at ``/api/docs/``."""


class RedocView(_LocalOnly, SpectacularRedocView):
    """ReDoc at ``/api/redoc/``."""
