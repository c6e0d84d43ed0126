"""Atomize stage: split one sentence into atomic claims (rules, no parser).

Steps, in order:
1. tokenize and tag the sentence (``tokens.py``);
2. cut it into chunks at commas, semicolons, colons and dashes outside brackets and
   quotes, except commas inside dates, place names and lists;
3. cut chunks further before coordinated predicates ("\u2026 and imposed \u2026"), relative
   pronouns, subordinators and participles that follow a noun;
4. type each piece (clause, predicate, participle, relative, subordinate, noun phrase)
   and assemble claims: a piece without a subject borrows the last subject (its span
   joins the claim's spans), a noun phrase after a noun phrase is an apposition
   ("X, the main opposition to Y"), other verbless pieces attach to a neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from claims.extraction import lexicon as lx
from claims.extraction.tokens import (
    ADV,
    AUX,
    BE,
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
    tokenize,
)
from claims.extraction.types import Draft, Span

_SPLIT_PUNCT = frozenset({",", ";", ":"})
_DASHES = frozenset({"-", "\u2013", "\u2014"})
_OPEN = {"(": ")", "[": "]", "\u201c": "\u201d"}
_TRIM = frozenset(",;:.!?-\u2013\u2014")
_VERBAL = frozenset({VBD, VBZ, AUX})
_NP_TAGS = frozenset({"N", VB, CAP, NUM, DET, VBG, VBD})


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
    # coordinate adjectives: "a stealth-capable, single-seat fighter"
    if (
        k >= 2
        and toks[k - 2].low in ("a", "an")
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
    return _list_item(toks, i, j)


def _list_item(toks: list[Tok], i: int, j: int) -> bool:
    if toks[i].tag in (SC, REL, PSC, VBG, AUX) or _has_finite(toks, i, j):
        return False
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
            elif tag == REL and k > i + 1:
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
    return toks[k - 1].tag in ("N", VB) and (ends_np or nxt.tag in ("N", VB))


def _pieces(toks: list[Tok]) -> list[Piece]:
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
    while j > i and toks[j - 1].tag == PUNCT and toks[j - 1].w in _TRIM:
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
    if first.tag == REL or (first.tag == PREP and b + 1 < j and toks[b + 1].tag == REL):
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


# ----------------------------------------------------------------------------- claims
def _np_tail(toks: list[Tok], i: int, j: int, limit: int = 8) -> tuple[int, int] | None:
    """The noun phrase ending at j (exclusive), searched no further back than i."""
    k = j
    while k > i and toks[k - 1].tag == PUNCT and toks[k - 1].w in ",;:":
        k -= 1
    end = k
    while k > i and end - k < limit:
        t = toks[k - 1]
        if t.tag == DET:
            k -= 1
            break
        if t.tag == VBD and k - 2 >= i and toks[k - 2].tag not in (DET, ADV, "N", CAP, NUM):
            break  # "a policy that included conservation": a verb, not a modifier
        if t.tag in _NP_TAGS or t.w in '"\u201d\u201c()\u2019-':
            k -= 1
            continue
        if t.low in ("of", "in") and k - 1 > i and toks[k - 2].tag in ("N", VB, CAP):
            k -= 1
            continue
        if t.low == "and" and k - 1 > i and toks[k - 2].tag == CAP and toks[k].tag == CAP:
            k -= 1  # "Russia and Myanmar"
            continue
        break
    while k < end and toks[k].tag == PUNCT and toks[k].w not in '"\u201c':
        k += 1
    return (k, end) if end > k else None


def _head_run(toks: list[Tok], rng: tuple[int, int], limit: int = 3) -> tuple[int, int]:
    """The last few tokens of a noun phrase (the head, roughly)."""
    i, j = rng
    k = j
    while k > i and j - k < limit and toks[k - 1].tag in ("N", VB, CAP, NUM, VBG):
        k -= 1
    return (k, j) if k < j else (max(i, j - 1), j)


def _past(word: str) -> str:
    low = word.lower()
    if low in lx.IRREGULAR_PARTICIPLE_TO_PAST:
        return lx.IRREGULAR_PARTICIPLE_TO_PAST[low]
    if not low.endswith("ing"):
        return word
    stem = low[:-3]  # "planning" -> "plann" -> "planned"; "describing" -> "described"
    if stem.endswith("e"):
        return stem + "d"
    if stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        return stem[:-1] + "ied"
    return stem + "ed"


def _text(text: str, toks: list[Tok], ranges: list[tuple[int, int]]) -> str:
    return " ".join(text[toks[a].s : toks[b - 1].e] for a, b in ranges if b > a)


def _sentence(s: str) -> str:
    s = " ".join(s.split()).strip(" ,;:-\u2013\u2014")
    if not s:
        return s
    s = s[0].upper() + s[1:]
    body = s.rstrip("\"\u201d'\u2019)")
    if body and body[-1] not in ".!?":
        s += "."
    return s


def _spans(toks: list[Tok], ranges: list[tuple[int, int]]) -> tuple[Span, ...]:
    out: list[Span] = []
    for a, b in sorted(ranges):
        if b <= a:
            continue
        s, e = toks[a].s, toks[b - 1].e
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)


@dataclass
class _Claim:
    """A claim under construction: token ranges, sentence, role, subject, verb head."""

    ranges: list[tuple[int, int]]
    text: str
    role: str
    subject: str | None = None
    head: list[tuple[int, int]] | None = None  # subject + verb group, for adjunct claims


def _verb_end(toks: list[Tok], k: int, j: int) -> int:
    """End of the verb group starting at k ("has also been widely criticized")."""
    m = k + 1
    while m < j and toks[m].tag in (AUX, BE, ADV, VBD, VB, VBZ):
        m += 1
    return m


def atomize(text: str, start: int, end: int, *, fine: bool = False) -> list[Draft]:
    """Atomic claim drafts for the sentence text[start:end] (absolute offsets).

    With `fine` (proposition granularity, as in PropSegmEnt) every coordination is
    distributed, not only coordinated names, and adjunct phrases ("on May 30", "in
    Hollywood") become propositions of their own.
    """
    toks = tokenize(text, start, end)
    if not toks:
        return []
    claims = _assemble(text, toks, _pieces(toks), fine)
    if not claims:
        words = [t for t in toks if t.tag != PUNCT]
        if len(words) >= 3:
            whole = [(0, len(toks))]
            claims.append(_Claim(whole, _text(text, toks, whole), "clause"))
    parens = _parentheticals(toks)
    if parens:
        for c in claims:
            c.ranges = _without(c.ranges, parens)
            c.text = _drop_parens(c.text, text, toks, parens)
        for tail, group in parens:
            claims.append(
                _Claim(
                    [tail, group],
                    _text(text, toks, [tail, group]),
                    "apposition",
                    _text(text, toks, [tail]),
                )
            )
    if fine:
        claims = [x for c in claims for x in _adjuncts(text, toks, c)]
        for rng in _role_names(toks):
            claims.append(_Claim([rng], _text(text, toks, [rng]), "apposition"))
    out: list[Draft] = []
    seen: set[tuple[Span, ...]] = set()
    for c in claims:
        for dist_ranges, dist_text in _distribute(text, toks, c.ranges, c.text, fine):
            trimmed = [_trim(toks, r) for r in dist_ranges]
            spans = _spans(toks, trimmed)
            words = sum(1 for a, b in trimmed for t in toks[a:b] if t.tag != PUNCT)
            if spans and words >= 2 and spans not in seen:
                seen.add(spans)
                out.append(Draft(_sentence(dist_text), spans, c.role, c.subject))
    return out


def _assemble(text: str, toks: list[Tok], pieces: list[Piece], fine: bool = False) -> list[_Claim]:
    """Turn typed pieces into claims, restoring subjects and antecedents."""
    claims: list[_Claim] = []
    subject: tuple[int, int] | None = None
    last_claim: _Claim | None = None  # what trailing adjunct phrases attach to
    pending_intro: int | None = None
    deferred: Piece | None = None  # a sentence-initial participle waiting for its subject
    n = len(pieces)
    for idx, p in enumerate(pieces):
        nxt = pieces[idx + 1] if idx + 1 < n else None
        if p.kind == "np" and all(t.tag in (ADV, CC, PUNCT) for t in toks[p.i : p.j]):
            continue  # a discourse adverb: "However,", "Additionally,"
        if p.kind == "np":
            first = toks[p.body]
            introductory = first.tag in (PREP, PSC, ADV, SC) or first.low in ("with", "in")
            if last_claim is None and nxt is not None and nxt.kind in ("clause", "sub"):
                pending_intro = p.i if pending_intro is None else pending_intro
                continue
            if last_claim is None and not introductory and subject is None:
                subject = (p.body, p.j)
                continue
            in_run = _plain_np(toks, nxt) or (idx > 1 and _plain_np(toks, pieces[idx - 1]))
            if not introductory and toks[p.body].tag != CC and not in_run:
                anchor_end = pieces[idx - 1].j if idx else p.i
                anchor_start = pieces[idx - 1].i if idx else p.i
                tail = _np_tail(toks, anchor_start, anchor_end)
                if tail is not None:
                    tail_text = _text(text, toks, [tail])
                    claim_text = f"{tail_text} is {_text(text, toks, [(p.body, p.j)])}"
                    claims.append(
                        _Claim([tail, (p.body, p.j)], claim_text, "apposition", tail_text)
                    )
                    continue
            if introductory and nxt is not None and nxt.kind == "clause":
                pending_intro = p.i if pending_intro is None else pending_intro
                continue
            named = toks[p.j - 1].tag in (CAP, NUM)
            if last_claim is not None and in_run and (fine or named):
                # a list after the clause: "shared the award with A, B and C"
                item = _list_member(text, toks, last_claim, (p.body, p.j))
                if item is not None:
                    claims.append(item)
                    continue
            if last_claim is not None and fine and last_claim.head:
                # proposition granularity: the phrase is a proposition about subject + verb
                rs = [*last_claim.head, (p.body, p.j)]
                claims.append(
                    _Claim(rs, _text(text, toks, sorted(rs)), last_claim.role, last_claim.subject)
                )
                continue
            if last_claim is not None:
                last_claim.ranges.append((p.body, p.j))
                last_claim.text += " " + _text(text, toks, [(p.body, p.j)])
            elif subject is None:
                subject = (p.body, p.j)
            continue
        if p.kind in ("clause", "sub"):
            # an introductory phrase ("During the meeting, ...") belongs to its clause; at
            # proposition granularity it is a proposition of its own (see _adjuncts)
            intro = None if pending_intro is None else (pending_intro, p.i)
            split_intro = fine and intro is not None and _informative(toks, intro)
            ranges = [(p.body if intro is None or split_intro else intro[0], p.j)]
            pending_intro = None
            subj_text = None
            head = None
            if p.subj is not None:
                a, b = p.subj
                head = [(a, _verb_end(toks, b, p.j))]
                while b > a + 1 and toks[b - 1].tag == ADV:
                    b -= 1
                subj_text = _text(text, toks, [(a, b)])
                # a subordinate clause's pronoun does not replace the main subject
                if p.kind == "clause" or subject is None or toks[a].tag != PRON:
                    subject = (a, b)
            clause_text = _text(text, toks, ranges)
            if p.subj is not None and p.subj[1] < p.j and toks[p.subj[1]].tag == VBG:
                # "with Russia planning investments": an absolute clause
                verb = toks[p.subj[1]]
                cut = verb.s - toks[ranges[0][0]].s
                clause_text = clause_text[:cut] + _past(verb.w) + clause_text[cut + len(verb.w) :]
            last_claim = _Claim(ranges, clause_text, "clause", subj_text, head)
            claims.append(last_claim)
            if split_intro and intro is not None and head is not None:
                rs = [*head, intro]
                claims.append(_Claim(rs, _text(text, toks, sorted(rs)), "clause", subj_text))
            if deferred is not None:
                claims.append(_predicate(text, toks, deferred, subject))
                deferred = None
            continue
        if p.kind in ("pred", "part"):
            if last_claim is None and subject is None and nxt is not None and nxt.kind == "clause":
                if p.subj is not None:  # "Since leaving office, ...": an introduction
                    pending_intro = p.i if pending_intro is None else pending_intro
                else:  # "Born in Plains, Carter ...": the clause's subject is its subject
                    deferred = p
                continue
            pending_intro = None
            if fine and last_claim is not None and toks[p.body].low == "including":
                # "supports several paradigms, including A and B": the items complete the claim
                rs = [*last_claim.ranges, (p.body, p.j)]
                claims.append(_Claim(rs, _text(text, toks, sorted(rs)), "part", last_claim.subject))
                continue
            last_claim = _predicate(text, toks, p, subject)
            claims.append(last_claim)
            continue
        if p.kind == "rel":
            claims.append(_relative(text, toks, pieces, idx, fine))
    return claims


def _informative(toks: list[Tok], rng: tuple[int, int]) -> bool:
    """An introductory phrase that says when or where ("In 1998", "At Kensington Palace")."""
    return any(t.tag in (NUM, CAP) for t in toks[rng[0] + 1 : rng[1]])


def _predicate(text: str, toks: list[Tok], p: Piece, subject: tuple[int, int] | None) -> _Claim:
    """A predicate or participle piece with the borrowed subject restored."""
    body = (p.body, p.j)
    pred_text = _text(text, toks, [body])
    if p.kind == "part" and toks[p.body].tag == VBG:
        first_word = toks[p.body].w
        pred_text = _past(first_word) + pred_text[len(first_word) :]
    verb = (p.body, _verb_end(toks, p.body, p.j))
    if subject is None:
        return _Claim([body], pred_text, p.kind, None, [verb])
    subj_text = _text(text, toks, [subject])
    return _Claim([subject, body], f"{subj_text} {pred_text}", p.kind, subj_text, [subject, verb])


def _list_member(text: str, toks: list[Tok], claim: _Claim, item: tuple[int, int]) -> _Claim | None:
    """The claim with its last noun phrase replaced by a later list item."""
    a, b = max(claim.ranges)
    tail = _np_tail(toks, a, b)
    if tail is None or tail[0] <= a:
        return None
    lo, hi = item
    if toks[lo].tag in (PREP, PSC):
        # a list of prepositional phrases: "to A, to B and to C"
        if toks[tail[0] - 1].low != toks[lo].low:
            return None
        tail = (tail[0] - 1, tail[1])
    while lo < hi and toks[lo].tag == CC:
        lo += 1
    ranges = [
        *[r for r in _without(claim.ranges, [((0, 0), (tail[0], len(toks)))]) if r[1] > r[0]],
        (lo, hi),
    ]
    return _Claim(ranges, _text(text, toks, sorted(ranges)), claim.role, claim.subject)


def _plain_np(toks: list[Tok], p: Piece | None) -> bool:
    """A verbless piece that is not an introductory or adverbial phrase."""
    return p is not None and p.kind == "np" and toks[p.body].tag not in (PREP, PSC, ADV, SC)


def _relative(
    text: str, toks: list[Tok], pieces: list[Piece], idx: int, fine: bool = False
) -> _Claim:
    """A relative clause, its pronoun replaced by the antecedent noun phrase."""
    p = pieces[idx]
    rel_idx = p.body + 1 if toks[p.body].tag == PREP else p.body
    rest = (rel_idx + 1, p.j)
    prev_start = pieces[idx - 1].i if idx else p.i
    ante = _np_tail(toks, prev_start, p.i)
    rest_text = _text(text, toks, [rest])
    if ante is None:
        return _Claim([rest], rest_text, "relative")
    ante_text = _text(text, toks, [ante])
    if toks[rel_idx].low == "where":
        claim_text = f"{rest_text} in {ante_text}"
    elif toks[rel_idx].low == "whose":
        claim_text = f"{ante_text}'s {rest_text}"
    else:
        claim_text = f"{ante_text} {rest_text}"
    # PropSegmEnt-style propositions repeat the whole antecedent; a claim keeps its head
    spans = [ante, (rel_idx + 1, p.j)] if fine else [_head_run(toks, ante), (rel_idx, p.j)]
    return _Claim(spans, claim_text, "relative", ante_text)


# ----------------------------------------------------------------------------- adjuncts
_ADJUNCT_PREPS = lx.words("in on at during since from after before until with for by")


def _adjuncts(text: str, toks: list[Tok], c: _Claim) -> list[_Claim]:
    """Proposition granularity: the clause without its adjunct phrases, plus one
    proposition per adjunct phrase attached to the subject and verb."""
    if not c.head or not c.ranges:
        return [c]
    a, b = max(c.ranges)
    verb_end = max(e for _, e in c.head)
    cuts = [
        k
        for k in range(max(a, verb_end + 1), b)
        if toks[k].low in _ADJUNCT_PREPS
        and toks[k - 1].tag in ("N", CAP, NUM)
        and not (toks[k - 1].tag == CAP and k + 1 < b and toks[k + 1].tag == CAP)
    ]
    # only phrases that say when or where ("on May 30, 2014", "in Hollywood"); "restrictions
    # on certain acts" is a complement
    ends = [*cuts[1:], b]
    cuts = [k for k, e in zip(cuts, ends, strict=False) if _informative(toks, (k, e))]
    if not cuts:
        return [c]
    core = [r for r in _without(c.ranges, [((0, 0), (cuts[0], b))]) if r[1] > r[0]]
    out = [_Claim(core, _text(text, toks, sorted(core)), c.role, c.subject, c.head)]
    bounds = [*cuts, b]
    for lo, hi in pairwise(bounds):
        rs = [*c.head, (lo, hi)]
        out.append(_Claim(rs, _text(text, toks, sorted(rs)), c.role, c.subject))
    return out


def _role_names(toks: list[Tok]) -> list[tuple[int, int]]:
    """ "actor Harrison Ford", "production designer Robert Stromberg": a role before a name."""
    out = []
    n = len(toks)
    k = 1
    while k < n:
        if toks[k].tag == CAP and toks[k - 1].tag == "N" and toks[k - 1].w.islower():
            a = k - 1
            while a > 0 and k - a < 3 and toks[a - 1].tag == "N" and toks[a - 1].w.islower():
                a -= 1
            b = k
            while b < n and toks[b].tag == CAP:
                b += 1
            if b - k >= 2:
                out.append((a, b))
            k = b
        k += 1
    return out


# ----------------------------------------------------------------------------- parentheses
def _parentheticals(toks: list[Tok]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(noun phrase before, bracket group) for each informative bracket group."""
    out = []
    depth = 0
    open_at = -1
    for k, t in enumerate(toks):
        if t.w == "(":
            if depth == 0:
                open_at = k
            depth += 1
        elif t.w == ")" and depth:
            depth -= 1
            if depth == 0 and open_at > 0:
                inner = [x for x in toks[open_at + 1 : k] if x.tag != PUNCT]
                if len(inner) == 1 and inner[0].w.isupper():
                    continue  # an acronym: "(NUG)"
                tail = _title_tail(toks, open_at) or _np_tail(
                    toks, max(0, open_at - 6), open_at, limit=6
                )
                if inner and tail is not None:
                    out.append((tail, (open_at, k + 1)))
    return out


def _title_tail(toks: list[Tok], j: int, limit: int = 8) -> tuple[int, int] | None:
    """A capitalised title ending at j: "The Day After Tomorrow", "Great Balls of Fire!"."""
    k = j
    while k > 0 and toks[k - 1].w in "!?":
        k -= 1
    if k == 0 or not toks[k - 1].w[:1].isupper():
        return None
    while (
        k > 0
        and j - k < limit
        and (toks[k - 1].w[:1].isupper() or (toks[k - 1].low in _ITEM_GLUE and k - 1 > 0))
    ):
        k -= 1
    while k < j and not toks[k].w[:1].isupper():
        k += 1
    return (k, j) if k < j else None


def _without(
    ranges: list[tuple[int, int]], parens: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[tuple[int, int]]:
    out = list(ranges)
    for _, (ga, gb) in parens:
        nxt = []
        for a, b in out:
            if gb <= a or b <= ga:
                nxt.append((a, b))
                continue
            if a < ga:
                nxt.append((a, ga))
            if gb < b:
                nxt.append((gb, b))
        out = nxt
    return out


def _drop_parens(
    claim_text: str,
    text: str,
    toks: list[Tok],
    parens: list[tuple[tuple[int, int], tuple[int, int]]],
) -> str:
    for _, (ga, gb) in parens:
        claim_text = claim_text.replace(" " + text[toks[ga].s : toks[gb - 1].e], "")
    return claim_text


# ----------------------------------------------------------------------------- lists
_NAME_TAGS = frozenset({CAP, NUM})
_WORD_TAGS = frozenset({CAP, NUM, "N", VB, VBG, VBD})
_ITEM_GLUE = frozenset({"of", "the", "&", "de", "von", "van", "-", "'s", "with"})
_NO_DISTRIBUTE_BEFORE = frozenset({"between", "both", "among", "amongst"})


def _item_forward(toks: list[Tok], k: int, end: int, tags: frozenset[str]) -> int:
    """End of a name-like item starting at k (k itself when there is none)."""
    m = k
    if m < end and (toks[m].low == "the" or (toks[m].tag == DET and tags is _WORD_TAGS)):
        m += 1
    if m >= end or toks[m].tag not in tags:
        return k
    while m < end and (
        (toks[m].tag in tags and not _verb_use(toks, m))
        or (toks[m].low in _ITEM_GLUE and m + 1 < end and toks[m + 1].tag in tags)
    ):
        m += 1
    return m


def _verb_use(toks: list[Tok], k: int) -> bool:
    """A past form right after a noun is a verb ("centuries underwent"), not a modifier."""
    return toks[k].tag == VBD and k > 0 and toks[k - 1].tag in ("N", CAP, PRON)


def _item_backward(toks: list[Tok], start: int, k: int, tags: frozenset[str]) -> int:
    """Start of a name-like item ending at k (k itself when there is none)."""
    m = k
    while m > start and (
        (toks[m - 1].tag in tags and not _verb_use(toks, m - 1))
        or (toks[m - 1].low in _ITEM_GLUE and m - 2 >= start and toks[m - 2].tag in tags)
    ):
        m -= 1
    if m > start and toks[m - 1].low == "the":
        m -= 1
    return m


def _name_lists(
    toks: list[Tok], a: int, b: int, tags: frozenset[str]
) -> list[list[tuple[int, int]]]:
    """Coordinations of names or numbers inside [a, b): "A, B and C"."""
    lists = []
    for k in range(a + 1, b - 1):
        if toks[k].tag != CC or toks[k].low not in ("and", "or"):
            continue
        if toks[k + 1].low in ("more", "less", "fewer"):
            continue  # "two or more people"
        r_end = _item_forward(toks, k + 1, b, tags)
        if r_end == k + 1:
            continue
        items = [(k + 1, r_end)]
        e = k - 1 if toks[k - 1].w == "," else k
        while e > a:
            s0 = _item_backward(toks, a, e, tags)
            if s0 == e:
                break
            items.insert(0, (s0, e))
            if s0 - 1 > a and toks[s0 - 1].w == ",":
                e = s0 - 1
                continue
            break
        if len(items) < 2:
            continue
        first = items[0][0]
        if first > a and toks[first - 1].low in _NO_DISTRIBUTE_BEFORE:
            continue
        lists.append(items)
    return lists


_COPULAS = frozenset({"is", "are", "was", "were"})
_MODIFIER_TAGS = frozenset({"N", VB, CAP, NUM, ADV, VBD, VBG})


def _modifiers(
    text: str, toks: list[Tok], ranges: list[tuple[int, int]], claim_text: str
) -> list[tuple[list[tuple[int, int]], str]]:
    """Split "X is a 2014 American film" into "X is a film", "X is a 2014 film", ..."""
    for a, b in ranges:
        for k in range(a, b - 3):
            if toks[k].low not in _COPULAS or toks[k + 1].low not in ("a", "an"):
                continue
            m = k + 2
            while (
                m < b
                and m - k < 12
                and (toks[m].tag in _MODIFIER_TAGS or (toks[m].w == "," and m + 1 < b))
            ):
                m += 1
            while m > k + 2 and toks[m - 1].tag not in ("N", VB, CAP):
                m -= 1
            head = m - 1
            if head <= k + 2:
                return [(ranges, claim_text)]
            prefix = [r for r in _without(ranges, [((0, 0), (k + 2, len(toks)))]) if r[1] > r[0]]
            suffix = [r for r in _without(ranges, [((0, 0), (0, m))]) if r[1] > r[0]]
            base = [*prefix, (head, m), *suffix]
            out = [(base, _text(text, toks, sorted(base)))]
            mod = k + 2
            while mod < head:
                if toks[mod].w == ",":
                    mod += 1
                    continue
                end = mod + 1
                while end < head and toks[end - 1].tag == ADV:
                    end += 1
                rs = [*prefix, (mod, end), (head, m)]
                out.append((rs, _text(text, toks, sorted(rs))))
                mod = end
            return out
    return [(ranges, claim_text)]


def _distribute(
    text: str, toks: list[Tok], ranges: list[tuple[int, int]], claim_text: str, fine: bool = False
) -> list[tuple[list[tuple[int, int]], str]]:
    """One claim per item of each name list inside the claim ("A, B and C")."""
    done: list[tuple[list[tuple[int, int]], str]] = []
    todo = [(r, t, 0) for r, t in _modifiers(text, toks, ranges, claim_text)]
    while todo:
        cur_ranges, cur_text, depth = todo.pop()
        found = None
        if depth < 3 and len(done) + len(todo) < 16:
            for a, b in cur_ranges:
                lists = _name_lists(toks, a, b, _WORD_TAGS if fine else _NAME_TAGS)
                if lists:
                    found = lists[0]
                    break
        if found is None:
            done.append((cur_ranges, cur_text))
            continue
        lo, hi = found[0][0], found[-1][1]
        surface = text[toks[lo].s : toks[hi - 1].e]
        rest = [r for r in _without(cur_ranges, [((0, 0), (lo, hi))]) if r[1] > r[0]]
        # "economic and legal support": the adjectives share the last item's noun
        shared = hi - 1 if _shares_head(toks, found) else None
        for item in reversed(found):
            item_ranges = [item]
            item_text = text[toks[item[0]].s : toks[item[1] - 1].e]
            if shared is not None and item[1] <= shared:
                item_ranges.append((shared, hi))
                item_text += " " + toks[shared].w
            todo.append(([*rest, *item_ranges], cur_text.replace(surface, item_text, 1), depth + 1))
    return done


_ADJECTIVE_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ian", "an")


def _shares_head(toks: list[Tok], items: list[tuple[int, int]]) -> bool:
    """True for coordinated adjectives before one noun: "economic, military and legal aid"."""
    *first, last = items
    return last[1] - last[0] >= 2 and all(
        (b - a == 1 or (b - a == 2 and toks[a].tag == ADV))
        and toks[b - 1].w.islower()
        and (
            toks[b - 1].low.endswith(_ADJECTIVE_SUFFIXES)
            or "-" in toks[b - 1].low
            or toks[b - 1].tag == VBD
        )
        for a, b in first
    )


def _trim(toks: list[Tok], rng: tuple[int, int]) -> tuple[int, int]:
    i, j = rng
    while i < j and toks[i].tag in (PUNCT, CC) and toks[i].w not in '"\u201c(':
        i += 1
    while j > i and toks[j - 1].tag == PUNCT and toks[j - 1].w in _TRIM:
        j -= 1
    return (i, j)


__all__ = ["BE", "DET", "atomize"]
