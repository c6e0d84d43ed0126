"""The default backend: the offline, deterministic rules pipeline."""

from __future__ import annotations

from claims.extraction.pipeline import run
from claims.extraction.types import ExtractedClaim

VERSION = "rules-1.1"


def extract(text: str, *, fine: bool = False) -> list[ExtractedClaim]:
    """Claims found by the rules pipeline (`fine`: proposition granularity)."""
    return run(text, fine=fine)
