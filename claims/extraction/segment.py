"""Segment stage: sentences with offsets (a precompiled-regex splitter).

Chosen by measurement against pysbd and blingfire (see docs/extraction.md): on the
PropSegmEnt documents it is as accurate as either and it is the fastest, so it can
sit on the hot path.
"""

from __future__ import annotations

import re

from claims.extraction.lexicon import words
from claims.extraction.patterns import AGENCIES
from claims.extraction.types import Span

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, then
# whitespace and something that can open a sentence (a capital, a digit, or a name such as
# "iPhone" or "eBay").
_BOUNDARY_RE = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?(?:[A-Z0-9\u00c0-\u00dd]|[a-z][A-Z]))"
    r"|\n\s*\n"
    # a space lost in scraping, "reported on Wednesday.The stabbing occurred": a word, its
    # period and a capitalised word glued to it (never an address: "www.DearAbby.com",
    # "jane.Doe@example.org")
    r"|(?<![\w.@/])[A-Za-z][a-z]{2,}[.!?](?=[A-Z][a-z]{2,}\b)(?![A-Za-z]*[@.])"
)
_ABBREVIATIONS = words(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt maj adm gov sen rep rev fr hon
    cmdr cmdt cpl pvt spc brig supt insp det atty sens reps govs gens
    pres inc ltd co corp bros dept univ est approx vs etc al fig no nos vol ch pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m d def
    """
)
_LAST_WORD_RE = re.compile(r"([\w.-]+)\.$")  # the whole word: "op-ed." is no "ed."
_CLOSING_QUOTES = "\"'\u201d\u2019"
_AGENCY_RE = re.compile(rf"\s+\((?:{AGENCIES})\)\s*[\u2014\u2013-]")
# a short speech tag after a quotation's closing mark ('"... the investigation?'" Holmes
# testified.', '"We lost." Smith said.', '"Why?" asked Ana Ruiz.'): part of its sentence
_SPEECH_VERBS = r"(?:said|says|asked|asks|added|adds|testified|replied|recalled|wrote|told)"
_SPEECH_TAG_RE = re.compile(
    r"\s+(?:(?:[A-Z][\w.'\u2019-]*\s+){1,3}"
    + _SPEECH_VERBS
    + r"|"
    + _SPEECH_VERBS
    + r"(?:\s+[A-Z][\w.'\u2019-]*){1,3})\.(?=\s|$)"
)


def _is_abbreviation(text: str, end: int, stop: int) -> bool:
    """True when the period ending at `end` closes an abbreviation or an initial ("no."
    only before a number: "She kept telling me no. When ..." ends there)."""
    m = _LAST_WORD_RE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if word.lower() in ("no", "nos"):
        return text[end:stop].lstrip()[:1].isdigit()
    return word.lower() in _ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans (stripped of surrounding whitespace) inside text[start:end]."""
    stop = len(text) if end is None else end
    out: list[Span] = []
    cursor = start
    for m in _BOUNDARY_RE.finditer(text, start, stop):
        if m.group()[-1:] == "." and _is_abbreviation(text, m.end(), stop):
            continue
        if m.group()[-1:] in _CLOSING_QUOTES and _SPEECH_TAG_RE.match(text, m.end(), stop):
            continue  # '"... do the investigation?'" Holmes testified.': one sentence
        if _AGENCY_RE.match(text, m.end(), stop):
            continue  # "HAYWARD, Calif. (AP) — ...": a dateline, not a sentence's end
        _append(text, cursor, m.end(), out)
        cursor = m.end()
    _append(text, cursor, stop, out)
    return out


def _append(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))
