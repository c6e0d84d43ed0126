"""ARCHIVE_CAPTURE_MODE=browser through the real archive path: a citation of a page that builds
its article with JavaScript is archived by a real `celery worker` rendering it in Chromium; the
evidence finder finds the article's words, and the claim and snapshot pages show the
screenshot, served as an image with nosniff and a CSP."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claims import services
from claims.models import Citation, EvidencePassage
from sources.models import Snapshot
from tests.conftest import CHROMIUM, WorkerProcess, require, wait_for
from tests.factories import PASSWORD, ArticleFactory, ClaimFactory
from tests.sources.test_browser_capture import BANNER, JS_APP, JS_PAGE

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_worker(celery_worker, celery_worker_env, tmp_path):
    """A worker with ARCHIVE_CAPTURE_MODE=browser in place of the session's (raw) worker, so
    that no other worker can take the task; the session worker is back afterwards."""
    require(Path(CHROMIUM).exists(), "Chromium is not installed")
    celery_worker.stop()
    worker = WorkerProcess(
        {**celery_worker_env, "ARCHIVE_CAPTURE_MODE": "browser"}, tmp_path / "browser-worker.log"
    )
    worker.start()
    yield worker
    worker.stop()
    celery_worker.log_path.write_bytes(b"")
    celery_worker.start()


def test_a_javascript_page_is_archived_in_the_browser_with_its_screenshot(
    browser_worker, page_server, alice, client
):
    from PIL import Image

    url = page_server.add("/js-story.html", JS_PAGE)
    page_server.add("/app.js", JS_APP, content_type="application/javascript")
    article = ArticleFactory(
        body="The harbour council approved a budget of 41 million euros for the new ferry "
        "terminal on Tuesday.\n"
    )
    claim = ClaimFactory(article=article)
    citation = services.citation_add(claim=claim, url=url, relation="supports", by=alice)

    snapshot = wait_for(
        lambda: Snapshot.objects.filter(source__url=url, status="succeeded").first(), timeout=90
    )
    assert snapshot.capture_mode == "browser", snapshot.capture_note
    assert snapshot.capture_partial == ""
    assert snapshot.capture_requests == {"made": 2, "blocked": 0, "failed": 0}
    assert "41 million euros for the new ferry terminal" in snapshot.text
    assert snapshot.title == "Ferry terminal approved"
    assert (snapshot.screenshot_width, snapshot.screenshot_height) == (1280, 800)
    with snapshot.screenshot.open("rb") as fh:
        png = fh.read()
    assert Image.open(io.BytesIO(png)).convert("RGB").getpixel((640, 150)) == BANNER
    assert page_server.hits["/js-story.html"] == 1  # the page itself is fetched once

    # the evidence finder works on the rendered text
    wait_for(
        lambda: Citation.objects.filter(pk=citation.pk, evidence_status="done").exists(),
        timeout=60,
    )
    assert any(
        "41 million euros" in p.text for p in EvidencePassage.objects.filter(citation=citation)
    )

    # the screenshot is an image of ours, never a page
    assert client.login(username="alice", password=PASSWORD)
    shot_url = f"/admin/sources/snapshot/{snapshot.pk}/screenshot/"
    response = client.get(shot_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp
    assert b"".join(response.streaming_content) == png

    # the claim page and the snapshot page show it as a thumbnail that opens full size
    claim_page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert f'<a href="{shot_url}" target="_blank"' in claim_page
    assert f'<img src="{shot_url}"' in claim_page
    snapshot_page = client.get(f"/admin/sources/snapshot/{snapshot.pk}/change/").content.decode()
    assert f'<img src="{shot_url}"' in snapshot_page
    assert client.get(f"/admin/sources/snapshot/{snapshot.pk}/screenshot/").status_code == 200

    client.logout()
    assert client.get(shot_url).status_code == 302  # to the login page
