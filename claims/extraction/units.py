# Over 400 lines on purpose: the unit rules read one tree and guard each other.
"""Claim units: which parts of a parsed sentence are claims of their own.

A sentence is one claim unless its dependency tree shows several things a fact-checker
could check separately.  A part is detached as a claim of its own only when that is safe:

- a coordinated clause (``..., and the military has encountered ...``) or a coordinated
  predicate sharing the subject (``condemned the coup and imposed sanctions``; the subject
  is borrowed, and so are the auxiliaries and negation it shares: ``has not yet produced X
  and made Y`` gives "... has not yet made Y", never "... made Y");
- a participial clause after a comma (``, offering economic ... support``), borrowing the
  clause's subject, unless that clause is negated, modal or conditional;
- a contrasting clause with its own subject (``while sedan sales are down 12.3 percent``);
- a non-restrictive relative clause (``, which could expand to 300 megawatts``), whose
  antecedent becomes the subject;
- an apposition or a bracketed aside (``John Williams, the president of ...,``), as an
  extra attribute claim;
- a comma-spliced clause with its own subject (parataxis that is not "X said").

Never detached: anything inside reported speech (``X said that ...``, a quote followed by
"he said") or inside quotation marks, a conditional clause (``if``, ``unless``), a
complement, a restrictive relative clause, a list of nouns (a list sharing one predicate is
one claim), a negation or modal from its verb.  Discourse openers (``However,``,
``Despite these difficulties,``) and a leading conjunction are left out of the span.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from claims.extraction.faithful import POLARITY, missing_polarity, own_tense
from claims.extraction.lexicon import (
    AUXILIARIES,
    CALENDAR,
    COORDINATORS,
    COUNTING_WORDS,
    FINDINGS,
    NONFINITE_BE,
    POS_CLASSES,
    PROPOSING,
    SPEECH,
    words,
)
from claims.extraction.parse import Sentence, Tok
from claims.extraction.quantities import APPROXIMATION_MARKERS
from claims.extraction.types import Span

SUBJ = frozenset({"nsubj", "nsubj:pass", "nsubj:outer", "csubj", "csubj:pass", "expl"})
AUX = frozenset({"aux", "aux:pass"})
# Content clauses: what they say depends on the word that governs them.
CONTENT = frozenset({"ccomp", "csubj", "csubj:pass"})
NEGATIONS = words("not n't never no nor neither nobody nothing none nowhere cannot")
MODALS = words("can could may might must shall should will would ca wo")
SUBORDINATE_OPENERS = words(
    "when whenever if unless because as after before since once until while although though"
)
CONDITIONAL_MARKS = words("if unless whether lest provided")
CONTRAST_MARKS = words("while whereas although though")
OPENERS = words(
    """
    however additionally meanwhile separately moreover furthermore nonetheless nevertheless
    instead still indeed thus therefore hence consequently besides likewise similarly
    overall finally also now then so yet but and or plus again anyway
    """
)
CONCESSIVE_CASES = words("despite notwithstanding")
# Verbs after which an -ing form is part of the predicate ("spent years working on it").
_ASPECTUAL = words(
    """
    spend spends spent keep keeps kept start starts started stop stops stopped begin begins
    began continue continues continued go goes went finish finished end ended avoid avoided
    consider considered risk risks risked
    """
)
_MIN_NP_DEPS = frozenset(
    {
        "det",
        "det:poss",
        "det:predet",
        "amod",
        "compound",
        "flat",
        "flat:name",
        "nmod:poss",
        "nummod",
        "fixed",
        "conj",
        "cc",
        "case",
        "nmod:tmod",
        "nmod:desc",
        "nmod:unmarked",
        "cc:preconj",
        "compound:prt",
    }
)
_QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb\u201e'
_SUBJECT_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "DT", "JJ", "POS", "PRP", "CD", "PRP$"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# -ing and -ed words that work as prepositions: ", given that ...", ", including ..."
_PREPOSITIONAL = words(
    "including excluding according regarding concerning following depending given considering"
)
# Participles that open a sentence to restrict or condition it: "Adjusted for inflation, ...",
# "Compared with 2018, ...", "Assuming the deal passes, ...", "Left untreated, ..."
_RESTRICTING = _PREPOSITIONAL | words(
    """
    assuming provided providing granted barring compared comparing judging based
    adjusted adjusting counting allowing supposing speaking taking measured ranked seen viewed
    left combined taken added put coming turning moving looking getting going
    """
)
_TEMPORAL_MARKS = words("since after before when while until once that")
_LOCATIVE = words("in at on near across inside outside throughout during since")
_OPENING_MARKS = frozenset({",", ";", ":", "(", "\u2014", "\u2013", "-", "--"})
_JOINERS = frozenset(
    {"and", "but", "or", "yet", "so", "nor", "while", "whereas", "although", "though"}
)
_DELIMITERS = frozenset({",", ")", "\u2014", "\u2013", "-", ".", ";", ":", "!", "?"})


@dataclass
class Unit:
    """One claim's tokens, before it gets its text and kind."""

    role: str  # clause | conj | part | contrast | relative | apposition | parataxis
    pred: int
    toks: set[int]
    borrowed: set[int] = field(default_factory=set)  # tokens of a restored subject
    dropped: set[int] = field(default_factory=set)  # e.g. the relative pronoun replaced
    adopted: set[int] = field(default_factory=set)  # roots of words the parser misplaced
    # a borrowed subject that comes after the unit's words but opens its text ("The company …
    # citing weak demand" for "Citing weak demand, the company ...")
    lead: set[int] = field(default_factory=set)
    # a relative clause said of its whole noun phrase, its pronoun kept: "The release of
    # IL-25, which alerts the immune system." (``_which_after_object_phrase``)
    described: bool = False


_COORDINATOR_WORDS = words("and or but nor")
# (the tagger may read "whose" as a possessive pronoun)
_RELATIVE_WORDS = words("who whom whose which where")
_FOCUS = words("particularly especially notably mainly mostly chiefly primarily")
_AUXILIARY_WORDS = (
    AUXILIARIES
    | NONFINITE_BE
    | MODALS
    | words("to having get got gets getting 's 've 'd 'll 're 'm")
)
_WH_OPENERS = words("how what why whether if where when who which")
_TIME_NOUNS = words("time times moment point stage")
_NP_PREPOSITIONS = words("of at in for from on with")
_BE = words("be is are was were been being 's 're \u2019s \u2019re")


def is_predicate(sent: Sentence, i: int) -> bool:
    """A verb (not an auxiliary) or a nominal/adjective with a copula or a subject."""
    t = sent.toks[i]
    if t.dep in ("aux", "aux:pass", "cop"):
        return False
    if t.is_verb and t.tag != "MD":
        return True
    return any(sent.toks[c].dep in SUBJ or sent.toks[c].dep == "cop" for c in t.children)


def has_subject(sent: Sentence, i: int) -> bool:
    return any(sent.toks[c].dep in SUBJ for c in sent.toks[i].children)


def subject_of(sent: Sentence, i: int) -> int | None:
    """The subject of predicate `i`, climbing coordinations and controlled clauses."""
    seen = set()
    while i not in seen:
        seen.add(i)
        for c in sent.toks[i].children:
            if sent.toks[c].dep in SUBJ:
                return c
        t = sent.toks[i]
        if t.dep == "acl:relcl":
            return t.head
        if t.dep in ("conj", "xcomp", "advcl", "acl", "parataxis") and t.head != i:
            i = t.head
            continue
        return None
    return None


def minimal_np(sent: Sentence, i: int) -> set[int]:
    """The noun phrase headed by `i` without its clauses, appositions and prepositions."""
    out = {i}
    stack = [i]
    while stack:
        parent = stack.pop()
        for c in sent.toks[parent].children:
            t = sent.toks[c]
            if c in out:
                continue
            # "the most recent twists", "nearly 2.5 million people": the adverb is part of
            # the modifier's meaning
            grading = t.dep == "advmod" and sent.toks[parent].dep in ("amod", "nummod")
            # "Hilly and mountainous areas": the first of coordinated adjectives read as an
            # adverb of the noun
            listed = (
                t.dep == "advmod"
                and c + 1 < parent
                and sent.toks[c + 1].dep == "cc"
                and sent.toks[c + 1].head == parent
            )
            # "Attorney General William Barr": a name right after its title, no comma
            # between, is the same noun phrase (the parser often calls it an apposition)
            titled = (
                t.dep == "appos"
                and t.tag in ("NNP", "NNPS")
                and sent.toks[parent].tag in ("NNP", "NNPS")
                and min(sent.subtree(c)) == parent + 1
                and sent.toks[parent + 1].text[:1].isalnum()
            )
            if t.dep not in _MIN_NP_DEPS and not (grading or titled or listed):
                continue
            if t.dep.endswith(("unmarked", "tmod")) and t.lower in CALENDAR:
                continue  # "Last year the company ...": a time, no part of the noun phrase
            if t.dep == "case" and t.lower not in ("'s", "\u2019s", "'", "\u2019"):
                continue
            if t.dep == "conj" and t.tag in _VERB_TAGS:
                # "The factory, which employs 1,200 people, will close": a verb the parser
                # hung on the noun as its conjunct is the noun's predicate, not another noun
                continue
            out.add(c)
            stack.append(c)
    if sent.toks[i].lower in ("who", "which", "that", "whom") and sent.toks[i].tag != "DT":
        # (a relative pronoun names nobody; a demonstrative does: "That promises 355
        # horsepower, and should do ...")
        return set()
    # "the other being bubonic plague" read as one noun phrase: the noun phrase starts
    # after "being"
    being = [k for k in out if sent.toks[k].lower == "being" and k < i]
    if being:
        out = {k for k in out if k > max(being)}
    # ", as well as the new streaming service, which ...": a conjunction of several words
    # that hangs the phrase on a list opens no part of it (a lone "and" stays, and with it
    # the check that a subject opening with "and" is a list's item: "the Rock and Roll Hall
    # of Fame's Class of 2020, which ..." never gives "Roll Hall ... will be honored")
    for k in sorted(out):
        t = sent.toks[k]
        multiword = t.dep == "cc" and any(sent.toks[c].dep == "fixed" for c in t.children)
        if k >= i or not (multiword or (t.dep == "fixed" and t.head not in out)):
            break
        out.discard(k)
    return out | _approximation(sent, min(out)) if out else out


def _approximation(sent: Sentence, first: int) -> set[int]:
    """ "More than 3,000 flights", "at least 30 people", "nearly half": the words before a
    number that say how exact it is, whatever the parser hung them on (a borrowed subject
    without them would state another figure: "3,000 flights … stranding travellers")."""
    toks = sent.toks
    if toks[first].tag != "CD" and toks[first].lower not in _FRACTIONS:
        return set()
    for n in (3, 2, 1):  # the quantity parser's markers, longest first
        before = range(first - n, first)
        if before.start >= 0 and " ".join(toks[k].lower for k in before) in APPROXIMATION_MARKERS:
            return set(before)
    return set()


_FRACTIONS = words("half third quarter dozen")


def _forms_agree(head: str, conj: str) -> bool:
    """Coordinated verbs share a form: two finite verbs of one tense, two participles, two
    infinitives ("condemned X and imposed Y"; "has produced X and made Y")."""
    finite_past = {"VBD"}
    finite_present = {"VBZ", "VBP"}
    if head in finite_past or head in finite_present:
        return (
            (conj in finite_past and head in finite_past)
            or (conj in finite_present and head in finite_present)
            or (conj == "VBN" and head == "VBD")
        )  # the tagger often reads a past as a participle
    if not head.startswith("VB"):
        return True  # a noun or adjective predicate: the conjunct carries its own copula
    return conj == head or (head == "VBN" and conj == "VBD")


def _marks(sent: Sentence, i: int) -> set[str]:
    return {sent.toks[c].lower for c in sent.toks[i].children if sent.toks[c].dep == "mark"}


def _agrees(sent: Sentence, noun: int, verb: int) -> bool:
    """The antecedent `noun` can be the subject of the relative clause's `verb` when the
    relative pronoun is its subject: "observations ..., which uses a spectrograph" cannot
    (the parser hung the clause on the wrong noun; the clause then stays in its sentence).
    Only a common noun's number is read: a name's is unknown ("the Thunder, who have")."""
    if not any(
        sent.toks[k].dep in SUBJ and sent.toks[k].lower in ("which", "who", "that")
        for k in sent.toks[verb].children
    ):
        return True
    forms = [sent.toks[verb]] + [
        sent.toks[k] for k in sent.toks[verb].children if sent.toks[k].dep in ("aux", "aux:pass")
    ]
    # (the tagger may call a verb in -s a plural present: "which buys/VBP a third")
    in_s = [
        f.tag == "VBP" and f.lower.endswith("s") and not f.lower.endswith(("ss", "us", "is"))
        for f in forms
    ]
    singular = any(
        f.tag == "VBZ" or f.lower in ("was", "wasn't") or s
        for f, s in zip(forms, in_s, strict=True)
    )
    plural = any(
        (f.tag == "VBP" and not s) or f.lower in ("were", "weren't")
        for f, s in zip(forms, in_s, strict=True)
    )
    if sent.toks[noun].tag in ("NNP", "NNPS") or (
        not sent.toks[noun].text[:1].islower()
        and (noun > 0 or (noun + 1 < len(sent.toks) and sent.toks[noun + 1].text == ","))
    ):
        # a name: "Sowers, who is", "the Thunder, who have" (number unknown); a plural
        # opening the sentence and far from the clause is no name ("Exports to China, which
        # buys ...")
        return True
    tag = sent.toks[noun].tag
    if singular and tag == "NNS":
        return False
    return not (plural and tag == "NN")


_SINGULAR_PRONOUNS = words("he she it this that")
_PLURAL_PRONOUNS = words("they we these those")


def _number_agrees(sent: Sentence, subject: int, verb: int) -> bool:
    """A borrowed `subject` fits the finite form of `verb` (or of its auxiliary): never "it
    say" or "they says". Names and forms without number agree with anything."""
    forms = [sent.toks[verb]] + [
        sent.toks[k] for k in sent.toks[verb].children if sent.toks[k].dep in ("aux", "aux:pass")
    ]
    singular = any(f.tag == "VBZ" or f.lower in ("was", "wasn't") for f in forms)
    plural = any(
        (f.tag == "VBP" and f.lower not in ("am", "'m", "\u2019m"))
        or f.lower in ("were", "weren't")
        for f in forms
    )
    s = sent.toks[subject]
    single = s.lower in _SINGULAR_PRONOUNS or s.tag == "NN"
    many = s.lower in _PLURAL_PRONOUNS or s.tag == "NNS"
    return not ((plural and single) or (singular and many))


def _words_of_np(sent: Sentence, i: int, *, coordinated: bool = False) -> set[int]:
    """Noun `i` with the words just before it that belong to its phrase ("the W. M. Keck
    Observatory"), read from the tags: a determiner, adjectives, names and nouns; with
    `coordinated`, also an -ing word before a noun and a coordination ("an Olympic-size
    swimming pool", "atomic hydrogen and oxygen")."""
    toks = sent.toks
    k = i
    while k > 0 and (
        toks[k - 1].tag in _NP_WORD_TAGS
        or (
            coordinated
            and (
                (toks[k - 1].tag == "VBG" and toks[k].tag.startswith("NN"))
                or (toks[k - 1].lower == "and" and k > 1 and toks[k - 2].tag.startswith("NN"))
            )
        )
    ):
        k -= 1
        if toks[k].tag in ("DT", "PRP$"):
            break
    return set(range(k, i + 1))


_NP_WORD_TAGS = frozenset({"DT", "PRP$", "JJ", "JJS", "JJR", "NN", "NNS", "NNP", "NNPS", "HYPH"})


def _inverted_source(sent: Sentence, k: int) -> bool:
    """A comma at `k` opens a source set off with its verb first, then more of the clause:
    ", said Mayor Ruiz, will bring ..." """
    toks = sent.toks
    if k + 3 >= len(toks) or toks[k].text != "," or toks[k + 1].lower not in SPEECH:
        return False
    j = k + 2
    while j < len(toks) and j - k <= 6 and toks[j].tag in _NP_WORD_TAGS:
        j += 1
    return (
        j > k + 2
        and j + 1 < len(toks)
        and toks[j].text == ","
        # (", said Tuesday, adding ..." is the speaker's own clause going on)
        and toks[j + 1].tag in ("MD", "VBD", "VBZ", "VBP", "RB")
    )


def _chained_noun_phrase(sent: Sentence, k: int) -> set[int] | None:
    """The tokens of a noun phrase set off by the comma `k` and closed by another comma
    (", the city's port authority,"): a second apposition after the one ending before `k`."""
    toks = sent.toks
    if k + 2 >= len(toks) or toks[k].text != ",":
        return None
    if toks[k + 1].tag not in ("DT", "PRP$") and toks[k + 2].tag != "POS":
        return None  # not a list of names ("made up of A, B, C from ... and D")
    nouns = 0
    for j in range(k + 1, min(len(toks), k + 16)):
        t = toks[j]
        if t.text == ",":
            if not nouns or j + 1 >= len(toks) or toks[j + 1].tag in ("CC", "CD"):
                return None  # a list: "A, B, C and D"
            return set(range(k + 1, j))
        if t.tag in ("NN", "NNS", "NNP", "NNPS"):
            nouns += 1
        elif t.tag not in _NP_WORD_TAGS | {"POS", "CD", "IN", "CC"} and not (
            t.tag in ("VBN", "VBG") and toks[j - 1].text == "-"  # "Texas-based"
        ):
            return None
    return None


def _subject_np(sent: Sentence, subj: int) -> set[int]:
    """The noun phrase of subject `subj` (``minimal_np``), with a word right after it that
    the parser made an auxiliary but that is none (not "be", "have", "do", a modal or "to"):
    "The gray haze led to ...", with "haze" read as an auxiliary."""
    if sent.toks[subj].dep.startswith("csubj"):
        # "Stocking your kitchen with fruits ... can improve your diet and reduce ...": a
        # clause as the subject is all of it ("Stocking can reduce ..." said something else)
        return {
            k
            for k in sent.subtree(subj)
            if sent.toks[k].pos != "PUNCT" or k < max(sent.subtree(subj))
        }
    np = minimal_np(sent, subj)
    np |= _of_phrase(sent, subj, np)
    k = max(np) + 1 if np else len(sent.toks)  # (no noun phrase, nothing to extend)
    while (
        k < len(sent.toks)
        and sent.toks[k].dep in AUX
        and sent.toks[k].lower not in _AUXILIARY_WORDS
        and sent.toks[k].text[:1].isalpha()
    ):
        np.add(k)
        k += 1
    return np


