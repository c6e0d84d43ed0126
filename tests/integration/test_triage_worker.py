"""A real worker retrains the check-worthiness model from decisions made through the services,
switches to it, and rescores the claims of an article nobody has looked at."""

from __future__ import annotations

import random

import pytest

from claims import selectors, services
from claims.models import Article, Citation, Claim, TriageModel
from claims.tasks import retrain_checkworthiness_if_due
from sources.models import Snapshot
from tests.conftest import wait_for
from tests.unit.triage.synthetic import match_result, transfer_rumour

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTICLES = 10  # 9 decided (8 decisions each: 72, over the default TRIAGE_RETRAIN_AFTER of 50)


def sports_body(rng: random.Random) -> str:
    """Four transfer rumours and four match results, alternating, all different."""
    sentences: list[str] = []
    while len(sentences) < 8:
        sentence = transfer_rumour(rng) if len(sentences) % 2 == 0 else match_result(rng)
        if sentence not in sentences:
            sentences.append(sentence)
    return " ".join(sentences)


def is_rumour(claim: Claim) -> bool:
    return "goals" not in claim.text and " beat " not in claim.text and " drew " not in claim.text


def test_worker_retrains_from_decisions_and_rescores(celery_worker, page_server, alice):
    selectors.checkworthiness_scorer_forget()
    rng = random.Random(11)
    articles = [
        services.article_create(title=f"Sport {i}", body=sports_body(rng), by=alice)
        for i in range(ARTICLES)
    ]
    ids = [a.pk for a in articles]
    try:
        wait_for(
            lambda: (
                Article.objects.filter(pk__in=ids, extraction_status="done").count() == ARTICLES
            ),
            timeout=180,
        )
    except AssertionError as error:
        states = list(Article.objects.values_list("pk", "extraction_status", "extraction_error"))
        raise AssertionError(f"{error}: {states}\n{celery_worker.log()}") from error
    unseen = articles[-1]
    before = {c.pk: c.checkworthiness for c in unseen.claims.all()}
    rumours = [c for c in unseen.claims.all() if is_rumour(c)]
    results = [c for c in unseen.claims.all() if not is_rumour(c)]
    assert len(rumours) == len(results) == 4
    # the heuristic ranks match results (figures) above transfer rumours
    assert max(before[c.pk] for c in rumours) < min(before[c.pk] for c in results)

    # A sports desk: rumours get a source, results are dismissed as not check-worthy.
    page = page_server.add("/triage/source.html", "<html><title>A source</title><p>x</p></html>")
    decided = 0
    for article in articles[:-1]:
        for claim in article.claims.all():
            if is_rumour(claim):  # one source for all: one archive job on the shared worker
                services.citation_add(claim=claim, url=page, by=alice)
            else:
                services.claim_dismiss(claim=claim, reason="not_checkworthy", by=alice)
            decided += 1
    assert decided == 72 and len(selectors.decision_labels()) == 72

    # The beat's task, on the worker: enough new decisions → a training → a switch → rescoring.
    retrain_checkworthiness_if_due.delay()
    model = wait_for(
        lambda: TriageModel.objects.filter(
            status__in=[TriageModel.Status.TRAINED, TriageModel.Status.FAILED]
        ).first(),
        timeout=120,
    )
    assert model.status == TriageModel.Status.TRAINED, model.error
    assert model.trigger == TriageModel.Trigger.DECISIONS
    assert model.active, model.outcome
    assert model.decision_count == 72
    assert model.counts["fitted_on"]["by_source"] == {
        "decisions": {"positives": 36, "negatives": 36}
    }
    assert model.figures["model"]["roc_auc"] > model.figures["heuristic"]["roc_auc"]
    assert model.figures["groups"] >= 1  # whole articles held out

    def rescored() -> bool:
        scores = dict(unseen.claims.values_list("pk", "checkworthiness"))
        return min(scores[c.pk] for c in rumours) > max(scores[c.pk] for c in results)

    wait_for(rescored, timeout=60)
    # nothing new since: the beat does not train again
    assert services.triage_retrain_if_due() is None
    assert TriageModel.objects.count() == 1
    worker_idle(celery_worker)


def worker_idle(worker=None) -> None:
    """Leave the shared worker with nothing queued: the archive and its evidence are done.
    When it is not, say what is left (and the worker's log, given the worker)."""
    try:
        wait_for(
            lambda: (
                not Snapshot.objects.filter(status__in=["queued", "fetching"]).exists()
                and not Citation.objects.filter(
                    evidence_status=Citation.EvidenceStatus.PENDING
                ).exists()
            ),
            timeout=120,
        )
    except AssertionError as error:
        snapshots = list(
            Snapshot.objects.values_list("pk", "source", "status", "text_status", "created_at")
        )
        pending = list(
            Citation.objects.filter(evidence_status=Citation.EvidenceStatus.PENDING).values_list(
                "pk", "source", "evidence_snapshot"
            )
        )
        log = worker.log() if worker is not None else ""
        raise AssertionError(f"{error}: snapshots {snapshots}, pending {pending}\n{log}") from error
