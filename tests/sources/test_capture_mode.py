"""ARCHIVE_CAPTURE_MODE in the archive service, in-process with real Chromium and real local
servers: ``auto`` renders only pages whose raw text is thin, and a browser that fails leaves
the raw capture in place with the reason noted."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources import services
from sources.archiving.browser import shutdown_browser
from sources.models import Snapshot
from tests.conftest import CHROMIUM, require
from tests.factories import SnapshotFactory, SourceFactory
from tests.sources.test_browser_capture import JS_APP, JS_PAGE

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

PLAIN = (
    "<html><head><title>Plain</title></head><body><article><p>"
    + "The port authority reported 1.4 million containers handled last year. " * 6
    + "</p></article></body></html>"
)


@pytest.fixture(scope="module", autouse=True)
def _chromium():
    require(Path(CHROMIUM).exists(), "Chromium is not installed")
    yield
    shutdown_browser()


@pytest.fixture
def site(settings, page_server):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    page_server.add("/mode-app.js", JS_APP, content_type="application/javascript")
    page_server.add("/mode-js.html", JS_PAGE.replace("/app.js", "/mode-app.js"))
    page_server.add("/mode-plain.html", PLAIN)
    return page_server


def _capture(url: str) -> Snapshot:
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    return snapshot


def test_auto_renders_only_the_page_whose_raw_text_is_thin(site, settings):
    settings.ARCHIVE_CAPTURE_MODE = "auto"
    plain = _capture(site.url("/mode-plain.html"))
    assert plain.capture_mode == "http" and not plain.screenshot
    assert "1.4 million containers" in plain.text

    built = _capture(site.url("/mode-js.html"))
    assert built.capture_mode == "browser"
    assert "41 million euros" in built.text
    assert built.screenshot.name.startswith("screenshots/")
    assert built.warc.name.startswith("warcs/")


def test_http_mode_never_starts_the_browser(site, settings):
    settings.ARCHIVE_CAPTURE_MODE = "http"
    snapshot = _capture(site.url("/mode-js.html"))
    assert snapshot.capture_mode == "http"
    assert "41 million" not in snapshot.text and not snapshot.screenshot


def test_a_failing_browser_leaves_the_raw_capture_with_the_reason(site, settings, tmp_path):
    settings.ARCHIVE_CAPTURE_MODE = "browser"
    settings.BROWSER_CAPTURE_EXECUTABLE = str(tmp_path / "no-chromium-here")
    snapshot = _capture(site.url("/mode-js.html"))
    assert snapshot.capture_mode == "http"
    assert snapshot.capture_note.startswith("Browser capture failed, raw response kept")
    assert not snapshot.screenshot
    assert snapshot.sha256  # the raw capture stands
