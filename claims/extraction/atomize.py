# Over 400 lines on purpose: one ordered pipeline of rules over one sentence.
"""Atomize stage: split one sentence into atomic claims (rules, no parser).

Steps, in order:
1. tokenize and tag the sentence (``tokens.py``);
2. cut it into typed pieces: clause, predicate, participle, relative, subordinate,
   noun phrase (``pieces.py``);
3. assemble claims: a piece without a subject borrows the last subject (its span joins
   the claim's spans), a noun phrase after a noun phrase is an apposition ("X, the main
   opposition to Y"), other verbless pieces attach to a neighbour;
4. bracketed asides, lists and copular modifiers are split off (``distribute.py``);
   at proposition granularity adjunct phrases are too.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from claims.extraction import lexicon as lx
from claims.extraction.distribute import (
    COPULAS,
    bracket_parts,
    distribute,
    drop_parens,
    np_tail,
    parentheticals,
    text_of,
    without,
)
from claims.extraction.pieces import CLAUSE_TAGS, TRIM, Piece, split_pieces
from claims.extraction.tokens import (
    ADV,
    AUX,
    BE,
    CAP,
    CC,
    DET,
    NUM,
    PREP,
    PRON,
    PSC,
    PUNCT,
    SC,
    VB,
    VBD,
    VBG,
    VBZ,
    Tok,
    tokenize,
)
from claims.extraction.types import Draft, Span


# ----------------------------------------------------------------------------- claims
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
    claims = _assemble(text, toks, split_pieces(toks), fine)
    if not claims:
        words = [t for t in toks if t.tag != PUNCT]
        if len(words) >= 3:
            whole = [(0, len(toks))]
            claims.append(_Claim(whole, text_of(text, toks, whole), "clause"))
    parens = parentheticals(toks)
    if parens:
        for c in claims:
            c.ranges = without(c.ranges, parens)
            c.text = drop_parens(c.text, text, toks, parens)
        for tail, group in parens:
            # "Norway (Norwegian: Norge; North Sami: Norga)": one claim per ";" part
            for part in bracket_parts(toks, group):
                claims.append(
                    _Claim(
                        [tail, part],
                        text_of(text, toks, [tail, part]),
                        "apposition",
                        text_of(text, toks, [tail]),
                    )
                )
    if fine:
        claims = [x for c in claims for x in _adjuncts(text, toks, c)]
        for rng in _role_names(toks):
            claims.append(_Claim([rng], text_of(text, toks, [rng]), "apposition"))
    out: list[Draft] = []
    seen: set[tuple[Span, ...]] = set()
    for c in claims:
        appositive = fine and c.role == "apposition"
        for dist_ranges, dist_text in distribute(text, toks, c.ranges, c.text, fine, appositive):
            trimmed = [_trim(toks, r) for r in dist_ranges]
            spans = _spans(toks, trimmed)
            n_words = sum(1 for a, b in trimmed for t in toks[a:b] if t.tag != PUNCT)
            if spans and n_words >= 2 and spans not in seen:
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
            if (
                fine
                and last_claim is not None
                and first.low == "such"
                and p.body + 2 < p.j
                and toks[p.body + 1].low == "as"
            ):
                # "introduced new features, such as A and B": A and B were introduced
                item = _list_member(text, toks, last_claim, (p.body + 2, p.j))
                if item is not None:
                    claims.append(item)
                    continue
            if (
                fine
                and last_claim is not None
                and p.i > 0
                and toks[p.i - 1].w == ":"
                and toks[p.body].tag not in (PREP, PSC, ADV, SC)
            ):
                # "designed in three versions: the F-35A, ...": the items complete the claim
                item = _list_member(text, toks, last_claim, (p.body, p.j))
                if item is not None:
                    claims.append(item)
                    continue
            in_run = _plain_np(toks, nxt) or (idx > 1 and _plain_np(toks, pieces[idx - 1]))
            if not introductory and toks[p.body].tag != CC and not in_run:
                anchor_end = pieces[idx - 1].j if idx else p.i
                anchor_start = pieces[idx - 1].i if idx else p.i
                tail = np_tail(toks, anchor_start, anchor_end)
                if tail is not None:
                    tail_text = text_of(text, toks, [tail])
                    claim_text = f"{tail_text} is {text_of(text, toks, [(p.body, p.j)])}"
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
                    _Claim(rs, text_of(text, toks, sorted(rs)), last_claim.role, last_claim.subject)
                )
                continue
            if last_claim is not None:
                last_claim.ranges.append((p.body, p.j))
                last_claim.text += " " + text_of(text, toks, [(p.body, p.j)])
            elif subject is None:
                subject = (p.body, p.j)
            continue
        if p.kind in ("clause", "sub"):
            # an introductory phrase ("During the meeting, ...") belongs to its clause; at
            # proposition granularity it is a proposition of its own (see _adjuncts)
            intro = None if pending_intro is None else (pending_intro, p.i)
            split_intro = fine and intro is not None and _informative(toks, intro)
            drop_intro = (
                fine
                and intro is not None
                and not split_intro
                and sum(1 for t in toks[intro[0] : intro[1]] if t.tag != PUNCT) > 3
            )
            ranges = [(p.body if intro is None or split_intro or drop_intro else intro[0], p.j)]
            pending_intro = None
            subj_text = None
            head = None
            if p.subj is not None:
                a, b = p.subj
                head = [(a, _verb_end(toks, b, p.j))]
                while b > a + 1 and toks[b - 1].tag == ADV:
                    b -= 1
                subj_text = text_of(text, toks, [(a, b)])
                # a subordinate clause's pronoun does not replace the main subject
                if p.kind == "clause" or subject is None or toks[a].tag != PRON:
                    subject = (a, b)
            clause_text = text_of(text, toks, ranges)
            if p.subj is not None and p.subj[1] < p.j and toks[p.subj[1]].tag == VBG:
                # "with Russia planning investments": an absolute clause
                verb = toks[p.subj[1]]
                cut = verb.s - toks[ranges[0][0]].s
                clause_text = clause_text[:cut] + _past(verb.w) + clause_text[cut + len(verb.w) :]
            last_claim = _Claim(ranges, clause_text, "clause", subj_text, head)
            claims.append(last_claim)
            if drop_intro and intro is not None:
                rs = [intro, *ranges]
                claims.append(_Claim(rs, text_of(text, toks, sorted(rs)), "clause", subj_text))
            if split_intro and intro is not None and head is not None:
                rs = [*head, intro]
                claims.append(_Claim(rs, text_of(text, toks, sorted(rs)), "clause", subj_text))
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
                claims.append(
                    _Claim(rs, text_of(text, toks, sorted(rs)), "part", last_claim.subject)
                )
                continue
            owner = subject
            if (
                p.body == p.i > 0
                and toks[p.i].tag == VBD
                and toks[p.i - 1].tag in ("N", CAP, NUM)
                and p.i + 1 < p.j
                and toks[p.i + 1].low == "by"
            ):
                # "the X-35 introduced by Lockheed": a reduced relative about the noun before it
                ante = np_tail(toks, pieces[idx - 1].i if idx else 0, p.i)
                owner = subject if ante is None else _copular_subject(toks, last_claim, ante)
            last_claim = _predicate(text, toks, p, owner)
            claims.append(last_claim)
            continue
        if p.kind == "rel":
            claims.append(_relative(text, toks, pieces, idx, fine, last_claim))
    return claims


def _copular(toks: list[Tok], claim: _Claim) -> bool:
    """Whether the claim's verb group ends in a form of "be"."""
    if not claim.head:
        return False
    return toks[max(e for _, e in claim.head) - 1].low in COPULAS


