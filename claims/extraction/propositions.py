"""The proposition pipeline (PropSegmEnt granularity): the clause rules without a parser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claims.extraction.atomize import atomize
from claims.extraction.classify import classify, find_mentions
from claims.extraction.clean import body_regions
from claims.extraction.parse import MAX_TOKENS
from claims.extraction.pipeline import MAX_CHARS, MAX_WORDS, draft_hulls
from claims.extraction.segment import split_sentences
from claims.extraction.types import Draft, ExtractedClaim, Span


@dataclass
class State:
    """What the steps read and write; offsets always refer to `text`."""

    text: str
    fine: bool = False
    regions: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    claims: list[ExtractedClaim] = field(default_factory=list)


def clean_step(state: State) -> None:
    """Keep only article prose; page furniture never reaches the later steps."""
    state.regions = body_regions(state.text)


def segment_step(state: State) -> None:
    """Split each prose region into sentences."""
    state.sentences = [s for r in state.regions for s in split_sentences(state.text, *r)]


def atomize_step(state: State) -> None:
    """Split each sentence into atomic claim drafts.  The clause rules rescan a sentence
    piece by piece, so a sentence over MAX_TOKENS words stays whole and one over
    MAX_WORDS words or MAX_CHARS characters (a list or a table) is not a proposition: the
    time stays linear in the length of the text, whatever the text."""
    text = state.text
    for s, e in state.sentences:
        words = text.count(" ", s, e)
        if words >= MAX_WORDS or e - s > MAX_CHARS:
            continue
        if words >= MAX_TOKENS:
            state.drafts.append(Draft(" ".join(text[s:e].split()), ((s, e),), "sentence"))
            continue
        state.drafts.extend(atomize(text, s, e, fine=state.fine))


def classify_step(state: State) -> None:
    """Attach kind, details and check-worthiness; sort by position."""
    mentions = find_mentions(state.text, draft_hulls(state.drafts), length=len(state.text))
    claims = [classify(state.text, d, mentions) for d in state.drafts]
    claims.sort(key=lambda c: (c.start, c.end))
    state.claims = claims


STEPS: tuple[Callable[[State], None], ...] = (clean_step, segment_step, atomize_step, classify_step)


def run(text: str, *, fine: bool = False) -> list[ExtractedClaim]:
    """Run every step in order and return the claims (`fine`: proposition granularity)."""
    state = State(text, fine)
    for step in STEPS:
        step(state)
    return state.claims
