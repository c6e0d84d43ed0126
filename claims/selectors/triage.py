"""Triage reads: the scorer of new claims, reviewers' decisions as training examples, the top
claims of an article.

The learned model lives in a ``TriageModel`` row as a JSON document and is only ever read
through ``claims.triage.model.load``, which verifies it. A model that fails verification is
refused with a logged error and the built-in heuristic scores instead.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length

from claims.models import Article, Citation, Claim, TriageModel, Verdict
from claims.triage.heuristic import Heuristic
from claims.triage.model import CheckworthinessModel, ModelError, load

logger = logging.getLogger(__name__)

DECISION_SOURCE = "decisions"


# The scorer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scorer:
    """What scores claims now: the active model, or the heuristic (and why, if refused)."""

    scorer: CheckworthinessModel | Heuristic
    model_id: int | None = None
    refused: str = ""  # why the active model was refused, if it was

    @property
    def name(self) -> str:
        return f"model #{self.model_id}" if self.uses_model else "heuristic"

    @property
    def uses_model(self) -> bool:
        return isinstance(self.scorer, CheckworthinessModel)

    @property
    def threshold(self) -> float:
        return float(self.scorer.threshold)

    def score(self, claims: list[Any]) -> list[float]:
        return [round(s, 4) for s in self.scorer.score(claims)]


_cache: dict[tuple[int, str], Scorer] = {}
_lock = threading.Lock()


def triage_model_active() -> TriageModel | None:
    return TriageModel.objects.filter(active=True).defer("document").first()


def triage_model_load(row: TriageModel) -> CheckworthinessModel:
    """The verified model of a row (raises ``ModelError`` with the reason if it is not intact,
    or is not the document recorded for this row)."""
    document = row.document
    if not document:
        document = TriageModel.objects.filter(pk=row.pk).values_list("document", flat=True).get()
    model = load(document)
    if row.checksum and model.checksum != row.checksum:
        raise ModelError(
            "the document's checksum is not the one recorded for this model row (replaced?)"
        )
    return model


def checkworthiness_scorer() -> Scorer:
    """The active model, loaded once per process and version; the heuristic without one.

    A model that ``load`` refuses (tampered, corrupted, truncated, of another version) is
    logged as an error once per process and replaced by the heuristic, so that extraction
    and rescoring go on.
    """
    row = TriageModel.objects.filter(active=True).values_list("pk", "checksum").first()
    if row is None:
        return Scorer(Heuristic())
    key = (row[0], row[1])
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    try:
        scorer = Scorer(triage_model_load(TriageModel(pk=row[0], checksum=row[1])), row[0])
    except ModelError as error:
        logger.error(
            "Check-worthiness model #%s is refused: %s. Claims are scored with the built-in "
            "heuristic until a valid model is active (retrain, or activate another model).",
            row[0],
            error,
        )
        scorer = Scorer(Heuristic(), row[0], refused=str(error))
    with _lock:
        _cache.clear()  # one active model at a time
        _cache[key] = scorer
    return scorer


def checkworthiness_scorer_forget() -> None:
    """Drop the loaded model (tests; a process that must re-read the row)."""
    with _lock:
        _cache.clear()


def is_english(language: Any) -> bool:
    """Triage's features and models read English (cue words, n-grams); claims of other
    languages keep the score their extractor gave them and teach the model nothing."""
    return not language or str(language).lower().startswith("en")


def claim_is_english(article_language: Any, details: Any) -> bool:
    detail_language = details.get("language") if isinstance(details, dict) else None
    return is_english(article_language) and is_english(detail_language)


def claim_input(claim: Claim, body_length: int) -> dict[str, Any]:
    """What the scorer reads of a stored claim (as the extractor gives it: text, kind, the
    details it found, and its relative position in the article)."""
    return {
        "text": claim.text,
        "kind": claim.kind,
        "details": claim.details,
        "position": claim.start / body_length if body_length else None,
    }


# Decisions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision about a claim, as a labelled training example."""

    claim_id: int
    label: int
    text: str
    kind: str
    details: dict[str, Any] = field(compare=False)
    position: float | None
    article_id: int
    source: str = DECISION_SOURCE

    @property
    def group(self) -> str:
        return f"article:{self.article_id}"


