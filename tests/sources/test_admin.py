"""Admin pages of sources and snapshots: constant query counts, safe downloads, no writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_as_alice(client, alice):
    client.force_login(alice)
    return client


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/admin/sources/source/", "/admin/sources/snapshot/"])
def test_changelists_use_a_constant_number_of_queries(admin_client_as_alice, url):
    def add(count):
        for _ in range(count):
            SnapshotFactory(status=Snapshot.Status.FAILED, error_reason="http_error")

    add(2)
    few = _queries(admin_client_as_alice, url)
    add(30)
    assert _queries(admin_client_as_alice, url) == few


def test_archive_now_action_queues_one_snapshot_per_source(
    admin_client_as_alice, django_capture_on_commit_callbacks
):
    sources = [SourceFactory(), SourceFactory()]
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client_as_alice.post(
            "/admin/sources/source/",
            {"action": "archive_now", "_selected_action": [s.pk for s in sources]},
            follow=True,
        )
    assert b"Archiving queued for 2 source(s)" in response.content
    assert Snapshot.objects.filter(status="queued").count() == 2
    assert len(callbacks) == 2


def test_snapshots_are_read_only_evidence(admin_client_as_alice):
    snapshot = SnapshotFactory(status=Snapshot.Status.FAILED)
    url = f"/admin/sources/snapshot/{snapshot.pk}/change/"
    assert admin_client_as_alice.get(url).status_code == 200
    response = admin_client_as_alice.post(url, {"status": "succeeded"})
    assert response.status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.FAILED
    delete = admin_client_as_alice.post(f"/admin/sources/snapshot/{snapshot.pk}/delete/")
    assert delete.status_code == 403


def test_downloads_need_a_succeeded_snapshot_and_staff(client, admin_client_as_alice):
    snapshot = SnapshotFactory(status=Snapshot.Status.FAILED)
    url = f"/admin/sources/snapshot/{snapshot.pk}/download/body/"
    assert admin_client_as_alice.get(url).status_code == 404
    outsider = make_user("mallory")
    outsider.is_staff = False
    outsider.save()
    client.force_login(outsider)
    assert client.get(url).status_code == 302  # to the admin login