def _of_phrase(sent: Sentence, head: int, np: set[int]) -> set[int]:
    """The short "of" phrase right after noun phrase `np` of `head`, with no verb, comma or
    quotation in it: "The lack of resolution … leaving ..." (not "The lack … leaving"),
    "Sales of electric cars rose ... and ...". Empty when there is none."""
    toks = sent.toks
    if not np:
        return set()
    for c in toks[head].children:
        sub = sent.subtree(c)
        if toks[c].dep != "nmod" or min(sub) != max(np) + 1 or toks[min(sub)].lower != "of":
            continue
        inside = [toks[k] for k in sorted(sub)]
        if any(t.is_verb or t.text == "," or t.text in _QUOTE_CHARS for t in inside):
            return set()
        if sum(t.text[:1].isalnum() for t in inside) <= 6:
            return sub
    return set()


def _list_tail_subject(sent: Sentence, subj: int, np: set[int]) -> bool:
    """ "Filling your fridge with fruits, vegetables, whole grains, nuts, and seeds can
    improve ... and reduce ...", parsed with "whole grains, nuts, and seeds" the subject: a
    list after a comma, in a sentence that opens with an -ing word, is the end of that
    word's object, not a subject ("Whole grains, nuts, and seeds can reduce ...")."""
    toks = sent.toks
    first = min(np, default=subj)
    opening = next((t for t in toks if t.text[:1].isalnum()), None)
    return (
        opening is not None
        and opening.tag == "VBG"
        and first > 0
        and toks[first - 1].text == ","
        and any(toks[c].dep == "conj" for c in toks[subj].children)
    )


def _singular(t: Tok) -> bool:
    """A third-person singular subject: a singular noun or name, "he", "she", "it"."""
    return t.tag in ("NN", "NNP") or t.lower in ("he", "she", "it", "this", "that")


def _before_bracket(sent: Sentence, j: int) -> int:
    """`j`, or the token before the bracket that closes at `j` ("winds gusting to 55 mph
    (88.5 kph), which might ...": the antecedent is never inside the brackets)."""
    if j >= 0 and sent.toks[j].text == ")":
        opening = next((i for i in range(j - 1, -1, -1) if sent.toks[i].text == "("), None)
        if opening is not None:
            return opening - 1
    return j


def _opens_with_phrase(sent: Sentence, j: int, end: int) -> bool:
    """Tokens [j, end), after a "that", are "(even) after/if/when ..." or a verbless phrase
    ("(even) on the operational front,"): the clause at `end` is what the "that" opens."""
    while j < end and sent.toks[j].tag == "RB":
        j += 1
    return j < end and (
        sent.toks[j].lower in SUBORDINATE_OPENERS
        or (sent.toks[j].tag == "IN" and not any(x.is_verb for x in sent.toks[j:end]))
    )


def while_of_time(toks: list[Tok], k: int) -> bool:
    """ "..., while he was driving home", "..., while it was on its annual recess": a
    "while" of time, about someone named before (a pronoun, then "was" or "were" with an
    -ing form or a place), dates its clause and stays with it (cut, "It was on its annual
    recess." named nothing); a "while" of contrast states a fact of its own ("..., while
    imports fell 2 percent")."""
    return (
        toks[k].lower == "while"
        and k + 3 < len(toks)
        and toks[k + 1].tag == "PRP"
        and toks[k + 2].lower in ("was", "were")
        and (toks[k + 3].tag == "VBG" or toks[k + 3].tag == "IN")
    )


def _first(sent: Sentence, i: int) -> int:
    return min(sent.subtree(i))


_NOMINAL_TAGS = frozenset({"CD", "NN", "NNS", "NNP", "NNPS", "PRP"})


def _stray_subject(sent: Sentence, p: int, toks: set[int]) -> bool:
    """Verb `p` has a noun or number of its own before it that the parser hung elsewhere in
    its clause ("..., and more than 3 million have fled the country" with "million" on the
    "and"): the clause's own subject, so it borrows none ("Nearly 70,000 people more than 3
    million have fled" was a claim).  A noun inside a phrase of time, place or manner before
    the verb ("and in 2020 moved to ...") is no subject."""
    for k in toks:
        if k >= p or sent.toks[k].tag not in _NOMINAL_TAGS:
            continue
        g = k
        while g != p and sent.toks[g].dep.split(":")[0] not in _PHRASE_RELATIONS:
            g = sent.toks[g].head
            if g == sent.toks[g].head:  # the root: `k` hangs outside the clause
                break
        if g == p:
            return True
    return False


# relations of a phrase that sets a clause in time, place or manner, not its subject
_PHRASE_RELATIONS = frozenset({"obl", "advmod", "advcl", "nmod", "appos", "acl", "dislocated"})


def _mark_index(sent: Sentence, i: int) -> int:
    """The index of the punctuation that opens the subtree of `i`, else of the token before
    it (-1 at the start of the sentence)."""
    first = _first(sent, i)
    return first if sent.toks[first].pos == "PUNCT" and first != i else first - 1


def _spells_out_counted(sent: Sentence, i: int) -> bool:
    """The clause of `i` follows a colon after a counted noun ("Officials gave two reasons:
    the bridge was unsafe and ..."): it spells out the source's reasons, never a fact of the
    writer's ("The repairs would cost $40 million." was a claim)."""
    return counted_colon(sent.toks, _mark_index(sent, i))


def counted_colon(toks: list[Tok], k: int) -> bool:
    """Token `k` is a colon right after a counted noun: "two reasons:", "several main
    problems:" (a number or a counting word just before the noun)."""
    return (
        k >= 2
        and toks[k].text == ":"
        and toks[k - 1].tag in ("NN", "NNS")
        and (toks[k - 2].tag == "CD" or toks[k - 2].lower in COUNTING_WORDS)
    )


def _spaced_mark(sent: Sentence, i: int) -> bool:
    """The mark ``_before`` finds for `i` stands apart from the words on both sides ("A - B",
    a dash; not "lb-ft", a hyphen)."""
    k = _mark_index(sent, i)
    toks = sent.toks
    return (
        0 < k < len(toks) - 1 and toks[k - 1].end < toks[k].start < toks[k].end < toks[k + 1].start
    )


def _before(sent: Sentence, i: int) -> str:
    """The punctuation that opens the subtree of `i`, else the token before it ("" at the
    start): "," for ", which ..." whether the parser hangs the comma on the clause or not."""
    k = _mark_index(sent, i)
    return sent.toks[k].text if k >= 0 else ""


def _modal_or_negated(sent: Sentence, i: int, *, below_subject: bool = False) -> bool:
    """True when `i` or any word governing it is negated, modal or conditional ("may end up
    giving ..., resulting in": the result is as uncertain as what leads to it).

    With `below_subject`, the verb of a subject does not count: "The plant, expected to open
    in 2026, will not hire ...": the "will not" is not the aside's."""
    for g in [i, *sent.governors(i)]:
        for c in sent.toks[g].children:
            t = sent.toks[c]
            if t.lower in NEGATIONS or (t.dep in AUX and t.lower in MODALS):
                return True
            if t.dep == "advcl" and _marks(sent, c) & CONDITIONAL_MARKS:
                return True
        if below_subject and sent.toks[g].dep.startswith("nsubj"):
            return False
    return False


def quote_regions(sent: Sentence, open_at_start: bool) -> list[Span]:
    """Token index ranges [a, b) inside quotation marks (a quote may open before the sentence)."""
    regions: list[Span] = []
    inside = open_at_start
    start = 0
    for t in sent.toks:
        ch = t.text
        opening = ch in ("\u201c", "\u00ab", "\u201e") or (ch == '"' and not inside)
        closing = ch in ("\u201d", "\u00bb") or (ch == '"' and inside)
        if opening and not inside:
            inside, start = True, t.i
        elif closing and inside:
            regions.append((start, t.i + 1))
            inside = False
    if inside:
        regions.append((start, len(sent.toks)))
    return regions


def quoted_tokens(sent: Sentence, open_at_start: bool = False) -> list[bool]:
    """For each token, whether it lies inside quotation marks."""
    out = [False] * len(sent.toks)
    for a, b in quote_regions(sent, open_at_start):
        for k in range(a, b):
            out[k] = True
    return out


