"""Input fields that refuse what they do not describe, and say so in the schema."""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from rest_framework import serializers

NO_NUL = r"^[^\x00]*$"
NON_EMPTY_NO_NUL = r"^[^\x00]+$"
# Spelled out rather than \S: Python's and ECMAScript's ideas of whitespace differ, and this is
# exactly Python's str.isspace() (what DRF strips).
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK_NO_NUL = rf"^[^\x00]*[^\x00{_SPACE}][^\x00]*$"
# No NUL and at least one letter or digit (an article's text).
HAS_WORD_NO_NUL = r"^[^\x00]*[^\W_][^\x00]*$"


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

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)  # what the schema's pattern describes
        super().__init__(**kwargs)
        # With allow_blank the schema is oneOf(<this pattern>, maxLength 0): "" must match only
        # the second branch, hence "+".
        pattern = NON_EMPTY_NO_NUL if self.allow_blank else NOT_BLANK_NO_NUL
        self.validators.append(RegexValidator(pattern, code="invalid"))

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
