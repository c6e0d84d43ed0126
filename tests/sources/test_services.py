"""Archiving services in-process against real local web servers and the real database."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from sources import selectors, services
from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = (
    "<html><head><title>Budget &amp; <b>plan</b></title></head>"
    "<body><p>It costs 5 million.</p></body></html>"
)


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
    assert dict(snapshot.response_headers)["Content-Length"] == str(len(PAGE.encode()))
    # captured and visible; the text is the text step's (its lease runs meanwhile)
    assert (snapshot.text_status, snapshot.text, snapshot.attempts) == ("pending", "", 1)
    assert snapshot.lease_expires_at is not None

    services.snapshot_text_extract(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.text_status, snapshot.language) == ("done", "en")
    assert "5 million" in snapshot.text
    assert snapshot.lease_expires_at is None and snapshot.text_finished_at is not None


def test_the_text_step_settles_once(allow_page_server, django_capture_on_commit_callbacks):
    from sources.events import snapshot_text_ready

    heard = []
    snapshot_text_ready.connect(lambda sender, **kw: heard.append(kw), dispatch_uid="t", weak=False)
    try:
        snapshot = _queued(allow_page_server.add("/settle.html", PAGE))
        services.snapshot_capture(snapshot_id=snapshot.pk)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.snapshot_text_extract(snapshot_id=snapshot.pk) is not None
            # a redelivered message: nothing pending, nothing written, no second event
            assert services.snapshot_text_extract(snapshot_id=snapshot.pk) is None
            late = services.snapshot_text_fail(snapshot_id=snapshot.pk, reason="x", message="")
            assert late is None
    finally:
        snapshot_text_ready.disconnect(dispatch_uid="t")
    assert heard == [
        {
            "snapshot_id": snapshot.pk,
            "source_id": snapshot.source_id,
            "text_status": "done",
            "snapshot": heard[0]["snapshot"],
            "signal": snapshot_text_ready,
        }
    ]
    # the row as the text step wrote it, for the evidence finder not to read it back
    assert heard[0]["snapshot"].pk == snapshot.pk and "5 million" in heard[0]["snapshot"].text


def test_a_lost_text_step_is_queued_again(allow_page_server, django_capture_on_commit_callbacks):
    snapshot = _queued(allow_page_server.add("/lost.html", PAGE))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    assert services.snapshots_requeue_text() == []  # within its lease
    later = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.snapshots_requeue_text(now=later) == [snapshot.pk]
    assert len(callbacks) == 1
    assert services.snapshots_requeue_text(now=later) == []  # the lease was renewed


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


def _archived(page_server, path, body):
    url = page_server.add(path, body)
    snapshot = _queued(url)
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    return snapshot.source


def test_link_rot_watch_records_ok_changed_and_gone(allow_page_server):
    unchanged = _archived(allow_page_server, "/stable", PAGE)
    changed = _archived(allow_page_server, "/edited", PAGE)
    gone = _archived(allow_page_server, "/deleted", PAGE)
    assert set(selectors.sources_due_for_live_check()) == {unchanged.pk, changed.pk, gone.pk}

    allow_page_server.add("/edited", PAGE.replace("5 million", "7 million"))
    del allow_page_server.pages["/deleted"]
    for source in (unchanged, changed, gone):
        services.source_check_live(source_id=source.pk)
        source.refresh_from_db()
    assert unchanged.live_status == "ok"
    assert changed.live_status == "changed"
    assert (gone.live_status, gone.live_detail[:10]) == ("gone", "http_error")
    assert selectors.sources_due_for_live_check() == []


def test_fetches_share_a_per_domain_slot_through_redis(settings, allow_page_server):
    """With Redis, a capture holds one of the domain's slots; a full domain waits."""
    from tests.conftest import require

    require(bool(settings.REDIS_URL), "REDIS_URL is not set: the shared limiter needs Redis")
    from sources.fetching.politeness import DomainLimiter

    settings.FETCH_DOMAIN_CONCURRENCY = 1
    settings.FETCH_DOMAIN_INTERVAL = 0
    settings.FETCH_DOMAIN_WAIT = 0.5
    snapshot = _queued(allow_page_server.add("/polite", PAGE))
    limiter = DomainLimiter(services._redis())
    hint = limiter.try_acquire(
        "127.0.0.1", "other-worker", max_concurrent=1, min_interval=0, lease_ttl=30
    )
    assert hint == 0.0
    try:
        with pytest.raises(services.TransientArchiveError, match="politeness_timeout"):
            services.snapshot_capture(snapshot_id=snapshot.pk)
    finally:
        limiter.release("127.0.0.1", "other-worker")
    assert "/polite" not in allow_page_server.hits
    services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED


