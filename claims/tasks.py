"""Celery tasks of the claims app: thin wrappers that take ids and call services."""

from celery import shared_task

from claims import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def extract_article_claims(article_id: int) -> None:
    """Extract the claims of one article; a no-op when it is not pending (done or gone)."""
    services.article_extract(article_id=article_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def fetch_article(article_id: int) -> None:
    """Fetch the page of an article submitted by URL; a no-op once it has its text."""
    services.article_fetch(article_id=article_id)


@shared_task
def requeue_stuck_extractions() -> None:
    services.articles_requeue_stuck_extractions()


EVIDENCE_MAX_WAITS = 60  # about 25 minutes of waiting for an archive, then give up


def evidence_wait_countdown(retries: int) -> int:
    """1, 3, 5 … 30 seconds between looks at a snapshot that is still being archived."""
    return min(30, 1 + 2 * retries)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=EVIDENCE_MAX_WAITS,
    soft_time_limit=60,
    time_limit=90,
)
def find_evidence(self, citation_id: int) -> None:
    """Find the passages of a cited source that bear on the claim.

    A no-op when the citation is gone or its evidence is already stored for the newest
    snapshot. While the source is still being archived (queued/fetching), the task retries
    itself with a growing countdown, a bounded number of times: the claims side waits for
    archiving instead of archiving calling into claims.
    """
    outcome = services.evidence_find_for_citation(citation_id=citation_id)
    if outcome != services.EvidenceOutcome.WAITING:
        return
    if self.request.retries >= self.max_retries:
        services.evidence_give_up(citation_id=citation_id)
        return
    raise self.retry(countdown=evidence_wait_countdown(self.request.retries))


@shared_task
def find_stale_evidence() -> None:
    """Beat sweep: citations whose source was archived again get their evidence refreshed."""
    for citation_id in services.evidence_stale_citation_ids():
        find_evidence.delay(citation_id)
