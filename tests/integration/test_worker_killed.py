"""A worker killed with SIGKILL in the middle of a fetch loses nothing and duplicates nothing.

Worker A claims the snapshot (queued -> fetching) and is killed while the page is still
downloading. The row keeps its lease; when the lease runs out the beat sweep re-queues it and a
new worker B archives it. The original message (unacked on Redis) comes back to B after the
visibility timeout and is a no-op, because the row is no longer queued. The outcome: one
succeeded snapshot, the page fully fetched once (after one interrupted attempt), empty queues.
"""

import signal
import time

import pytest

from sources import services
from sources.models import Snapshot
from sources.tasks import archive_snapshot
from tests.conftest import WorkerProcess, _purge_queues, require, wait_for
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

QUEUE = "killtest"


def _pending_messages(queues) -> int:
    from workbench.celery import app

    with app.connection_for_write() as conn:
        channel = conn.default_channel
        total = sum(channel.queue_declare(q, passive=False).message_count for q in queues)
        if conn.transport_cls == "redis" or "redis" in type(conn.transport).__module__:
            total += channel.client.hlen(channel.unacked_key)
        return total


def test_snapshot_completes_exactly_once_after_sigkill(
    celery_worker_env, page_server, tmp_path, settings
):
    _purge_queues()
    url = page_server.add("/slow-evidence.html", "<html><title>Slow</title>ok</html>", delay=4)
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    env = {
        **celery_worker_env,
        "ARCHIVE_LEASE_SECONDS": "3",  # A's claim on the row expires soon after it dies
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }

    worker_a = WorkerProcess(env, tmp_path / "a.log", queues=QUEUE)
    worker_a.start()
    try:
        archive_snapshot.apply_async((snapshot.pk,), queue=QUEUE)
        wait_for(lambda: page_server.hits.get("/slow-evidence.html") == 1, timeout=30)
        snapshot.refresh_from_db()
        assert snapshot.status == Snapshot.Status.FETCHING
        worker_a.kill(signal.SIGKILL)
    finally:
        worker_a.stop()

    time.sleep(0.5)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.FETCHING  # the dead worker's claim
    assert snapshot.attempts == 1

    worker_b = WorkerProcess(env, tmp_path / "b.log", queues=f"default,archive,{QUEUE}")
    worker_b.start()
    try:
        # What beat does every few minutes: re-queue snapshots whose lease ran out.
        requeued = wait_for(lambda: services.snapshots_requeue_stuck(), timeout=30)
        assert requeued == [snapshot.pk]
        wait_for(
            lambda: Snapshot.objects.filter(pk=snapshot.pk, status="succeeded").exists(),
            timeout=60,
        )
        # Give the redelivered original message time to arrive and find nothing to do.
        wait_for(lambda: _pending_messages([QUEUE, "archive"]) == 0, timeout=30)
        time.sleep(2)
    finally:
        worker_b.stop()

    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    assert snapshot.attempts == 2
    assert Snapshot.objects.filter(source=snapshot.source).count() == 1
    assert page_server.hits["/slow-evidence.html"] == 2  # one interrupted, one complete
    assert _pending_messages([QUEUE, "archive"]) == 0


def test_the_purge_before_a_test_worker_also_drops_messages_delivered_but_never_acknowledged(
    settings,
):
    """What a killed worker leaves behind on Redis (here or in an earlier run on the same
    database) must not reach the next test's worker, which would run it on another test's row."""
    from workbench.celery import app

    require(settings.CELERY_BROKER_URL.startswith("redis"), "REDIS_URL is not set")
    _purge_queues()
    with app.connection_for_write() as conn:
        # a queue no worker of the session serves, so that only this test takes the message
        queue = conn.SimpleQueue("purgetest", no_ack=False)
        queue.clear()  # (what a failed run of this test left)
        queue.put({"stale": True})
        message = queue.get(timeout=5)  # delivered, then "killed": never acknowledged
        assert message.payload == {"stale": True}
        client = conn.default_channel.client
        assert client.hlen(conn.default_channel.unacked_key) == 1
        _purge_queues()
        assert client.hlen(conn.default_channel.unacked_key) == 0
        assert client.zcard(conn.default_channel.unacked_index_key) == 0
        # This process is alive, unlike a killed worker: settle the message so that closing
        # the channel does not put it back in the queue.
        message.ack()
        queue.close()
    assert _pending_messages(["purgetest"]) == 0
