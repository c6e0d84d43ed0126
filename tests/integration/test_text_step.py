"""Capture is not held back by text extraction (issue 14): with a real worker on the
``archive`` queue only, a cited page is captured and shown at once while its text waits on
the ``text`` queue; a worker on ``text`` then reads it and finds the claim's evidence.

The session's all-queues worker would read the text itself, so it is stopped for this test
and started again after it.
"""

import time

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import Citation
from sources.models import Snapshot
from tests.conftest import WorkerProcess, _purge_queues, wait_for
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PAGE = (
    "<html><head><title>Wind farm</title></head><body><article><p>The council approved the "
    "Northfield wind farm on Tuesday. The farm will have a capacity of 450 megawatts, the "
    "developer said, and should be running by 2028.</p></article></body></html>"
)


@pytest.fixture
def own_workers(celery_worker, celery_worker_env, tmp_path):
    """Workers of this test only: the session's worker is stopped meanwhile."""
    celery_worker.stop()
    _purge_queues()
    started: list[WorkerProcess] = []

    def start(queues: str) -> WorkerProcess:
        worker = WorkerProcess(celery_worker_env, tmp_path / f"{queues}.log", queues=queues)
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    _purge_queues()
    celery_worker.start()


def test_a_capture_shows_at_once_and_its_text_and_evidence_follow(own_workers, page_server, alice):
    own_workers("archive")
    url = page_server.add("/split/wind.html", PAGE)
    claim = ClaimFactory(
        article=ArticleFactory(body="The wind farm has a capacity of 450 megawatts."),
        text="The wind farm has a capacity of 450 megawatts.",
    )
    citation = services.citation_add(claim=claim, url=url, relation="supports", by=alice)

    captured = wait_for(
        lambda: Snapshot.objects.filter(source__url=url, status="succeeded").first()
    )
    assert captured.sha256 and captured.warc.name and captured.text_status == "pending"
    api = APIClient()
    api.force_login(alice)
    detail = api.get(f"/api/v1/snapshots/{captured.pk}").json()
    assert (detail["status"], detail["text_status"], detail["text"]) == (
        "succeeded",
        "pending",
        "",
    )
    time.sleep(1.0)  # nobody serves the text queue: the text waits, the capture stands
    captured.refresh_from_db()
    assert (captured.text_status, captured.text) == ("pending", "")
    assert Citation.objects.get(pk=citation.pk).evidence_status == "pending"

    own_workers("text")
    settled = wait_for(
        lambda: Citation.objects.filter(pk=citation.pk).exclude(evidence_status="pending").first()
    )
    assert settled.evidence_status == "done" and settled.evidence_snapshot_id == captured.pk
    assert "450 megawatts" in settled.evidence.order_by("rank").first().text
    captured.refresh_from_db()
    assert (captured.text_status, captured.language) == ("done", "en")
    assert "Northfield wind farm" in captured.text
    assert page_server.hits["/split/wind.html"] == 1  # read from the archive, not fetched again
