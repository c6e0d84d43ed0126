"""Storage that fails during a capture: a recorded, retried failure, never a row stuck in
``fetching`` (issue 15).

How storage is made to fail: the folder a blob goes into (``bodies/ab/cd/`` under the media
root) is replaced by a regular file. Creating the folder then fails with ``FileExistsError``
and writing into it with ``NotADirectoryError``, for root too: root ignores permission bits
(a read-only ``chmod`` would not stop it), but no one can make a directory where a file is.
The blob key depends only on the page's bytes, so the test knows which folder to spoil and
disturbs nothing else in the session's media folder.
"""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from claims import services
from claims.models import Article, Citation
from sources.models import Snapshot
from sources.services import snapshot_request
from sources.tasks import archive_snapshot
from tests.conftest import wait_for
from tests.factories import SnapshotFactory, SourceFactory

PAGE = (
    "<html><head><title>Reactor {n}</title></head><body><article><p>The ministry said the "
    "plant will produce {n} megawatts by 2030, and the minister called it a historic step."
    "</p></article></body></html>"
)
ARTICLE = "The council approved a 450-megawatt wind farm on Tuesday. It will cost 2 billion."


def _spoil(body: bytes) -> Path:
    """Put a regular file where the body's blob folder must go; returns it."""
    sha = hashlib.sha256(body).hexdigest()
    blocker = Path(settings.MEDIA_ROOT) / "bodies" / sha[:2] / sha[2:4]
    blocker.parent.mkdir(parents=True, exist_ok=True)
    assert not blocker.exists(), "the page's bytes must be new to this session"
    blocker.write_bytes(b"not a directory")
    return blocker


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_storage_failure_mid_capture_is_recorded_then_retried(celery_worker, page_server, alice):
    body = PAGE.format(n=731).encode()
    # The headers come at once, the body a second later: the row is "fetching" meanwhile.
    url = page_server.add("/storage-mid-capture.html", body, delay=1.0)
    article = services.article_create(title="Wind", body=ARTICLE, by=alice)
    wait_for(lambda: Article.objects.filter(pk=article.pk, extraction_status="done").exists())
    citation = services.citation_add(
        claim=article.claims.first(), url=url, relation="supports", by=alice
    )

    fetching = wait_for(
        lambda: Snapshot.objects.filter(source__url=url, status="fetching").first(), interval=0.05
    )
    blocker = _spoil(body)
    try:
        failed = wait_for(
            lambda: Snapshot.objects.filter(pk=fetching.pk, error_reason="storage_error").first()
        )
        # Recorded on the row, with the reason, and back in the queue for the task's retry.
        assert failed.status in ("queued", "fetching")
        assert failed.error_message.startswith("Will retry: Could not store the capture:")
        assert "is not a directory" in failed.error_message  # FileSystemStorage's FileExistsError
        assert failed.lease_expires_at is not None
    finally:
        blocker.unlink()

    # Storage is writable again: the task's own retry archives the same row.
    done = wait_for(
        lambda: Snapshot.objects.filter(pk=fetching.pk, status="succeeded").first(), timeout=90
    )
    assert done.attempts >= 2
    assert done.error_reason == "" and done.error_message == ""
    assert done.sha256 == hashlib.sha256(body).hexdigest()
    assert done.body.read() == body
    assert not Snapshot.objects.filter(source__url=url, status="fetching").exists()
    # The evidence task the success set off has finished too: the worker is idle again before
    # the test database is flushed.
    wait_for(lambda: Citation.objects.filter(pk=citation.pk).exclude(evidence_status="pending"))


@pytest.mark.django_db
def test_storage_failure_ends_failed_with_reason_then_archive_again_succeeds(settings, page_server):
    """The task path in-process (``apply`` runs the retries eagerly, one after another): once
    the row's attempts are spent it ends ``failed`` with the reason; after the storage is
    fixed, archiving the source again (the admin's "Archive now") succeeds."""
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    body = PAGE.format(n=977).encode()
    url = page_server.add("/storage-gives-up.html", body)
    source = SourceFactory(url=url, domain="127.0.0.1")
    snapshot = SnapshotFactory(source=source)
    blocker = _spoil(body)
    try:
        archive_snapshot.apply(args=[snapshot.pk])
    finally:
        blocker.unlink()
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.FAILED
    assert snapshot.error_reason == "storage_error"
    assert snapshot.error_message.startswith(
        f"Gave up after {settings.ARCHIVE_MAX_RETRIES + 1} attempts: Could not store the capture"
    )
    assert snapshot.lease_expires_at is None and snapshot.finished_at is not None
    assert page_server.hits["/storage-gives-up.html"] == settings.ARCHIVE_MAX_RETRIES + 1

    again = snapshot_request(source=source)
    assert again.pk != snapshot.pk
    archive_snapshot.apply(args=[again.pk])
    again.refresh_from_db()
    assert again.status == Snapshot.Status.SUCCEEDED
    assert again.body.read() == body
