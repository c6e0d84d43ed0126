"""The API's documentation pages work offline: Chromium loads them from the workbench and
nothing from any other site (issue 12: ReDoc used to load Google Fonts)."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "/api/redoc/": "Fact-check workbench API",  # ReDoc renders the schema's title
    "/api/docs/": "Fact-check workbench API",  # so does Swagger UI
}
#: ReDoc's bundle always adds its maker's logo from a CDN; the pages' Content-Security-Policy
#: makes the browser refuse it (the request is never sent) and ReDoc then drops the image.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.mark.parametrize("path", list(PAGES))
def test_docs_page_loads_only_from_the_workbench(live_server, page, path):
    origin = urlsplit(live_server.url)
    requested: list[str] = []
    failed: dict[str, str | None] = {}
    refused: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.__setitem__(request.url, request.failure))
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Refused to" in message.text else None,
    )
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    page.get_by_text(PAGES[path]).first.wait_for()

    outside = [
        url
        for url in requested
        if not url.startswith(("data:", "blob:"))
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
    ]
    sent_outside = [url for url in outside if failed.get(url) != "csp"]
    assert sent_outside == []  # nothing was fetched from another site
    assert set(outside) <= {REDOCLY_LOGO}
    assert any("/api/schema/" in url for url in requested)  # the page did fetch the schema
    # Nothing the page needs is refused by its Content-Security-Policy.
    assert [text for text in refused if REDOCLY_LOGO not in text] == []
