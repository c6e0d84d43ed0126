"""The OpenAPI schema's operations: each described by its own words.

drf-spectacular describes an operation by its action's docstring, else by the view class's
docstring, which ``inspect.getdoc`` inherits from the first base class that has one; here that
was a mixin's note about query parameters, shown on 22 operations. ``AutoSchema`` below takes
only what the view itself says (``extend_schema(description=...)``, the action's or the view's
own docstring); a test checks that every operation has a description of its own.
"""

from __future__ import annotations

import inspect

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class AutoSchema(SpectacularAutoSchema):
    def get_description(self) -> str:  # type: ignore[override]  # spectacular drops DRF args
        action = getattr(self.view, getattr(self.view, "action", None) or self.method.lower(), None)
        own = getattr(action, "__doc__", None) if action is not None else None
        if own and getattr(action, "__qualname__", "").startswith(type(self.view).__name__ + "."):
            return inspect.cleandoc(own)
        return inspect.cleandoc(type(self.view).__dict__.get("__doc__") or "")
