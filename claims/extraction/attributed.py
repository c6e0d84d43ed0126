"""A source that speaks for a whole sentence cut into clause chunks ("A, and B, the ministry
said"): each chunk's claims keep a copy of it ("A, the ministry said"), never the writer's
own words once cut (``units.shared_source`` says when a source can be shared out)."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.parse import Sentence
from claims.extraction.types import Span
from claims.extraction.units import attribution_of, shared_source


@dataclass(frozen=True)
class Source:
    """Who speaks for a whole sentence that was cut into clause chunks ("A, and B, the
    ministry said"): every chunk keeps it."""

    span: Span  # with the comma that sets it off
    before: bool  # "According to the ministry, A, and B"
    attribution: tuple[str, str] | None  # attribution_of's (attribution, speaker)


def chunk_source(sent: Sentence) -> Source | None:
    """The source that speaks for the whole sentence, with its comma, if there is one."""
    toks = sent.toks
    source = shared_source(sent)
    if not source:
        return None
    first, last = min(source), max(source)
    before = first == 0
    if before:  # "According to the ministry," with its comma
        end = last + 1 if last + 1 < len(toks) and toks[last + 1].text == "," else last
        span = (toks[first].start, toks[end].end)
    else:  # ", the ministry said"
        start = first - 1 if first and toks[first - 1].text == "," else first
        span = (toks[start].start, toks[last].end)
    return Source(span, before, attribution_of(sent, source))


def with_source(
    text: str, claim_text: str, spans: tuple[Span, ...], source: Source
) -> tuple[str, tuple[Span, ...]]:
    """A claim cut from a sentence its source speaks for, with that source: "A, the ministry
    said." / "According to the ministry, A." """
    words = text[source.span[0] : source.span[1]]
    if source.before:
        first = spans[0][0]
        body = claim_text[0].lower() + claim_text[1:] if text[first].islower() else claim_text
        return f"{words} {body}", (source.span, *spans)
    body = claim_text[:-1] if claim_text.endswith(".") else claim_text
    return f"{body}{words}.", (*spans, source.span)
