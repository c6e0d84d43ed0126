"""Read-only sources and snapshots; downloads are sandboxed attachments."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

HOSTILE = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture
def archived():
    body = default_storage.save("bodies/test-hostile", ContentFile(HOSTILE))
    warc = default_storage.save("warcs/test-hostile", ContentFile(b"WARC/1.1\r\n"))
    return SnapshotFactory(
        status=Snapshot.Status.SUCCEEDED,
        sha256="b" * 64,
        body=body,
        warc=warc,
        content_type="text/html",
        text="alert",
        title="Hostile",
    )


def test_sources_list_with_latest_snapshot(read_client, archived):
    SourceFactory()
    data = read_client.get("/api/v1/sources").json()["results"]
    by_id = {s["id"]: s for s in data}
    assert by_id[archived.source_id]["latest_snapshot"]["id"] == archived.pk
    assert len(by_id) == 2
    detail = read_client.get(f"/api/v1/snapshots/{archived.pk}").json()
    assert detail["body_download"] == f"/api/v1/snapshots/{archived.pk}/body"
    assert detail["text"] == "alert"


@pytest.mark.parametrize("kind", ["body", "warc"])
def test_downloads_are_sandboxed_attachments(read_client, archived, kind):
    response = read_client.get(f"/api/v1/snapshots/{archived.pk}/{kind}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    content = b"".join(response.streaming_content)
    assert content == (HOSTILE if kind == "body" else b"WARC/1.1\r\n")


def test_download_of_a_snapshot_without_files_is_404(read_client):
    snapshot = SnapshotFactory()
    response = read_client.get(
        f"/api/v1/snapshots/{snapshot.pk}/body", HTTP_ACCEPT="application/octet-stream"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_sources_are_read_only(rw_client, archived):
    assert rw_client.post("/api/v1/sources", {}, format="json").status_code == 405
    assert rw_client.delete(f"/api/v1/snapshots/{archived.pk}").status_code == 405
