"""The built-in check-worthiness score, used when no trained model is active.

A logistic of a hand-weighted sum of the claim's features (``features.py``):

    score = 1 / (1 + exp(-(BIAS + sum(WEIGHTS[name] * value))))

so scores spread over the whole 0..1 range instead of bunching on a few cue-word steps.
The weights were set by hand, by reading what a fact-checker looks for, and adjusted on the
development articles of ``tests/data/checkworthy/`` only (never on its held-out articles):

- concrete figures (numbers, number words, money, percentages, unit quantities), dates and
  time words, named actors (multi-word names, acronyms), past events (past-tense verbs),
  accusations and legal words, causal words and attribution raise the score;
- opinion words, hedges, first and second person, questions, exclamations, imperatives,
  headings, credit lines and very short fragments lower it;
- the extractor's kind, when known, nudges it (a quantity up, an attribute down).

    from claims.triage.heuristic import heuristic_score
    heuristic_score("Sales fell 4% in May, the company said.")   # about 0.8
    heuristic_score("What a great day!")                          # about 0.05
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from claims.triage.features import FEATURE_NAMES, features

VERSION = 1
BIAS = -3.6
# Each weight multiplies a feature value (most are 0/1 or a count capped at 2..8).
WEIGHTS: dict[str, float] = {
    # length: a full sentence says more than a fragment (log1p of the word count, ~2..3.6)
    "log_words": 1.0,
    "short": -1.0,
    # figures
    "numbers": 0.45,
    "number_words": 0.7,
    "has_money": 0.4,
    "has_percent": 0.5,
    "unit_quantities": 0.5,
    # when
    "has_year": 0.3,
    "temporal": 0.5,
    # who
    "names": 0.15,
    "capitalised": 0.05,
    "acronyms": 0.2,
    "attribution": 0.35,
    "according_to": 0.3,
    # what happened
    "past_tense": 0.4,
    "accusation": 0.7,
    "causal": 0.3,
    "comparison": 0.2,
    # opinion, rhetoric, advice
    "hedges": -0.45,
    "opinion": -0.7,
    "first_person": -0.5,
    "second_person": -0.9,
    "question": -1.6,
    "exclamation": -1.0,
    "imperative": -1.5,
    "starts_with_quote": -0.3,
    # page furniture
    "heading": -1.5,
    "boilerplate": -1.5,
    # the extractor's kind, when it is known
    "kind_quantity": 0.5,
    "kind_event": 0.3,
    "kind_causal": 0.3,
    "kind_comparison": 0.3,
    "kind_attribute": -0.3,
}
THRESHOLD = 0.5  # above it a claim is shown as check-worthy when no model says otherwise

assert set(WEIGHTS) <= set(FEATURE_NAMES), set(WEIGHTS) - set(FEATURE_NAMES)


def logit_of(values: dict[str, float]) -> float:
    """The weighted sum of computed feature values (log-odds)."""
    return BIAS + sum(weight * values[name] for name, weight in WEIGHTS.items())


def heuristic_logit(claim: Any) -> float:
    """The weighted sum before the logistic (log-odds) of one claim."""
    return logit_of(features(claim))


def heuristic_score(claim: Any) -> float:
    """Check-worthiness in 0..1 of one claim (anything ``features.as_input`` accepts)."""
    z = heuristic_logit(claim)
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def explain(claim: Any, top: int = 5) -> list[tuple[str, float]]:
    """The features that moved this claim's score most, with their contributions."""
    values = features(claim)
    parts = [(name, weight * values[name]) for name, weight in WEIGHTS.items() if values[name]]
    return sorted(parts, key=lambda p: -abs(p[1]))[:top]


class Heuristic:
    """The heuristic behind the same interface as a learned model."""

    name = "heuristic"
    threshold = THRESHOLD

    def score(self, claims: Iterable[Any]) -> list[float]:
        return [heuristic_score(c) for c in claims]

    def score_one(self, claim: Any) -> float:
        return heuristic_score(claim)
