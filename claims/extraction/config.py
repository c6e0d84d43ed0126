"""Configuration: Django settings when configured, else environment variables."""

from __future__ import annotations

import os
from typing import Any


def setting(name: str, default: Any = None) -> Any:
    """`name` from django.conf.settings if configured, else from the environment."""
    settings: Any
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a project dependency
        settings = None
    if settings is not None and settings.configured:
        value = getattr(settings, name, None)
        if value not in (None, ""):
            return value
    value = os.environ.get(name)
    return default if value in (None, "") else value
