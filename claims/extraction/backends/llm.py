"""LLM backend: any OpenAI-compatible ``/v1/chat/completions`` endpoint, via httpx.

The model is asked for claims with verbatim evidence; a claim is kept only when its
evidence can be anchored in the text (exactly, or up to whitespace and case), so an
invented claim never reaches the database.  On any failure (no URL, connection error,
timeout, non-200, malformed JSON) it logs a warning and returns the rules backend's
claims instead.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx

from claims.extraction.backends import rules
from claims.extraction.classify import classify
from claims.extraction.clean import furniture_spans
from claims.extraction.config import setting
from claims.extraction.types import KINDS, Draft, ExtractedClaim, Span

logger = logging.getLogger(__name__)

VERSION = "llm-1.0"
SYSTEM_PROMPT = (
    "You split news text into atomic, standalone, checkable factual claims. "
    "Ignore page furniture (menus, user names, counters, share buttons). "
    'Answer with JSON only: {"claims": [{"claim": "<standalone sentence, subject restored>", '
    '"evidence": "<the exact words of the text that state it, copied verbatim>", '
    f'"kind": "<one of {", ".join(KINDS)}>"}}]}}.'
)
_FENCE_RE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@dataclass(frozen=True)
class LLMConfig:
    """Endpoint settings (CLAIMS_LLM_URL, _MODEL, _API_KEY, _TIMEOUT)."""

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_settings(cls) -> LLMConfig | None:
        """Read the configuration; None when no URL is configured."""
        url = setting("CLAIMS_LLM_URL")
        if not url:
            return None
        return cls(
            url=str(url),
            model=str(setting("CLAIMS_LLM_MODEL", "default")),
            api_key=setting("CLAIMS_LLM_API_KEY"),
            timeout=float(setting("CLAIMS_LLM_TIMEOUT", 30)),
        )

    @property
    def endpoint(self) -> str:
        """The chat-completions URL, whether the setting names the base or the full path."""
        url = self.url.rstrip("/")
        if url.endswith("/chat/completions"):
            return url
        if url.endswith("/v1"):
            return url + "/chat/completions"
        return url + "/v1/chat/completions"


class LLMError(Exception):
    """The endpoint did not return usable claims."""


def request_claims(text: str, config: LLMConfig) -> list[dict[str, Any]]:
    """Ask the endpoint for claims; raises LLMError on any protocol or transport failure."""
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    body = {
        "model": config.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": text},
        ],
    }
    try:
        response = httpx.post(config.endpoint, json=body, headers=headers, timeout=config.timeout)
    except httpx.HTTPError as exc:
        raise LLMError(f"request failed: {exc!r}") from exc
    if response.status_code != 200:
        raise LLMError(f"HTTP {response.status_code}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
        data = json.loads(_FENCE_RE.sub("", content))
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"malformed response: {exc!r}") from exc
    items = data.get("claims") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise LLMError("response has no claims list")
    return [i for i in items if isinstance(i, dict)]


def anchor(text: str, evidence: str, used: set[Span] | None = None) -> Span | None:
    """Where `evidence` occurs verbatim in `text` (whitespace- and case-tolerant)."""
    evidence = evidence.strip().strip("\"'\u201c\u201d")
    if not evidence:
        return None
    used = used or set()
    start = text.find(evidence)
    while start >= 0:
        span = (start, start + len(evidence))
        if span not in used:
            return span
        start = text.find(evidence, start + 1)
    words = evidence.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    for m in pattern.finditer(text):
        if (m.start(), m.end()) not in used:
            return (m.start(), m.end())
    return None


def claims_from_items(text: str, items: list[dict[str, Any]]) -> list[ExtractedClaim]:
    """Anchored, classified claims; items whose evidence is not in the text are dropped."""
    furniture = furniture_spans(text)
    used: set[Span] = set()
    out: list[ExtractedClaim] = []
    for item in items:
        claim_text = str(item.get("claim") or item.get("text") or "").strip()
        span = anchor(text, str(item.get("evidence") or ""), used)
        if span is None or not claim_text:
            logger.info("dropping unanchored LLM claim %r", claim_text[:80])
            continue
        if any(s < span[1] and span[0] < e for s, e in furniture):
            continue
        used.add(span)
        claim = classify(text, Draft(claim_text, (span,), "clause"))
        kind = item.get("kind")
        if kind in KINDS and kind != claim.kind:
            claim = ExtractedClaim(
                claim.text, claim.spans, str(kind), claim.checkworthiness, claim.details
            )
        out.append(claim)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def extract(text: str, config: LLMConfig | None = None) -> list[ExtractedClaim]:
    """Claims from the configured endpoint, or from the rules backend when it fails."""
    config = config or LLMConfig.from_settings()
    if config is None:
        logger.warning("CLAIMS_LLM_URL is not set; using the rules extractor")
        return rules.extract(text)
    try:
        items = request_claims(text, config)
    except LLMError as exc:
        logger.warning("LLM claim extraction failed (%s); using the rules extractor", exc)
        return rules.extract(text)
    return claims_from_items(text, items)
