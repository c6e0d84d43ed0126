"""The snapshot page offers the capture as WACZ: a zip whose manifest lists every file with
digests that match, for staff only, as a sandboxed attachment."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from sources.archiving.warc import build_warc
from sources.fetching import fetch
from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory
from tests.servers import PageServer, policy_for

pytestmark = pytest.mark.django_db

PAGE = "<html><head><title>Ferry</title></head><body><p>The ferry terminal.</p></body></html>"


@pytest.fixture
def snapshot():
    with PageServer() as site:
        url = site.add("/story", PAGE)
        site.add("/notes.txt", "tide table", content_type="text/plain")
        policy = policy_for(f"127.0.0.1:{site.port}")
        warc = b"".join(build_warc(fetch(u, policy=policy)) for u in (url, site.url("/notes.txt")))
    return SnapshotFactory(
        source=SourceFactory(url=url),
        status=Snapshot.Status.SUCCEEDED,
        sha256="e" * 64,
        final_url=url,
        title="Ferry",
        text="The ferry terminal.",
        finished_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        warc=default_storage.save("warcs/wacz-test", ContentFile(warc)),
        warc_sha256=hashlib.sha256(warc).hexdigest(),
    )


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_the_wacz_holds_a_manifest_whose_digests_match(client, alice, snapshot):
    client.force_login(alice)
    page = client.get(f"/admin/sources/snapshot/{snapshot.pk}/change/").content.decode()
    download = f"/admin/sources/snapshot/{snapshot.pk}/download/wacz/"
    assert f'href="{download}" id="download-wacz"' in page

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/wacz"
    assert response["Content-Disposition"] == f'attachment; filename="snapshot-{snapshot.pk}.wacz"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)

    wacz = zipfile.ZipFile(io.BytesIO(body))
    assert wacz.testzip() is None
    names = set(wacz.namelist())
    assert names == {
        "archive/data.warc.gz",
        "indexes/index.cdx",
        "pages/pages.jsonl",
        "datapackage.json",
        "datapackage-digest.json",
    }
    package = wacz.read("datapackage.json")
    assert json.loads(wacz.read("datapackage-digest.json")) == {
        "path": "datapackage.json",
        "hash": _sha256(package),
    }
    manifest = json.loads(package)
    assert manifest["profile"] == "data-package"
    assert manifest["wacz_version"] == "1.1.1"
    assert manifest["mainPageUrl"] == snapshot.final_url
    assert manifest["mainPageDate"] == "2026-11-30T09:00:00Z"
    listed = {r["path"]: r for r in manifest["resources"]}
    assert set(listed) == names - {"datapackage.json", "datapackage-digest.json"}
    for path, resource in listed.items():
        data = wacz.read(path)
        assert resource["hash"] == _sha256(data), path
        assert resource["bytes"] == len(data), path
    with snapshot.warc.open("rb") as stored:
        assert wacz.read("archive/data.warc.gz") == stored.read()
    index = wacz.read("indexes/index.cdx").decode().splitlines()
    assert [json.loads(line.split(" ", 2)[2])["url"] for line in index] == [  # SURT order
        snapshot.final_url.replace("/story", "/notes.txt"),
        snapshot.final_url,
    ]
    pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
    assert pages[1]["url"] == snapshot.final_url
    assert (pages[1]["title"], pages[1]["text"]) == ("Ferry", "The ferry terminal.")


def test_the_wacz_is_for_staff_only(snapshot):
    response = Client().get(f"/admin/sources/snapshot/{snapshot.pk}/download/wacz/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
