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
_GLUE = frozenset({"is", "are", "was", "were"})


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
        below = h
        for g in [h, *sent.governors(h)]:
            t = sent.toks[g]
            if g not in claim_toks and t.dep in _OWN_CLAUSE_DEPS:
                break
            unshared = g != below and (
                own_tense(sent, below, g) or _own_subject_and_tense(sent, below, g)
            )
            for c in t.children:
                tc = sent.toks[c]
                if (
                    tc.lower in POLARITY
                    and c not in claim_toks
                    and _polarity_role(tc.dep)
                    and _attached_to_path(sent, c, claim_toks)
                    and not (unshared and tc.dep != "mark")
                ):
                    missing.append(c)
            if t.dep in _OWN_CLAUSE_DEPS:
                break
            below = g
    return sorted(set(missing))


def own_tense(sent: Sentence, conj: int, head: int) -> bool:
    """ "It did not reveal the site and said ...", "could close the plant and cuts ...": a
    conjunct in a past or present form that "did", "does" or a modal cannot govern (they
    take the bare verb) shares none of the head's auxiliaries or negation; a form that could
    be a participle after "has" or "was" ("has not produced X and cut Y") shares them."""
    t, h = sent.toks[conj], sent.toks[head]
    if t.dep != "conj" or t.head != head or not h.is_verb or head > conj:
        return False
    # only a bare second predicate right after its "and" ("and then said"), with no other
    # verb between the two: anything else is a parse to distrust ("a firm that created it
    # and remained ..., and currently runs it"; "but looking at X makes me ...")
    between = sent.toks[head + 1 : conj]
    cc = max((x.i for x in between if x.dep == "cc" and x.head == conj), default=None)
    if cc is None or any(x.tag not in ("RB", "RBR") for x in sent.toks[cc + 1 : conj]):
        return False
    if any(x.tag in ("VBD", "VBZ", "VBP", "MD") for x in between):
        return False
    if not (
        (t.tag == "VBZ" and t.lower.endswith("s"))
        or (t.tag == "VBD" and (t.lower.endswith("ed") or t.lower in _IRREGULAR_PAST))
    ):
        return False
    aux = [sent.toks[c].lower for c in h.children if sent.toks[c].dep in ("aux", "aux:pass")]
    return bool(aux) and all(a in _BARE_VERB_AUX for a in aux)


def _own_subject_and_tense(sent: Sentence, conj: int, head: int) -> bool:
    """ "said the bridge will close in May and the new one will open in 2026": a conjunct
    with a subject and a tense of its own is a clause of its own, and the head's "will" or
    "not" is not its (with no tense of its own, "and the new one in 2026", it shares them)."""
    t = sent.toks[conj]
    if t.dep != "conj" or t.head != head:
        return False
    kids = [sent.toks[c] for c in t.children]
    # (a relative pronoun is no subject of a clause of its own: "a way that's not stressful
    # and that builds on ...")
    return any(k.dep in _SUBJECTS and k.lower not in _RELATIVES for k in kids) and (
        t.tag in _FINITE or any(k.dep in ("aux", "aux:pass") and k.tag in _FINITE for k in kids)
    )


_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl", "csubj"})
_RELATIVES = words("that which who whom whose what")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# "did" and the modals take the bare verb
_BARE_VERB_AUX = words("do does did can could will would may might shall should must ca wo")
_IRREGULAR_PAST = words(
    """
    said told made took gave went came got kept left found saw knew began won lost sent held
    met paid sold wrote brought bought thought felt stood ran led spent built
    """
)


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