def _subject_end(toks: list[Tok], head: tuple[int, int]) -> int:
    """End of the subject inside a subject + verb group range."""
    a, b = head
    k = a + 1
    while k < b and toks[k].tag not in (AUX, VBD, VBZ, VB):
        k += 1
    return k


def _informative(toks: list[Tok], rng: tuple[int, int]) -> bool:
    """An introductory phrase that says when or where ("In 1998", "At Kensington Palace")."""
    return any(t.tag in (NUM, CAP) for t in toks[rng[0] + 1 : rng[1]])


def _predicate(text: str, toks: list[Tok], p: Piece, subject: tuple[int, int] | None) -> _Claim:
    """A predicate or participle piece with the borrowed subject restored."""
    body = (p.body, p.j)
    pred_text = text_of(text, toks, [body])
    if p.kind == "part" and (toks[p.body].tag == VBG or toks[p.body].low == "being"):
        first_word = toks[p.body].w
        pred_text = _past(first_word) + pred_text[len(first_word) :]
    verb = (p.body, _verb_end(toks, p.body, p.j))
    if subject is None:
        return _Claim([body], pred_text, p.kind, None, [verb])
    subj_text = text_of(text, toks, [subject])
    return _Claim([subject, body], f"{subj_text} {pred_text}", p.kind, subj_text, [subject, verb])


