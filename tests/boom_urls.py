"""A URL that fails, for the tests of the debug page (tests/api/test_errors.py)."""

from django.conf import settings
from django.urls import path


def boom(request):
    database = settings.DATABASE_URL  # noqa: F841 - a local variable the debug page shows
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom)]
