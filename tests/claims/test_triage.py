"""Triage with the database: decisions as training examples, training and switching models,
a refused model, rescoring, near-copies, and the commands."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims import selectors, services
from claims.extraction.types import ExtractedClaim
from claims.models import Claim, TriageModel
from claims.triage.heuristic import heuristic_score
from tests.factories import ArticleFactory, ClaimFactory, make_user
from tests.unit.triage.synthetic import newsroom_rows

pytestmark = pytest.mark.django_db

RUMOURS = [
    "Sources say Rovers are in talks to sign Okafor.",
    "Agents for Moreau have contacted Albion about a deal.",
    "Lindqvist is close to a move to City, insiders claim.",
]
RESULTS = [
    "United beat City 3-1 on Saturday in 2024.",
    "Athletic drew 2-2 with Rangers in March 2023.",
    "Tanaka scored 3 goals as Harriers won 4-1.",
]


@pytest.fixture(autouse=True)
def _fresh_scorer():
    """Each test loads the active model afresh (row ids are reused between tests)."""
    selectors.checkworthiness_scorer_forget()
    yield
    selectors.checkworthiness_scorer_forget()


def desk_file(tmp_path: Path, n: int = 240, seed: int = 1, flip: bool = False) -> Path:
    """A sports desk's labelled CSV: transfer rumours checked, match results not."""
    path = tmp_path / f"desk-{n}-{seed}-{flip}.csv"
    lines = ["text,label,group"]
    for text, label, group in newsroom_rows(n, seed=seed):
        lines.append(f'"{text}",{"yes" if label != flip else "no"},{group}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sports_article():
    """An article whose claims the heuristic ranks results first (figures, dates)."""
    sentences = RESULTS + RUMOURS
    body = " ".join(sentences)
    article = ArticleFactory(body=body)
    for position, sentence in enumerate(sentences):
        start = body.index(sentence)
        ClaimFactory(
            article=article,
            start=start,
            end=start + len(sentence),
            position=position,
            kind=Claim.Kind.EVENT,
            checkworthiness=round(heuristic_score(sentence), 3),
        )
    return article


def ranked(article) -> list[str]:
    return list(article.claims.order_by("-checkworthiness", "-id").values_list("text", flat=True))


# Decisions --------------------------------------------------------------------------------


def test_decisions_are_labelled_once_by_their_latest_state(alice, bob):
    article = ArticleFactory()
    body = article.body
    cited, rated, dull, duplicate, scope, changed_mind, reopened, untouched = (
        ClaimFactory(article=article, start=i, end=i + 5, span_text=body[i : i + 5])
        for i in range(0, 40, 5)
    )
    services.citation_add(claim=cited, url="https://example.org/a", by=alice)
    services.verdict_propose(claim=rated, rating="false", explanation="No.", by=alice)
    services.claim_dismiss(claim=dull, reason="not_checkworthy", by=alice)
    services.claim_dismiss(claim=duplicate, reason="duplicate", duplicate_of=cited, by=alice)
    services.claim_dismiss(claim=scope, reason="out_of_scope", by=alice)
    # cited first, then dismissed as not check-worthy: the latest state counts
    services.citation_add(claim=changed_mind, url="https://example.org/b", by=alice)
    services.claim_dismiss(claim=changed_mind, reason="not_checkworthy", by=bob)
    # dismissed, reopened and cited: one positive decision
    services.claim_dismiss(claim=reopened, reason="not_checkworthy", by=alice)
    services.claim_reopen(claim=reopened, by=alice)
    services.citation_add(claim=reopened, url="https://example.org/c", by=alice)

    labels = selectors.decision_labels()
    assert labels == {
        cited.pk: 1,
        rated.pk: 1,
        dull.pk: 0,
        changed_mind.pk: 0,
        reopened.pk: 1,
    }
    assert untouched.pk not in labels
    examples = selectors.decisions_for_training()
    assert sorted(e.claim_id for e in examples) == sorted(labels)
    assert all(e.group == f"article:{article.pk}" for e in examples)
    assert all(e.position is not None and 0 <= e.position < 1 for e in examples)

    # A citation removed: no decision left for that claim
    services.citation_remove(citation=cited.citations.get(), by=alice)
    assert cited.pk not in selectors.decision_labels()


def test_new_decisions_are_counted_against_the_last_training():
    row = TriageModel(decisions={"positive": [1, 2], "negative": [3]})
    assert selectors.decisions_new_since(row, {1: 1, 2: 1, 3: 0}) == 0
    assert selectors.decisions_new_since(row, {1: 1, 2: 0, 3: 0, 4: 1}) == 2  # changed, new
    assert selectors.decisions_new_since(None, {1: 1, 2: 0}) == 2


# Training from a file ---------------------------------------------------------------------


def test_a_model_trained_on_a_generated_file_changes_the_order_of_claims(tmp_path):
    article = sports_article()
    before = ranked(article)
    assert set(before[:3]) == set(RESULTS)  # the heuristic puts results (figures) first

    out = io.StringIO()
    call_command("train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=out)
    report = out.getvalue()
    assert "ROC-AUC" in report and "heuristic (same rows)" in report
    assert "Made active" in report
    model = TriageModel.objects.get(active=True)
    assert model.trigger == TriageModel.Trigger.COMMAND
    assert model.figures["model"]["roc_auc"] > model.figures["heuristic"]["roc_auc"]
    assert model.counts["fitted_on"]["by_source"]["file"] == {"positives": 120, "negatives": 120}
    assert model.top_features["positive"] and model.document

    out = io.StringIO()
    call_command("rescore_claims", stdout=out)
    assert "model #" in out.getvalue()
    after = ranked(article)
    assert set(after[:3]) == set(RUMOURS), after
    assert after != before


def test_training_on_too_few_examples_fails_with_the_reason(tmp_path):
    path = tmp_path / "few.csv"
    path.write_text("text,label\nA claim.,1\nAnother.,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="at least 5 positive examples"):
        call_command("train_checkworthiness", "--labels", str(path), stdout=io.StringIO())
    row = TriageModel.objects.get()
    assert row.status == TriageModel.Status.FAILED and not row.active


def misleading_desk_file(tmp_path: Path) -> Path:
    """A file whose training part says the opposite of its held-out part: labels are flipped
    in every article but those the service will hold out. (Each article has 5 positive and 5
    negative rows either way, so flipping does not move the stratified, grouped split.)"""
    import numpy as np

    from claims.services.triage import SEED
    from claims.triage.training import split_holdout

    rows = newsroom_rows(240, seed=2)
    labels = np.array([label for _, label, _ in rows])
    _, held = split_holdout(labels, [group for _, _, group in rows], 0.2, SEED)
    held_groups = {rows[i][2] for i in held}
    path = tmp_path / "misleading.csv"
    lines = ["text,label,group"]
    for text, label, group in rows:
        lines.append(f'"{text}",{label if group in held_groups else 1 - label},{group}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_worse_model_is_kept_aside_and_the_active_one_stays(tmp_path):
    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    good = TriageModel.objects.get(active=True)
    out = io.StringIO()
    call_command(
        "train_checkworthiness", "--labels", str(misleading_desk_file(tmp_path)), stdout=out
    )
    assert f"Kept aside: worse than the model #{good.pk}" in out.getvalue(), out.getvalue()
    worse = TriageModel.objects.latest("pk")
    assert not worse.active and worse.status == TriageModel.Status.TRAINED
    assert TriageModel.objects.get(active=True) == good
    assert worse.figures["previous"]["roc_auc"] > worse.figures["model"]["roc_auc"]
    # file rows carry no identity: the active model learned from a file, so all held-out rows
    assert worse.figures["compared_on"]["unseen_by_previous_only"] is False

    # --force makes a model active anyway
    call_command(
        "train_checkworthiness",
        "--labels",
        str(misleading_desk_file(tmp_path)),
        "--force",
        stdout=io.StringIO(),
    )
    forced = TriageModel.objects.get(active=True)
    assert forced.pk > worse.pk and forced.outcome.startswith("Made active on request")

    # an editor switches back to an earlier model, or to the heuristic
    editor = make_user("erin", group="Editor")
    services.triage_model_activate(model=good, by=editor)
    assert TriageModel.objects.get(active=True) == good
    services.triage_model_deactivate(by=editor)
    assert not TriageModel.objects.filter(active=True).exists()
    assert selectors.checkworthiness_scorer().name == "heuristic"


def test_evaluate_prints_exactly_the_issue_json(tmp_path):
    path = desk_file(tmp_path, n=60, seed=5)
    out = io.StringIO()
    call_command("evaluate_checkworthiness", "--labels", str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert set(result) == {"model", "heuristic", "rows"}
    assert result["model"] is None and result["rows"] == 60
    assert set(result["heuristic"]) == {"roc_auc", "average_precision", "f1", "threshold"}

    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    out = io.StringIO()
    call_command("evaluate_checkworthiness", "--labels", str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert set(result["model"]) == {"roc_auc", "average_precision", "f1", "threshold"}
    assert result["model"]["roc_auc"] > result["heuristic"]["roc_auc"]

    out = io.StringIO()
    call_command("evaluate_checkworthiness", "--labels", str(path), stdout=out)
    assert "heuristic" in out.getvalue() and "model #" in out.getvalue()


def test_a_bad_labels_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nA claim.,maybe\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2: label 'maybe'"):
        call_command("train_checkworthiness", "--labels", str(path))
    with pytest.raises(CommandError, match="line 2"):
        call_command("evaluate_checkworthiness", "--labels", str(path))


# A refused model --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    ["truncated", "weight changed", "checksum replaced"],
)
def test_a_corrupted_or_tampered_model_is_refused_and_the_heuristic_scores(
    tmp_path, caplog, damage
):
    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    row = TriageModel.objects.get(active=True)
    document = json.loads(row.document)
    if damage == "truncated":
        text = row.document[: len(row.document) // 2]
    elif damage == "weight changed":
        document["weights"]["intercept"] += 1.0
        text = json.dumps(document)
    else:  # a whole valid document of another training, put in this row's place
        document["threshold"] = 0.1
        from claims.triage.model import checksum

        document["checksum"] = checksum(document)
        text = json.dumps(document)
    TriageModel.objects.filter(pk=row.pk).update(document=text)
    selectors.checkworthiness_scorer_forget()

    with caplog.at_level(logging.ERROR, logger="claims.selectors.triage"):
        scorer = selectors.checkworthiness_scorer()
    assert not scorer.uses_model and scorer.name == "heuristic"
    assert scorer.refused
    message = caplog.records[-1].getMessage()
    assert f"Check-worthiness model #{row.pk} is refused" in message
    assert "heuristic" in message
    if damage == "truncated":
        assert "not valid JSON" in scorer.refused
    elif damage == "weight changed":
        assert "checksum does not match" in scorer.refused
    else:
        assert "not the one recorded for this model row" in scorer.refused

    # New claims are still scored: with the heuristic
    article = ArticleFactory(body="United beat City 3-1 on Saturday in 2024.")
    extracted = ExtractedClaim(text=article.body, spans=((0, len(article.body)),), kind="event")
    assert services.claims_score([extracted], body_length=len(article.body)) is None
    services.claims_reconcile(article=article, extracted=[extracted])
    assert article.claims.get().checkworthiness == extracted.checkworthiness
    # ...and an editor cannot make a refused model active again
    editor = make_user("erin", group="Editor")
    services.triage_model_deactivate(by=editor)
    from workbench.errors import Conflict

    with pytest.raises(Conflict, match="refused"):
        services.triage_model_activate(model=row, by=editor)


# Scoring new claims -----------------------------------------------------------------------


def test_new_claims_are_scored_with_the_active_model_and_near_copies_grouped(tmp_path):
    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    rumour = "Sources say Rovers are in talks to sign Okafor."
    copy = "Sources say Rovers are in talks to sign Okafor, reports said."
    result = "United beat City 3-1 on Saturday in 2024."
    body = f"{result} {rumour} {copy}"
    article = ArticleFactory(body=body)
    extracted = [
        ExtractedClaim(text=t, spans=((body.index(t), body.index(t) + len(t)),), kind="event")
        for t in (result, rumour, copy)
    ]
    services.claims_reconcile(article=article, extracted=extracted)
    claims = {c.text: c for c in article.claims.all()}
    model = selectors.checkworthiness_scorer()
    assert model.uses_model
    assert claims[rumour].checkworthiness > claims[result].checkworthiness
    assert claims[rumour].checkworthiness != round(heuristic_score(rumour), 3)
    # the copy sits behind the better-scored version of itself
    leader, follower = sorted([claims[rumour], claims[copy]], key=lambda c: -c.checkworthiness)
    assert follower.near_copy_of_id == leader.pk and leader.near_copy_of_id is None
    assert claims[result].near_copy_of_id is None
    assert selectors.article_top_claim_ids(article, 10) == [leader.pk, claims[result].pk]


# Retraining by itself ---------------------------------------------------------------------


def _decide(article, alice, *, cite: list[str], dismiss: list[str]) -> None:
    for i, claim in enumerate(article.claims.filter(text__in=cite)):
        services.citation_add(claim=claim, url=f"https://example.org/{article.pk}/{i}", by=alice)
    for claim in article.claims.filter(text__in=dismiss):
        services.claim_dismiss(claim=claim, reason="not_checkworthy", by=alice)


def test_the_beat_queues_a_training_once_enough_decisions_are_new(
    settings, alice, django_capture_on_commit_callbacks
):
    settings.TRIAGE_RETRAIN_AFTER = 13
    articles = [sports_article() for _ in range(4)]
    for article in articles[:2]:
        _decide(article, alice, cite=RUMOURS, dismiss=RESULTS)
    assert services.triage_retrain_if_due() is None  # 12 new decisions: not enough
    _decide(articles[2], alice, cite=RUMOURS, dismiss=RESULTS)
    with django_capture_on_commit_callbacks() as callbacks:
        row = services.triage_retrain_if_due()
    assert row is not None and row.status == TriageModel.Status.QUEUED
    assert row.trigger == TriageModel.Trigger.DECISIONS
    assert len(callbacks) == 1  # train_checkworthiness_model, after commit
    # while it is queued, the beat queues nothing more
    assert services.triage_retrain_if_due() is None

    # the worker's job, run here: 18 decisions of 3 articles; too few articles to hold whole
    # articles out, so single decisions are held out (and it says so)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        trained = services.triage_model_train(model_id=row.pk)
    assert trained is not None and trained.status == TriageModel.Status.TRAINED, trained.error
    assert trained.decision_count == 18
    assert trained.counts["fitted_on"]["by_source"]["decisions"] == {
        "positives": 9,
        "negatives": 9,
    }
    assert trained.active, trained.outcome
    assert "single examples were held out" in trained.outcome
    assert len(callbacks) == 1  # rescore_claims after the switch
    assert services.triage_model_train(model_id=row.pk) is None  # a redelivery does nothing
    assert services.triage_retrain_if_due() is None  # nothing new since


def test_trainings_stuck_on_a_dead_worker_are_failed(settings):
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(hours=1)
    row = TriageModel.objects.create(
        trigger=TriageModel.Trigger.EDITOR, status=TriageModel.Status.TRAINING, started_at=old
    )
    services.triage_retrain_if_due()
    row.refresh_from_db()
    assert row.status == TriageModel.Status.FAILED and "worker stopped" in row.error


def test_only_editors_retrain_or_switch_models(alice, bob, django_capture_on_commit_callbacks):
    from workbench.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.triage_train_request(by=alice)
    with pytest.raises(PermissionDenied):
        services.triage_model_deactivate(by=alice)
    with django_capture_on_commit_callbacks() as callbacks:
        row = services.triage_train_request(by=bob)
    assert row.requested_by == bob and len(callbacks) == 1
    assert services.triage_train_request(by=bob) == row  # one at a time


def test_a_training_with_too_few_decisions_fails_with_the_counts(bob):
    row = services.triage_train_request(by=bob)
    row = services.triage_model_train(model_id=row.pk)
    assert row is not None and row.status == TriageModel.Status.FAILED
    assert "at least 5 positive examples" in row.error
    assert "0 positive and 0 negative" in row.error


def test_claims_of_other_languages_keep_their_score_and_teach_nothing(tmp_path, alice):
    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    body = "Источники сообщают, что «Роверс» ведут переговоры с Окафором."  # noqa: RUF001
    article = ArticleFactory(body=body, language="ru")
    extracted = ExtractedClaim(
        text=body,
        spans=((0, len(body)),),
        kind="statement",
        checkworthiness=0.55,
        details={"language": "ru"},
    )
    services.claims_reconcile(article=article, extracted=[extracted])
    claim = article.claims.get()
    assert claim.checkworthiness == 0.55
    call_command("rescore_claims", stdout=io.StringIO())
    claim.refresh_from_db()
    assert claim.checkworthiness == 0.55
    services.citation_add(claim=claim, url="https://example.org/ru", by=alice)
    assert claim.pk not in selectors.decision_labels()
    assert not selectors.decisions_for_training()
