"""Property-based tests: the extractor never raises and its spans are always sound."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

_WORD_RE = re.compile(r"[^\W_]+")

prose = st.lists(
    st.sampled_from(
        [
            "The",
            "army",
            "seized",
            "power",
            "in",
            "2021",
            ",",
            "and",
            "which",
            "said",
            '"',
            "king",
            ".",
            "300",
            "megawatts",
            "Myanmar",
            "\n",
            "Joined",
            "(",
            ")",
            ";",
            "ousting",
            "the",
            "government",
            "\u2013",
            "who",
            "has",
            "been",
            "$5",
            "million",
            ":",
        ]
    ),
    max_size=60,
).map(" ".join)


def _check(text: str) -> None:
    for granularity in ("claim", "proposition"):
        _check_claims(text, extract(text, backend="rules", granularity=granularity))


def _check_claims(text: str, claims: list) -> None:
    for claim in claims:
        assert claim.spans
        evidence = " ".join(text[s:e] for s, e in claim.spans)
        for s, e in claim.spans:
            assert 0 <= s < e <= len(text)
            assert text[s:e].strip()
        # the claim restates its evidence: most evidence words (verbs compared by stem,
        # "ousting" ~ "ousted") appear in the claim's sentence
        claim_stems = {w.lower()[:4] for w in _WORD_RE.findall(claim.text)}
        span_stems = [w.lower()[:4] for w in _WORD_RE.findall(evidence)]
        assert span_stems, evidence
        found = sum(1 for w in span_stems if w in claim_stems)
        assert found >= 0.5 * len(span_stems), (claim.text, evidence)
        assert 0.0 <= claim.checkworthiness <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(prose)
def test_sentence_like_input_gives_sound_spans(text: str) -> None:
    _check(text)
