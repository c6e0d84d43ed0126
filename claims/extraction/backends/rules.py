"""The default backend: the offline, deterministic rules pipeline."""

from __future__ import annotations

from claims.extraction import pipeline, propositions
from claims.extraction.types import ExtractedClaim

VERSION = "rules-2.0"


def extract(text: str, *, fine: bool = False) -> list[ExtractedClaim]:
    """Claims found by the rules pipeline (`fine`: proposition granularity)."""
    if fine:
        return propositions.run(text, fine=True)
    return pipeline.run(text)
