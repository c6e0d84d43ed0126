"""Near-identical claims of one article, grouped so that a ranked list is not filled with copies.

An article repeats itself: a pull quote repeats a body sentence, a quote is given twice (once
with its attribution), a sentence listing several items becomes one claim per item that
differ by a word or two. Two claims are **near-copies** when their content words (lowercased
letters and digits, short function words left out) overlap with a Jaccard index of at least
``THRESHOLD`` (0.7). Measured on the extractor's claims of the 45 articles of the
check-worthiness development set: of about 41,000 pairs of claims of one article, 2 reach 0.7
(a repeated sentence, and a quote given twice); pairs at 0.5-0.6 are different claims on the
same subject ("WeWork agreed to a rescue by its largest shareholder, SoftBank" and "SoftBank
is its largest shareholder"), which stay apart.

Groups are formed greedily in score order: the best-scored claim leads its group, and every
later claim joins the first leader it nearly copies. So the leader is the claim a ranked list
shows, and its copies sit behind it.

    from claims.triage.copies import near_copy_leaders
    near_copy_leaders(["A said X.", "“A said X,” she said.", "B."], [0.9, 0.8, 0.4])
    # -> [None, 0, None]: the second claim copies the first
"""

from __future__ import annotations

import re
from collections.abc import Sequence

THRESHOLD = 0.7
_TOKEN_RE = re.compile(r"[^\W_]+")
_SHORT_WORDS = """a an the of to in on for and or by with is was are were it its as at be that
    this he she they his her their said says"""
_SHORT = frozenset(_SHORT_WORDS.split())


def content_words(text: str) -> frozenset[str]:
    """The words that make a claim what it is (lowercased; function words left out)."""
    tokens = _TOKEN_RE.findall(text.lower())
    return frozenset(t for t in tokens if t not in _SHORT and (len(t) > 1 or t.isdigit()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two word sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def near_copy_leaders(
    texts: Sequence[str], scores: Sequence[float], threshold: float = THRESHOLD
) -> list[int | None]:
    """For each claim, the index of the claim whose group it joins (None: it leads its own).

    Leaders are taken in descending score (ties: the earlier claim first), so a group's
    leader is its best-scored claim.
    """
    if len(texts) != len(scores):
        raise ValueError("one score per text")
    words = [content_words(t) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
    leaders: list[int] = []
    result: list[int | None] = [None] * len(texts)
    for i in order:
        for leader in leaders:
            if similarity(words[i], words[leader]) >= threshold:
                result[i] = leader
                break
        else:
            leaders.append(i)
    return result
