"""What Django's debug pages may show: settings and environment without secrets.

Django's ``SafeExceptionReporterFilter`` hides settings whose names look secret (KEY, TOKEN,
PASS...), but not ``DATABASE_URL`` or ``REDIS_URL``, which carry a password and internal host
names; under ``runserver`` they also appear in the request's environment (``META``). This
filter hides every setting and variable that names a service address, and blanks the password
of any ``scheme://user:password@host`` URL wherever it appears (settings, ``META``, the
traceback's local variables). ``DEFAULT_EXCEPTION_REPORTER_FILTER`` in settings.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.utils.regex_helper import _lazy_re_compile
from django.views.debug import SafeExceptionReporterFilter

#: ``scheme://user:password@`` (the password group is blanked)
_CREDENTIALS = re.compile(
    r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<password>[^@\s]+)(?=@)", re.I
)


def hide_url_password(text: str, substitute: str) -> str:
    return _CREDENTIALS.sub(lambda m: m.group("head") + substitute, text)


class SecretsHidingFilter(SafeExceptionReporterFilter):
    hidden_settings = _lazy_re_compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE"
        "|DATABASE_URL|REDIS_URL|CACHE_URL|BROKER_URL|LOCATION|DSN",
        flags=re.I,
    )

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        cleansed = super().cleanse_setting(key, value)
        if isinstance(cleansed, str):
            return hide_url_password(cleansed, self.cleansed_substitute)
        return cleansed

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return [
            (name, hide_url_password(value, self.cleansed_substitute))
            if isinstance(value, str)
            else (name, value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]


class PasswordHidingFormatter(logging.Formatter):
    """Log lines (message and traceback) with the password of any
    ``scheme://user:password@host`` URL replaced by ``***``: a broker or database URL in an
    error, a cited URL that carries credentials. ``LOGGING`` in settings."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_url_password(super().format(record), "***")
