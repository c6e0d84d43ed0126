"""Articles in any language: language identification, sentences in every script, claims.

    from claims.extraction import multilingual
    lang, claims = multilingual.extract(text)          # language detected
    lang, claims = multilingual.extract(text, "ru")    # or given (a reviewer's override)

    multilingual.detect(text)            # Detection(lang="ru", confidence=0.98, script="Cyrillic")
    multilingual.split_sentences(text)   # [(0, 62), (63, 182), ...]

ORM-free and network-free. English goes to the English engine (``claims.extraction``);
``extract`` still answers for it, at the sentence tier, so a caller that has not routed yet
never gets one blob. See docs/multilingual.md.
"""

from __future__ import annotations

from claims.extraction.multilingual.claims import extract_claims
from claims.extraction.multilingual.langid import Detection, detect, detect_runs
from claims.extraction.multilingual.segment import split_sentences
from claims.extraction.types import ExtractedClaim

__all__ = ["Detection", "detect", "detect_runs", "extract", "extract_claims", "split_sentences"]


def extract(text: str, lang: str | None = None) -> tuple[str, list[ExtractedClaim]]:
    """The language of ``text`` (``lang`` when given) and its claims."""
    if not lang:
        lang = detect(text).lang
    return lang, extract_claims(text, lang)
