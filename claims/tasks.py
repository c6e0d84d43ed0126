"""Celery tasks of the claims app: thin wrappers that take ids and call services; and what
schedules them when another app's event says so."""

from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import OperationalError

from claims import services


@shared_task(
    base=DjangoTask,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.EXTRACT_SOFT_TIME_LIMIT,
    time_limit=settings.EXTRACT_TIME_LIMIT,
)
def extract_article_claims(article_id: int) -> None:
    """Extract the claims of one article; a no-op when it is not pending (done or gone).

    On the ``extract`` queue, whose workers do nothing else (``workbench.celery.WORKERS``)."""
    services.article_extract(article_id=article_id)


@shared_task(base=DjangoTask, acks_late=True, reject_on_worker_lost=True)
def fetch_article(article_id: int) -> None:
    """Fetch the page of an article submitted by URL; a no-op once it has its text.

    On the ``archive`` queue with the other page fetches (archiving's time limits)."""
    services.article_fetch(article_id=article_id)


@shared_task
def requeue_stuck_extractions() -> None:
    services.articles_requeue_stuck_extractions()


@shared_task(
    base=DjangoTask,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=60,
    time_limit=90,
    # a busy database ("database is locked" on SQLite, a serialisation failure): try again
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_jitter=True,
    max_retries=5,
)
def find_evidence(citation_id: int) -> None:
    """Find the passages of a cited source that bear on the claim.

    A no-op when the citation is gone, its evidence is already stored for the newest snapshot,
    or the source is still being archived or its text read: then the ``snapshot_text_ready``
    (or ``snapshot_finished``) event asks again once that is done.
    """
    services.evidence_find_for_citation(citation_id=citation_id)


def on_snapshot_finished(sender: Any, *, source_id: int, status: str, **event: Any) -> None:
    """Receiver of ``sources.events.snapshot_finished`` (connected in ``ClaimsConfig.ready``):
    a cited source failed to be archived (or was blocked); its citations learn there is no
    archived text. A succeeded capture waits for its text step (``on_snapshot_text_ready``)."""
    if status == "succeeded":
        return
    services.evidence_request_for_source(source_id=source_id)


def on_snapshot_text_ready(
    sender: Any, *, source_id: int, snapshot: Any = None, **event: Any
) -> None:
    """Receiver of ``sources.events.snapshot_text_ready``: a cited source's text was read (or
    could not be); find evidence for its citations, in the text worker that read it, in the
    row it wrote."""
    services.evidence_request_for_source(source_id=source_id, snapshot=snapshot)


@shared_task
def find_stale_evidence() -> None:
    """Beat sweep, the safety net of the ``snapshot_finished`` event: citations whose source was
    archived (again) since their evidence was found get it refreshed."""
    for citation_id in services.evidence_stale_citation_ids():
        find_evidence.delay(citation_id)


# Triage: the check-worthiness model ----------------------------------------------------------


@shared_task(
    base=DjangoTask,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=300,
    time_limit=360,
)
def train_checkworthiness_model(model_id: int) -> None:
    """Train a queued check-worthiness model; a no-op unless the row is still queued."""
    services.triage_model_train(model_id=model_id)


@shared_task
def retrain_checkworthiness_if_due() -> None:
    """Beat: queue a training once enough reviewers' decisions are new."""
    services.triage_retrain_if_due()


@shared_task(
    base=DjangoTask,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=150,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_jitter=True,
    max_retries=5,
)
def rescore_claims(after_article_id: int = 0) -> None:
    """Score claims again with the active scorer, a batch of articles at a time (idempotent:
    a redelivered batch computes the same scores); the next batch is its own task."""
    _changed, last = services.claims_rescore(
        after_article_id=after_article_id, articles=services.triage.RESCORE_ARTICLES_PER_TASK
    )
    if last:
        rescore_claims.delay(last)
