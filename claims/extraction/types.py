"""Plain data types shared by the extraction stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

KINDS = ("quantity", "quote", "event", "statement", "causal", "comparison", "attribute")


@dataclass(frozen=True)
class ExtractedClaim:
    """One atomic claim anchored to the text it was extracted from."""

    text: str
    spans: tuple[Span, ...]
    kind: str = "statement"
    checkworthiness: float = 0.5
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def start(self) -> int:
        """Offset of the first character of the first span."""
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        """Offset just after the last span."""
        return max(e for _, e in self.spans)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (used by the CLI and the evaluation)."""
        return {
            "text": self.text,
            "spans": [list(s) for s in self.spans],
            "kind": self.kind,
            "checkworthiness": self.checkworthiness,
            "details": self.details,
        }


@dataclass(frozen=True)
class Dropped:
    """A stretch of prose that is not a claim, and why."""

    start: int
    end: int
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"span": [self.start, self.end], "reason": self.reason}


@dataclass(frozen=True)
class Extraction:
    """The claims of a text and the version of the backend that actually produced them."""

    claims: list[ExtractedClaim]
    extractor: str  # e.g. "rules-2.0", or "llm-1.0" (the LLM's fallback to rules says rules)
    language: str = "en"  # ISO 639-1, detected or given
    dropped: tuple[Dropped, ...] = ()  # what was not taken as a claim, with the reason


@dataclass(frozen=True)
class Draft:
    """An atomic claim before classification: spans plus a readable sentence."""

    text: str
    spans: tuple[Span, ...]
    role: str = "clause"  # clause | conj | part | contrast | relative | apposition | result ...
    subject: str | None = None
    attribution: str | None = None  # "the prosecutor's office said", "according to NPR"
    speaker: str | None = None  # who the attribution names
    inside_quote: bool = False  # the whole claim is inside a quotation