def _list_member(text: str, toks: list[Tok], claim: _Claim, item: tuple[int, int]) -> _Claim | None:
    """The claim with its last noun phrase replaced by a later list item."""
    a, b = max(claim.ranges)
    floor = a + 1  # the phrase starts after the claim's verb, and never at its first token
    if claim.head:
        verb_end = max(e for _, e in claim.head)
        if a < verb_end <= b:
            floor = max(floor, verb_end)
    tail = np_tail(toks, floor - 1, b)
    if tail is not None and tail[0] == floor - 1 and toks[floor - 1].tag in (VBD, VBZ, VB, AUX):
        tail = (floor, tail[1])  # "introduced new features": the verb is not in the phrase
    if tail is None or tail[0] < floor or tail[0] >= tail[1]:
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
        *[r for r in without(claim.ranges, [((0, 0), (tail[0], len(toks)))]) if r[1] > r[0]],
        (lo, hi),
    ]
    return _Claim(ranges, text_of(text, toks, sorted(ranges)), claim.role, claim.subject)


def _plain_np(toks: list[Tok], p: Piece | None) -> bool:
    """A verbless piece that is not an introductory or adverbial phrase."""
    return p is not None and p.kind == "np" and toks[p.body].tag not in (PREP, PSC, ADV, SC)


def _copular_subject(
    toks: list[Tok], previous: _Claim | None, ante: tuple[int, int]
) -> tuple[int, int]:
    """The subject of a copular claim when `ante` is its noun phrase, else `ante`.

    "X is a fighter, which was developed ...": the fighter is X (also "X is a Mexican
    professional footballer who plays ...", "X is a 2006 film directed by ...", and after a
    predicate whose subject was restored: "X, born ..., was an actor who began ...")."""
    if previous is None or not previous.head or not _copular(toks, previous):
        return ante
    verb_end = max(e for _, e in previous.head)
    near = ante[0] <= verb_end + 1 or (
        toks[verb_end].low in ("a", "an")
        and not any(t.tag in CLAUSE_TAGS for t in toks[verb_end : ante[0]])
    )
    if near and len(previous.head) == 1:
        return (previous.head[0][0], _subject_end(toks, previous.head[0]))
    if near and len(previous.head) == 2:
        return previous.head[0]
    return ante


def _relative(
    text: str,
    toks: list[Tok],
    pieces: list[Piece],
    idx: int,
    fine: bool = False,
    previous: _Claim | None = None,
) -> _Claim:
    """A relative clause, its pronoun replaced by the antecedent noun phrase."""
    p = pieces[idx]
    rel_idx = p.body + 1 if toks[p.body].tag == PREP else p.body
    rest = (rel_idx + 1, p.j)
    prev_start = pieces[idx - 1].i if idx else p.i
    ante = np_tail(toks, prev_start, p.i)
    if ante is not None:
        ante = _copular_subject(toks, previous, ante)
    rest_text = text_of(text, toks, [rest])
    if ante is None:
        return _Claim([rest], rest_text, "relative")
    ante_text = text_of(text, toks, [ante])
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
# "with" is left out: "a land border with Russia", "a collaboration with X" are complements
_ADJUNCT_PREPS = lx.words("in on at during since from after before until for by")
_LONG_PHRASE = 5  # tokens