class _Splitter:
    def __init__(self, sent: Sentence, open_quote: bool, fine: bool) -> None:
        self.sent = sent
        self.fine = fine
        self.quoted = quoted_tokens(sent, open_quote)
        self.quotes = quote_regions(sent, open_quote)
        self.quote_words = [
            [k for k in range(a, b) if sent.toks[k].text[:1].isalnum()] for a, b in self.quotes
        ]
        self.antecedent: dict[int, int] = {}
        self.chained: dict[int, set[int]] = {}  # apposition -> a second one chained to it
        # the antecedent's words when the tree around it is not to be trusted
        self.antecedent_words: dict[int, set[int]] = {}
        # relative clauses whose antecedent the parser cannot tell: said of the noun phrase
        self.described: dict[int, set[int]] = {}
        self.units: list[Unit] = []

    # -- decisions --------------------------------------------------------------------------
    def _in_quote(self, i: int) -> bool:
        """True when the subtree of `i` reaches into a quotation without holding all of it
        (a part that carries a whole quotation, 'called Omar a "terrorist"', may leave)."""
        if not self.quotes:
            return False
        sub = self.sent.subtree(i)
        for (a, b), words_ in zip(self.quotes, self.quote_words, strict=True):
            inside = sum(1 for k in words_ if k in sub)
            if 0 < inside < len(words_):
                return True
            if inside and (a, b) == (0, len(self.sent.toks)):
                return True  # the whole sentence is a quotation
        return False

    def _quote_holds(self, c: int) -> bool:
        """A part of a quotation may be a claim of its own when the whole part and the word
        it hangs on are inside the same quotation ("they failed to conduct checks, and lied
        on official forms"): the speaker said both.  A part that crosses a quotation mark
        stays."""
        sent = self.sent
        sub = sent.subtree(c)
        words_ = [k for k in sub if sent.toks[k].text[:1].isalnum()]
        return all(self.quoted[k] for k in words_) and self.quoted[sent.toks[c].head]

    def _is_speech(self, i: int) -> bool:
        return self.sent.toks[i].lower in SPEECH

    def _conditional(self, i: int) -> bool:
        """True for a condition ("if ...", "unless ..."): nothing under it leaves."""
        t = self.sent.toks[i]
        # (a root with "if" of its own is a condition the parser took for the main clause:
        # "If you're that concerned about it, buy a battery" never gives "You buy a battery")
        return t.dep in ("advcl", "root") and bool(_marks(self.sent, i) & CONDITIONAL_MARKS)

    def _frame_of(self, g: int) -> frozenset[int]:
        """The attribution a part of the content of `g` keeps: "X said", "according to X"."""
        sent = self.sent
        out = {g}
        if not has_subject(sent, g):  # "Mr. Trump ..., saying that ...": who is saying
            subject = self._clause_subject(g)
            if subject is not None:
                out |= minimal_np(sent, subject) or {subject}
        for c in sent.toks[g].children:
            t = sent.toks[c]
            if t.dep in AUX or t.dep == "cop" or t.lower in NEGATIONS:
                out.add(c)
            elif t.dep in SUBJ:
                out |= minimal_np(sent, c) or {c}
            elif t.dep.startswith("obl") and any(
                sent.toks[k].lower == "according" for k in sent.toks[c].children
            ):
                out |= sent.subtree(c)
        first = min(out)
        if (
            first > 0
            and sent.toks[first - 1].text == ","
            and all(not t.text[:1].isalnum() for t in sent.toks[max(out) + 1 :])
        ):
            out.add(first - 1)  # a closing ", officials said" keeps its comma
        return frozenset(out)

    def _wh_content(self, c: int) -> bool:
        """Content clause `c` opens with "how", "what", "why", "whether" ... (a reported
        question or exclamation, not a reported proposition)."""
        sent = self.sent
        first = sent.toks[sent.first_word(c)]
        return first.lower in _WH_OPENERS and first.i < c

    def _content_frame(self, c: int) -> frozenset[int] | None:
        """When `c` is reported content, the frame its parts must keep; else None."""
        sent = self.sent
        t = sent.toks[c]
        if t.dep in CONTENT:
            if _before(sent, c) == ":" and not self._is_speech(t.head):
                # "The economy weakened: unemployment rose ... and wages fell": a clause after
                # a colon the parser hung on a verb that reports nothing ("The economy
                # weakened wages fell." was a claim)
                return None
            return self._frame_of(t.head) if sent.toks[t.head].is_verb else None
        # "He said: A": a parataxis under a speech verb is its content.
        if t.dep == "parataxis" and self._is_speech(t.head):
            return self._frame_of(t.head)
        return None

    def _speech_tail(self, i: int) -> int | None:
        """ "A, he said": the speech parataxis that makes `i` reported content."""
        for c in self.sent.toks[i].children:
            if self.sent.toks[c].dep == "parataxis" and self._is_speech(c):
                return c
        return None

    def detach(self, c: int, pred: int) -> str | None:
        """How the subtree of `c` leaves the claim of `pred`, or None when it stays.

        Coordinated, comma-spliced and contrasting clauses leave only from the top level of
        the claim (children of `pred`); participles and non-restrictive modifiers of noun
        phrases leave from any depth outside reported speech, conditions and quotes.
        """
        sent = self.sent
        t = sent.toks[c]
        h = t.head
        if self._in_quote(c) and not (t.dep == "conj" and self._quote_holds(c)):
            return None
        top = h == pred
        # ", who view ...", ", which could expand ...": a relative clause the parser hung on
        # the verb; its antecedent is the noun just before the comma
        if t.dep in ("conj", "advcl", "parataxis", "ccomp", "acl") and _before(sent, c) == ",":
            rel = [k for k in t.children if sent.toks[k].dep in SUBJ]
            if rel and sent.toks[rel[0]].lower in ("who", "which") and rel[0] == sent.first_word(c):
                antecedent = self._noun_before(_first(sent, c))
                if _second_item_inside(sent, c) or _verb_after_close(sent, c):
                    return None
                described = (
                    _which_after_object_phrase(sent, c, antecedent)
                    if antecedent is not None
                    else None
                )
                if described is not None:
                    self.antecedent[c], self.described[c] = described
                    return "relative"
                if antecedent is not None and _agrees(sent, antecedent, c):
                    self.antecedent[c] = antecedent
                    return "relative"
        if t.dep == "appos":
            mark = _before(sent, c)
            if mark == "-" and not _spaced_mark(sent, c):
                return None  # "414 lb-ft of torque": a hyphen, no dash
            if mark in (",", "(", "\u2014", "\u2013", "-") and self._appos_ok(c):
                return "apposition"
            return None
        if t.dep == "conj":
            if (
                top
                and not self._disjunct(c)
                and self._coordinated(h, c)
                and not self._bare_verb_after_copula(h, c)
                and is_predicate(sent, h)
                and is_predicate(sent, c)
                and self._own_clause(c)
                and self._keeps_polarity(h, c)
                and not self._words_after(h, c)
                and not self._shares_complement(h, c)
                and not self._embedded_question(c)
                and not self._listed_subject(h, c)
                and not self._participle_with_subject(c)
                and not self._participle_after_speech(h, c)
                and not self._report_after_complement(h, c)
                and not self._act_after_report(h, c)
                and not self._nearer_clause(h, c)
                and self._coordinator(h, c)
            ):
                return "conj"
            return None
        if t.dep == "parataxis":
            if not top or self._is_speech(c) or self._is_speech(h) or not has_subject(sent, c):
                return None
            opener = sent.toks[sent.first_word(c)]
            if opener.tag in ("WRB", "WDT", "WP", "WP$") or opener.lower in _RELATIVE_WORDS:
                # ", where an estimated 100,000 residents would be eligible": a relative
                # clause with no antecedent it could name ("Where an estimated ...")
                return None
            if opener.lower == "that" and opener.dep == "mark":
                # "... like the last story we heard: that the very idea of work could be
                # disrupted": what the noun before it says ("That the very idea ..." alone
                # is no claim)
                return None
            if _marks(sent, c) & (CONDITIONAL_MARKS | SUBORDINATE_OPENERS):
                # ", even if they don't always win": a condition the parser set beside its
                # clause stays with it (cut, it read "Even if they don't always win.")
                return None
            if (
                not has_subject(sent, h)
                and sent.toks[h].tag in ("VBG", "VBN")
                and not any(
                    sent.toks[k].dep in AUX and sent.toks[k].tag in FINITE_TAGS
                    for k in sent.toks[h].children
                )
            ):
                return None  # "Having lost the vote, the minister resigned": one clause
            first = _first(sent, c)
            if any(
                sent.toks[j].lower == "that" and _opens_with_phrase(sent, j + 1, first)
                for j in range(min(_first(sent, h), c), first - 1)
            ):
                # "admitting that after fighting her off, he drove ...", "The good news is
                # that on the operational front, the misses did not exceed ...": one clause
                return None
            if any(
                sent.toks[k].dep in SUBJ and sent.toks[k].lower in ("who", "which", "whom")
                for k in t.children
            ):
                return None  # a relative clause without its antecedent is no claim
            if self._participle_with_subject(c):
                # ", the longest sentence ever handed down in such a case": a noun and its
                # participle, not a clause ("The longest sentence ever handed down.")
                return None
            if _spells_out_counted(sent, c):
                return None
            return "parataxis"
        if t.dep == "advcl":
            marks = _marks(sent, c)
            if (
                top
                and marks & CONTRAST_MARKS
                and has_subject(sent, c)
                and not while_of_time(sent.toks, sent.first_word(c))
            ):
                if any(
                    k != c and sent.toks[k].dep == "advcl" and _marks(sent, k) & CONDITIONAL_MARKS
                    for k in sent.toks[h].children
                ):
                    # "If the bill passes, taxes will rise, while spending will fall": the
                    # condition governs both halves (cut, "Spending will fall." was a fact)
                    return None
                return "contrast"
            if (
                not marks
                and self._participle(c)
                and not _modal_or_negated(sent, h)
                and not self._inside_subordinate(h)
            ):
                return "part"
            return None
        if t.dep == "acl" and self._participle(c):
            # (an aside on the subject of the main verb is not in the scope of that verb's
            # "will" or "not"; in reported content it stays: "alleged that the guards,
            # assigned to ..., browsed ...")
            verb = sent.toks[h].head
            set_off = (
                _before(sent, c) in (",", "\u2014", "\u2013")
                and sent.toks[h].dep.startswith("nsubj")
                and sent.toks[verb].head == verb
            )
            if not _modal_or_negated(sent, h, below_subject=set_off):
                # ", offering ...": about the clause's subject; ", launched in 2018": the noun's.
                return "part" if t.tag == "VBG" else "relative"
        if t.dep == "acl:relcl" and self._nonrestrictive(c):
            if _second_item_inside(sent, c):
                return None
            kids = {sent.toks[k].dep for k in sent.toks[h].children}
            if kids & SUBJ and "cop" not in kids:
                # "its forces shot/NN down the drone, which ...": a "noun" with a subject of
                # its own and no copula is a verb the tagger misread, no antecedent ("The army
                # said shot which it said crashed ..." was a claim)
                return None
            described = _which_after_object_phrase(sent, c, t.head)
            if described is not None:
                self.antecedent[c], self.described[c] = described
                return "relative"
            first = sent.first_word(c)
            if sent.toks[first].lower == "whose":
                # "The company, whose shares have fallen 40%, ...": the verb agrees with
                # "shares", not with the company; the claim is "The company's shares ..."
                return "relative" if sent.toks[t.head].pos in ("NOUN", "PROPN") else None
            if sent.toks[first].lower == "who" and sent.toks[t.head].tag == "CD":
                # "two men, aged 19 and 22, who were seen ...": no number is a "who" (cut,
                # "19 and 22 were seen near the scene" was a claim): it stays
                return None
            if sent.toks[first].lower == "who" and _before(sent, c) == ",":
                # "a wave of recriminations from his many victims, who had anticipated ...":
                # "who" is about the person named just before its comma, whatever noun the
                # parser hung it on
                near = self._noun_left_of(first)
                if near is not None and near != h and _agrees(sent, near, c):
                    self.antecedent[c] = near
                    self.antecedent_words[c] = _words_of_np(sent, near)
                    return "relative"
            if _agrees(sent, h, c):
                return "relative"
            # hung on the wrong noun ("17 observations by the Keck Observatory, which
            # uses ..."): the noun just before the comma, when it agrees, is the antecedent
            near = self._noun_left_of(sent.first_word(c)) if _before(sent, c) == "," else None
            if near is not None and _agrees(sent, near, c):
                self.antecedent[c] = near
                self.antecedent_words[c] = _words_of_np(sent, near)
                return "relative"
        return None

    def _words_after(self, h: int, c: int) -> bool:
        """True when the claim of `h` goes on after its conjunct `c` ("... have left firms
        uncertain whether a tariff ... would go into effect or whether another tariff would
        remain"): a coordination closes its phrase, so words of the head's own after it
        mean the parser crossed two clauses, and cutting there would splice them."""
        sent = self.sent
        sub = sent.subtree(c)
        end = max(sub)
        later = set()
        for k in sent.toks[h].children:
            if k > end and sent.toks[k].dep not in ("conj", "parataxis", "punct", "cc"):
                later |= sent.subtree(k)
        return any(sent.toks[k].text[:1].isalnum() for k in later - sub)

    def _noun_before(self, k: int) -> int | None:
        """The head of the noun phrase ending just before token `k` (a comma)."""
        sent = self.sent
        j = _before_bracket(sent, k - 1 if sent.toks[k].text == "," else k - 2)
        while j >= 0 and sent.toks[j].text in (")", "\u201d", '"', "'"):
            j -= 1
        nominal = (
            sent.toks[j].pos in ("NOUN", "PROPN", "NUM")
            or (sent.toks[j].pos == "ADJ" and j > 0 and sent.toks[j - 1].lower == "the")
            # "the Chinese, who ..."; "particularly manufacturing, which ..." (tagged VBG)
            or (sent.toks[j].tag == "VBG" and j > 0 and sent.toks[j - 1].lower in _FOCUS)
        )
        if j < 0 or not nominal:
            return None
        while sent.toks[j].dep in ("compound", "flat", "flat:name") and sent.toks[j].head > j:
            j = sent.toks[j].head
        # "a plant in Myanmar, which could expand": a place or time phrase is not the
        # antecedent; the noun it modifies is
        while sent.toks[j].dep in ("nmod", "nmod:unmarked") and any(
            sent.toks[c].dep == "case" and sent.toks[c].lower in _LOCATIVE
            for c in sent.toks[j].children
        ):
            head = sent.toks[j].head
            if sent.toks[head].pos not in ("NOUN", "PROPN"):
                break
            j = head
        return j

    def _noun_left_of(self, k: int) -> int | None:
        """The noun that the phrase before token `k` (after its comma) is about, read
        from the words rather than the tree: "the Keck Observatory in Hawaii, which"
        gives "Observatory" (a place phrase is not the antecedent; the noun before it is)."""
        toks = self.sent.toks
        j = _before_bracket(self.sent, k - 1)
        while j >= 0 and not toks[j].text[:1].isalnum():
            j -= 1
        while j >= 0 and toks[j].pos in ("NOUN", "PROPN"):
            start = j
            while start > 0 and toks[start - 1].pos == "PROPN" and toks[j].pos == "PROPN":
                start -= 1  # a name of several words: its last word heads it
            if start > 1 and toks[start - 1].lower in _LOCATIVE:
                before = start - 2
                if toks[before].pos in ("NOUN", "PROPN"):
                    j = before
                    continue
            return j
        return None

    def _coordinated(self, h: int, c: int) -> bool:
        """Conjunct `c` of `h` is joined by a coordinator ("condemned A, imposed B and ...", ",
        then B ...") or is a participle set off by a comma (", powered by ..."); with neither,
        the parser's "conj" is a misreading: "did not, as it promised, address X" read with
        "address" coordinated with the noun before gave "Each day address X."."""
        sent = self.sent
        t = sent.toks[c]
        if t.tag in ("VBN", "VBG") and _before(sent, c) == ",":
            return True
        first = _first(sent, c)
        opener = sent.toks[first - 1].lower if first else ""
        if not (
            sent.toks[first].pos in ("PUNCT", "CCONJ")
            or sent.toks[first].lower in COORDINATORS
            or opener in COORDINATORS
            or opener in (",", ";", ":", "then")
        ):
            return False  # "has left | brush bone-dry and forecasts called ...": its object
        sub = sent.subtree(c)
        if any(  # "condemned A, imposed B and froze C": the list's "and" comes later
            sent.toks[s].dep == "conj"
            and s > c
            and any(sent.toks[k].dep == "cc" for k in sent.toks[s].children)
            for s in sent.toks[h].children
        ):
            return True
        # (an "and" inside the conjunct's own words that joins two nouns or numbers is not the
        # conjunct's: "arrested two men, aged 24 and 31, after a chase" never gives "Police
        # aged 24 and 31"; nor is the "and" of an earlier conjunct: "A will be available, and
        # B - with ... - will be standard", with B misparsed, never gives "A will be standard")
        earlier = set().union(
            *(
                sent.subtree(s)
                for s in sent.toks[h].children
                if s < c and sent.toks[s].dep == "conj"
            )
        )
        return any(
            (sent.toks[k].lower in COORDINATORS or sent.toks[k].lower == "then")
            and k not in earlier
            and (
                k not in sub
                or k < c  # (opening the conjunct: ", but utilities like X open up ...")
                or sent.toks[k].head == c
                or sent.toks[sent.toks[k].head].is_verb
                or has_subject(sent, sent.toks[k].head)
            )
            for k in range(min(h, c) + 1, max(sub) + 1)
        )

    def _bare_verb_after_copula(self, h: int, c: int) -> bool:
        """ "is similar to X in complexity, scale, and probably resale value" (with "resale"
        read as a verb): after a singular subject, a base-form verb cannot share the tensed
        copula of an adjective or a noun ("is ... resale"); with no modal or "to" to share,
        the parser misread the sentence."""
        sent = self.sent
        if sent.toks[c].tag != "VB" or sent.toks[h].is_verb or has_subject(sent, c):
            return False
        if any(sent.toks[k].dep in AUX for k in sent.toks[c].children):
            return False  # "... and did not affect ...": a verb group of its own
        # (after a plural subject a base form is a present tense: "widgets are the most
        # popular type and generate the greatest revenue")
        subject = subject_of(sent, h)
        if subject is None or not _singular(sent.toks[subject]):
            return False
        kids = [sent.toks[k] for k in sent.toks[h].children]
        return any(k.dep == "cop" and k.tag in FINITE_TAGS for k in kids) and not any(
            k.lower == "to" or (k.dep in AUX and k.tag == "MD") for k in kids
        )

    def _disjunct(self, c: int) -> bool:
        """ "may not be available, or may be more expensive": what "or" joins is one claim
        (either is what the text asserts, neither alone)."""
        toks = self.sent.toks
        return any(
            toks[k].dep == "cc"
            and toks[k].lower == "or"
            # ("Ignored or not, leaders have a duty ...": "or not" is no disjunction)
            and not (k + 1 < len(toks) and toks[k + 1].lower == "not")
            for k in toks[c].children
        )

    def _listed_subject(self, h: int, c: int) -> bool:
        """ "A, B, and a 360-degree camera are all available", "..., and Facebook's wallets
        could all eat into the market": "all" or "both" after the conjunct's subject, when
        what comes before has no clause of its own, says that the subject is the last item
        of a list that the parser broke at its commas; the sentence is one claim about all
        of them. (A pronoun is a subject of its own: "..., and they both resigned".)"""
        toks = self.sent.toks
        subjects = [k for k in toks[c].children if toks[k].dep in SUBJ]
        return (
            bool(subjects)
            and toks[subjects[0]].tag != "PRP"
            and not any(toks[k].dep in SUBJ for k in toks[h].children)
            and any(toks[k].lower in ("all", "both") and k > subjects[0] for k in toks[c].children)
        )

    def _keeps_polarity(self, h: int, c: int) -> bool:
        """A conjunct without an auxiliary of its own shares its head's auxiliaries only
        when its form fits them ("has not produced X and made Y": "has not made Y"); when
        the head is negated or modal and the forms differ, the two stay one claim."""
        sent = self.sent
        if any(
            sent.toks[k].dep == "advcl" and _marks(sent, k) & CONDITIONAL_MARKS
            for k in sent.toks[h].children
        ):
            return False  # "continue to talk and could agree if ...": the condition's scope
        own = {sent.toks[k].dep for k in sent.toks[c].children}
        if own & SUBJ or own_tense(sent, c, h):
            # ("did not approve the budget and delayed the vote": "delayed" is no bare verb
            # that "did not" could govern)
            return True
        if not _forms_agree(sent.toks[h].tag, sent.toks[c].tag) and not own & AUX:
            return False  # "allows him to keep X and avoid Y": "avoid" goes with "keep"
        if own & AUX or "cop" in own:
            return True
        polar = any(
            sent.toks[k].lower in NEGATIONS
            or (sent.toks[k].dep in AUX and sent.toks[k].lower in MODALS)
            for k in sent.toks[h].children
        )
        if not polar:
            return True
        return sent.toks[c].tag in ("VB", "VBN", "VBG") and sent.toks[c].tag == sent.toks[h].tag

    def _inside_subordinate(self, h: int) -> bool:
        """True when `h` sits in a subordinate clause other than a time clause ("than they
        anticipate, resulting in ...": the participle's scope is unclear), or is a time clause
        after its main verb."""
        sent = self.sent
        if (
            sent.toks[h].dep == "advcl"
            and h > sent.toks[h].head
            and sent.toks[min(sent.subtree(h))].lower in _TEMPORAL_MARKS
        ):
            # "The firm cut 300 jobs after sales slumped, leaving the town without ...": after
            # a time clause that closes its clause, only a reader can tell whose participle it
            # is (as in ``chunks._participle_may_leave``); it stays ("sales … leaving the
            # town ..." was a claim)
            return True
        for g in [h, *sent.governors(h)]:
            marks = _marks(sent, g)
            if marks and not marks <= _TEMPORAL_MARKS:
                return True
        return False

    def _own_clause(self, c: int) -> bool:
        """A conjunct that can stand alone: not a shared-copula list member, no subordinator,
        and its head does not leave its object to it ("needs and wants to buy X")."""
        sent = self.sent
        t = sent.toks[c]
        own = {sent.toks[k].dep for k in t.children}
        marks = _marks(sent, c)
        # "found that A and that B": coordinated content clauses; any other mark subordinates
        if marks and not (marks == {"that"} and sent.toks[t.head].dep in CONTENT):
            return False
        if not t.is_verb and not (own & SUBJ or "cop" in own):
            return False
        before = sent.toks[c - 1] if c else t
        if before.tag in ("NNP", "NNPS", "PRP") and before.head == c and not own & SUBJ:
            # "said at a rally in Ohio and Biden replied", the name read as an adverb: the
            # conjunct's own subject, which a borrowed one would splice ("Trump Biden
            # replied." was a claim)
            return False
        head = sent.toks[t.head]
        complements = {
            "obj",
            "iobj",
            "obl",
            "xcomp",
            "ccomp",
            "advmod",
            "compound:prt",
            "obl:agent",
        }
        if head.is_verb and not any(
            sent.toks[k].dep in complements or sent.toks[k].dep.startswith("obl")
            for k in head.children
        ):
            return has_subject(sent, c)
        return True

    def _participle(self, c: int) -> bool:
        sent = self.sent
        t = sent.toks[c]
        if t.tag not in ("VBG", "VBN") or has_subject(sent, c) or t.lower in _PREPOSITIONAL:
            return False
        if t.tag == "VBG" and not t.lower.endswith("ing"):
            return False  # ("the old fort, dubbed/VBG the Rock": no act of the subject's)
        if _first(sent, c) < t.head:
            return self._opening_participle(c)
        if any(
            k < c and sent.toks[k].tag in ("DT", "NN", "NNS", "NNP", "NNPS")
            for k in sent.subtree(c)
            if sent.toks[k].head == c or sent.toks[sent.toks[k].head].head == c
        ):
            # "called in the Design Facility — a multimedia facility enabling expert teams
            # to ...": the noun before it in its own phrase is what the participle is about
            # ("The team … a multimedia facility enabling ..." was a claim)
            return False
        if sent.toks[t.head].lower in _ASPECTUAL:
            return False
        if sent.toks[t.head].lower in PERCEPTION and any(
            sent.toks[k].dep == "obj"
            and k < c
            and any(sent.toks[a].dep == "appos" for a in sent.toks[k].children)
            for k in sent.toks[t.head].children
        ):
            # "The video showed the suspect, a 34-year-old man, fleeing the scene": the
            # suspect flees, not the video (after an object with no aside, "imports have
            # seen price increases, harming producers", whose it is stays open)
            return False
        if any(sent.toks[k].lower in SUBORDINATE_OPENERS for k in sent.subtree(c) if k < c):
            return False  # ", particularly while a statistic glared at him": a clause
        if c and sent.toks[c - 1].text in ("-", "\u2010", "\u2011"):
            return False  # "a genre-bending superstar": half of an adjective
        if any(
            sent.toks[j].tag == "VBG" and sent.toks[j - 1].text != "," and j != c
            for j in range(t.head + 1, _first(sent, c))
        ):
            # "shows officers racing up a staircase, converging outside the room": the next
            # item of what the object does, not a participle about the subject
            return False
        deps = {sent.toks[k].dep for k in t.children}
        focus = any(sent.toks[k].lower in _FOCUS and k == sent.first_word(c) for k in t.children)
        nouns = any(sent.toks[k].tag.startswith("NN") for k in t.children)
        if deps & {"det", "acl:relcl"} or (focus and not nouns and "xcomp" not in deps):
            # ", particularly manufacturing, which has slumped ...": a noun the tagger read as
            # a participle (a determiner, a relative clause, a focus adverb and no object;
            # ", primarily covering machinery" is a participle)
            return False
        sub = sorted(sent.subtree(c))
        if any(
            sent.toks[j].text == "," and sent.toks[j + 1].lower == "that"
            for j in sub
            if j > c and j + 1 in sub
        ):
            # "The firm said on Monday, citing weak demand, that it would close two plants":
            # an aside before what was said, which the parser hung on it
            return False
        size = len(sub)
        if _before(sent, c) in (",", "\u2014", "\u2013"):
            if t.tag == "VBN" and self._after_object(c):
                # "toured the old fort, built in 1820 by the navy": a passive participle
                # right after the object is about the object ("The minister … built in 1820
                # by the navy." was a claim); it stays in its clause
                return False
            return size >= 3 and not self._after_relative(c)
        # "endorsed Putin's leadership in Ukraine describing him as a 'king'": a trailing
        # -ing clause of its own length, far from its verb.
        return t.tag == "VBG" and size >= 4 and c - t.head >= 4 and _first(sent, c) > t.head

    def _after_object(self, c: int) -> bool:
        """The comma before participle `c` closes the object of the verb it hangs on."""
        sent = self.sent
        j = _mark_index(sent, c) - 1
        verb = sent.toks[sent.toks[c].head]
        return j >= 0 and any(
            sent.toks[k].dep in ("obj", "iobj") and j in sent.subtree(k) for k in verb.children
        )

    def _after_relative(self, c: int) -> bool:
        """ "demanding answers from providers whose equipment failed, leaving thousands
        without ...": right after a relative clause, the participle may be the relative's
        (the failure left them, not the demand); only a reader can tell, so it stays."""
        sent = self.sent
        head = sent.toks[c].head
        subject = subject_of(sent, head)
        if subject is not None and any(
            sent.toks[k].lower in ("who", "whose", "which") for k in sent.subtree(subject)
        ):
            return True  # hung on the relative clause's own verb ("whose equipment failed")
        last = _first(sent, c) - 1
        while last >= 0 and not sent.toks[last].text[:1].isalnum():
            last -= 1
        for g in [last, *sent.governors(last)] if last >= 0 else []:
            if g == head:
                return False
            if sent.toks[g].dep == "acl:relcl":
                return True
        return False

    def _opening_participle(self, c: int) -> bool:
        """ "Citing weak demand, the company cut 300 jobs": a participial clause that opens
        the sentence, set off by a comma before the clause's subject, states a fact of its
        own. One that restricts or conditions the clause stays ("Adjusted for inflation,
        wages fell"; "Compared with 2018, ..."; "Not counting ...")."""
        sent = self.sent
        t = sent.toks[c]
        if t.lower in _RESTRICTING or t.dep != "advcl":
            return False
        sub = sorted(k for k in sent.subtree(c) if sent.toks[k].pos != "PUNCT")
        opened = [k for k in range(sub[0]) if sent.toks[k].text not in _QUOTE_CHARS]
        if opened or any(sent.toks[k].lower in NEGATIONS for k in sub):
            return False
        if sub[0] != c and sent.toks[sub[0]].lower not in ("having", "being"):
            return False
        if any(
            sent.toks[k].tag in FINITE_TAGS and sent.toks[k].dep not in ("advcl", "acl:relcl")
            for k in sub
        ):
            return False  # "Cutting spending takes effort, they said": a gerund subject
        if sent.toks[t.head].tag not in FINITE_TAGS and not any(
            sent.toks[k].tag in FINITE_TAGS for k in sent.kids(t.head, *AUX)
        ):
            return False  # no clause of its own to leave (a misparse hung it on a noun)
        end = sub[-1] + 1
        subject = self._clause_subject(t.head)
        np = minimal_np(sent, subject) if subject is not None else set()
        return (
            len(sub) >= 3
            and end < len(sent.toks)
            and sent.toks[end].text == ","
            # the subject right after the comma: "Cutting spending takes effort ..., they
            # said" opens with a gerund subject, not a participle about "they"
            and bool(np)
            and min(np) == end + 1
        )

    def _nonrestrictive(self, c: int) -> bool:
        sent = self.sent
        head = sent.toks[sent.toks[c].head]
        if head.pos not in ("NOUN", "PROPN", "NUM"):
            return False
        rel = [k for k in sent.subtree(c) if sent.toks[k].lower in ("which", "who", "whom")]
        if not rel:
            # ", whose shares have fallen 40% this year,": set off by its comma
            return _before(sent, c) == "," and sent.toks[sent.first_word(c)].lower == "whose"
        if _before(sent, c) == ",":
            return True
        return sent.toks[rel[0]].lower == "which" or head.pos == "PROPN"

    def _partitive(self, c: int) -> bool:
        """ "one of the two main forms of infection": a number heading an "of" phrase."""
        sent = self.sent
        t = sent.toks[c]
        if t.lower not in ("one", "some", "part", "many", "most", "each"):
            return False
        after = [x.tag for x in sent.toks[c + 1 : c + 4]]
        if [x.lower for x in sent.toks[c + 1 : c + 3]] == ["of", "all"] and (
            len(after) < 3 or after[2] not in _NP_WORD_TAGS
        ):
            return False  # "most of all in the west": an adverb, no part of anything
        return any(
            sent.toks[k].dep.startswith("nmod") or sent.toks[k].dep == "obl" for k in t.children
        ) and any(sent.toks[k].lower == "of" for k in sent.subtree(c))

    def _appos_ok(self, c: int) -> bool:
        """A real apposition: a noun phrase set off on both sides, not a list, an acronym
        or a unit conversion ("2 inches (50.8 millimeters)")."""
        sent = self.sent
        t = sent.toks[c]
        head = sent.toks[t.head]
        sub = sorted(k for k in sent.subtree(c) if sent.toks[k].pos != "PUNCT")
        if t.pos not in ("NOUN", "PROPN") and not self._partitive(c):
            return False
        if head.pos not in ("NOUN", "PROPN") or head.lower.rstrip(".") in CALENDAR:
            return False  # "in May, Zippy Duvall, the president of ...": not about May
        if len(sub) == 1 and t.text.isupper():  # an acronym: "(NUG)"
            return False
        if head.lower.rstrip(".") in _STREETS or sent.toks[sub[0]].lower in _ADDRESS_PARTS:
            return False  # "at 12 Harbor Road, Suite 4, Springfield": an address, no identity
        first = head.i
        while first and sent.toks[first - 1].tag in ("NNP", "NNPS"):
            first -= 1  # (the name's first word: "Jo" of "Jo Walton")
        if (
            t.pos == "PROPN"
            and head.pos == "PROPN"
            and first >= 2
            and sent.toks[first - 1].text == ","
            and sent.toks[first - 2].tag in ("NNP", "NNPS")
        ):
            # "writers including Neil Gaiman, Jo Walton, Ellen Kushner, ...": a name after a
            # name in a list of names is the next item ("Walton is Ellen Kushner." was a claim)
            return False
        if any(sent.toks[k].dep == "case" and k < c and sent.toks[k].tag != "POS" for k in sub):
            # "in Europe, up to 277 miles of range": a phrase with its own preposition is no
            # identity of the noun before it ("Europe is up to 277 miles of range")
            return False
        # "A, B and C": a list the parser took for an apposition, the "and" on B or on C
        # when C has a determiner as B does ("a rise in property tax, a new bus route and a
        # ban on bags", "health care, transportation and education"; "a psychologist and
        # jail suicide expert" is one person)
        det = bool(sent.kids(c, "det"))
        items = {c, *(k for k in sent.kids(c, "conj") if bool(sent.kids(k, "det")) == det)}
        if any(sent.toks[k].dep == "cc" and sent.toks[k].head in items for k in sub):
            return False
        if any(sent.toks[k].dep == "conj" for k in head.children):
            return False
        if t.lower in _REPORTING and all(
            not x.text[:1].isalnum() for x in sent.toks[sub[-1] + 1 :]
        ):
            # "..., the report estimates.": a closing source whose verb the tagger read as a
            # plural noun ("40,000 more nurses are the report estimates." was a claim)
            return False
        if sent.toks[sub[0]].lower in _MEASURE_OPENERS and sub[0] < c:
            # "spent $12 million on the project, more than twice the original budget": a
            # measure of a figure in the clause, never the identity of the noun before it
            # ("The project is more than twice the original budget.")
            return False
        if head.pos != "PROPN" and any(ch.isdigit() for k in sub for ch in sent.toks[k].text):
            return False
        clauses = set()
        for k in sub:
            if sent.toks[k].dep in ("acl:relcl", "acl", "advcl:relcl"):
                clauses |= sent.subtree(k)
        if any(sent.toks[k].tag in FINITE_TAGS for k in sub if k not in clauses):
            return False  # a verb of the main clause got under it: a misparse
        if any(sent.toks[k].lower in SPEECH and sent.toks[k].is_verb for k in sub):
            # "The deal, Mayor Ruiz said, will bring 400 jobs": a source set off inside the
            # clause, no identity of the noun ("Mayor Ruiz said is The deal." was a claim)
            return False
        if any(
            sent.toks[k].tag in ("VBG", "VBN")
            and sent.toks[k].dep in ("list", "parataxis", "conj", "dep")
            and sent.toks[k - 1].text == ","
            for k in sub
        ):
            # "show the mayor, Jane Roe, shouting at a reporter": a participle of the clause
            # hung on the name ("Jane Roe, shouting at a reporter is the mayor." was a claim)
            return False
        after = sub[-1] + 1
        while after < len(sent.toks) and sent.toks[after].text in _QUOTE_CHARS:
            after += 1
        item = after + 2
        while item < len(sent.toks) and sent.toks[item].tag == "RB":
            item += 1  # ", and probably resale value"
        if (
            item < len(sent.toks)
            and sent.toks[after].text == ","
            and sent.toks[after + 1].lower in ("and", "or")
            and sent.toks[item].tag in _NP_WORD_TAGS | {"CD", "NNPS", "VB"}
        ):
            # "a mix of cold nights, diesel emissions, and farm smoke": a list, never an
            # item to leave out (not "Diwali, the festival of lights, and often, by ...")
            return False
        if _inverted_source(sent, after):
            # "The deal, a big win for the city, said Mayor Ruiz, will bring 400 jobs": the
            # source set off after it is no verb of the noun ("The deal said Mayor Ruiz,
            # will bring 400 jobs." was a claim); the sentence stays whole
            return False
        chain = _chained_noun_phrase(sent, after)
        if chain is not None:
            # "Maria Lopez, a spokeswoman for Harbor Watch, the city's port authority, told
            # ...": a second apposition, about the head or about the noun that ends the
            # first.  Cutting the first alone left "Maria Lopez, the city's port
            # authority, told ..."; the two leave together ("Maria Lopez is a spokeswoman
            # for Harbor Watch, the city's port authority.") when the second is a tree of
            # its own, else both stay
            roots = {k for k in chain if sent.toks[k].head not in chain or sent.toks[k].head == k}
            edges = {after, max(chain) + 1}  # the commas around it
            if any(not sent.subtree(r) <= chain | edges for r in roots):
                return False
            self.chained[c] = roots | edges
            return True
        if any(
            sent.toks[k].dep == "appos" and k != c and _before(sent, k) == ","
            for k in head.children
        ):
            # a second apposition not chained to this one (see above) is about the noun
            # that ends the first as often as about the head: never "Omar Lamrani is the
            # ... firm", and never a claim that keeps one of the two inline (a bracketed
            # acronym, "(NUG)", is no second apposition)
            return False
        return after >= len(sent.toks) or sent.toks[after].text in _DELIMITERS

    # -- building ---------------------------------------------------------------------------
    def walk(
        self, i: int, head: int, skip: set[int], protected: bool, frame: frozenset[int]
    ) -> None:
        """Detach what leaves the clause of `head` under token `i`; collect it in `skip`.

        `frame` is the attribution that every part detached here must keep (inside "X said
        that A and B", B keeps "X said"); under a condition nothing is detached.
        """
        for c in self.sent.toks[i].children:
            kind = None if protected else self.detach(c, head)
            if kind in ("relative", "apposition") and any(
                self.sent.toks[k].lower in _DENIALS for k in frame
            ):
                # "The minister denied that the government had paid the ransom, which reports
                # put at $2 million": what the minister denied is the payment, not the
                # amount ("The minister denied the ransom reports put at $2 million." was
                # a claim); the clause stays in what was denied
                kind = None
            unit = self.build(c, kind, frame) if kind else None
            if unit is not None:
                # a name in apposition stays in its clause too ("met the leader, Min Aung Hlaing")
                if kind != "apposition" or self.sent.toks[c].pos != "PROPN":
                    skip.add(c)
                    skip |= unit.adopted
                else:
                    self.walk(c, head, skip, protected, frame)
                continue
            inner = self._content_frame(c)
            if inner is not None:
                # "describe how much I love it and am honored to ...": nothing leaves a
                # question that is reported (its parts are no propositions of their own)
                asked = protected or self._wh_content(c)
                self.walk(c, c, skip, asked, frame | inner)
            else:
                # a condition, or the content of a noun ("the announcement that A and B"):
                # nothing inside leaves
                noun_content = self.sent.toks[c].dep in CONTENT and not self.sent.toks[i].is_verb
                closed = protected or self._conditional(c) or noun_content
                self.walk(c, head, skip, closed, frame)

    def _embedded_question(self, c: int) -> bool:
        """ "assess which companies are best placed, and how many services consumers will
        sign up for": the second "how many ..." is what is assessed, no claim of its own."""
        sent = self.sent
        words_ = [k for k in sorted(sent.subtree(c)) if sent.toks[k].text[:1].isalnum()]
        first = next((k for k in words_ if sent.toks[k].dep != "cc"), None)
        return first is not None and (
            sent.toks[first].tag in ("WRB", "WP", "WDT") or sent.toks[first].lower == "whether"
        )

    def _shares_complement(self, h: int, c: int) -> bool:
        """ "hunted and ate a wild rabbit": the first verb has nothing of its own (no object,
        no phrase), so what follows the second is said of both; cut, "He hunted." would
        claim less than the text and something else."""
        sent = self.sent
        if has_subject(sent, c) or not sent.toks[h].is_verb:
            return False
        bare = {"nsubj", "nsubj:pass", "aux", "aux:pass", "punct", "cc", "conj", "mark", "expl"}
        return all(sent.toks[k].dep in bare for k in sent.toks[h].children) and any(
            sent.toks[k].dep not in ("punct", "cc") for k in sent.toks[c].children
        )

    def _set_off(self, p: int, role: str) -> bool:
        """A part leaves its clause only when punctuation or a conjunction sets it off on
        both sides ("..., leading to X." / "condemned X and imposed Y,"): when the parser
        hangs a part on the wrong word, the words around it do not fit, and the part stays.
        """
        sent = self.sent
        sub = sorted(sent.subtree(p))
        words_ = [k for k in sub if sent.toks[k].text[:1].isalnum()]
        if not words_:
            return False
        first, last = words_[0], words_[-1]
        if any(k not in sub for k in range(first, last + 1)):
            return False  # not one stretch of text
        before = first - 1
        while before >= 0 and sent.toks[before].text in _QUOTE_CHARS:
            before -= 1
        opens = (
            before < 0
            or sent.toks[before].text in _OPENING_MARKS
            or sent.toks[before].lower in _JOINERS
            or (role == "relative" and sent.toks[first].lower in ("who", "which", "whom"))
        )
        after = last + 1
        while after < len(sent.toks) and sent.toks[after].text in _QUOTE_CHARS + ")":
            after += 1
        closes = after >= len(sent.toks) or sent.toks[after].text in _DELIMITERS
        if role == "relative" and any(
            sent.toks[k].text == "," and k + 1 <= last and sent.toks[k + 1].tag in ("IN", "TO")
            for k in range(first, last)
        ):
            return False  # ", which is reliant on X, to the table": the clause ended earlier
        return opens and closes

    def _tail_to_end(self, p: int) -> set[int]:
        """ "..., and were released on the condition that each post bond within a week" /
        "..., which it said crashed south of the capital Kabul": the parser hung the last
        words on an earlier verb.  A last part that runs to the end of the sentence takes
        them back when nothing sets them off (no comma, semicolon or dash, no verb of their
        own).  Returns the roots of those words' subtrees (empty when it cannot)."""
        sent = self.sent
        head = sent.toks[p].head
        sub = sent.subtree(p)
        if any(sent.toks[c].dep == "conj" and c > p for c in sent.toks[head].children):
            return set()  # not the last part
        rest = range(max(sub) + 1, len(sent.toks))
        tail = [k for k in rest if sent.toks[k].pos != "PUNCT"]
        if not tail or any(sent.toks[k].text in _OPENING_MARKS for k in rest):
            return set()
        if any(sent.toks[k].tag in FINITE_TAGS for k in tail):
            return set()
        roots = {k for k in tail if sent.toks[k].head not in tail}
        if any(self.sent.toks[r].head in tail for r in roots) or p in {
            g for r in roots for g in sent.governors(r)
        }:
            return set()
        return roots

    def build(self, p: int, role: str, frame: frozenset[int] = frozenset()) -> Unit | None:
        """The unit of predicate (or apposition) `p`; None when it could not stand alone."""
        sent = self.sent
        adopted: set[int] = set()
        if role in ("part", "relative", "contrast", "parataxis") and not self._set_off(p, role):
            adopted = self._tail_to_end(p) if role in ("relative", "part") else set()
            if not adopted:
                return None
        skip: set[int] = set()
        before = len(self.units)
        if role != "apposition":
            own_frame = frame
            tail = self._speech_tail(p)
            if tail is not None:  # "A, he said": A's parts keep "he said"
                own_frame = frame | self._frame_of(tail)
            self.walk(p, p, skip, self._conditional(p), own_frame)
        toks = sent.subtree(p, skip)
        chain = self.chained.get(p, set()) if role == "apposition" else set()
        for root in adopted | chain:
            toks |= sent.subtree(root)
        unit = Unit(role, p, toks, adopted=adopted | chain)
        if role == "apposition":
            # the comma between chained appositions stays ("..., the city's port authority")
            unit.toks = {k for k in toks if sent.toks[k].dep != "punct" or k in chain}
            anchor = self._appos_anchor(p)
            if anchor is None:
                del self.units[before:]
                return None
            unit.borrowed = minimal_np(sent, anchor)
        elif role in ("conj", "part"):
            if role == "conj" and any(
                sent.toks[c].dep == "cop" and sent.toks[c].tag == "VBG"
                for c in sent.toks[p].children
            ):
                # "isn't a guide (and being bilingual, ...)": a participle phrase, no
                # predicate ("The report n't being bilingual." was a claim)
                del self.units[before:]
                return None
            if role == "conj" and sent.toks[p].tag == "VBG" != sent.toks[sent.toks[p].head].tag:
                # "has injected drama, publicly threatening them": an -ing form coordinated
                # with a finite verb is a participle; it takes no auxiliary of the clause
                role = unit.role = "part"
            subj = self._clause_subject(sent.toks[p].head)
            if subj is None and role == "conj" and not has_subject(sent, p):
                # ("Prosecutors alleged | appeared to sleep for two hours": the words around
                # it are no subject)
                del self.units[before:]
                return None
            if subj is not None and not has_subject(sent, p):
                # the "there" of "There were other issues, such as assisting ..." is the
                # subject of a "be" only, and "say" in "China said it is committed ... and
                # say they show restraint" is not the verb of "it" (the parser lost the
                # clause's own subject): with no subject to borrow, the part stays in its
                # clause
                if (
                    (sent.toks[subj].tag == "EX" and not self._is_be(p))
                    or not _number_agrees(sent, subj, p)
                    # "found that 40 percent lacked a nurse, and that most had none": a
                    # conjunct with a "that" of its own is a clause with its own subject
                    # (here misread), never the first clause's
                    or any(
                        sent.toks[k].dep == "mark" and sent.toks[k].lower == "that"
                        for k in sent.toks[p].children
                    )
                    # '"Numerical experiments ... are successful," Nelson, a fellow ..., and
                    # co-author of the study, said': who said it is never inside the quote
                    or (sent.toks[p].lower in SPEECH and self.quoted[subj])
                    or (role == "conj" and _stray_subject(sent, p, toks))
                ):
                    del self.units[before:]
                    return None
                unit.borrowed = _subject_np(sent, subj)
                if not unit.borrowed:
                    # "the program, which ended in May, and would not renew it" parsed with
                    # "renew" a conjunct of "ended": a relative pronoun is no subject to
                    # borrow ("The mayor said would not renew it.")
                    del self.units[before:]
                    return None
                if sent.toks[max(unit.borrowed)].tag == "POS":
                    del self.units[before:]
                    return None  # a possessor the parser made the subject ("The company's")
                if _list_tail_subject(sent, subj, unit.borrowed):
                    del self.units[before:]
                    return None
                if all(subj > k for k in toks if sent.toks[k].text[:1].isalnum()):
                    unit.lead = set(unit.borrowed)
            if (
                role == "conj"
                and not any(sent.toks[k].dep in AUX for k in sent.toks[p].children)
                and sent.toks[p].tag not in FINITE_TAGS
                # (a clause with its own subject shares nothing: the head's "is" would come
                # before that subject, "Is a look at them is enough")
                and not has_subject(sent, p)
            ):
                unit.borrowed |= self._shared(sent.toks[p].head, self._takes_copula(p))
        elif role == "relative":
            head = self.antecedent.get(p, sent.toks[p].head)
            if sent.toks[head].lower in _TIME_NOUNS and any(
                sent.toks[c].dep == "case" for c in sent.toks[head].children
            ):
                # "tackling all of the sources at the same time, which has proven to be an
                # enormous hurdle": the clause is about the tackling, not the time
                del self.units[before:]
                return None
            unit.borrowed = self.antecedent_words.get(p) or minimal_np(sent, head)
            if p in self.described:  # (`head` is the noun heading the whole phrase)
                # the noun phrase, its comma and the clause with its "which"
                unit.described = True
                unit.borrowed |= self.described[p]
                unit.borrowed.add(sent.first_word(p) - 1)
            elif sent.toks[head].dep in SUBJ:
                unit.borrowed |= _phrase_before_clause(sent, head, p)
            if sent.toks[head].dep == "conj":  # "nations and groups, who ...": not "and groups"
                unit.borrowed -= {c for c in sent.toks[head].children if sent.toks[c].dep == "cc"}
        elif role == "contrast":
            marks = {c for c in sent.toks[p].children if sent.toks[c].dep == "mark"}
            # "Even though X, ...": the claim is "X", never "Even X"
            unit.dropped |= marks | {
                c for c in sent.toks[p].children if sent.toks[c].lower == "even" and c + 1 in marks
            }
        if role != "apposition" and not (role == "relative" and self._speaker(p)):
            unit.borrowed |= frame - toks
        if unit.lead and unit.borrowed - unit.lead:
            del self.units[before:]
            return None  # an opener borrows its subject and nothing else
        if unit.borrowed and role != "apposition":
            first = min(unit.borrowed)
            if sent.toks[first].lower in _COORDINATOR_WORDS:
                opening = next(k for k, t in enumerate(sent.toks) if t.text[:1].isalnum())
                if first == opening:
                    # "And U.S. imports ..., harming U.S. producers": the sentence's opening
                    # "And" is no part of the subject
                    unit.borrowed.discard(first)
                else:
                    # "Stocking your kitchen with ... nuts, and seeds can improve your diet and
                    # reduce ...": a subject that opens with "and" is an item of a list the
                    # parser took for the subject ("And seeds can reduce ..."), an antecedent
                    # so too ("the Rock and Roll Hall of Fame's Class of 2020, which ..." with
                    # "Hall" the head gave "And Roll Hall will be honored ..."); it stays
                    del self.units[before:]
                    return None
        if (
            role == "relative"
            and not unit.borrowed
            and sent.toks[sent.first_word(p)].lower == "whose"
        ):
            del self.units[before:]
            return None  # "Whose sales have been badly hit ...": no owner to name
        # a clause cut from its sentence must stand alone too ("..., but the four players in
        # front of him — A, B and C — hadn't done it": never "Hadn't done it.")
        if (role != "clause" or p not in sent.roots) and not self._stands_alone(unit):
            del self.units[before:]
            return None
        self.units.append(unit)
        return unit

    def _appos_anchor(self, p: int) -> int | None:
        """The noun apposition `p` describes: the noun phrase that ends right before its
        comma.  The parser may hang it higher ("assured the public on Weibo, a Twitter-like
        site" on "public"; "A study by the Centre for Trade Research, a London-based think
        tank" on "study"): then the noun before the comma, when its phrase stands alone;
        None (the apposition stays inline) when it is part of a longer name."""
        sent = self.sent
        head = sent.toks[p].head
        j = sent.first_word(p) - 1
        while j >= 0 and sent.toks[j].pos == "PUNCT":
            # "The National Unity Government (NUG), the main ...": the noun before brackets
            j = min(_before_bracket(sent, j), j - 1)
        if j < 0 or j in minimal_np(sent, head):
            return head
        if sent.toks[j].pos not in ("NOUN", "PROPN") or j not in sent.subtree(head):
            return None
        first = min(minimal_np(sent, j))
        if (
            first >= 2
            and sent.toks[first - 1].tag == "IN"
            and sent.toks[first - 2].text[:1].isupper()
        ):
            return None  # "the Centre for Trade Research": not "Trade Research is ..."
        return j

    def _speaker(self, p: int) -> bool:
        """Relative clause `p` is about who speaks ('..." added Ruiz, who led the study'):
        what it says is the writer's, never under the frame of what was said."""
        sent = self.sent
        head = sent.toks[self.antecedent.get(p, sent.toks[p].head)]
        return head.dep in SUBJ and sent.toks[head.head].lower in SPEECH

    def _stands_alone(self, unit: Unit) -> bool:
        """At least three words of its own, a subject or an anchor, and a verb or copula."""
        sent = self.sent
        own = [k for k in unit.toks - unit.dropped if sent.toks[k].text[:1].isalnum()]
        if unit.role == "apposition":
            # "the four players — Oscar Robertson, Russell Westbrook, ...": one name of a
            # list is not "the four players"
            head = sent.toks[sent.toks[unit.pred].head]
            if head.tag in ("NNS", "NNPS") and sent.toks[unit.pred].tag in ("NNP", "NN"):
                return False
            # "a news outlet, such as Forbes": an example, not an identity
            if own and sent.toks[min(own)].lower in _EXAMPLE_OPENERS:
                return False
            return bool(unit.borrowed) and len(own) + len(unit.borrowed) >= 3
        # a predicate of one or two words under a borrowed subject and attribution
        # ("Prosecutors alleged ... abused") says too little to check on its own
        if len(own) < 3:
            return False
        if not (unit.borrowed or has_subject(sent, unit.pred)):
            return False
        return any(sent.toks[k].is_verb or sent.toks[k].dep == "cop" for k in own)

    def _clause_subject(self, h: int) -> int | None:
        """The subject of `h`, or of the nearest predicate above it (a participle hanging
        on a noun is about the clause's subject: "an ally of the government, offering")."""
        sent = self.sent
        for g in [h, *sent.governors(h)]:
            if is_predicate(sent, g):
                return subject_of(sent, g)
        return None

    def _is_be(self, c: int) -> bool:
        """Predicate `c` is a form of "be", or has one as its auxiliary or copula."""
        sent = self.sent
        forms = {sent.toks[c].lower} | {
            sent.toks[k].lower
            for k in sent.toks[c].children
            if sent.toks[k].dep in AUX or sent.toks[k].dep == "cop"
        }
        return bool(forms & _BE)

    def _participle_after_speech(self, h: int, c: int) -> bool:
        """'"... not bolt-on things," Cook said, but instead "embedded in who we are."': a
        participle with no auxiliary beside a verb of speech continues what was said (of
        its subject, privacy), never a second thing the speaker did ("Cook embedded in
        who we are")."""
        sent = self.sent
        t = sent.toks[c]
        return (
            self._is_speech(h)
            and t.tag in ("VBN", "VBG")
            and t.lower not in PROPOSING  # "said X and urged/VBN investors to ...": a past
            and not any(sent.toks[k].dep in AUX for k in t.children)
        )

    def _coordinator(self, h: int, c: int) -> bool:
        """A conjunct predicate has its "and" (or "but", "or"), or is an item of a list whose
        last item has one ("A, B and C"): with none, the parser joined what no word joins
        ("The court ruled that the law, passed in 2019, violated the constitution" read
        "violated" as a second act of the court: "The court violated the constitution.")."""
        sent = self.sent
        if sent.toks[c].tag == "VBG" and _before(sent, c) == ",":
            return True  # ", offering economic support": a participle clause read as a conjunct
        # the later items of the same list (an "and" after it that joins it to an item of its
        # own, "violated X and ordered Y", joins nothing to the verb before it)
        siblings = [c] + [k for k in sent.toks[h].children if k > c and sent.toks[k].dep == "conj"]
        for k in siblings:
            # its "and" before it among its words, whatever the parser hung it on ("..., and
            # had also planned to ..."), or just before them
            if any(sent.toks[x].tag == "CC" for x in sent.subtree(k) if x < k):
                return True
            j = _first(sent, k) - 1
            while j > 0 and not sent.toks[j].text[:1].isalnum():
                j -= 1
            if j >= 0 and sent.toks[j].tag == "CC":
                return True
        return False

    def _report_after_complement(self, h: int, c: int) -> bool:
        """ "The report found that 12 hospitals lacked staff and recommended new funding": a
        verb of saying or proposing after "and", at the end of what a source found or said,
        may be the source's second act as well as the clause's ("The report found 12
        hospitals recommended new funding." put the recommendation in the hospitals'
        mouth): the clause stays whole."""
        sent = self.sent
        head = sent.toks[h]
        return (
            head.dep == "ccomp"
            and head.head < h  # (", the office said" closing it: no second act to share)
            and sent.toks[head.head].lower in _SOURCE_VERBS
            and (sent.toks[c].lower in SPEECH or sent.toks[c].lower in PROPOSING)
        )

    def _act_after_report(self, h: int, c: int) -> bool:
        """ "Officials said the fire destroyed 12 homes and damaged 30 more": a verb between a
        verb of saying and a second predicate is what was said, which the parser missed
        ("destroyed" read as a participle of "homes"); the second predicate continues it,
        not the speakers ("Officials damaged 30 more." was a claim).  With nothing but a
        noun phrase between, the speakers act twice ("The minister said nothing and left
        the room")."""
        sent = self.sent
        if not (sent.toks[h].lower in _SOURCE_VERBS and h < c):
            return False
        if sent.toks[c].lower in _SOURCE_VERBS or sent.toks[c].lower in PROPOSING:
            # "said X and added Y", "said X and called on Y to ...": both the speakers'
            return False
        return any(
            sent.toks[k].tag in ("VBD", "VBN", "VBZ", "VBP")
            and sent.toks[k].lower not in AUXILIARIES
            for k in range(h + 1, _first(sent, c))
        )

    def _nearer_clause(self, h: int, c: int) -> bool:
        """ "The firm cut 300 jobs, warning that demand had fallen sharply and was unlikely to
        recover": a second predicate with no subject, joined by a bare "and" right after a
        clause with a subject of its own inside the first predicate's words, may be that
        clause's ("demand was unlikely to recover"); which one the parser cannot tell ("The
        firm was unlikely to recover." was a claim), so it stays. A comma before the "and"
        closes the inner clause ("said demand had fallen, and cut 300 jobs"); a relative
        pronoun is no clause's own subject."""
        sent = self.sent
        first = _first(sent, c)
        if has_subject(sent, c) or first < 2 or sent.toks[first].dep != "cc":
            return False
        if sent.toks[first - 1].text == "," or sent.toks[c].lower in _SOURCE_VERBS | PROPOSING:
            # ("said it viewed X as Y and said ...", "... and called on Y to ...": the
            # speakers say twice)
            return False
        for k in range(h + 1, first):
            t = sent.toks[k]
            if not t.is_verb and "cop" not in {sent.toks[x].dep for x in t.children}:
                continue
            subjects = [x for x in t.children if sent.toks[x].dep in SUBJ and h < x < k]
            if subjects and sent.toks[subjects[0]].tag not in ("WDT", "WP"):
                return True
        return False

    def _participle_with_subject(self, c: int) -> bool:
        """ "... arising from A, B, and rural smoke converging over the region": a participle
        with a subject of its own and no auxiliary would need its head's "is" after that
        subject, which no span of the text gives ("Is rural smoke converging ..."): it stays
        with its clause."""
        t = self.sent.toks[c]
        kids = {self.sent.toks[k].dep for k in t.children}
        return t.tag in ("VBG", "VBN") and bool(kids & SUBJ) and not kids & (AUX | {"cop"})

    def _takes_copula(self, c: int) -> bool:
        """Whether conjunct `c` shares its head's copula: a predicate with none of its own
        ("is the most common form and [is] where ..."; "are the most profitable, [are]
        followed by ..."; "is to make the game and [is to] get it out"), never a verb with an
        object or a tense of its own ("we're in awe of it and take advantage": not "we're
        take")."""
        sent = self.sent
        t = sent.toks[c]
        kids = {sent.toks[k].dep for k in t.children}
        if "cop" in kids or t.tag in ("VBD", "VBZ", "VBP"):
            return False
        if t.tag != "VB":
            return True
        head = sent.toks[t.head]
        objects = kids & {"obj", "ccomp", "xcomp", "iobj"}
        verb = bool(objects) and POS_CLASSES.get(t.lower, "")[:1] == "V"
        if head.tag in ("JJ", "JJR", "JJS") and not verb:
            return True  # "were crisp and fluid": an adjective the tagger took for a verb
        # ("you're that concerned about it, buy a battery": never "You're buy a battery")
        to = any(sent.toks[k].lower == "to" and sent.toks[k].dep == "mark" for k in head.children)
        return to or not objects

    def _shared(self, h: int, copula: bool = True) -> set[int]:
        """Auxiliaries and negation of `h` that a coordinated predicate shares (its copula
        too when `copula`)."""
        out = set()
        for c in self.sent.toks[h].children:
            t = self.sent.toks[c]
            if t.dep in AUX or (copula and t.dep == "cop") or t.lower in NEGATIONS:
                out.add(c)
            elif (
                copula
                and t.dep == "mark"
                and t.lower == "to"
                and any(self.sent.toks[k].dep == "cop" for k in self.sent.toks[h].children)
            ):
                out.add(c)  # "Our objective is to make X and [is to] get it ..."
            elif t.dep == "advmod" and t.lower in ("longer", "yet"):
                out |= self.sent.subtree(c)
        return out

    def run(self) -> list[Unit]:
        for root in self.sent.roots:
            self.build(root, "clause")
        return self.units


