"""Atomic claim extraction: split pasted text into standalone, checkable claims.

    from claims.extraction import extract
    claims = extract(text)            # backend from CLAIMS_EXTRACTOR_BACKEND, else "rules"

Every claim is anchored by character spans into the text as given.  When the input
looks like an HTML document, its main text is extracted first (``html_to_text``) and
the spans refer to that extracted text.
"""

from __future__ import annotations

import logging

from claims.extraction.backends import rules
from claims.extraction.clean import furniture_spans, html_to_text, looks_like_html
from claims.extraction.config import setting
from claims.extraction.types import KINDS, Dropped, ExtractedClaim, Extraction
from workbench.langid import LATIN_CONFIDENCE, language_of

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = rules.VERSION
BACKENDS = ("rules", "llm")
GRANULARITIES = ("claim", "proposition")


def extract(
    text: str,
    *,
    backend: str | None = None,
    granularity: str | None = None,
    language: str | None = None,
) -> list[ExtractedClaim]:
    """Atomic claims in `text`, sorted by position (see `run_extraction`)."""
    return run_extraction(text, backend=backend, granularity=granularity, language=language).claims


def run_extraction(
    text: str,
    *,
    backend: str | None = None,
    granularity: str | None = None,
    language: str | None = None,
) -> Extraction:
    """Atomic claims in `text`, sorted by position, the backend version that made them and
    the language they were read in.

    `backend`: "rules" or "llm" (default: the CLAIMS_EXTRACTOR_BACKEND setting, else
    "rules").  `granularity` (rules backend, English): "claim" (default; what a
    fact-checker checks, lists kept whole) or "proposition" (PropSegmEnt-style: every
    coordination and adjunct phrase distributed).  `language`: an ISO 639-1 code (a
    reviewer's override), else detected (``language_of``); English goes to the English
    engine, every other language to ``claims.extraction.multilingual`` (docs/multilingual.md).
    HTML documents are reduced to their main text first; spans then refer to
    ``html_to_text(text)``.
    """
    name = str(backend or setting("CLAIMS_EXTRACTOR_BACKEND", "rules")).lower()
    if name not in BACKENDS:
        raise ValueError(f"unknown claims extractor backend {name!r}; choose from {BACKENDS}")
    grain = str(granularity or setting("CLAIMS_EXTRACTOR_GRANULARITY", "claim")).lower()
    if grain not in GRANULARITIES:
        raise ValueError(f"unknown granularity {grain!r}; choose from {GRANULARITIES}")
    if looks_like_html(text):
        text = html_to_text(text)
    lang = (language or language_of(text)).lower()
    if name == "llm":
        from claims.extraction.backends import llm

        config = llm.LLMConfig.from_settings()
        if config is None:
            logger.warning("CLAIMS_LLM_URL is not set; using the rules extractor")
        else:
            try:
                items = llm.request_claims(text, config)
            except llm.LLMError as exc:
                logger.warning("LLM claim extraction failed (%s); using the rules extractor", exc)
            else:
                return Extraction(llm.claims_from_items(text, items), llm.VERSION, lang)
    if lang != "en":
        from claims.extraction import multilingual

        return Extraction(multilingual.extract_claims(text, lang), rules.VERSION, lang)
    if grain == "proposition":
        return Extraction(rules.extract(text, fine=True), rules.VERSION, lang)
    from claims.extraction.pipeline import run_state

    state = run_state(text)
    return Extraction(state.claims, rules.VERSION, lang, tuple(state.dropped))


def explain(text: str) -> tuple[list[ExtractedClaim], list[Dropped]]:
    """The rules backend's claims of `text` and the stretches it did not take, each with its
    reason (a question, a credit line, opinion with nothing to check ...), so a wrong drop
    is easy to see and report.  HTML is reduced to its main text first, as in ``extract``;
    a text in another language than English has its claims and nothing dropped."""
    from claims.extraction.pipeline import run_state

    if looks_like_html(text):
        text = html_to_text(text)
    lang = language_of(text)
    if lang != "en":
        from claims.extraction import multilingual

        return multilingual.extract_claims(text, lang), []
    state = run_state(text)
    return state.claims, state.dropped


__all__ = [
    "BACKENDS",
    "EXTRACTOR_VERSION",
    "GRANULARITIES",
    "KINDS",
    "LATIN_CONFIDENCE",
    "Dropped",
    "ExtractedClaim",
    "Extraction",
    "explain",
    "extract",
    "furniture_spans",
    "html_to_text",
    "language_of",
    "looks_like_html",
    "run_extraction",
]
