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