def _decided() -> QuerySet[Claim, Any]:
    """Claims with a decision, each counted once by its latest state (``_label``): dismissed
    as not check-worthy → 0; otherwise cited or given a verdict → 1. Dismissed as a duplicate
    or out of scope says nothing about check-worthiness: not used."""
    dismissed = Claim.Status.DISMISSED
    return Claim.objects.annotate(
        cited=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
        rated=Exists(Verdict.objects.filter(claim=OuterRef("pk"))),
    ).filter(
        Q(status=dismissed, dismissal_reason=Claim.DismissalReason.NOT_CHECKWORTHY)
        | (~Q(status=dismissed) & (Q(cited=True) | Q(rated=True)))
    )


def _label() -> Case:
    return Case(
        When(status=Claim.Status.DISMISSED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def decision_labels() -> dict[int, int]:
    """Claim id → label of every decision about an English claim (ids and labels only)."""
    rows = (
        _decided()
        .annotate(label=_label())
        .values_list("pk", "label", "article__language", "details__language")
    )
    return {
        pk: label
        for pk, label, language, detail_language in rows
        if is_english(language) and is_english(detail_language)
    }


def decisions_for_training() -> list[Decision]:
    rows = (
        _decided()
        .annotate(label=_label(), body_length=Length("article__body"))
        .values_list(
            "pk",
            "label",
            "text",
            "kind",
            "details",
            "start",
            "body_length",
            "article_id",
            "article__language",
        )
        .order_by("pk")
    )
    return [
        Decision(
            claim_id=pk,
            label=label,
            text=text,
            kind=kind,
            details=details or {},
            position=start / length if length else None,
            article_id=article_id,
        )
        for pk, label, text, kind, details, start, length, article_id, language in rows
        if claim_is_english(language, details)
    ]


def decisions_as_ids(labels: dict[int, int]) -> dict[str, list[int]]:
    """The stored form of a set of decisions (``TriageModel.decisions``)."""
    return {
        "positive": sorted(pk for pk, label in labels.items() if label == 1),
        "negative": sorted(pk for pk, label in labels.items() if label == 0),
    }


def decisions_new_since(row: TriageModel | None, labels: dict[int, int] | None = None) -> int:
    """Decisions that are new, or changed side, since ``row`` was trained (all without one)."""
    labels = decision_labels() if labels is None else labels
    if row is None:
        return len(labels)
    seen = {pk: 1 for pk in row.decisions.get("positive", [])}
    seen.update({pk: 0 for pk in row.decisions.get("negative", [])})
    return sum(1 for pk, label in labels.items() if seen.get(pk) != label)


def triage_model_last_attempt() -> TriageModel | None:
    """The newest training that got as far as recording its decisions (trained or failed)."""
    return (
        TriageModel.objects.filter(
            status__in=[TriageModel.Status.TRAINED, TriageModel.Status.FAILED]
        )
        .defer("document")
        .order_by("-created_at", "-pk")
        .first()
    )


def triage_model_pending() -> TriageModel | None:
    return (
        TriageModel.objects.filter(
            status__in=[TriageModel.Status.QUEUED, TriageModel.Status.TRAINING]
        )
        .defer("document")
        .order_by("created_at", "pk")
        .first()
    )


# Screens ------------------------------------------------------------------------------------


def article_claims_ranked(article: Article) -> QuerySet[Claim]:
    """The article's claims that lead their near-copy group and are not dismissed, best first."""
    return (
        article.claims.filter(near_copy_of__isnull=True)
        .exclude(status=Claim.Status.DISMISSED)
        .order_by("-checkworthiness", "position")
    )


def article_top_claim_ids(article: Article, limit: int) -> list[int]:
    """Ids of the article's top ``limit`` claims by check-worthiness (one per near-copy group,
    dismissed claims left out)."""
    return list(article_claims_ranked(article).values_list("pk", flat=True)[:limit])