def _adjuncts(text: str, toks: list[Tok], c: _Claim) -> list[_Claim]:
    """Proposition granularity: the clause without its adjunct phrases, plus one
    proposition per adjunct phrase attached to the subject and verb."""
    if not c.head or not c.ranges:
        return [c]
    verb_end = max(e for _, e in c.head)
    # the claim's tokens after the verb, across ranges (a bracketed aside may sit between)
    seq = [k for a, b in sorted(c.ranges) for k in range(max(a, verb_end), b)]
    if len(seq) < 2:
        return [c]
    b = seq[-1] + 1
    cuts = [
        k
        for p, k in enumerate(seq[1:], 1)
        if toks[k].low in _ADJUNCT_PREPS
        and (_noun_end(toks[seq[p - 1]]))
        and not (toks[seq[p - 1]].tag == CAP and k + 1 < b and toks[k + 1].tag == CAP)
    ]
    # only phrases that say when or where ("on May 30, 2014", "in Hollywood"); "restrictions
    # on certain acts" is a complement
    ends = [*cuts[1:], b]
    phrases = cuts
    cuts = [k for k, e in zip(cuts, ends, strict=False) if _informative(toks, (k, e))]
    if not cuts:
        if phrases and b - phrases[0] >= _LONG_PHRASE:
            # a long complement that says neither when nor where stays in the claim, and the
            # shorter claim without it is a proposition too ("... provide physical intimacy
            # between two or more people")
            core = _outside(c.ranges, phrases[0], b)
            return [c, _Claim(core, text_of(text, toks, sorted(core)), c.role, c.subject)]
        return [c]
    core = _outside(c.ranges, cuts[0], b)
    out = [_Claim(core, text_of(text, toks, sorted(core)), c.role, c.subject, c.head)]
    bounds = [*cuts, b]
    for lo, hi in pairwise(bounds):
        rs = [*c.head, *_inside(c.ranges, lo, hi)]
        out.append(_Claim(rs, text_of(text, toks, sorted(rs)), c.role, c.subject))
    return out


def _noun_end(t: Tok) -> bool:
    """A token that can end the noun phrase an adjunct phrase follows."""
    return t.tag in ("N", CAP, NUM) or _noun_reading(t)


def _outside(ranges: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The ranges without tokens [lo, hi)."""
    return [r for r in without(ranges, [((0, 0), (lo, hi))]) if r[1] > r[0]]


def _inside(ranges: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The parts of the ranges inside [lo, hi)."""
    return [(max(a, lo), min(b, hi)) for a, b in ranges if max(a, lo) < min(b, hi)]


def _noun_reading(t: Tok) -> bool:
    """A verb-list word that is mostly a noun ("the post of governor of his state")."""
    return t.tag == VB and lx.POS_CLASSES.get(t.low, "")[:1] == "N"


def _role_word(t: Tok) -> bool:
    """A noun that can name a role ("actor", "coach"), not an adjective or a pronoun."""
    return t.low not in lx.OBJECT_PRONOUNS and lx.POS_CLASSES.get(t.low, "N")[:1] not in "JRO"


def _role_names(toks: list[Tok]) -> list[tuple[int, int]]:
    """ "actor Harrison Ford", "production designer Robert Stromberg": a role before a name."""
    out = []
    n = len(toks)
    k = 1
    while k < n:
        if (
            toks[k].tag == CAP
            and (toks[k - 1].tag == "N" or _noun_reading(toks[k - 1]))
            and toks[k - 1].w.islower()
        ):
            a = k - 1
            while a > 0 and k - a < 3 and toks[a - 1].tag == "N" and toks[a - 1].w.islower():
                a -= 1
            while a < k and not _role_word(toks[a]):
                a += 1  # "the first Super Bowl", "won him Best Actor": no role
            if a == k:
                k += 1
                continue
            b = k
            while b < n and toks[b].tag == CAP:
                b += 1
            if b - k >= 2 or (
                (b >= n or toks[b].tag == PUNCT)
                and k - a == 1
                and lx.POS_CLASSES.get(toks[a].low, "")[:1] == "N"
            ):
                out.append((a, b))
            k = b
        k += 1
    return out


def _trim(toks: list[Tok], rng: tuple[int, int]) -> tuple[int, int]:
    i, j = rng
    while i < j and toks[i].tag in (PUNCT, CC) and toks[i].w not in '"\u201c(':
        i += 1
    while j > i and toks[j - 1].tag == PUNCT and toks[j - 1].w in TRIM:
        j -= 1
    return (i, j)


__all__ = ["BE", "DET", "atomize"]
