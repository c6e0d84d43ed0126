"""Tokens with offsets and a coarse, dictionary-and-suffix part-of-speech guess."""

from __future__ import annotations

import re
from functools import lru_cache

from claims.extraction import lexicon as lx

_TOKEN_RE = re.compile(
    r"\$?\d+(?:[.,:\u2013-]\d+)*(?:st|nd|rd|th|s)?"  # numbers, ranges, ordinals, decades
    r"|[^\W_]+(?:['\u2019\-][^\W_]+)*(?:['\u2019](?![^\W_]))?"  # words, hyphenated, possessives
    r"|\S"
)

# Tags
PUNCT, DET, PREP, PSC, SC, CC, REL, THAT, PRON, AUX, BE = (
    "PUNCT",
    "DET",
    "PREP",
    "PSC",
    "SC",
    "CC",
    "REL",
    "THAT",
    "PRON",
    "AUX",
    "BE",
)
NUM, ADV, VBD, VBG, VBZ, VB, CAP, N = "NUM", "ADV", "VBD", "VBG", "VBZ", "VB", "CAP", "N"

NOUNISH = frozenset({N, VB, CAP, NUM, PRON, VBG})
_AFTER_PLURAL = frozenset({PREP, AUX, VBD, CC, PUNCT})
_BEFORE_PLURAL = frozenset({N, CAP, VB, VBG, NUM})
_PREP_OR_SUB = frozenset({"since", "after", "before", "until"})


class Tok:
    """A token: offsets into the text, the word, its lowercase form and a tag."""

    __slots__ = ("e", "low", "s", "tag", "w")

    def __init__(self, s: int, e: int, w: str, low: str, tag: str) -> None:
        self.s, self.e, self.w, self.low, self.tag = s, e, w, low, tag

    def __repr__(self) -> str:
        return f"{self.w}/{self.tag}"


@lru_cache(maxsize=1 << 16)
def _tagged(w: str, initial: bool) -> tuple[str, str]:
    """(lowercase form, tag) of a token; cached, the vocabulary of news text is small."""
    low = w.lower()
    return low, _tag(w, low, initial)


def _tag(w: str, low: str, initial: bool) -> str:
    c = w[0]
    if not c.isalnum():
        return NUM if c == "$" and len(w) > 1 else PUNCT
    if c.isdigit():
        return NUM
    if low in _PREP_OR_SUB:
        return PSC
    if low in lx.DETERMINERS:
        return DET
    if low in lx.PREPOSITIONS:
        return PREP
    if low in lx.COORDINATORS:
        return CC
    if low in lx.SUBORDINATORS:
        return SC
    if low in lx.RELATIVES:
        return REL
    if low == "that":
        return THAT
    if low in lx.PRONOUNS:
        return PRON
    if low in lx.AUXILIARIES:
        return CAP if c.isupper() and not initial else AUX  # "on May 17", "Will Smith"
    if low in lx.NONFINITE_BE:
        return BE
    if low in lx.NUMBER_WORDS:
        return NUM
    if c.isupper() and not initial:
        return CAP
    if low in lx.ADVERBS:
        return ADV
    if low in lx.IRREGULAR_PAST:
        return VBD
    if "-" not in low and low not in lx.NOT_VERB_FORMS:
        if low.endswith("ly") and len(low) > 4:
            return ADV
        if low.endswith("ing") and len(low) > 5:
            # a capitalised -ing word the treebank never saw is a name ("Boeing", "Beijing")
            return CAP if c.isupper() and low not in lx.POS_CLASSES else VBG
        if low.endswith("ed") and len(low) > 3:
            return VBD
        if low.endswith("s") and len(low) > 3 and not initial and _is_verb_s(low):
            return VBZ  # (a sentence does not open with a verb in -s: "Delays, ...")
    if c.isupper():
        return CAP
    if low in lx.VERBS:
        return VB
    return N


def _is_verb_s(low: str) -> bool:
    if low[:-1] in lx.VERBS:
        return True
    if low.endswith("ies"):
        return low[:-3] + "y" in lx.VERBS
    return low.endswith("es") and low[:-2] in lx.VERBS


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of text[start:end] with absolute offsets and tags."""
    out: list[Tok] = []
    initial = True
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        w = m.group()
        low, tag = _tagged(w, initial)
        s, e = m.span()
        if out:
            prev = out[-1]
            if (
                prev.tag == VBZ
                and tag in _AFTER_PLURAL
                and len(out) > 1
                and out[-2].tag in _BEFORE_PLURAL
                and "Z" not in lx.POS_CLASSES.get(prev.low, "Z")
            ):
                prev.tag = N  # "design problems in ...": the lexicon knows only a plural noun
            elif tag == ADV and prev.tag == DET and lx.POS_CLASSES.get(low, "")[:1] == "J":
                tag = N  # "the first ...": an adjective after a determiner
            elif (
                tag == CAP and len(out) == 1 and prev.tag == VBD and prev.low not in lx.POS_CLASSES
            ):
                prev.tag = CAP  # "Lockheed Martin ...": an unknown -ed word opening a name
        out.append(Tok(s, e, w, low, tag))
        if initial and tag != PUNCT:
            initial = False
    return out
