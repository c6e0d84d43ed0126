"""Pieces: cut one tokenized sentence into typed pieces (rules, no parser).

1. cut it into chunks at commas, semicolons, colons and dashes outside brackets and
   quotes, except commas inside dates, place names and lists (a list of names before the
   verb included);
2. cut chunks further before coordinated predicates ("... and imposed ..."), relative
   pronouns (and "that" after a noun), subordinators and participles that follow a noun;
3. type each piece: clause, subordinate clause, predicate, participle, relative clause
   or noun phrase.

``atomize.py`` turns the pieces into claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.extraction import lexicon as lx
from claims.extraction.tokens import (
    ADV,
    AUX,
    CAP,
    CC,
    DET,
    NOUNISH,
    NUM,
    PREP,
    PRON,
    PSC,
    PUNCT,
    REL,
    SC,
    THAT,
    VB,
    VBD,
    VBG,
    VBZ,
    Tok,
)

_SPLIT_PUNCT = frozenset({",", ";", ":"})
_DASHES = frozenset({"-", "\u2013", "\u2014"})
_OPEN = {"(": ")", "[": "]", "\u201c": "\u201d"}
TRIM = frozenset(",;:.!?-\u2013\u2014")
_VERBAL = frozenset({VBD, VBZ, AUX})
CLAUSE_TAGS = frozenset({VBD, VBZ, AUX, VBG, REL, THAT, SC, PSC})


@dataclass
class Piece:
    """A run of tokens [i, j) with its type and, for clauses, the subject range."""

    i: int
    j: int
    kind: str = "np"  # clause | sub | pred | part | rel | np
    body: int = 0  # first token of the content (after a conjunction / subordinator)
    subj: tuple[int, int] | None = None
    extra: list[tuple[int, int]] = field(default_factory=list)


# ----------------------------------------------------------------------------- chunks
def _split_points(toks: list[Tok]) -> list[int]:
    """Indices of splitting punctuation outside brackets and quotes."""
    points: list[int] = []
    closers: list[str] = []
    in_quote = False
    n = len(toks)
    for k, t in enumerate(toks):
        w = t.w
        if t.tag != PUNCT:
            continue
        if w in _OPEN:
            closers.append(_OPEN[w])
        elif closers and w == closers[-1]:
            closers.pop()
        elif w == '"':
            in_quote = not in_quote
        elif closers or in_quote:
            continue
        elif w in _SPLIT_PUNCT or (w in _DASHES and 0 < k < n - 1 and _spaced(toks, k)):
            points.append(k)
    return points


def _spaced(toks: list[Tok], k: int) -> bool:
    return toks[k - 1].e < toks[k].s and toks[k].e < toks[k + 1].s


def _has_finite(toks: list[Tok], i: int, j: int) -> bool:
    return _finite(toks, i, j) is not None


def _has_verb(toks: list[Tok], i: int, j: int) -> bool:
    if i < j and toks[i].tag == VBG:
        return True
    return any(t.tag in _VERBAL for t in toks[i:j]) or _has_finite(toks, i, j)


def _finite(toks: list[Tok], i: int, j: int) -> int | None:
    """Index of the first finite verb in [i, j) that follows a subject, if any."""
    for k in range(i, j):
        tag = toks[k].tag
        if tag == AUX:
            return k
        if tag in (VBD, VBZ, VB) and k > i:
            p = k - 1
            while p > i and toks[p].tag == ADV:
                p -= 1
            ptag = toks[p].tag
            if (
                tag == VB
                and ptag not in (PRON, REL, THAT)
                and not (
                    ptag in ("N", CAP)
                    and k + 1 < j
                    and toks[k + 1].tag in (DET, "N", CAP, NUM)
                    and (p == i or toks[p - 1].tag != PREP)
                )
            ):
                continue
            if ptag in NOUNISH or (ptag == PUNCT and toks[p].w in "\"\u201d)\u2019'"):
                if tag == VBZ and (k + 1 >= j or toks[k + 1].tag in (CC, PUNCT)):
                    continue
                return k
    return None


def _protected(toks: list[Tok], seg: list[tuple[int, int]], c: int) -> bool:
    """Whether the comma between segment c and c+1 is inside a date, place or list."""
    k = seg[c][1]  # the comma token
    if toks[k].w != ",":
        return False
    left = toks[k - 1] if k > 0 else None
    i, j = seg[c + 1]
    while j > i and toks[j - 1].tag == PUNCT:
        j -= 1
    if left is None or i >= j:
        return False
    nxt = toks[i:j]
    # coordinate adjectives: "a stealth-capable, single-seat, multipurpose fighter"
    if (
        k >= 2
        and (
            toks[k - 2].low in ("a", "an") or (toks[k - 2].w == "," and seg[c][1] - seg[c][0] == 1)
        )
        and left.tag in ("N", VBD)
        and nxt[0].tag in ("N", VBD, ADV)
        and nxt[0].w.islower()
    ):
        return True
    # dates: "May 29, 2014"
    if left.tag == NUM and nxt[0].tag == NUM and len(nxt[0].w) == 4:
        return True
    # places and name lists: "Houston, Texas"
    if left.tag == CAP and len(nxt) <= 3 and all(t.tag == CAP for t in nxt):
        return True
    # lists: "economic, military and diplomatic support"
    if c == 0 and _subject_list(toks, seg[c][0], k, i, j):
        return True
    return _list_item(toks, i, j)


def _subject_list(toks: list[Tok], a: int, k: int, i: int, j: int) -> bool:
    """ "Svalbard, Bjornon and Jan Mayen are ...": the comma is inside a subject list."""
    if k - a > 6 or i >= j or _has_verb(toks, a, k) or toks[a].tag in (PREP, PSC, SC, ADV):
        return False
    fv = _finite(toks, i, j)
    if fv is None or fv - i > 8:
        return False
    return any(t.low in ("and", "or") for t in toks[i:fv]) and not any(
        t.tag in (REL, THAT, SC, PSC) or t.w == "," for t in toks[i:fv]
    )


def _list_item(toks: list[Tok], i: int, j: int) -> bool:
    if toks[i].tag in (SC, REL, PSC, VBG, AUX) or _has_finite(toks, i, j):
        return False
    if toks[i].low == "such" and i + 1 < j and toks[i + 1].low == "as":
        return False  # ", such as A and B": examples of what precedes, not list items
    while j > i and toks[j - 1].tag == PUNCT:
        j -= 1
    if toks[i].tag == CC:
        return 1 < j - i <= 7 and toks[i + 1].tag not in (VBD, AUX, VBZ)
    for k in range(i + 1, min(j, i + 5)):
        if toks[k].tag == CC and k + 1 < j and toks[k + 1].tag not in (VBD, AUX, VBZ):
            return j - k <= 7
    return False


def _short_item(toks: list[Tok], i: int, j: int) -> bool:
    """A bare list item: a few words, no verb, not a clause opener."""
    if j - i > 4 or i >= j or toks[i].tag in (SC, REL, PSC, VBG, AUX, PREP, CC, THAT):
        return False
    return not _has_verb(toks, i, j)


def _chunks(toks: list[Tok]) -> list[tuple[int, int]]:
    points = _split_points(toks)
    bounds = [-1, *points, len(toks)]
    segs = [(bounds[a] + 1, bounds[a + 1]) for a in range(len(bounds) - 1)]
    n = len(segs)
    keep = [False] * n  # keep[c]: the split after segment c is protected
    for c in range(n - 2, -1, -1):
        keep[c] = _protected(toks, segs, c) or (
            toks[segs[c][1]].w == ","
            and _short_item(toks, *segs[c + 1])
            and keep[c + 1]
            and toks[segs[c + 1][1]].w == ","
        )
    out: list[tuple[int, int]] = []
    cur_start = segs[0][0]
    for c in range(n):
        if c + 1 < n and keep[c]:
            continue
        out.append((cur_start, segs[c][1]))
        if c + 1 < n:
            cur_start = segs[c + 1][0]
    return [(i, j) for i, j in out if any(t.tag != PUNCT for t in toks[i:j])]


# ----------------------------------------------------------------------------- pieces
def _inner_splits(toks: list[Tok], i: int, j: int) -> list[int]:
    """Split positions inside chunk [i, j)."""
    cuts: list[int] = []
    left = i
    seen = False
    k = i + 1
    complement = False
    quoted = toks[i].w in '"\u201c'
    while k < j:
        t = toks[k]
        tag = t.tag
        if t.w in '"\u201c\u201d':
            quoted = t.w == "\u201c" or (t.w == '"' and not quoted)
            k += 1
            continue
        if quoted:
            k += 1
            continue
        if tag == THAT and toks[k - 1].low in lx.REPORTING_VERBS | {"concerns", "concern"}:
            complement = True
        if not seen:
            seen = _has_verb(toks, left, k)
        if not complement and seen:
            as_well_as = (
                t.low == "as"
                and k + 2 < j
                and toks[k + 1].low == "well"
                and (toks[k + 2].low == "as")
            )
            if tag == CC or as_well_as:
                m = k + 3 if as_well_as else k + 1
                while m < j and toks[m].tag == ADV:
                    m += 1
                if m < j and (
                    toks[m].tag in (VBD, AUX, VBZ, VBG)
                    or (toks[m].tag in (DET, PRON, CAP, "N") and _clause_follows(toks, m, j))
                ):
                    cuts.append(k)
                    left = k
                    seen = False
            elif tag in (REL, THAT) and k > i + 1 and (tag == REL or _that_relative(toks, k, j)):
                cut = k - 1 if toks[k - 1].tag == PREP else k
                cuts.append(cut)
                left = cut
                seen = False
            elif (
                (
                    tag in (SC, PSC)
                    and k + 1 < j
                    and (toks[k + 1].tag == VBG or _has_finite(toks, k + 1, j))
                )
                or (
                    tag == VBG
                    and toks[k - 1].tag in ("N", VB, CAP, NUM, PUNCT)
                    and toks[k - 1].w not in "(-"
                    and not toks[k - 1].w.endswith(("'", "\u2019", "'s", "\u2019s"))
                    and not _gerund_modifier(toks, k, j)
                )
                or (
                    tag == VBD
                    and k + 1 < j
                    and toks[k + 1].low == "by"
                    and toks[k - 1].tag in ("N", CAP)
                )
            ):
                cuts.append(k)
                left = k
                seen = False
        k += 1
    return cuts


def _that_relative(toks: list[Tok], k: int, j: int) -> bool:
    """ "a language that supports ...": "that" after a noun, before its verb."""
    if k == 0 or toks[k - 1].tag not in ("N", CAP, NUM):
        return False
    m = k + 1
    while m < j and toks[m].tag == ADV:
        m += 1
    return m < j and toks[m].tag in (AUX, VBD, VBZ, VB)


def _clause_follows(toks: list[Tok], m: int, j: int) -> bool:
    """A short subject then a finite verb: "... and the film became ..."."""
    fv = _finite(toks, m, min(j, m + 6))
    return fv is not None and not any(t.tag in (REL, THAT, CC) for t in toks[m:fv])


def _gerund_modifier(toks: list[Tok], k: int, j: int) -> bool:
    """An -ing word inside a noun phrase: "multiple programming paradigms"."""
    nxt = toks[k + 1] if k + 1 < j else None
    ends_np = nxt is None or nxt.tag == CC or (nxt.tag == PUNCT and nxt.w not in '"(')
    if toks[k - 1].tag == CAP:  # "Ukrainian-language dubbing and ..."
        return ends_np
    return toks[k - 1].tag in ("N", VB) and (ends_np or (nxt is not None and nxt.tag in ("N", VB)))


def split_pieces(toks: list[Tok]) -> list[Piece]:
    """The typed pieces of a tokenized sentence, in order."""
    out: list[Piece] = []
    for ci, cj in _chunks(toks):
        starts = [ci, *_inner_splits(toks, ci, cj), cj]
        for a in range(len(starts) - 1):
            p = _type_piece(toks, starts[a], starts[a + 1])
            if p is not None:
                out.append(p)
    return out


def _type_piece(toks: list[Tok], i: int, j: int) -> Piece | None:
    while i < j and toks[i].tag == PUNCT and toks[i].w not in '"\u201c(':
        i += 1
    while j > i and toks[j - 1].tag == PUNCT and toks[j - 1].w in TRIM:
        j -= 1
    if i >= j:
        return None
    b = i
    if b + 3 < j and [t.low for t in toks[b : b + 3]] == ["as", "well", "as"]:
        b += 3
    while b < j and toks[b].tag in (CC, ADV) and b - i < 2:
        b += 1
    if b >= j:
        return Piece(i, j, "np", i)
    first = toks[b]
    if (
        first.tag == REL
        or (first.tag == PREP and b + 1 < j and toks[b + 1].tag == REL)
        or (first.tag == THAT and _that_relative(toks, b, j))
    ):
        return Piece(i, j, "rel", b)
    if first.low in ("with", "without") and b + 2 < j:
        for k in range(b + 2, min(j, b + 6)):
            if toks[k].tag == VBG and toks[k - 1].tag in ("N", CAP):
                return Piece(i, j, "clause", b + 1, subj=(b + 1, k))
            if toks[k].tag not in ("N", CAP, DET, NUM):
                break
    if first.tag in (SC, PSC) and b + 1 < j and toks[b + 1].tag == VBG:
        return Piece(i, j, "part", b + 1, subj=(b, b))  # an adverbial participle: "before moving"
    if first.tag in (SC, PSC):
        fv = _finite(toks, b + 1, j)
        if fv is not None and fv > b + 1:
            return Piece(i, j, "sub", b + 1, subj=(b + 1, fv))
        return Piece(i, j, "np", b)
    if first.tag in (VBD, AUX, VBZ) and b < j:
        return Piece(i, j, "pred", b)
    if first.tag == VBG and b > i and toks[b - 1].tag == CC:
        return Piece(i, j, "pred", b)
    if first.tag == VBG:
        fv = _finite(toks, b, j)
        if fv is not None and fv - b <= 2 and toks[fv].tag == AUX:
            return Piece(i, j, "clause", b, subj=(b, fv))
        return Piece(i, j, "part", b)
    if first.low == "being" and b > 0 and toks[b - 1].w == ",":
        return Piece(i, j, "part", b)  # ", being one of the team's scorers"
    fv = _finite(toks, b, j)
    if fv is not None:
        s = b
        if first.tag in (PREP, PSC):
            # "in 1970 was elected": a predicate after a prepositional phrase
            if toks[fv - 1].tag == NUM:
                return Piece(i, j, "pred", b)
            # "In 2002 he was awarded": the subject follows the phrase
            for k in range(fv - 1, b, -1):
                if toks[k].tag in (PRON, DET):
                    s = k
                    break
        return Piece(i, j, "clause", b, subj=(s, fv))
    return Piece(i, j, "np", b)