def split_units(sent: Sentence, *, open_quote: bool = False, fine: bool = False) -> list[Unit]:
    """The claim units of one parsed sentence (see the module docstring)."""
    units = _Splitter(sent, open_quote, fine).run()
    units = _rejoin_subordinate(sent, units)
    units = _keep_faithful(sent, units)
    units = _keep_subject(sent, units)
    units = _keep_misread(sent, units)
    units = _keep_attributed(sent, units)
    _keep_reported(sent, units)
    for unit in units:
        _trim(sent, unit)
    units = _keep_standalone(sent, units)
    units = _no_splice(sent, units)
    units = _whole_words(sent, units)
    units = _keep_inverted_condition(sent, units)
    units = _bracketed_asides(sent, units)
    return [u for u in units if u.toks - u.dropped]


def _bracketed_asides(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A bracketed aside with a verb of its own states a fact of its own
    (docs/annotation.md): "a swimming pool (which contains about 2,750 tons of water)",
    "Plains (covering 65 percent of the surface)", "(44 percent of Americans say ...)". It
    becomes a claim apart, about the noun before it when it has no subject, and leaves the
    claim around it. Read from the brackets and the tags, since the parser often hangs such
    an aside on the wrong word; a list, a conversion, a name or a source ("the company
    said") in brackets stays where it is."""
    toks = sent.toks
    words_ = [t.i for t in toks if t.text[:1].isalnum()]
    for a, b in _bracket_pairs(toks):
        inner = [t for t in toks[a + 1 : b] if t.text[:1].isalnum()]
        if len(inner) < 3 or not words_ or a < words_[0]:
            continue  # short, or brackets opening the sentence
        if any(t.text in _QUOTE_CHARS for t in toks[a + 1 : b]) or (
            len(inner) <= 5 and any(t.lower in SPEECH for t in inner)
        ):
            continue  # titles and words quoted, or a source ("the company said")
        first = inner[0]
        verbs = [t.i for t in inner if t.tag in FINITE_TAGS]
        before = toks[a - 1] if a else None
        noun = before is not None and before.tag in _NP_WORD_TAGS - {"DT", "PRP$", "HYPH"}
        opening = [t for t in inner if verbs and t.i < verbs[0]]
        if first.lower in ("which", "who") and noun and verbs:
            role, pred, dropped = "relative", verbs[0], {first.i}
        elif first.tag in ("VBG", "VBN") and first.lower not in _GLOSSES and noun:
            role, pred, dropped = "part", first.i, set()
        elif (
            opening
            and first.tag not in ("VBG", "VBN")
            and opening[-1].tag in _SUBJECT_TAGS
            # "(not an obvious assumption in a film that builds ...)", "(both of which
            # have ...)": a noun with a relative clause, no clause of its own
            and not any(t.tag in ("WDT", "WP") or t.lower in COORDINATORS for t in opening)
        ):
            role, pred, dropped = "clause", verbs[0], set()
        else:
            continue
        aside = set(range(a, b + 1))
        kept = []
        for unit in units:
            if unit.toks <= aside:
                continue  # a unit the parser made of part of the aside: the aside is one
            unit.dropped |= unit.toks & aside
            kept.append(unit)
        borrowed = _words_of_np(sent, a - 1, coordinated=True) if role != "clause" else set()
        own = {t.i for t in toks[a + 1 : b]}
        kept.append(Unit(role, pred, own, borrowed, dropped))
        units = kept
    return units


_GLOSSES = _PREPOSITIONAL | words("meaning")
# words that open a measure of a figure rather than a noun phrase
_MEASURE_OPENERS = words(
    "more less fewer twice thrice double triple quadruple half nearly almost roughly about up down"
)


def _bracket_pairs(toks: list[Tok]) -> list[tuple[int, int]]:
    """(open, close) token indices of the top-level round brackets, in order."""
    pairs, stack = [], []
    for t in toks:
        if t.text == "(":
            stack.append(t.i)
        elif t.text == ")" and stack:
            a = stack.pop()
            if not stack:
                pairs.append((a, t.i))
    return pairs


def inverted_condition(toks: list[Tok], a: int, b: int) -> bool:
    """Tokens [a, b) open with a condition without "if": an auxiliary before its subject
    ("Had the dam failed", "Should inflation persist"; not "Had 40 staff.", a clipped "He
    had")."""
    return (
        a + 2 < b
        and toks[a].lower in ("had", "were", "should")
        and toks[a].tag in ("VBD", "MD")
        and toks[a + 1].tag in ("DT", "PRP$", "PRP", "NN", "NNS", "NNP", "NNPS", "CD")
    )


def correlative(toks: list[Tok]) -> bool:
    """ "(He believes that) the more one hears him, the more one dislikes him": two halves
    that say one thing (each alone says nothing the text does); so do the halves of an
    opening "Not only ..., but ..."."""
    halves = [
        k
        for k in range(len(toks) - 1)
        if toks[k].lower == "the" and toks[k + 1].tag in ("JJR", "RBR")
    ]
    if len(halves) > 1 and any(toks[k - 1].text == "," for k in halves[1:]):
        return True
    # "Not only did exports fall, but imports also dropped": the first half inverted (cut,
    # "Not only did exports fall." is no sentence)
    words_ = [t.lower for t in toks if t.text[:1].isalnum()][:2]
    return words_ == ["not", "only"] and any(t.lower == "but" for t in toks)


def _keep_inverted_condition(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """ "Had the dam failed, 40,000 people would have been flooded": a condition with no
    "if" that the parser rarely recognises (it hangs the main clause on "failed", or takes
    "persist" in "Should inflation persist" for a noun). Cut anywhere, the main clause would
    lose its condition and state a fact: the sentence stays one claim. So does a comparative
    correlative ("The more ..., the more ...")."""
    first = next((t for t in sent.toks if t.text[:1].isalnum()), None)
    comma = next((t.i for t in sent.toks if t.text == ","), None)
    if len(units) < 2 or first is None or comma is None:
        return units
    if not (inverted_condition(sent.toks, first.i, comma) or correlative(sent.toks)):
        return units
    main = next((u for u in units if u.role == "clause"), units[0])
    whole = Unit(main.role, main.pred, set().union(*(u.toks for u in units)))
    whole.toks |= {t.i for t in sent.toks if t.text[:1].isalnum()}
    return [whole]


def _no_splice(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A conjunct goes back into the claim it was cut from when that claim goes on after it
    with words of its own (not the attribution they share): the parser hung a later clause
    on the wrong verb, and the claim left behind would splice two clauses ("The twists have
    left firms uncertain whether a tariff ... would remain")."""
    out = list(units)
    for u in units:
        if u.role != "conj" or u not in out:
            continue
        head = sent.toks[u.pred].head
        owner = next((v for v in out if v is not u and head in v.toks), None)
        if owner is None:
            continue
        end = max(u.toks)
        later = (owner.toks - owner.dropped) - u.borrowed
        if any(k > end and sent.toks[k].text[:1].isalnum() for k in later):
            owner.toks |= u.toks
            out.remove(u)
    return out


def _glued_hyphens(sent: Sentence) -> list[int]:
    """Hyphens inside a word ("cost-effectively"): no space on either side, letters or digits
    on both."""
    toks = sent.toks
    return [
        h
        for h in range(1, len(toks) - 1)
        if toks[h].text in ("-", "\u2010", "\u2011")
        and toks[h - 1].end == toks[h].start
        and toks[h].end == toks[h + 1].start
        and toks[h - 1].text[-1:].isalnum()
        and toks[h + 1].text[:1].isalnum()
    ]


def _whole_words(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """No claim ends or begins inside a hyphenated word: "new charities which could use the
    funds more cost-effectively than others could" read with the hyphen as a comma gave
    "... creating new charities -effectively than others could."  A part that holds one half
    of such a word and not the other goes back into the main claim."""
    glued = _glued_hyphens(sent)
    main = next((u for u in units if u.role == "clause"), None)
    if not glued or main is None:
        return units
    out = []
    for u in units:
        own = u.toks - u.dropped
        if u is not main and any((h - 1 in own) != (h + 1 in own) for h in glued):
            main.toks |= u.toks
            continue
        out.append(u)
    return out


_EXAMPLE_OPENERS = words("such like including especially notably particularly mainly chiefly")
_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "MD"})


def _keep_standalone(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A part whose subject could not be restored ("Hadn't done it against 30 teams.",
    "Forced to choose between ...") or that is only a subordinate clause ("When Republican
    Phil Bryant won in a landslide.") goes back into the sentence's main claim: a longer
    claim that says what the article says beats a fragment that says nothing, or something
    else."""
    main = next((u for u in units if u.role == "clause"), None)
    if main is None:
        return units
    if not any(sent.toks[k].is_verb or sent.toks[k].dep == "cop" for k in main.toks - main.dropped):
        # the parser took a noun for the sentence's root ("Their nominee ..., lost by ...")
        # and the verb for a part of it: its cuts are not to be trusted, the sentence stays
        for u in units:
            if u is not main and u.role != "apposition":
                main.toks |= u.toks
        return [main]
    out = []
    for u in units:
        if u is not main and u.role != "apposition" and not u.borrowed:
            words_ = sorted(k for k in u.toks - u.dropped if sent.toks[k].text[:1].isalnum())
            first = sent.toks[words_[0]] if words_ else None
            if first is not None and (
                first.tag in _VERB_TAGS
                or (first.lower in SUBORDINATE_OPENERS and first.dep in ("mark", "advmod"))
                # ("..., and before Trump's polls get into the high forties" with "before"
                # hung on the subject as its preposition)
                or (
                    first.lower in SUBORDINATE_OPENERS
                    and first.dep == "case"
                    and sent.toks[first.head].dep in SUBJ
                )
            ):
                main.toks |= u.toks
                continue
        if u is not main and u.role != "apposition" and _opens_without_subject(sent, u):
            # "Claimed other users have offered ...": a verb it borrowed without its subject
            main.toks |= u.toks
            continue
        out.append(u)
    return out


def _opens_without_subject(sent: Sentence, unit: Unit) -> bool:
    """The unit's text would open with a finite verb whose subject it does not hold."""
    words_ = sorted(
        k for k in (unit.toks | unit.borrowed) - unit.dropped if sent.toks[k].text[:1].isalnum()
    )
    if not words_ or words_[0] in unit.lead:
        return False
    first = sent.toks[words_[0]]
    return first.tag in FINITE_TAGS and not any(
        sent.toks[c].dep in SUBJ and c in unit.toks | unit.borrowed for c in first.children
    )


def _keep_faithful(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A part that would lose a negation, modal or condition governing it goes back into the
    sentence's main claim (``faithful.py``): the whole clause is kept rather than a claim
    that says something else."""
    main = next((u for u in units if u.role == "clause"), None)
    out = []
    for u in units:
        if u is main or u.role == "apposition":
            out.append(u)
            continue
        if missing_polarity(sent, (u.toks | u.borrowed) - u.dropped) and main is not None:
            main.toks |= u.toks
            continue
        out.append(u)
    return out


def _keep_subject(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A main clause whose verb has a tense but no subject in the tree ("..., council member
    Ana Ruiz, who lobbied for it, did not offer a response", the name hung on the clause
    before it) lost its subject to a misparse: the sentence stays one claim rather than
    "Did not offer a response." and a clause ending in the lost name."""
    main = next((u for u in units if u.role == "clause"), None)
    if main is None or len(units) < 2:
        return units
    pred = sent.toks[main.pred]
    group = [c for c in pred.children if sent.toks[c].dep in AUX or sent.toks[c].lower in NEGATIONS]
    tenses = [pred.tag] + [sent.toks[c].tag for c in group]
    own = sorted(
        k for k in (main.toks | main.borrowed) - main.dropped if sent.toks[k].text[:1].isalnum()
    )
    # (the parser may give a subject a wrong label, "Tim Clark" an oblique: the words are
    # there all the same)
    if not FINITE_TAGS.intersection(tenses) or not own or own[0] not in (pred.i, *group):
        return units
    return _whole(main, units)


def _whole(main: Unit, units: list[Unit]) -> list[Unit]:
    """The sentence as one claim: every unit's words back in the main clause's."""
    for u in units:
        if u is not main:
            main.toks |= u.toks
    return [main]


# words of time that are never verbs: the tagger calling one the main verb misread the
# sentence
_NEVER_VERBS = words("yesterday today tomorrow tonight")


def _keep_misread(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """ "The 23-year-old flew to London yesterday evening and will spend ...": tagged with
    "flew" a noun and "yesterday" the verb, the subject borrowed for the second predicate
    was "The old flew"; a sentence whose main verb is a word that is never one stays one
    claim."""
    main = next((u for u in units if u.role == "clause"), None)
    if main is None or len(units) < 2 or sent.toks[main.pred].lower not in _NEVER_VERBS:
        return units
    return _whole(main, units)


_SOURCE_VERBS = SPEECH | FINDINGS
# the parts of a postal address ("12 Harbor Road, Suite 4, Springfield")
_STREETS = words("street st road rd avenue ave boulevard blvd lane ln drive dr way plaza square")
_ADDRESS_PARTS = words("suite ste floor fl room rm unit apt apartment box building")
# verbs in -s that close a sentence with its source ("..., the report estimates")
_REPORTING = _SOURCE_VERBS | words("estimates predicts projects forecasts suggests")
# verbs whose content the source says is not so: nothing inside it is carried out with them
_DENIALS = words("deny denies denied denying reject rejects rejected dispute disputes disputed")
# nouns in -s that take "is" ("Measles is one of the most contagious diseases")
_SINGULAR_IN_S = words(
    """
    measles mumps rabies diabetes herpes news physics economics politics mathematics
    statistics athletics series species means headquarters
    """
)
# verbs of seeing or showing: an -ing clause after their object is the object's
PERCEPTION = words(
    """
    show shows showed shown showing see sees saw seen hear hears heard watch watches watched
    depict depicts depicted capture captures captured film films filmed photograph
    photographs photographed catch catches caught spot spots spotted picture pictured
    """
)


def sentence_attribution(sent: Sentence) -> set[int]:
    """The tokens of a source that speaks for the whole sentence: "According to X, ..." or a
    closing ", X said", ", according to X", ", the audit found"; empty when there is none.
    No part of such a sentence leaves it without that source (``_keep_attributed``,
    ``pipeline.parse_step``)."""
    toks = sent.toks
    words_ = [t for t in toks if t.text[:1].isalnum()]
    if len(words_) > 2 and words_[0].lower == "according" and words_[1].lower == "to":
        comma = next((t.i for t in toks if t.text == ","), None)
        return set(range(comma)) if comma is not None else set()
    if len(words_) > 2 and words_[0].lower == "as":
        # "As the agency reported, ...", "As Emily Feng reports for NPR, ...": a source too
        comma = next((t.i for t in toks if t.text == ","), None)
        if comma is None:
            return set()
        # (the tagger may read "reports" as a noun)
        verbs = [t for t in toks[:comma] if t.is_verb or t.lower in _SOURCE_VERBS]
        if len(verbs) == 1 and verbs[0].lower in _SOURCE_VERBS:
            return set(range(comma))
        return set()
    commas = [t.i for t in toks if t.text == ","]
    if not commas:
        return set()
    if (
        len(commas) > 1
        and commas[-1] + 1 < len(toks)
        and toks[commas[-1] + 1].tag == "VBG"
        and toks[commas[-1] + 1].lower in SPEECH
        and toks[commas[-1] + 1].lower != "according"
    ):
        # ", officials said, adding that the toll could rise": the source before what the
        # speakers added
        added = commas[-1]
        tail = [t for t in toks[commas[-2] + 1 : added] if t.text[:1].isalnum()]
        return set(range(tail[0].i, tail[-1].i + 1)) if _source_tag(toks, tail) else set()
    tail = [t for t in toks[commas[-1] + 1 :] if t.text[:1].isalnum()]
    if not tail or len(tail) > 12:
        return set()
    if (
        len(commas) > 1
        and tail[0].lower in ("a", "an", "the")
        and not any(t.is_verb and t.tag != "VBN" for t in tail)
    ):
        # ", according to a report from InfoNation, a Houston-based provider of data": the
        # source's apposition closes the sentence
        source = [t for t in toks[commas[-2] + 1 : commas[-1]] if t.text[:1].isalnum()]
        if len(source) >= 3 and source[0].lower == "according" and source[1].lower == "to":
            return set(range(source[0].i, tail[-1].i + 1))
    if tail[0].lower == "according" or _source_tag(toks, tail):
        return set(range(tail[0].i, tail[-1].i + 1))  # with its "'s" ("the governor's office")
    return _inverted_tag(toks, commas)


def _source_tag(toks: list[Tok], tail: list[Tok]) -> bool:
    """The words `tail` after a comma are a source: a name and its one verb of saying or
    finding, no more than twelve words (", the ministry said on Tuesday")."""
    # (a participle or a noun the tagger took for a verb is no second verb: "a Gallup poll
    # released Tuesday showed")
    verbs = [t for t in tail if t.tag in FINITE_TAGS or (t.is_verb and t.lower in _SOURCE_VERBS)]
    return (
        0 < len(tail) <= 12
        and len(verbs) == 1
        and verbs[0].lower in _SOURCE_VERBS
        and verbs[0] is not tail[0]
        # (", which it said crashed in Logar": a verb after the source's is what was said)
        and not any(t.is_verb for t in tail if t.i > verbs[0].i)
        # ", while the auditors found a deficit of $12 million": a clause of its own, saying
        # what it found
        and not (tail[0].lower in CONTRAST_MARKS or finding_with_object(toks, verbs[0].i))
    )


_INVERTED_VERBS = words("said says added adds wrote writes explained noted")


def finding_with_object(toks: list[Tok], j: int) -> bool:
    """ "found a deficit", "showed 12 percent": a verb of finding with what was found, no
    closing source (", the audit found")."""
    return (
        toks[j].lower in FINDINGS
        and j + 1 < len(toks)
        and toks[j + 1].tag in ("DT", "CD", "$", "PRP$", "JJ", "JJS", "JJR")
        and toks[j + 1].lower not in ("that", "this", "one")
    )


def _inverted_tag(toks: list[Tok], commas: list[int]) -> set[int]:
    """ ", said Ana Ruiz, a weather researcher": a closing tag with the verb first, then a
    name or a role and nothing that could be said (no verb, no relative clause), after a
    clause with a tensed verb of its own (not "The mayor, who ..., said he would resign")."""
    for c in reversed(commas[-2:]):
        tail = [t for t in toks[c + 1 :] if t.text[:1].isalnum()]
        if len(tail) < 2 or len(tail) > 14 or tail[0].lower not in _INVERTED_VERBS:
            continue
        if tail[1].tag not in ("NNP", "NNPS", "DT", "NN", "JJ") or any(
            t.is_verb or t.tag in ("WDT", "WP", "WRB", "PRP") for t in tail[1:]
        ):
            return set()
        if not any(t.tag in FINITE_TAGS for t in toks[:c]):
            return set()
        return set(range(tail[0].i, tail[-1].i + 1))
    return set()


def shared_source(sent: Sentence, source: set[int] | None = None) -> set[int]:
    """The sentence's source when each clause can carry a copy of it ("A, and B, the ministry
    said" -> "A, the ministry said" and "B, the ministry said"); empty when there is none
    or when the sentence quotes anyone: a quotation is never cut into pieces that each
    pretend to be what was said. ``source``: ``sentence_attribution(sent)`` when the caller
    has it already."""
    source = sentence_attribution(sent) if source is None else source
    if not source or any(t.text in _QUOTE_CHARS for t in sent.toks):
        return set()
    toks = sent.toks
    first, last = min(source), max(source)
    if first == 0:  # "According to the study, the man had ...": a clause must follow
        nxt = next((t for t in toks[last + 2 :] if t.text[:1].isalnum()), None)
        return source if nxt is not None and nxt.tag not in _NOT_A_SUBJECT else set()
    words_ = [toks[k] for k in sorted(source) if toks[k].text[:1].isalnum()]
    if words_[0].lower == "according":
        return source
    # ", the commission said (on Tuesday)": a name, its speech verb and when or where,
    # nothing said after it ("Cook said he's proud", "told them of ...")
    verb = next((k for k, t in enumerate(words_) if t.is_verb), 0)
    if verb == 0 and words_[0].lower in SPEECH and len(words_) > 1:
        # ", said Ana Ruiz, a weather researcher": the inverted tag, a name (and its role)
        # after the verb
        if words_[1].tag in ("NNP", "NNPS", "DT", "NN") and all(
            t.tag in _SOURCE_NAME_TAGS | _SOURCE_ADJUNCT_TAGS for t in words_[1:]
        ):
            return source
        return set()
    if verb == 0 or any(t.tag not in _SOURCE_NAME_TAGS for t in words_[:verb]):
        return set()
    if any(t.tag not in _SOURCE_ADJUNCT_TAGS for t in words_[verb + 1 :]):
        return set()
    return source


_NOT_A_SUBJECT = frozenset({"VBN", "VBG", "IN", "TO", "CC", "WDT", "WP", "WRB"})
_SOURCE_NAME_TAGS = frozenset(
    {"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "POS", "CD", "HYPH"}
)
_SOURCE_ADJUNCT_TAGS = frozenset({"IN", "DT", "NN", "NNS", "NNP", "NNPS", "JJ", "CD", "RB", "POS"})


def _keep_attributed(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """A clause the sentence's source speaks for never leaves it without that source: cut
    from "A, and B, the ministry said", A is "A, the ministry said" (alone, "A." would be
    the writer's own; ``shared_source``); a sentence that quotes its source stays one claim.
    Relative clauses and appositions, the writer's own background, leave without it."""
    source = sentence_attribution(sent) if len(units) > 1 else set()
    if not source:
        return units
    holder = next((u for u in units if source <= u.toks | u.borrowed), None)
    if holder is None:
        return units
    if shared_source(sent, source) and all(_stands_with_source(sent, u, source) for u in units):
        return _share_source(sent, units, source)
    out = []
    for u in units:
        own = (u.toks | u.borrowed) - u.dropped
        if u is holder or u.role in ("apposition", "relative") or source <= own:
            out.append(u)
            continue
        holder.toks |= u.toks | u.dropped
        holder.dropped -= u.toks | u.dropped
        before = min(u.toks) - 1  # the word the part was cut at ("while", "and")
        if before >= 0 and sent.toks[before].text[:1].isalnum():
            holder.toks.add(before)
            holder.dropped.discard(before)
        if u.role == "clause":  # the holder was a part of it: now it holds its subject,
            # and the word that set it off ("while") is back in its place
            holder.role, holder.pred, holder.borrowed = u.role, u.pred, set()
            holder.dropped = {k for k in holder.dropped if not sent.toks[k].text[:1].isalnum()}
    return out


def _keep_reported(sent: Sentence, units: list[Unit]) -> None:
    """ "Officials said the bills rose and the subsidies fell": whether the officials said
    both, or the writer states the second, only a reader can tell; a clause joined by a bare
    "and" to a verb of speech that has already reported a clause keeps the speech frame
    ("Officials said the subsidies fell"), never the writer's bare "The subsidies fell"."""
    toks = sent.toks
    for u in units:
        if u.role != "conj" or not has_subject(sent, u.pred):
            continue
        head = toks[u.pred].head
        if toks[head].lower not in _SOURCE_VERBS or head in u.toks:
            continue
        if not any(toks[c].dep == "ccomp" and c < u.pred for c in toks[head].children):
            continue
        first = min(u.toks)
        if toks[first].lower != "and" or toks[first - 1].text == ",":
            continue  # "Reed said A, but that may be hard": the writer's own comment
        speaker = subject_of(sent, head)
        if speaker is None:
            continue
        frame = minimal_np(sent, speaker) | {head}
        frame |= {
            c for c in toks[head].children if toks[c].dep in AUX or toks[c].lower in NEGATIONS
        }
        u.borrowed |= frame - u.toks


def _stands_with_source(sent: Sentence, u: Unit, source: set[int]) -> bool:
    """The unit is a clause of its own once the source is shared out: its words beside the
    source are none or hold a verb (else the parse is wrong, "The campaign, which ...,
    cost ...", or they are a scrap, ", so far, the commission said")."""
    if u.role in ("apposition", "relative"):
        return True
    rest = {k for k in u.toks - u.dropped - source if sent.toks[k].text[:1].isalnum()}
    return not rest or any(sent.toks[k].is_verb or sent.toks[k].dep == "cop" for k in rest)


def _share_source(sent: Sentence, units: list[Unit], source: set[int]) -> list[Unit]:
    """Each clause gets its own copy of the source (with the comma that sets it off); the
    source's own unit, once every clause has left it, goes."""
    first, last = min(source), max(source)
    comma = {k for k in (first - 1, last + 1) if 0 <= k < len(sent.toks)}
    comma = {k for k in comma if sent.toks[k].text == ","}
    out = []
    for u in units:
        own = (u.toks | u.borrowed) - u.dropped
        content = {k for k in own - source - comma if sent.toks[k].text[:1].isalnum()}
        if not content:
            continue  # nothing but the source: its clauses carry it now
        if u.role not in ("apposition", "relative") and not own & source:
            u.toks |= source | comma
            u.dropped -= source | comma
        out.append(u)
    return out


def _rejoin_subordinate(sent: Sentence, units: list[Unit]) -> list[Unit]:
    """ "When A, B": if the parse left the main clause B as a part of its own and A as the
    root, A alone would be a fragment; keep the sentence whole instead."""
    words_ = [t for t in sent.toks if t.text[:1].isalnum()]
    if not words_ or words_[0].lower not in SUBORDINATE_OPENERS:
        return units
    roots = [u for u in units if u.role == "clause"]
    if not roots or min(roots[0].toks) > words_[0].i:
        return units
    main = roots[0]
    rest = []
    for u in units:
        if u is not main and u.role in ("parataxis", "conj") and not u.borrowed:
            main.toks |= u.toks
        elif u is not main:
            rest.append(u)
    return [main, *rest]


def _verb_after_close(sent: Sentence, c: int) -> bool:
    """The relative clause of `c` goes on past a comma straight into a verb: "Police said
    the driver, who was 34, | hit two cars and injured a cyclist": the clause closed at the
    comma and the verb after it is the driver's, in what the police said (cut, "The driver
    was 34, hit two cars and injured a cyclist." lost its source)."""
    sub = sorted(sent.subtree(c))
    return any(
        sent.toks[j].text == "," and sent.toks[k].tag in ("VB", "VBD", "VBZ", "VBP")
        for j, k in itertools.pairwise(sub)
        if k == j + 1
    )


def _phrase_before_clause(sent: Sentence, head: int, p: int) -> set[int]:
    """The prepositional phrase of noun `head` that ends right before the comma opening its
    relative clause `p`: "The price of gold, which rose 20 percent last year, ..." is about
    the price of gold ("The price rose 20 percent last year." said another thing)."""
    comma = sent.first_word(p) - 1
    if comma <= head or sent.toks[comma].text != ",":
        return set()
    clause = sent.subtree(p)
    for c in sent.toks[head].children:
        sub = sent.subtree(c) - clause
        if sent.toks[c].dep == "nmod" and c > head and max(sub) == comma - 1:
            return sub
    return set()


def _which_after_object_phrase(sent: Sentence, c: int, head: int) -> tuple[int, set[int]] | None:
    """ "Exercise reduces the impact of stress, which may help lower blood pressure", "opened
    a factory in Ohio, which employs 300 people": after an object with a phrase of its own,
    "which" may be about the inner noun, the whole phrase or what the clause did; the parser
    cannot tell ("The impact may help lower blood pressure." and "Ohio employs 300 people."
    were claims). Returns the noun heading the whole phrase, whichever of its nouns the
    clause hangs on, and the words of the phrase after it: the claim is that phrase with its
    clause, "which" kept ("The impact of stress, which may help lower blood pressure."). After
    a subject the whole phrase is meant (``_phrase_before_clause``). None when there is no
    such phrase, or when the phrase's head cannot be the clause's subject. `head` is the
    noun the clause is hung on."""
    toks = sent.toks
    if toks[sent.first_word(c)].lower != "which" or toks[head].dep in SUBJ:
        return None
    found: tuple[int, set[int]] | None = None
    phrase = _phrase_before_clause(sent, head, c)
    inner = sent.subtree(head) - sent.subtree(c)
    if phrase:
        # (a place is only where the noun is: "the Medicaid expansion in Louisiana, which
        # gave coverage to ..." is about the expansion)
        if toks[min(phrase)].lower in _LOCATIVE:
            return None
        # the outermost noun of nested phrases: "a health benefit for low-income residents of
        # the state, which helped cover the transplant" (not "Low-income residents of the
        # state, which helped ...")
        top = head
        while toks[top].dep == "nmod" and toks[top].head < top:
            top = toks[top].head
        if toks[top].dep in SUBJ:
            return None
        found = top, _phrase_before_clause(sent, top, c) if top != head else phrase
    elif (
        toks[head].dep == "obl"
        and toks[min(inner)].dep == "case"
        and toks[min(inner)].lower in _LOCATIVE
        and toks[head].lower not in _TIME_NOUNS | CALENDAR
    ):
        # "opened a factory in Ohio, which": the place hung on the verb, right after its
        # object, a phrase with no comma or verb of its own (a time is not what "which" is
        # about: "tackling every source at the same time, which has proven ...")
        for k in toks[toks[head].head].children:
            obj = sent.subtree(k)
            if (
                toks[k].dep == "obj"
                and max(obj) == min(inner) - 1
                and not any(toks[j].text == "," or toks[j].is_verb for j in obj)
            ):
                found = k, (obj - {k}) | inner
    elif toks[head].dep == "nmod" and toks[toks[head].head].dep == "nmod":
        # "one of the biggest thefts of state secrets, which could bring a prison term":
        # hung on the last of two nested phrases, the clause may be about any of their nouns
        # or the whole event ("State secrets could bring a prison term ..." was a claim);
        # hung on a noun with one "of" phrase before it, it is that noun's ("the construction
        # of a small nuclear plant, which could expand to 300 megawatts")
        outer = toks[toks[head].head].head
        phrase = _phrase_before_clause(sent, outer, c)
        if head in phrase and toks[outer].dep not in SUBJ:
            found = outer, phrase
    if found is None or toks[found[0]].pos not in ("NOUN", "PROPN", "NUM"):
        return None  # ("tackling all of the sources at the same time, which ...")
    return found if _agrees(sent, found[0], c) else None


def _second_item_inside(sent: Sentence, c: int) -> bool:
    """The relative clause of `c` ends in ", and <a phrase with no verb>": "between a
    crackdown, which sparks fury, and Hong Kong's collapse": the parser hung the second item
    of a pair on the clause; cut, "A crackdown sparks fury, and Hong Kong's collapse." would
    say what the text does not."""
    sub = sorted(sent.subtree(c))
    for j in range(len(sub) - 2):
        if sent.toks[sub[j]].text == "," and sent.toks[sub[j + 1]].lower in ("and", "or"):
            rest = sub[j + 2 :]
            return bool(rest) and not any(sent.toks[k].is_verb for k in rest)
    return False


def _trim(sent: Sentence, unit: Unit) -> None:
    """Leave discourse openers, leading conjunctions and concessive phrases out."""
    toks = sorted(unit.toks - unit.dropped)
    drop: set[int] = set()
    own = sent.subtree(unit.pred)
    k = 0
    while k < len(toks):
        i = toks[k]
        t = sent.toks[i]
        if i not in own:
            # the sentence's source, copied in front ("According to police, | and acted
            # alone"): what opens the part's own words comes after it
            k += 1
            continue
        if t.dep == "punct" and t.text not in _QUOTE_CHARS:
            drop.add(i)
            k += 1
            continue
        if t.tag == "CC" and t.lower in ("and", "but", "yet", "so"):
            # "But the problems are transient", "..., but utilities like X open up ...": a
            # conjunction opening the claim, wherever the parser hung it (here on the subject)
            drop.add(i)
            k += 1
            continue
        aside = _own_earlier_report(sent, i)
        if aside:
            drop |= set(range(i, aside))
            while k < len(toks) and toks[k] < aside:
                k += 1
            continue
        # the child of the predicate that this token opens
        c = i
        while sent.toks[c].head != unit.pred and sent.toks[c].head != c and c != unit.pred:
            c = sent.toks[c].head
        if c == unit.pred or min(sent.subtree(c)) != i:
            break
        tc = sent.toks[c]
        if tc.lower in ("neither", "nor"):
            break  # "Yet, neither can Xi allow this": a negation, never a mere opener
        if i + 1 < len(sent.toks) and sent.toks[i + 1].tag == "HYPH":
            break  # "So-called neo-banks": the first half of a compound opens nothing
        # "Ignored or not, foreign leaders have ...": the "not" of "X or not," negates
        # nothing in the clause after its comma
        or_not = (
            tc.lower == "not"
            and i + 1 < len(sent.toks)
            and sent.toks[i + 1].text == ","
            and i > 0
            and sent.toks[i - 1].lower == "or"
        )
        opener = (
            or_not
            or tc.dep == "cc"
            or (tc.dep == "mark" and unit.role != "clause")
            # "Furthermore, while this claim implies X, no one has ...": a clause cut from its
            # sentence that still opens with "while" or "although" states X; so does the
            # answer "Because X." to a question the writer asked
            or (
                tc.dep == "mark"
                and (tc.lower in CONTRAST_MARKS or tc.lower == "because")
                and c == i
                and any(sent.toks[x].dep in SUBJ for x in sent.toks[unit.pred].children)
                and unit.pred in sent.roots
                # (no second clause after a comma: "While it looks familiar, the laptop ...")
                and not any(sent.toks[x].text == "," for x in toks[k + 1 :])
            )
            or (tc.dep in ("advmod", "discourse") and tc.lower in OPENERS)
            or (tc.dep == "obl" and _concessive(sent, tc))
        )
        if not opener:
            break
        sub = sent.subtree(c)
        if tc.dep == "obl":
            # "Despite the warnings, fewer than half of residents left": the parser hung
            # "fewer" on "warnings"; the phrase ends at its comma ("Than half of residents
            # left the area." was a claim)
            comma = min((j for j in sub if j > c and sent.toks[j].text == ","), default=None)
            if comma is not None:
                sub = {j for j in sub if j <= comma}
        if tc.dep != "obl" and any(
            j != c and sent.toks[j].pos in ("NOUN", "PROPN", "PRON") for j in sub
        ):
            # "Meanwhile, Pluznick and her colleagues had ...": the parser hung the subject's
            # first name on the adverb; a word opens the claim, a name never leaves it
            break
        drop |= sub
        while k < len(toks) and toks[k] in sub:
            k += 1
    # trailing punctuation (a closing quote stays, and so does a bracket the claim opened:
    # "defeated Bublik 7-5, 3-6, 7-6 (5)", never "(5.")
    kept = [k for k in toks if k not in drop]
    for i in reversed(toks):
        t = sent.toks[i]
        if t.text in (")", "]"):
            bracket = "(" if t.text == ")" else "["
            inside = [sent.toks[k].text for k in kept if k < i]
            if inside.count(bracket) > inside.count(t.text):
                break
        if t.dep == "punct" and t.text not in _QUOTE_CHARS:
            drop.add(i)
        else:
            break
    drop |= _torn_bracket(sent, unit, {k for k in toks if k not in drop})
    unit.dropped |= drop


_REPORTED = words("noted reported mentioned written wrote explained detailed documented")


def _own_earlier_report(sent: Sentence, i: int) -> int:
    """ "As we've noted, ...", "As previously reported, ...": the writer pointing back at
    the outlet's own reporting, no part of what the claim states; the end of that aside
    (after its comma), else 0. A source of its own ("As Reuters reported, ...") is an
    attribution and stays."""
    toks = sent.toks
    if toks[i].lower != "as":
        return 0
    j = i + 1
    while j < len(toks) and (
        toks[j].lower in ("we", "i", "previously", "already", "earlier")
        or toks[j].dep in ("aux", "aux:pass")
    ):
        j += 1
    if j + 1 < len(toks) and toks[j].lower in _REPORTED and toks[j + 1].text == ",":
        return j + 2
    return 0


def _torn_bracket(sent: Sentence, unit: Unit, kept: set[int]) -> set[int]:
    """The words the claim keeps of a bracket after its predicate whose main words left with
    another claim: "isn't a guide for experts (and being bilingual, | half the space is
    ...)" kept "(and being bilingual", which says nothing without the rest.  Never a word
    of polarity."""
    drop: set[int] = set()
    for a, b in _bracket_pairs(sent.toks):
        inner = set(range(a + 1, b))
        inner_words = {k for k in inner if sent.toks[k].text[:1].isalnum()}
        if (
            a > unit.pred
            and a in kept
            and inner_words - kept
            and not any(sent.toks[k].lower in POLARITY for k in inner & kept)
        ):
            drop |= kept & (inner | {a, b})
    return drop


def _concessive(sent: Sentence, t: Tok) -> bool:
    return any(
        sent.toks[c].dep == "case" and sent.toks[c].lower in CONCESSIVE_CASES for c in t.children
    )


def clause_subject_spans(sent: Sentence) -> tuple[Span, ...]:
    """Character spans of the main clause's subject (its minimal noun phrase), if any: from
    the tree, else the noun phrase right before the clause's first verb (the tags are right
    more often than the tree on such sentences). After a quotation, the speaker: in
    "“These are people as well,” Arroyo added, speaking of the detained families",
    Arroyo is speaking."""
    quoted = quoted_tokens(sent, False)
    speech = [
        t.i
        for t in sent.toks
        if t.lower in SPEECH and t.is_verb and any(quoted[: t.i]) and not quoted[t.i]
    ]
    for v in speech:
        subj = next((c for c in sent.toks[v].children if sent.toks[c].dep in SUBJ), None)
        if subj is not None and not quoted[subj]:
            return unit_spans(sent, Unit("clause", subj, minimal_np(sent, subj) or {subj}))
    for root in sent.roots:
        subj = subject_of(sent, root)
        if subj is not None and any(
            sent.toks[c].dep == "case" and sent.toks[c].tag == "IN"
            for c in sent.toks[subj].children
        ):
            # "Of the three variants, pneumonic is ...": a phrase with its preposition is no
            # subject; the noun after its comma is
            subj = next(
                (
                    c
                    for c in sent.toks[subj].children
                    if c > subj
                    and sent.toks[c].dep in ("conj", "appos")
                    and _before(sent, c) == ","
                ),
                None,
            )
            if subj is None:
                return ()
        if subj is not None:
            np = _subject_np(sent, subj)
            # "China 's Shanghai Composite recovered ...", parsed with the possessor as a
            # subject of its own: the subject is the whole noun phrase, never "China's"
            if np and sent.toks[max(np)].tag == "POS":
                k = max(np) + 1
                while k < root and sent.toks[k].tag in _SUBJECT_TAGS:
                    np.add(k)
                    k += 1
            if np and sent.toks[max(np)].tag == "POS":
                return ()  # "The company's … offering ...": a possessor is no subject
            if np:
                return unit_spans(sent, Unit("clause", subj, np))
    toks = sent.toks
    # a finite verb first: "In a three-hour recorded interview, Webb confessed": Webb, not
    # "hour" before the participle "recorded"
    # (never the end of a compound: "the white-haired McDonald took", "haired" read as a past)
    finite = [
        t.i for t in toks if t.tag in FINITE_TAGS and not (t.i and toks[t.i - 1].tag == "HYPH")
    ]
    verbs = finite[:1] or [t.i for t in toks if t.tag == "VBN"][:1]
    if not verbs:
        return ()
    verb = verbs[0]
    end = verb
    aside = _name_aside(toks, verb)
    if aside is not None:
        end = aside  # "Rep. Jane Doe, R-Ohio, visited ...": the name, without its aside
    k = end
    while k > 0:
        if toks[k - 1].tag in _SUBJECT_TAGS:
            k -= 1
        elif (
            toks[k - 1].lower in _NP_PREPOSITIONS
            and k >= 2
            and toks[k - 2].tag.startswith("NN")
            and k < verb
        ):
            k -= 1  # "A flu outbreak at the facility affected ...": the phrase goes with it
        else:
            break
    if k == end or toks[k].tag == "POS" or (k > 0 and toks[k - 1].tag == "IN"):
        return ()
    return ((toks[k].start, toks[end - 1].end),)


def _name_aside(toks: list[Tok], verb: int) -> int | None:
    """Where a name's short aside set off by commas before `verb` opens (", R-Ohio,", ", 72,"):
    the comma after the name; None when there is none."""
    if verb < 4 or toks[verb - 1].text != ",":
        return None
    j = verb - 2
    while j > 0 and toks[j].text != "," and verb - j <= 5:
        j -= 1
    inside = toks[j + 1 : verb - 1]
    if toks[j].text != "," or not inside or toks[j - 1].tag not in ("NNP", "NNPS"):
        return None
    if not all(t.tag in ("NNP", "HYPH", "CD", "ADD") or t.text in ("-", ".") for t in inside):
        return None
    return j


def unit_spans(sent: Sentence, unit: Unit) -> tuple[Span, ...]:
    """Character spans of the unit: runs of its tokens, bridged over punctuation only."""
    idx = sorted((unit.toks | unit.borrowed) - unit.dropped)
    runs: list[list[int]] = []
    last = -2
    for i in idx:
        between = range(last + 1, i)
        if runs and all(sent.toks[k].pos == "PUNCT" for k in between):
            runs[-1].append(i)
        else:
            runs.append([i])
        last = i
    # a piece that is only punctuation (a closing quotation mark far from the words it
    # closes) is not evidence of anything
    runs = [r for r in runs if any(sent.toks[k].text[:1].isalnum() for k in r)]
    return tuple((sent.toks[r[0]].start, sent.toks[r[-1]].end) for r in runs)


def unit_text(text: str, sent: Sentence, unit: Unit, spans: tuple[Span, ...]) -> str:
    """A readable sentence for the unit, made only of its own words."""
    if unit.role == "apposition":
        anchor = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, unit.borrowed)))
        desc = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, unit.toks)))
        # the noun the apposition describes (``_appos_anchor``): the head of what it borrowed
        head = next(
            (sent.toks[k] for k in unit.borrowed if sent.toks[k].head not in unit.borrowed),
            sent.toks[sent.toks[unit.pred].head],
        )
        if sent.toks[unit.pred].pos == "PROPN" and head.pos != "PROPN":
            anchor, desc = desc, anchor
            plural = sent.toks[unit.pred].tag == "NNPS"
        else:
            plural = head.tag in ("NNS", "NNPS") and head.lower not in _SINGULAR_IN_S
        return _finish(f"{anchor} {'are' if plural else 'is'} {desc}")
    if unit.role == "relative":  # the antecedent stands for the pronoun in the text
        # its own pronoun only: "causing sparks that could set fires" keeps its "that"
        pronoun = {
            k
            for k in unit.toks
            if sent.toks[k].lower in ("which", "who", "that")
            and sent.toks[k].dep in SUBJ
            and sent.toks[k].head == unit.pred
            and not unit.described
        }
        spans = unit_spans(
            sent, Unit(unit.role, unit.pred, unit.toks, unit.borrowed, unit.dropped | pronoun)
        )
        first = min((k for k in unit.toks if sent.toks[k].text[:1].isalnum()), default=-1)
        if first >= 0 and sent.toks[first].lower == "whose" and unit.borrowed:
            # "The company's shares have fallen 40% this year."
            owner = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, unit.borrowed)))
            own = unit.toks - unit.dropped - {first}
            rest = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, own)), sent)
            mark = "\u2019" if owner.endswith("s") else "\u2019s"
            if "'" in text:
                mark = mark.replace("\u2019", "'")
            return _finish(f"{owner}{mark} {rest}")
    be = _aside_copula(sent, unit)
    if be is not None:
        # "The county's new plan was drawn up by a Denver firm.", "The senator was speaking
        # in Ohio.": a participle set off after its noun, in the tense of the noun's verb;
        # a source it borrowed after its words closes it ("..., NASA said.")
        lead = {k for k in unit.borrowed if k < unit.pred}
        subject = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, lead)))
        own = unit.toks - unit.borrowed
        rest = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, own, set(), unit.dropped)))
        if unit.borrowed - lead:
            source = unit_spans(sent, Unit(unit.role, unit.pred, unit.borrowed - lead))
            rest = f"{rest.rstrip(',')}, {_join(text, source).lstrip(', ')}"
        return _finish(f"{subject} {be} {rest}")
    glue = " \u2026 " if unit.role == "part" and unit.borrowed else " "
    if unit.role == "part" and unit.borrowed:
        # what it borrowed after its own words (a closing "trade experts say") closes it
        last = max(unit.toks - unit.dropped, default=-1)
        before = {k for k in unit.borrowed if k < last} | unit.lead
        after = unit.borrowed - before
        subject = _join(text, unit_spans(sent, Unit(unit.role, unit.pred, before)))
        rest = _join(
            text,
            unit_spans(sent, Unit(unit.role, unit.pred, unit.toks | after, set(), unit.dropped)),
            sent,
        )
        if unit.lead:  # the sentence's first word is no longer first: "The team … beginning"
            rest = rest[:1].lower() + rest[1:]
        return _finish(subject + glue + rest if subject else rest)
    return _finish(_join(text, spans, sent))


