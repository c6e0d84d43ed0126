"""Distribute stage helpers: noun-phrase edges, bracketed asides, lists and modifiers.

Split out of ``atomize.py``: these functions turn one claim's token ranges into several
("stars A, B and C" gives three claims) and find the noun phrase a clause leans on.
"""

from __future__ import annotations

from itertools import pairwise

from claims.extraction import lexicon as lx
from claims.extraction.tokens import ADV, CAP, CC, DET, NUM, PRON, PUNCT, VB, VBD, VBG, Tok

NP_TAGS = frozenset({"N", VB, CAP, NUM, DET, VBG, VBD})


def np_tail(toks: list[Tok], i: int, j: int, limit: int = 8) -> tuple[int, int] | None:
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
        if t.tag in NP_TAGS or t.w in '"\u201d\u201c()\u2019-':
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


def text_of(text: str, toks: list[Tok], ranges: list[tuple[int, int]]) -> str:
    return " ".join(text[toks[a].s : toks[b - 1].e] for a, b in ranges if b > a)


# ----------------------------------------------------------------------------- parentheses
def parentheticals(toks: list[Tok]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
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
                end = open_at
                if end > 1 and toks[end - 1].w == "." and _abbreviation(toks[end - 2]):
                    end -= 1  # "James Earl Carter Jr. (born ...)"
                tail = _title_tail(toks, end) or np_tail(toks, max(0, end - 6), end, limit=6)
                if inner and tail is not None:
                    out.append((tail, (open_at, k + 1)))
    return out


def _abbreviation(t: Tok) -> bool:
    """A short capitalised word that takes a full stop: "Jr", "Inc", "Co"."""
    return len(t.w) <= 3 and t.w[:1].isupper() and t.w.isalpha()


def bracket_parts(toks: list[Tok], group: tuple[int, int]) -> list[tuple[int, int]]:
    """The bracket group, or its top-level ";"-separated parts."""
    a, b = group
    cuts = []
    depth = 0
    for k in range(a + 1, b - 1):
        w = toks[k].w
        if w in "([":
            depth += 1
        elif w in ")]":
            depth -= 1
        elif w == ";" and depth == 0:
            cuts.append(k)
    if not cuts:
        return [group]
    bounds = [a, *cuts, b - 1]
    return [(lo + 1, hi) for lo, hi in pairwise(bounds) if hi > lo + 1]


# lowercase words inside a title: "Cage for Birds", "Things You Can Tell Just by Looking at Her"
_TITLE_GLUE = frozenset(
    {"of", "the", "&", "de", "von", "van", "-", "'s", "with", "for", "and", "a", "an", "in"}
    | {"on", "at", "by", "to", "from"}
)


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
        and (toks[k - 1].w[:1].isupper() or (toks[k - 1].low in _TITLE_GLUE and k - 1 > 0))
    ):
        k -= 1
    while k < j and not toks[k].w[:1].isupper():
        k += 1
    return (k, j) if k < j else None


