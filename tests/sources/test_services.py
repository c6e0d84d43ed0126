"""Archiving services in-process against real local web servers and the real database."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from sources import services
from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = "<html><head><title>Budget &amp; <b>plan</b></title></head><body><p>It costs 5 million.</p></body></html>"


@pytest.fixture
def allow_page_server(settings, page_server):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    return page_server


def _queued(url):
    return SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))


def test_capture_stores_body_warc_hash_and_text(allow_page_server):
    snapshot = _queued(allow_page_server.add("/budget.html", PAGE))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    assert snapshot.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert snapshot.body.read() == PAGE.encode()
    assert snapshot.warc.name.startswith("warcs/")
    assert snapshot.http_status == 200
    assert snapshot.content_type == "text/html"
    assert snapshot.size == len(PAGE.encode())
    assert "5 million" in snapshot.text
    assert dict(snapshot.response_headers)["Content-Length"] == str(len(PAGE.encode()))
    assert snapshot.attempts == 1 and snapshot.lease_expires_at is None


def test_redelivered_task_does_not_capture_twice(allow_page_server):
    snapshot = _queued(allow_page_server.add("/once.html", PAGE))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    assert services.snapshot_capture(snapshot_id=snapshot.pk) is None
    assert allow_page_server.hits["/once.html"] == 1


def test_http_404_is_a_permanent_failure_with_status(allow_page_server):
    snapshot = _queued(allow_page_server.url("/missing"))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.http_status) == (Snapshot.Status.FAILED, 404)
    assert snapshot.error_reason == "http_error"


def test_503_is_transient_and_requeues_the_row(allow_page_server):
    url = allow_page_server.add("/busy", "busy", status=503, headers={"Retry-After": "7"})
    snapshot = _queued(url)
    with pytest.raises(services.TransientArchiveError) as excinfo:
        services.snapshot_capture(snapshot_id=snapshot.pk)
    assert excinfo.value.retry_after == 7
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.QUEUED
    assert snapshot.error_message.startswith("Will retry")
    services.snapshot_fail(snapshot_id=snapshot.pk, reason="http_error", message="gave up")
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.FAILED


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://127.0.0.1:9/"]
)
def test_private_addresses_are_blocked_with_a_reason(url):
    snapshot = _queued(url)
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.BLOCKED
    assert snapshot.error_reason
    assert snapshot.error_message


def test_snapshot_request_reuses_the_active_snapshot(django_capture_on_commit_callbacks):
    source = SourceFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.snapshot_request(source=source)
        second = services.snapshot_request(source=source)
    assert first == second
    assert len(callbacks) == 1


def test_stuck_snapshots_are_requeued(django_capture_on_commit_callbacks):
    past = timezone.now() - timedelta(minutes=1)
    stuck = SnapshotFactory(status=Snapshot.Status.FETCHING, lease_expires_at=past)
    fresh = SnapshotFactory(
        status=Snapshot.Status.FETCHING, lease_expires_at=timezone.now() + timedelta(minutes=5)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.snapshots_requeue_stuck() == [stuck.pk]
    assert len(callbacks) == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, fresh.status) == (Snapshot.Status.QUEUED, Snapshot.Status.FETCHING)