def _aside_copula(sent: Sentence, unit: Unit) -> str | None:
    """ "was", "is", "were" or "are" for a participle set off after the noun it modifies,
    its noun the subject or the object of a verb with a tense or a modal ("The plan, drawn up
    by X, was meant ..."); None for anything else (no tense, words between the noun and the
    comma)."""
    pred = sent.toks[unit.pred]
    if unit.role not in ("relative", "part") or pred.dep != "acl" or pred.tag not in ("VBN", "VBG"):
        return None
    noun = sent.toks[pred.head]
    # (the object's as well: "visited the school, known for its robotics team, on Monday":
    # "The school was known for its robotics team.", in the tense of the verb it hangs on)
    if (
        (noun.dep not in SUBJ and noun.dep not in ("obj", "iobj"))
        or pred.i < 2
        or _before(sent, pred.i) not in (",", "\u2013", "\u2014")
    ):
        return None
    if any(sent.toks[c].dep in AUX or sent.toks[c].dep in SUBJ for c in pred.children):
        return None
    lead = [k for k in unit.borrowed if k < pred.i]
    if not lead or max(lead) != pred.i - 2:
        return None
    verb = sent.toks[noun.head]
    tenses = [verb.tag] + [sent.toks[c].tag for c in verb.children if sent.toks[c].dep in AUX]
    plural = noun.tag in ("NNS", "NNPS")
    if "VBD" in tenses:
        return "were" if plural else "was"
    # (a modal speaks of now or later: "The plant, expected to open in 2026, will hire ...":
    # the plant is expected to open; "The mill, built in 1990, will close": it was built; a
    # bare verb with a subject is a present the tagger misread: "areas ..., cover 14 percent")
    if {"VBZ", "VBP", "MD"} & set(tenses) or tenses == ["VB"]:
        aside = sorted(unit.toks - unit.borrowed)
        if (
            pred.tag == "VBN"
            and pred.lower not in _PLANNED
            # "The dunes, thought to date from 1850, cover ...": the year is the dating's;
            # what is thought is thought now
            and not (
                pred.lower in _EPISTEMIC
                and pred.i + 1 < len(sent.toks)
                and sent.toks[pred.i + 1].lower == "to"
            )
            and any(_past_time(sent, k) for k in aside)
        ):
            # "The bridge, built in 1932, carries ...", "The lawsuit, filed on Monday, ..."
            return "were" if plural else "was"
        return "are" if plural else "is"
    return None