def without(
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


def drop_parens(
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
ITEM_GLUE = frozenset({"of", "the", "&", "de", "von", "van", "-", "'s", "with"})
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
        or (toks[m].low in ITEM_GLUE and m + 1 < end and toks[m + 1].tag in tags)
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
        or (toks[m - 1].low in ITEM_GLUE and m - 2 >= start and toks[m - 2].tag in tags)
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
        if _acronym(toks, r_end, b):
            r_end += 3  # "... and the European Aviation Safety Agency (EASA)"
        items = [(k + 1, r_end)]
        e = k - 1 if toks[k - 1].w == "," else k
        while e > a:
            name_end = e - 3 if e - 3 > a and _acronym(toks, e - 3, e) else e
            s0 = _item_backward(toks, a, name_end, tags)
            if s0 == name_end:
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
        lists.append(_share_name_head(toks, items))
    return lists


def _acronym(toks: list[Tok], k: int, b: int) -> bool:
    """An acronym in brackets at k: "(FAA)"."""
    return (
        k + 2 < b
        and toks[k].w == "("
        and toks[k + 2].w == ")"
        and len(toks[k + 1].w) > 1
        and toks[k + 1].w.isupper()
    )


def _share_name_head(toks: list[Tok], items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Svalbard and Jan Mayen islands": the names share "islands", which stays outside."""
    *first, (lo, hi) = items
    if not all(all(t.tag == CAP for t in toks[a:b]) for a, b in first):
        return items
    cut = lo
    while cut < hi and toks[cut].tag in (CAP, NUM):
        cut += 1
    if lo < cut < hi and all(t.w.islower() for t in toks[cut:hi]):
        return [*first, (lo, cut)]
    return items


COPULAS = frozenset({"is", "are", "was", "were"})
_MODIFIER_TAGS = frozenset({"N", VB, CAP, NUM, ADV, VBD, VBG})


def _modifiers(
    text: str,
    toks: list[Tok],
    ranges: list[tuple[int, int]],
    claim_text: str,
    appositive: bool = False,
) -> list[tuple[list[tuple[int, int]], str]]:
    """Split "X is a 2014 American film" into "X is a film", "X is a 2014 film", ...

    With `appositive` the claim is "X, a ... N" and its second range plays the copula's
    part ("Boeing 787 - a medium-size, wide-body airliner")."""
    for n, (a, b) in enumerate(ranges):
        starts = range(a, b - 3)
        if appositive and n == 1 and b - a > 2 and toks[a].low in ("a", "an"):
            starts = range(a - 1, a)
        for k in starts:
            if k != a - 1 and (toks[k].low not in COPULAS or toks[k + 1].low not in ("a", "an")):
                continue
            m = k + 2
            while (
                m < b
                and m - k < 12
                and (toks[m].tag in _MODIFIER_TAGS or (toks[m].w == "," and m + 1 < b))
            ):
                m += 1
            if m < b and toks[m].tag == CC:
                return [(ranges, claim_text)]  # "a high-level, ... and strong language": a list
            while m > k + 2 and toks[m - 1].tag not in ("N", VB, CAP):
                m -= 1
            head = m - 1
            if head <= k + 2:
                return [(ranges, claim_text)]
            prefix = [r for r in without(ranges, [((0, 0), (k + 2, len(toks)))]) if r[1] > r[0]]
            suffix = [r for r in without(ranges, [((0, 0), (0, m))]) if r[1] > r[0]]
            base = [*prefix, (head, m), *suffix]
            out = [(base, text_of(text, toks, sorted(base)))]
            mod = k + 2
            while mod < head:
                if toks[mod].w == ",":
                    mod += 1
                    continue
                end = mod + 1
                while end < head and (toks[end - 1].tag == ADV or _ordinal(toks[end - 1].low)):
                    end += 1  # "a fifth generation fighter": "fifth generation" is one modifier
                rs = [*prefix, (mod, end), (head, m)]
                out.append((rs, text_of(text, toks, sorted(rs))))
                mod = end
            if appositive and len(out) < 3:
                return [(ranges, claim_text)]  # "X, a male actor": one modifier stays
            return out
    return [(ranges, claim_text)]


def distribute(
    text: str,
    toks: list[Tok],
    ranges: list[tuple[int, int]],
    claim_text: str,
    fine: bool = False,
    appositive: bool = False,
) -> list[tuple[list[tuple[int, int]], str]]:
    """One claim per item of each name list inside the claim ("A, B and C")."""
    done: list[tuple[list[tuple[int, int]], str]] = []
    first = _modifiers(text, toks, ranges, claim_text, appositive)
    split = len(first) > 1
    todo = [(r, t, 0) for r, t in first]
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
            again = None
            if fine and depth and not split:
                # "an American actor and director": the first item has its own modifiers
                again = _modifiers(text, toks, _merged(cur_ranges), cur_text)
            if again is not None and len(again) > 1:
                done.extend(again)
            else:
                done.append((cur_ranges, cur_text))
            continue
        lo, hi = found[0][0], found[-1][1]
        surface = text[toks[lo].s : toks[hi - 1].e]
        rest = [r for r in without(cur_ranges, [((0, 0), (lo, hi))]) if r[1] > r[0]]
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


_ORDINALS = lx.words("first second third fourth fifth sixth seventh eighth ninth tenth")


def _ordinal(low: str) -> bool:
    return low in _ORDINALS or (low[:1].isdigit() and low.endswith(("st", "nd", "rd", "th")))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with touching neighbours joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


_ADJECTIVE_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ian", "an")


def _shares_head(toks: list[Tok], items: list[tuple[int, int]]) -> bool:
    """True for coordinated adjectives before one noun: "economic, military and legal aid"."""
    *first, last = items
    return last[1] - last[0] >= 2 and all(
        (b - a == 1 or (b - a == 2 and toks[a].tag == ADV))
        and toks[b - 1].w.islower()
        and (
            toks[b - 1].low.endswith(_ADJECTIVE_SUFFIXES)
            or lx.POS_CLASSES.get(toks[b - 1].low, "")[:1] == "J"
            or "-" in toks[b - 1].low
            or toks[b - 1].tag == VBD
        )
        for a, b in first
    )
