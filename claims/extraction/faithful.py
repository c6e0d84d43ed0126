"""Faithfulness: a claim never says less than the sentence it comes from.

The invariant, checked on every claim the pipeline emits:

- **polarity**: every negation, modal or condition word ("not", "never", "no longer",
  "could", "may", "would", "if", "unless", ...) that governs the claim's words in the
  sentence's tree is inside the claim;
- **attribution**: when the claim's words are the content of "X said" (or "according to
  X"), the claim keeps "X said";
- **no invented words**: the claim's text is made of the article's own words (plus the
  "is"/"are" that turns an apposition into a sentence, and an ellipsis where words were
  left out).

A claim that breaks the invariant is not emitted as it is: the pipeline falls back to the
whole sentence, which trivially keeps everything.
"""

from __future__ import annotations

import re

from claims.extraction.lexicon import words
from claims.extraction.parse import Sentence

POLARITY = words(
    """
    not n't never no nor neither cannot can could may might must shall should will would
    if unless whether ca wo lest
    """
)
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_GLUE = frozenset({"is", "are"})


def missing_polarity(sent: Sentence, claim_toks: set[int]) -> list[int]:
    """Polarity tokens that govern the claim's tokens but are not in the claim.

    A polarity word "governs" a token when it is a child (auxiliary, negation, marker) of
    the token or of one of the token's governors, up to the sentence root; but a clause
    that the claim does not reach (a relative clause, an apposition) has its own polarity,
    and a detached part never borrows the polarity of a clause it is not part of, except
    along the path the pipeline allows (coordination shares auxiliaries; participles under
    a negated or modal clause are never detached).
    """
    if not claim_toks:
        return []
    missing = []
    heads = _claim_heads(sent, claim_toks)
    for h in heads:
        for g in [h, *sent.governors(h)]:
            t = sent.toks[g]
            if g not in claim_toks and t.dep in _OWN_CLAUSE_DEPS:
                break
            for c in t.children:
                tc = sent.toks[c]
                if (
                    tc.lower in POLARITY
                    and c not in claim_toks
                    and _polarity_role(tc.dep)
                    and _attached_to_path(sent, c, claim_toks)
                ):
                    missing.append(c)
            if t.dep in _OWN_CLAUSE_DEPS:
                break
    return sorted(set(missing))


# Dependencies that start a clause with its own polarity: above them nothing governs.
_OWN_CLAUSE_DEPS = frozenset({"acl:relcl", "appos", "parataxis", "root"})


def _polarity_role(dep: str) -> bool:
    return dep in ("aux", "aux:pass", "advmod", "mark", "neg", "det", "cc:preconj")


def _claim_heads(sent: Sentence, toks: set[int]) -> list[int]:
    """Tokens of the claim whose head is outside it (the tops of its pieces)."""
    return [k for k in toks if sent.toks[k].head not in toks or sent.toks[k].head == k]


def _attached_to_path(sent: Sentence, c: int, toks: set[int]) -> bool:
    """A marker such as "if" counts only when its clause is the claim's, not a side clause."""
    head = sent.toks[c].head
    if sent.toks[c].dep == "mark":
        return head in toks
    return True


def invented_words(claim_text: str, article: str) -> list[str]:
    """Words of the claim that the article never uses (the apposition glue excepted)."""
    have = {w.lower() for w in _WORD_RE.findall(article)}
    return [
        w for w in _WORD_RE.findall(claim_text) if w.lower() not in have and w.lower() not in _GLUE
    ]