# words that put a participle set off after its noun in the past ("filed on Monday"), unless
# it names a plan ("scheduled for Monday")
_PAST = words("ago yesterday earlier monday tuesday wednesday thursday friday saturday sunday")
# "last" dates something only before a stretch of time ("last week"; not "the last ice age")
_LAST_OF = words(
    """week weekend month year night season spring summer autumn fall winter decade century
    quarter monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december"""
)
_EPISTEMIC = words(
    """thought believed said known reported estimated considered expected alleged rumored
    rumoured understood presumed feared supposed"""
)


def _past_time(sent: Sentence, k: int) -> bool:
    """Token `k` dates what it belongs to in the past: a year, "ago", "on Monday", "last week"."""
    t = sent.toks[k]
    if t.tag == "CD":
        return re.fullmatch(r"(1[89]|20)\d\d", t.text) is not None
    if t.lower == "last":
        return k + 1 < len(sent.toks) and sent.toks[k + 1].lower in _LAST_OF
    return t.lower in _PAST


_PLANNED = words("scheduled planned set slated expected due proposed")


def absolute_text(sent: Sentence, unit: Unit, claim: str, past: bool) -> str:
    """ "His administration is sending mixed signals." for the absolute clause of "..., with
    his administration sending mixed signals" (a participle with its own subject): the one
    word a reader needs, in the tense of the clause it hung on; anything else as it was."""
    pred = sent.toks[unit.pred]
    subjects = [c for c in pred.children if sent.toks[c].dep in SUBJ]
    if pred.tag != "VBG" or not subjects:
        # the piece parsed on its own may lose its tree ("two Republicans joining Democrats
        # in support" with "Democrats" the root): its first -ing word right after a noun,
        # with no verb before it, is the participle
        words_ = sorted(k for k in unit.toks if sent.toks[k].text[:1].isalnum())
        # (an -ing word before "that" is the participle whatever its tag: "forecasters
        # warning/NN that ...")
        ing = {
            k
            for k in words_
            if sent.toks[k].lower.endswith("ing")
            and k + 1 < len(sent.toks)
            and sent.toks[k + 1].lower == "that"
        }
        first = next((k for k in words_ if sent.toks[k].is_verb or k in ing), None)
        if (
            first is None
            or first == words_[0]
            or not (sent.toks[first].tag == "VBG" or first in ing)
        ):
            return claim
        if sent.toks[first].lower in ("being", "having", "getting"):
            return claim  # "The difference being ...": no participle to give a tense
        if sent.toks[first - 1].tag not in ("NN", "NNS", "NNP", "NNPS", "PRP", "CD"):
            return claim
        pred, subjects = sent.toks[first], [first - 1]
    if any(sent.toks[c].dep in AUX for c in pred.children):
        return claim
    subject = sent.toks[subjects[0]]
    plural = subject.tag in ("NNS", "NNPS") or subject.lower in ("they", "we", "you")
    be = ("were" if plural else "was") if past else ("are" if plural else "is")
    at = claim.find(" " + pred.text + " ")
    return claim if at < 0 else f"{claim[:at]} {be}{claim[at:]}"


