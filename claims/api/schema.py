"""drf-spectacular hooks for the claims API (listed in SPECTACULAR_SETTINGS)."""

from __future__ import annotations

from typing import Any


def require_body_or_url(result: dict[str, Any], generator: Any, request: Any, public: Any) -> Any:
    """Postprocessing hook: an article is submitted with ``body`` or ``url``."""
    schema = result.get("components", {}).get("schemas", {}).get("ArticleCreateInputRequest")
    if schema is not None:
        schema["anyOf"] = [{"required": ["body"]}, {"required": ["url"]}]
    create = result.get("paths", {}).get("/api/v1/articles", {}).get("post")
    if create and "requestBody" in create:
        create["requestBody"]["required"] = True  # no field alone is required, but one of two
    return result