def test_a_pdf_is_archived_with_its_text_page_by_page(allow_page_server):
    from tests.pdfs import REPORT_PAGES, report_pdf

    body = report_pdf()
    url = allow_page_server.add("/review.pdf", body, content_type="application/pdf")
    snapshot = _queued(url)
    services.snapshot_capture(snapshot_id=snapshot.pk)
    services.snapshot_text_extract(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.text_status) == ("succeeded", "done")
    assert snapshot.sha256 == hashlib.sha256(body).hexdigest() and snapshot.body.read() == body
    assert snapshot.title == "Annual Energy Review"
    assert len(snapshot.page_starts) == len(REPORT_PAGES)
    third = snapshot.text[snapshot.page_starts[2] : snapshot.page_starts[3]]
    assert "156 billion dollars" in " ".join(third.split())


def test_a_pdf_bomb_is_archived_and_its_text_fails_with_its_reason(allow_page_server):
    from tests.pdfs import page_count_bomb

    url = allow_page_server.add(
        "/bomb.pdf", page_count_bomb(levels=4), content_type="application/pdf"
    )
    snapshot = _queued(url)
    services.snapshot_capture(snapshot_id=snapshot.pk)
    services.snapshot_text_extract(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    # the bytes are archived as served; reading them is what failed
    assert snapshot.status == "succeeded" and snapshot.sha256
    assert (snapshot.text_status, snapshot.text_reason) == ("failed", "pdf_too_many_pages")
    assert "10,000 pages" in snapshot.text_message and snapshot.text == ""
    assert snapshot.http_status == 200 and snapshot.lease_expires_at is None


def test_the_outcome_writes_only_what_the_capture_changed(allow_page_server, settings):
    """The capture's outcome UPDATE sets the fields the capture changed since its claim
    (a column another writer set meanwhile stays), and on PostgreSQL its commit does not
    wait for the WAL flush unless the Wayback Machine is told next (docs/archiving.md,
    "Commits per capture")."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sources.fetching import FetchPolicy, fetch

    def outcome_update(snapshot_id):
        claimed = services.snapshot_claim(snapshot_id)
        Snapshot.objects.filter(pk=snapshot_id).update(capture_note="Noted while fetching.")
        result = fetch(claimed.source.url, policy=FetchPolicy.from_settings())
        with CaptureQueriesContext(connection) as queries:
            services._snapshot_succeed(claimed, result)
        (update,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
        return update

    snapshot = _queued(allow_page_server.add("/lean.html", PAGE))
    update = outcome_update(snapshot.pk)
    assert '"sha256"' in update and '"warc"' in update and '"status"' in update
    for untouched in ('"capture_note"', '"title"', '"wayback_status"', '"screenshot"'):
        assert untouched not in update
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    assert snapshot.capture_note == "Noted while fetching."
    assert snapshot.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    if connection.vendor == "postgresql":
        assert "set_config('synchronous_commit', 'off', true)" in update
        settings.WAYBACK_SPN_ENABLED = True
        other = _queued(allow_page_server.add("/lean-wayback.html", PAGE))
        assert "synchronous_commit" not in outcome_update(other.pk)