def _join(text: str, spans: tuple[Span, ...], sent: Sentence | None = None) -> str:
    """The spans' words. A later span that opens with a comma followed an aside the claim
    leaves out: before a verb the comma goes ("John Williams said", never "John Williams ,
    said"); elsewhere it closes the words before it ("Battin, 33, Harris said")."""
    # (a verb the tagger took for a noun has its subject: "The drug, … costs about $2,000")
    verbs = (
        {
            t.start
            for t in sent.toks
            if t.is_verb or any(sent.toks[c].dep in SUBJ for c in t.children)
        }
        if sent is not None
        else set()
    )
    participles = {t.start for t in sent.toks if t.tag == "VBG"} if sent is not None else set()
    # an adverb's start -> the start of the word after it
    adverbs = (
        {t.start: sent.toks[t.i + 1].start for t in sent.toks[:-1] if t.tag == "RB"}
        if sent is not None
        else {}
    )
    nouns = {t.end for t in sent.toks if t.tag in _NOUN_TAGS} if sent is not None else set()
    # a preposition's start ("met Jane Roe, | , on Friday" reads "met Jane Roe on Friday")
    cases = {t.start for t in sent.toks if t.dep == "case" and t.tag == "IN"} if sent else set()
    out = ""
    for n, (s, e) in enumerate(spans):
        part = text[s:e]
        if n and part.startswith(", "):
            # (the span before may close with the aside's opening comma: "The suspect, |
            # , was taken ..." reads "The suspect was taken ..."; an adverb may come first:
            # "The bill, | , now heads to ...")
            out = out.rstrip(",")
            at = s + 2
            while sent is not None and at in adverbs:
                at = adverbs[at]
            # (before "that" opening what was said or assured, no comma either)
            glued = at in verbs or at in cases or part[2:7] == "that "
            out += " " + part[2:] if glued else "," + part[1:]
        elif n and part[:1] == ",":  # ',"' closing a quote: no space before the comma
            out += part
        elif n and part[:2] in _DASH_OPENERS:
            # "Organic materials - play a leading role": the dash closed the aside left out
            out += " " + part[2:]
        elif (
            n == len(spans) - 1
            and _SPEECH_TAG_GAP.search(text, spans[n - 1][1], s)
            and _speech_tag(part)
        ):
            # "We have seen positive results, Menear continued": the comma (and the closing
            # quotation mark) before the speech tag went with the words left out; a
            # quotation the claim opened is closed again ('"We received an inquiry," said
            # a spokesperson', never '"We received an inquiry said a spokesperson')
            out += f",{_closing_quote(out)} " + part
        elif n and s in participles and spans[n - 1][1] in nouns and s > spans[n - 1][1] + 1:
            # "Mr. Trump … saying the United States will be better off": the participle's
            # subject, borrowed from further back, is marked as such
            out += " \u2026 " + part
        else:
            out += (" " if n else "") + part
    return out


