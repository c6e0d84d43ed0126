"""Celery tasks of the claims app: thin wrappers that take ids and call services."""

from celery import shared_task

from claims import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def extract_article_claims(article_id: int) -> None:
    """Extract the claims of one article; a no-op when it is not pending (done or gone)."""
    services.article_extract(article_id=article_id)


@shared_task
def requeue_stuck_extractions() -> None:
    services.articles_requeue_stuck_extractions()
