# Over 400 lines on purpose: training, switching and rescoring share one state machine.
"""Triage: train the check-worthiness model, switch to it when it is not worse, rescore claims
and group an article's near-copies.

A training is a ``TriageModel`` row: queued (``triage_train_request``: the editor's "retrain
now", or the beat once ``TRIAGE_RETRAIN_AFTER`` decisions are new), claimed by the worker with a
conditional update (``triage_model_train``), then trained or failed. The command line trains in
the foreground (``triage_train_now``). Every trained row keeps its document; the new model
becomes the active one only if its ROC-AUC on the held-out examples is not below the active
model's (the heuristic's when none is active) on the same rows. Switching rescores every
claim on the worker after commit (``claims.tasks.rescore_claims``).

The pure parts are ``claims.triage`` (features, model, training, labels, copies).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone

from claims import policies
from claims.models import Article, Claim, TriageModel
from claims.selectors import triage as selectors
from claims.triage.copies import near_copy_leaders
from claims.triage.heuristic import Heuristic
from claims.triage.labels import LabelFileError, LabelledText, read_labels
from claims.triage.model import ModelError
from claims.triage.training import TrainingError, TrainResult, figures, train
from workbench.errors import Conflict, DomainError, PermissionDenied

logger = logging.getLogger(__name__)

TRAINING_LEASE = timedelta(minutes=10)  # above the training task's hard time limit
QUEUED_LEASE = timedelta(minutes=30)  # a queued training whose message was lost is re-sent
RESCORE_ARTICLES_PER_TASK = 200
SEED = 0


@dataclass
class Examples:
    """What a training learns from: labelled rows, and which of them are decisions."""

    rows: list[Any] = field(default_factory=list)
    decisions: dict[int, int] = field(default_factory=dict)  # claim id -> label
    labels_file: str = ""


# Requests -----------------------------------------------------------------------------------


def triage_train_request(
    *, by: Any = None, trigger: str = TriageModel.Trigger.EDITOR
) -> TriageModel:
    """Queue a training on the worker (after commit); an editor's, or the beat's.

    While one is queued or running, that one is returned instead of a second.
    """
    if trigger == TriageModel.Trigger.EDITOR and not policies.may_retrain(by):
        raise PermissionDenied("Only editors retrain the check-worthiness model.")
    from claims.tasks import train_checkworthiness_model

    with transaction.atomic():
        pending = selectors.triage_model_pending()
        if pending is not None:
            return pending
        row = TriageModel.objects.create(
            trigger=trigger,
            requested_by=by,
            holdout=settings.TRIAGE_HOLDOUT,
            labels_file=settings.TRIAGE_LABELS_FILE,
        )
        train_checkworthiness_model.delay_on_commit(row.pk)
    return row


def triage_retrain_if_due(*, now=None) -> TriageModel | None:
    """The beat's check: fail trainings whose worker died, re-send lost ones, and queue a
    training once ``TRIAGE_RETRAIN_AFTER`` decisions are new since the last one."""
    from claims.tasks import train_checkworthiness_model

    now = now or timezone.now()
    TriageModel.objects.filter(
        status=TriageModel.Status.TRAINING, started_at__lt=now - TRAINING_LEASE
    ).update(
        status=TriageModel.Status.FAILED,
        finished_at=now,
        error="The worker stopped before the training finished.",
    )
    pending = selectors.triage_model_pending()
    if pending is not None:
        if pending.status == TriageModel.Status.QUEUED and pending.created_at < now - QUEUED_LEASE:
            train_checkworthiness_model.delay(pending.pk)
        return None
    new = selectors.decisions_new_since(selectors.triage_model_last_attempt())
    if new < settings.TRIAGE_RETRAIN_AFTER:
        return None
    logger.info("%s new check-worthiness decisions: retraining", new)
    return triage_train_request(trigger=TriageModel.Trigger.DECISIONS)


# Training -----------------------------------------------------------------------------------


def triage_examples(*, decisions: bool = True, labels: Sequence[Any] = (), labels_file: str = ""):
    """The examples of a training: the decisions (when asked) and labelled rows."""
    examples = Examples(labels_file=labels_file)
    if decisions:
        found = selectors.decisions_for_training()
        examples.rows += found
        examples.decisions = {d.claim_id: d.label for d in found}
    examples.rows += list(labels)
    return examples


def _labels_of_setting(path: str) -> list[LabelledText]:
    if not path:
        return []
    return read_labels(Path(path))


def triage_model_train(*, model_id: int) -> TriageModel | None:
    """Run a queued training (the worker's job). A no-op unless the row is still queued."""
    claimed = TriageModel.objects.filter(pk=model_id, status=TriageModel.Status.QUEUED).update(
        status=TriageModel.Status.TRAINING, started_at=timezone.now()
    )
    if not claimed:
        return None
    row = TriageModel.objects.get(pk=model_id)
    try:
        examples = triage_examples(labels=_labels_of_setting(row.labels_file))
    except LabelFileError as error:
        return _fail(row, f"TRIAGE_LABELS_FILE: {error}")
    return _train_into(row, examples)


def triage_train_now(
    *,
    labels: Sequence[Any] = (),
    labels_file: str = "",
    decisions: bool = False,
    holdout: float = 0.2,
    force: bool = False,
    by: Any = None,
) -> TriageModel:
    """Train in the foreground (``manage.py train_checkworthiness``) on labelled rows and/or
    the decisions; the row ends trained (figures, outcome) or failed (error)."""
    if not 0 < holdout < 1:
        raise DomainError("The held-out share is between 0 and 1 (e.g. 0.2).", code="holdout")
    examples = triage_examples(decisions=decisions, labels=labels, labels_file=labels_file)
    row = TriageModel.objects.create(
        trigger=TriageModel.Trigger.COMMAND,
        requested_by=by,
        status=TriageModel.Status.TRAINING,
        started_at=timezone.now(),
        holdout=holdout,
        labels_file=labels_file,
    )
    return _train_into(row, examples, force=force)


def _fail(row: TriageModel, error: str) -> TriageModel:
    row.status = TriageModel.Status.FAILED
    row.error = error
    row.finished_at = timezone.now()
    row.save(update_fields=["status", "error", "finished_at", "decisions"])
    return row


def _fit(rows: list[Any], holdout: float) -> tuple[TrainResult, str]:
    """Train, holding out whole articles; with too few articles for that, single rows."""
    try:
        return train(rows, holdout=holdout, seed=SEED, refit=True), ""
    except TrainingError:
        if not any(getattr(r, "group", None) for r in rows):
            raise
    ungrouped = [_Ungrouped.of(r) for r in rows]
    note = "Too few articles to hold whole articles out; single examples were held out."
    return train(ungrouped, holdout=holdout, seed=SEED, refit=True), note


@dataclass(frozen=True)
class _Ungrouped:
    """An example without its group (``train`` then holds out single rows)."""

    text: str
    label: int
    kind: str | None
    details: Any
    position: float | None
    source: str
    claim_id: int | None
    group: None = None

    @classmethod
    def of(cls, row: Any) -> _Ungrouped:
        return cls(
            text=row.text,
            label=int(row.label),
            kind=getattr(row, "kind", None),
            details=getattr(row, "details", None),
            position=getattr(row, "position", None),
            source=getattr(row, "source", "file"),
            claim_id=getattr(row, "claim_id", None),
        )


def _train_into(row: TriageModel, examples: Examples, *, force: bool = False) -> TriageModel:
    row.decisions = selectors.decisions_as_ids(examples.decisions)
    try:
        result, note = _fit(examples.rows, row.holdout)
    except TrainingError as error:
        counts = _count(examples.rows)
        return _fail(
            row,
            f"{error} (now: {counts['positives']} positive and {counts['negatives']} "
            "negative examples).",
        )
    except Exception as error:
        _fail(row, f"{type(error).__name__}: {error}")
        raise
    with transaction.atomic():
        active = TriageModel.objects.select_for_update().filter(active=True).first()
        comparison = _compare(result, examples.rows, active)
        switch = force or comparison["new"] >= comparison["previous"]
        row.document = result.model.dumps()
        row.checksum = result.model.checksum
        row.counts = {"train": result.report["train"], "fitted_on": result.report["fitted_on"]}
        row.figures = {
            **result.report["holdout"],
            "previous": comparison["previous_figures"],
            "compared_on": comparison["rows"],
            "c": result.report["c"],
            "seconds": result.report["seconds"],
        }
        row.top_features = result.report["top_features"]
        row.status = TriageModel.Status.TRAINED
        row.finished_at = timezone.now()
        row.outcome = _outcome(comparison, switch, force, note)
        if switch:
            if active is not None:
                active.active = False
                active.save(update_fields=["active"])
            row.active = True
            row.activated_at = row.finished_at
        row.save()
        if switch:
            _rescore_on_commit()
    logger.info("Check-worthiness model #%s: %s", row.pk, row.outcome)
    return row


def _count(rows: Iterable[Any]) -> dict[str, int]:
    labels = [int(r.label) for r in rows]
    return {"positives": sum(labels), "negatives": len(labels) - sum(labels)}


def _compare(result: TrainResult, rows: list[Any], active: TriageModel | None) -> dict[str, Any]:
    """The new model's and the active scorer's ROC-AUC on the same held-out rows: those the
    active model did not learn from when there are enough of both labels, else all of them."""
    held = [rows[i] for i in result.heldout]
    new_scores = result.heldout_scores
    previous: Any = Heuristic()
    name = "heuristic"
    chosen = list(range(len(held)))
    unseen_only = False
    if active is not None:
        try:
            previous = selectors.triage_model_load(active)
            name = f"model #{active.pk}"
        except ModelError as error:
            name = f"heuristic (model #{active.pk} is refused: {error})"
        else:
            seen = _seen_by(active)
            unseen = [i for i, r in enumerate(held) if not seen(r)]
            if {int(held[i].label) for i in unseen} == {0, 1} and len(unseen) >= 4:
                chosen, unseen_only = unseen, True
    labels = [int(held[i].label) for i in chosen]
    claims = [held[i] for i in chosen]
    mine = figures(labels, [new_scores[i] for i in chosen], result.model.threshold)
    theirs = figures(labels, previous.score(claims), previous.threshold)
    return {
        "new": mine["roc_auc"] if mine["roc_auc"] is not None else 0.0,
        "previous": theirs["roc_auc"] if theirs["roc_auc"] is not None else 0.0,
        "previous_figures": {**theirs, "name": name, "model": mine},
        "rows": {"rows": len(chosen), "unseen_by_previous_only": unseen_only},
        "name": name,
    }


def _seen_by(model: TriageModel) -> Callable[[Any], bool]:
    """Whether ``model`` may have learned from an example: a decision it recorded, or a file
    row when it learned from a file (file rows carry no identity)."""
    decisions = set(model.decisions.get("positive", []) + model.decisions.get("negative", []))
    sources = (model.counts.get("fitted_on") or {}).get("by_source", {})
    learned_from_a_file = any(source != selectors.DECISION_SOURCE for source in sources)

    def seen(example: Any) -> bool:
        claim_id = getattr(example, "claim_id", None)
        return claim_id in decisions if claim_id is not None else learned_from_a_file

    return seen


def _outcome(comparison: dict[str, Any], switch: bool, force: bool, note: str) -> str:
    rows = comparison["rows"]
    where = f"{rows['rows']} held-out examples" + (
        " it had not learned from" if rows["unseen_by_previous_only"] else ""
    )
    figures_text = (
        f"ROC-AUC {comparison['new']:.3f} against {comparison['previous']:.3f} for the "
        f"{comparison['name']} on {where}"
    )
    if force:
        verdict = f"Made active on request ({figures_text})."
    elif switch:
        verdict = f"Made active: not worse than the {comparison['name']} ({figures_text})."
    else:
        verdict = f"Kept aside: worse than the {comparison['name']} ({figures_text})."
    return f"{verdict} {note}".strip()


# Switching by hand --------------------------------------------------------------------------


def triage_model_activate(*, model: TriageModel, by: Any) -> TriageModel:
    """An editor makes a trained model the active one (back to an earlier model, say)."""
    if not policies.may_retrain(by):
        raise PermissionDenied("Only editors choose the check-worthiness model.")
    with transaction.atomic():
        model = TriageModel.objects.select_for_update().get(pk=model.pk)
        if model.status != TriageModel.Status.TRAINED:
            raise Conflict("Only a trained model can be made active.")
        if model.active:
            return model
        try:
            selectors.triage_model_load(model)
        except ModelError as error:
            raise Conflict(f"This model is refused: {error}", code="model_refused") from error
        TriageModel.objects.filter(active=True).update(active=False)
        model.active, model.activated_at = True, timezone.now()
        model.save(update_fields=["active", "activated_at"])
        _rescore_on_commit()
    return model


def triage_model_deactivate(*, by: Any) -> None:
    """An editor goes back to the built-in heuristic."""
    if not policies.may_retrain(by):
        raise PermissionDenied("Only editors choose the check-worthiness model.")
    with transaction.atomic():
        if TriageModel.objects.filter(active=True).update(active=False):
            _rescore_on_commit()


def _rescore_on_commit() -> None:
    from claims.tasks import rescore_claims

    rescore_claims.delay_on_commit(0)


# Scoring and grouping -----------------------------------------------------------------------


def claims_score(
    claims: Sequence[Any], *, body_length: int, language: str = "en"
) -> list[float] | None:
    """Scores of extracted claims by the active model, or None when the extractor's own scores
    stand: no model is active (the extractor computed the heuristic's), or the article is not
    in English (the model reads English; the multilingual extractor scores its own claims).
    A claim whose details name another language keeps its extractor's score too."""
    scorer = selectors.checkworthiness_scorer()
    if not scorer.uses_model or not claims or not selectors.is_english(language):
        return None
    scores = scorer.score(
        [
            {
                "text": c.text,
                "kind": c.kind,
                "details": c.details,
                "position": c.start / body_length if body_length else None,
            }
            for c in claims
        ]
    )
    return [
        score if selectors.claim_is_english(language, c.details) else c.checkworthiness
        for c, score in zip(claims, scores, strict=True)
    ]


def claims_group_near_copies(*, article: Article) -> int:
    """Point each near-copy of the article's claims at its group's best-scored claim
    (``claims.triage.copies``); returns how many claims changed group."""
    claims = list(article.claims.only("pk", "text", "checkworthiness", "near_copy_of_id"))
    leaders = near_copy_leaders([c.text for c in claims], [c.checkworthiness for c in claims])
    changed = []
    for claim, leader in zip(claims, leaders, strict=True):
        wanted = claims[leader].pk if leader is not None else None
        if claim.near_copy_of_id != wanted:
            claim.near_copy_of_id = wanted
            changed.append(claim)
    Claim.objects.bulk_update(changed, ["near_copy_of"])
    return len(changed)


def claims_rescore(
    *,
    after_article_id: int = 0,
    articles: int | None = None,
    article_ids: Sequence[int] | None = None,
) -> tuple[int, int]:
    """Score claims again with the active scorer, article by article in id order from
    ``after_article_id`` (or only ``article_ids``), at most ``articles`` articles, and regroup
    their near-copies.

    Returns (claims whose score changed, the last article done, or 0 once all are done).
    Scores a reviewer typed by hand are replaced too: the score is the scorer's.
    """
    scorer = selectors.checkworthiness_scorer()
    ids = Article.objects.filter(pk__gt=after_article_id).order_by("pk")
    if article_ids is not None:
        ids = ids.filter(pk__in=list(article_ids))
    pks = ids.values_list("pk", flat=True)
    batch = list(pks[:articles] if articles else pks)
    changed = 0
    for article_id in batch:
        claims = [
            claim
            for claim in Claim.objects.filter(article_id=article_id)
            .annotate(body_length=Length("article__body"), language=F("article__language"))
            .only("pk", "text", "kind", "details", "start", "checkworthiness", "near_copy_of_id")
            if selectors.claim_is_english(claim.language, claim.details)
        ]
        if not claims:
            continue
        scores = scorer.score([selectors.claim_input(c, c.body_length) for c in claims])
        moved = []
        for claim, score in zip(claims, scores, strict=True):
            if abs(claim.checkworthiness - score) > 1e-4:
                claim.checkworthiness = score
                moved.append(claim)
        Claim.objects.bulk_update(moved, ["checkworthiness"])
        changed += len(moved)
        claims_group_near_copies(article=Article(pk=article_id))
    done = not articles or len(batch) < articles
    return changed, 0 if done or not batch else batch[-1]
