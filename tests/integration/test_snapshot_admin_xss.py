"""Archived pages are hostile input: nothing they carry may run on the admin's origin."""

import pytest

from sources import services
from sources.models import Snapshot
from tests.factories import PASSWORD, SnapshotFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = """<!doctype html><html><head>
<title>Budget</title><script>window.__pwned = 'title'</script>
<title><img src=x onerror="window.__pwned='img'"></title>
</head><body><article>
<h1 onmouseover="window.__pwned='h1'">Budget <script>window.__pwned='body'</script></h1>
<p>The budget grew by 12 percent.
<img src="TRACKER" onerror="window.__pwned='p'"></p>
<p>Read <a href="javascript:window.__pwned='link'">more</a> or
<a href="https://example.org/budget" onclick="window.__pwned='click'">the report</a>.</p>
<p>"><svg onload="window.__pwned='svg'"> and some more text about the budget for good measure.</p>
</article></body></html>"""


def test_snapshot_pages_do_not_execute_archived_markup(
    live_server, page_server, page, settings, alice
):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    tracker = page_server.url("/tracker.gif")
    url = page_server.add("/hostile.html", HOSTILE.replace("TRACKER", tracker))
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    services.snapshot_text_extract(snapshot_id=snapshot.pk)  # settled: no worker rewrites it
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.text_status) == (Snapshot.Status.SUCCEEDED, "done")
    # Make sure the payload reaches the admin through the stored strings.
    Snapshot.objects.filter(pk=snapshot.pk).update(
        title="<script>window.__pwned='stored'</script><img src=x onerror=\"window.__pwned=1\">"
    )

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    for path in (
        f"/admin/sources/snapshot/{snapshot.pk}/reader/",
        f"/admin/sources/snapshot/{snapshot.pk}/change/",
        "/admin/sources/snapshot/",
        f"/admin/sources/source/{snapshot.source_id}/change/",
        "/admin/sources/source/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{live_server.url}/admin/sources/snapshot/{snapshot.pk}/change/")
    assert "<script>window.__pwned='stored'</script>" in page.inner_text("body")
    assert dialogs == []
    assert "/tracker.gif" not in page_server.hits  # no remote image was ever loaded

    # The reader view keeps the article's words and safe links, nothing executable.
    reader = page.goto(f"{live_server.url}/admin/sources/snapshot/{snapshot.pk}/reader/")
    assert "default-src 'none'" in reader.headers["content-security-policy"]
    article = page.locator("article.reader")
    assert "The budget grew by 12 percent." in article.inner_text()
    assert article.locator("img, script, svg, [onerror], [onclick], [onmouseover]").count() == 0
    hrefs = [a.get_attribute("href") for a in article.locator("a").all()]
    assert "https://example.org/budget" in hrefs
    assert not any(href and href.startswith("javascript:") for href in hrefs)

    # The raw body is a sandboxed attachment, never a page of ours.
    response = page.request.get(
        f"{live_server.url}/admin/sources/snapshot/{snapshot.pk}/download/body/"
    )
    assert response.status == 200
    headers = response.headers
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"].startswith("attachment;")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert response.body() == HOSTILE.replace("TRACKER", tracker).encode()
    warc_url = f"{live_server.url}/admin/sources/snapshot/{snapshot.pk}/download/warc/"
    warc = page.request.get(warc_url)
    assert warc.headers["content-security-policy"] == "sandbox; default-src 'none'"
