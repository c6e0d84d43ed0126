"""URLs that fail, for the tests of the debug page and error handlers (tests/api/test_errors.py)."""

from django.conf import settings
from django.urls import path

handler404 = "workbench.api.errors.page_not_found"
handler500 = "workbench.api.errors.server_error"


def boom(request):
    database = settings.DATABASE_URL  # noqa: F841 - a local variable the debug page shows
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom), path("api/boom/", boom)]
