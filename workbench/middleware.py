"""A form too large to read gets the page it was posted to again, with a message, instead of
Django's bare 400 (``RequestDataTooBig`` is raised before any view or form could say why)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict


class OversizeFormMiddleware:
    """For a POST outside the API (which answers 413 problem+json itself) whose form is over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``: nothing is done with it; the same page is shown as for
    a GET, with an error message that names the limits. Showing a page never writes, and the
    CSRF check is not skipped for anything that acts."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/api/"):
            try:
                request.POST  # noqa: B018 -- reading it is the check
            except RequestDataTooBig:
                self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest) -> None:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        request.method = "GET"
        request._post = QueryDict()  # type: ignore[attr-defined]
        request._files = MultiValueDict()  # type: ignore[attr-defined]
        article_limit = getattr(settings, "ARTICLE_MAX_BYTES", 0)
        messages.error(
            request,
            f"Nothing was saved: the form sent {filesizeformat(size)}, more than the "
            f"{filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} the workbench accepts "
            f"(DATA_UPLOAD_MAX_BYTES). An article's text may be at most "
            f"{filesizeformat(article_limit)} (ARTICLE_MAX_BYTES): split it and paste a part.",
        )
