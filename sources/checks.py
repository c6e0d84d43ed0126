"""System checks of the sources app."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_fetch_allow_list(app_configs, **kwargs):
    if not settings.FETCH_ALLOWED_HOSTPORTS:
        return []
    return [
        Warning(
            "FETCH_ALLOWED_HOSTPORTS lets the fetcher reach "
            f"{', '.join(settings.FETCH_ALLOWED_HOSTPORTS)} despite the address policy.",
            hint="Keep it empty in production; it exists for tests' own local servers.",
            id="sources.W001",
        )
    ]


@register()
def check_browser_capture(app_configs, **kwargs):
    """ARCHIVE_CAPTURE_MODE=browser/auto needs the Chromium it names (the raw capture is the
    fallback, so archiving still works; every capture would note the failure)."""
    import os

    executable = settings.BROWSER_CAPTURE_EXECUTABLE
    if settings.ARCHIVE_CAPTURE_MODE == "http" or os.access(executable, os.X_OK):
        return []
    return [
        Warning(
            f"ARCHIVE_CAPTURE_MODE={settings.ARCHIVE_CAPTURE_MODE} but {executable} is not an "
            "executable: every page will be kept as its raw response only.",
            hint="Install Debian's chromium or set BROWSER_CAPTURE_EXECUTABLE.",
            id="sources.W002",
        )
    ]
