"""Save Page Now, against a fake SPN2 server on 127.0.0.1 that speaks the real protocol."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from sources import services
from sources.archiving.wayback import WaybackError
from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = "<html><head><title>Budget</title></head><body><p>It costs 5 million.</p></body></html>"


class FakeSavePageNow:
    """POST /save -> job id; POST /save/status/<job> -> pending, then success."""

    def __init__(self, *, refuse: bool = False, busy: bool = False) -> None:
        self.requests: list[tuple[str, dict, str]] = []
        self.status_calls = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                fake.requests.append((self.path, form, self.headers.get("Authorization", "")))
                if busy:
                    return self._answer(503, {"message": "busy"})
                if refuse:
                    return self._answer(400, {"status": "error", "message": "Not allowed"})
                if self.path == "/save":
                    return self._answer(200, {"url": form["url"][0], "job_id": "spn2-abc123"})
                fake.status_calls += 1
                if fake.status_calls == 1:
                    return self._answer(200, {"status": "pending", "job_id": "spn2-abc123"})
                return self._answer(
                    200,
                    {
                        "status": "success",
                        "timestamp": "20261127120000",
                        "original_url": fake.original_url,
                    },
                )

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.original_url = ""
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def spn(settings, page_server):
    fake = FakeSavePageNow()
    settings.FETCH_ALLOWED_HOSTPORTS = [
        f"127.0.0.1:{page_server.port}",
        f"127.0.0.1:{fake.port}",
    ]
    settings.WAYBACK_SPN_ENABLED = True
    settings.WAYBACK_SPN_URL = f"http://127.0.0.1:{fake.port}/save"
    settings.WAYBACK_SPN_ACCESS_KEY = "key"
    settings.WAYBACK_SPN_SECRET = "secret"
    yield fake
    fake.close()


def _succeeded(page_server, path, django_capture_on_commit_callbacks):
    url = page_server.add(path, PAGE)
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    with django_capture_on_commit_callbacks() as callbacks:
        services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    return snapshot, callbacks


def test_disabled_by_default(settings, page_server, django_capture_on_commit_callbacks):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    assert settings.WAYBACK_SPN_ENABLED is False
    snapshot, callbacks = _succeeded(page_server, "/wb-off", django_capture_on_commit_callbacks)
    assert snapshot.wayback_status == ""
    assert len(callbacks) == 2  # the snapshot.finished webhook emitter, the text step only


def test_submission_is_followed_to_the_archived_copy(
    spn, page_server, django_capture_on_commit_callbacks
):
    snapshot, callbacks = _succeeded(page_server, "/wb-on", django_capture_on_commit_callbacks)
    assert len(callbacks) == 3  # webhook emitter + the text step + submit_to_wayback
    spn.original_url = snapshot.source.url

    assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is False  # submitted
    assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is False  # pending
    assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is True  # success
    snapshot.refresh_from_db()
    assert snapshot.wayback_status == Snapshot.WaybackStatus.ARCHIVED
    assert snapshot.wayback_job_id == "spn2-abc123"
    assert snapshot.wayback_url == (
        f"https://web.archive.org/web/20261127120000/{snapshot.source.url}"
    )
    path, form, auth = spn.requests[0]
    assert (path, form["url"], auth) == ("/save", [snapshot.source.url], "LOW key:secret")
    assert [p for p, _, _ in spn.requests[1:]] == ["/save/status/spn2-abc123"] * 2
    # Done is done: no further requests.
    assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is True
    assert len(spn.requests) == 3


def test_a_refusal_is_recorded_and_not_retried(spn, page_server, settings):
    spn.close()
    refusing = FakeSavePageNow(refuse=True)
    settings.FETCH_ALLOWED_HOSTPORTS = [
        *settings.FETCH_ALLOWED_HOSTPORTS,
        f"127.0.0.1:{refusing.port}",
    ]
    settings.WAYBACK_SPN_URL = f"http://127.0.0.1:{refusing.port}/save"
    snapshot = SnapshotFactory(status=Snapshot.Status.SUCCEEDED, sha256="0" * 64)
    try:
        assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is True
    finally:
        refusing.close()
    snapshot.refresh_from_db()
    assert snapshot.wayback_status == Snapshot.WaybackStatus.FAILED
    assert "Not allowed" in snapshot.wayback_detail


def test_a_busy_archive_is_transient_and_writes_nothing(spn, settings):
    spn.close()
    busy = FakeSavePageNow(busy=True)
    settings.FETCH_ALLOWED_HOSTPORTS = [*settings.FETCH_ALLOWED_HOSTPORTS, f"127.0.0.1:{busy.port}"]
    settings.WAYBACK_SPN_URL = f"http://127.0.0.1:{busy.port}/save"
    snapshot = SnapshotFactory(status=Snapshot.Status.SUCCEEDED, sha256="0" * 64)
    try:
        with pytest.raises(WaybackError) as excinfo:
            services.snapshot_wayback_step(snapshot_id=snapshot.pk)
    finally:
        busy.close()
    assert excinfo.value.transient
    snapshot.refresh_from_db()
    assert (snapshot.wayback_status, snapshot.wayback_job_id) == ("", "")


def test_the_archive_endpoint_obeys_the_address_policy(settings):
    settings.WAYBACK_SPN_ENABLED = True
    settings.WAYBACK_SPN_URL = "http://169.254.169.254/save"
    snapshot = SnapshotFactory(status=Snapshot.Status.SUCCEEDED, sha256="0" * 64)
    assert services.snapshot_wayback_step(snapshot_id=snapshot.pk) is True
    snapshot.refresh_from_db()
    assert snapshot.wayback_status == Snapshot.WaybackStatus.FAILED
    assert "non-public address" in snapshot.wayback_detail


def test_the_task_follows_the_job_with_celerys_retries(
    spn, page_server, django_capture_on_commit_callbacks
):
    from sources.tasks import submit_to_wayback

    snapshot, _ = _succeeded(page_server, "/wb-task", django_capture_on_commit_callbacks)
    spn.original_url = snapshot.source.url
    submit_to_wayback.apply(args=[snapshot.pk])  # eager: Celery's retries run inline
    snapshot.refresh_from_db()
    assert snapshot.wayback_status == Snapshot.WaybackStatus.ARCHIVED
    assert len(spn.requests) == 3  # submit, pending, success


def test_the_task_gives_up_after_its_retries_and_says_so(monkeypatch):
    from sources.tasks import WAYBACK_MAX_LOOKS, submit_to_wayback

    looks = []
    monkeypatch.setattr(services, "snapshot_wayback_step", lambda snapshot_id: looks.append(1))
    snapshot = SnapshotFactory(status=Snapshot.Status.SUCCEEDED, sha256="0" * 64)
    submit_to_wayback.apply(args=[snapshot.pk])
    assert len(looks) == WAYBACK_MAX_LOOKS + 1
    snapshot.refresh_from_db()
    assert snapshot.wayback_status == Snapshot.WaybackStatus.FAILED
    assert snapshot.wayback_detail == "Gave up: Save Page Now is still working on it."