def _speech_tag(part: str) -> bool:
    """ "Menear continued.", "he said", "said Aseem Prakash when contacted by reporters": a
    short stretch with a verb of speech among its first words."""
    words_ = part.split()
    return len(words_) <= 10 and any(w.strip(".,").lower() in SPEECH for w in words_[:4])


def _closing_quote(out: str) -> str:
    """The quotation mark that closes one `out` opened and left open, else ""."""
    if out.count("\u201c") > out.count("\u201d"):
        return "\u201d"
    if out.count('"') % 2:
        return '"'
    return ""


_SPEECH_TAG_GAP = re.compile(r',\s*["\u201d\u2019]\s*$')
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
_DASH_OPENERS = frozenset({"- ", "\u2013 ", "\u2014 "})


def _finish(claim: str) -> str:
    claim = " ".join(claim.split())
    for closer in ("\u201d", '"', "\u00bb"):
        if claim.endswith(" " + closer):  # "... with that. \u201d": the mark closes the words
            claim = claim[:-2] + closer
    for closer in ("\u201d", '"', "\u00bb"):
        if claim.endswith("," + closer):  # 'as "patently false,"' ends a claim: a full stop
            claim = claim[:-2] + "." + closer
    claim = claim.rstrip(",;:\u2014\u2013- ")
    first = claim.split(" ", 1)[0]
    if claim[:1].islower() and not any(ch.isupper() for ch in first[1:]):  # never "IPhone"
        claim = claim[0].upper() + claim[1:]
    close = claim.find("\u201d")
    if (
        close > 0
        and claim.count("\u201d") == 1
        and "\u201c" not in claim
        and '"' not in claim
        and not claim[close - 1].isspace()
    ):
        # 'We … are cooperating in the matter," said a spokesperson': the claim opens
        # inside a quotation whose opening mark its borrowed words left out
        claim = "\u201c" + claim
    if not claim.rstrip(_QUOTE_CHARS + "'\u2019)").endswith((".", "!", "?", "\u2026")):
        claim += "."
    return claim


def attribution_of(sent: Sentence, toks: set[int]) -> tuple[str, str] | None:
    """("the prosecutor's office said", "the prosecutor's office") when the claim names its
    source: a speech verb with its subject, or "according to X"."""
    for k in sorted(toks):
        t = sent.toks[k]
        if t.lower in SPEECH and t.is_verb:
            subjects = [c for c in t.children if sent.toks[c].dep in SUBJ and c in toks]
            if subjects:
                speaker = _phrase(sent, minimal_np(sent, subjects[0]) or {subjects[0]})
                return f"{speaker} {t.text}", speaker
        if t.lower == "according" and k + 1 < len(sent.toks) and sent.toks[k + 1].lower == "to":
            source = t.head if t.dep in ("case", "mark") else None
            if source is not None and source in toks:
                speaker = _phrase(sent, minimal_np(sent, source) or {source})
                return f"according to {speaker}", speaker
    return None


def _phrase(sent: Sentence, toks: set[int]) -> str:
    """The words of `toks` as written (one stretch of text from the first to the last)."""
    idx = sorted(toks)
    return sent.text_between(sent.toks[idx[0]].start, sent.toks[idx[-1]].end)


def unit_subject(sent: Sentence, unit: Unit) -> str | None:
    """The claim's subject as written: its predicate's subject, else the one it borrowed."""
    own = (unit.toks | unit.borrowed) - unit.dropped
    pred = unit.pred
    for c in sent.toks[pred].children:
        if sent.toks[c].dep in SUBJ and c in own and sent.toks[c].pos != "PRON":
            return _phrase(sent, minimal_np(sent, c) or {c})
    subj = subject_of(sent, pred) if unit.role != "apposition" else None
    if subj is not None and subj in own:
        return _phrase(sent, minimal_np(sent, subj) or {subj})
    return None
