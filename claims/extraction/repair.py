# Over 400 lines on purpose: each repair is small, and they run as one pass over the same tree.
"""Repair stage: fix the few parser mistakes that decide where a claim is cut.

The parser is small and trained on web text, so on long news sentences it sometimes hangs
a clause on the wrong word.  Each repair below changes one arc, only when the
part-of-speech tags (more accurate than the tree) and the punctuation agree:

- an apposition taken for a list: ``the leader, Senior General Min Aung Hlaing,`` parsed
  as a coordination with no "and" anywhere becomes an apposition;
- a main verb hung on the subject's relative clause: ``The company, which is expected to cut
  jobs, confirmed on Monday that ...`` parsed with the noun as the root and "confirmed" as a
  conjunct of "expected": the verb after the clause's closing comma is the root, the noun its
  subject; so for the object of "said" (``The mayor said the company, which employs 4,000
  people, cut 300 jobs``: the verb is what was said, the noun its subject);
- a coordinated predicate hung elsewhere: ``condemned the coup and imposed sanctions``,
  a finite verb right after "and"/"but" with no subject of its own, joins the finite verb
  of the main clause before it as its conjunct (not across a relative pronoun, a
  subordinator or a quotation mark);
- a subordinate clause or an opening participle taken for the root (``When A, B``,
  ``Facing higher prices, consumers may buy less, thereby hurting ...``): the clause after
  the comma, with a subject of its own (never a relative pronoun), is the root, and what the
  old root carried after it modifies the new one;
- a trailing -ing clause hung on a name: ``endorsed Putin's leadership in Ukraine describing
  him as a "king"`` (a place or a person does not "describe"): it modifies the clause;
- an auxiliary taken for a verb of its own: ``borrowed against his stake, and had also
  planned to charge ...`` parsed with "had" coordinated with "borrowed" and "planned" hung
  elsewhere: "had" is the auxiliary of the participle right after it;
- a second verb of speech hung inside what the first one reports: ``the office said 30
  people had been injured, but added the circumstances remained unclear`` parsed with
  "added" coordinated with "injured" (the people "added" nothing): it joins "said".
- a subject taken for a modifier of its verb: ``the Black Death spread across Europe,
  killing ...`` and ``A prolonged trade war offers Mr. Trump ...`` parsed with the noun
  right before the verb as its ``compound`` and no subject anywhere: a finite verb with an
  object or complement after it has a subject, and that noun is it (its determiner and
  modifiers go with it).
- a participle set off after a subject taken for a clause of its own: ``The county's new
  plan, drawn up by a Denver firm, was meant to ...`` parsed with "drawn" as a parataxis
  or conjunct of "plan": between the subject's comma and a comma right before its verb, it
  modifies the noun.
- a name taken for the root, its verb set beside it: ``Jane Roe, an analyst at Acme, the
  Ohio research firm, resigned in March`` parsed with "Jane" the root and "resigned" its
  parataxis: the first verb after the name's appositions is the root, the name its subject
  and the noun phrases set off between them its appositions.
- an apposition hung on a noun across its relative clause: ``said Scott Paul, who heads the
  Alliance for American Manufacturing, a group that ...`` parsed with "a group" describing
  "Paul": it describes the name that ends the relative clause.
- a phrase after an apposition's closing comma hung on the apposition: ``The governor met
  Jane Roe, the mayor of Dayton, on Friday`` parsed with "on Friday" under "mayor": a
  prepositional phrase set off after the apposition modifies the verb the apposition's
  noun depends on.
- a subject with a participle set off after it, taken for the root: ``Rocky areas, thought
  to be remnants of a sea, cover 20 percent of the planet`` or ``The plan -- drawn up by a
  Denver firm -- was meant to ...`` parsed with the noun as the root: the verb right after
  the aside's closing comma or dash is the root, the noun its subject and the participle
  describes the noun.
"""

from __future__ import annotations

from claims.extraction.lexicon import CALENDAR, FINDINGS, PROPOSING, SPEECH, words
from claims.extraction.parse import Sentence, Tok

_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_PAST = frozenset({"VBD", "VBN"})
_SUBJ = frozenset({"nsubj", "nsubj:pass", "expl", "csubj"})
_BLOCKERS = words(
    """
    who whom whose which that when where while because if unless although though since
    after before until whether as
    """
)
_SAID = words("said says say")
# a quotation mark or a semicolon: no verb is looked for across one
_OPAQUE = frozenset({"\u201c", "\u201d", '"', ";"})
_PREPOSITION_LIKE = words(
    "including excluding according regarding concerning following depending involving"
)


def repair(sent: Sentence) -> Sentence:
    """Apply the repairs in place and return the sentence (once: a repaired tree is left as
    it is)."""
    if sent.repaired:
        return sent
    sent.repaired = True
    changed = (
        _noun_roots(sent)
        | _coordinated_adverbs(sent)
        | _verb_after_relative(sent)
        | _subordinate_roots(sent)
        | _appositions(sent)
        | _coordinated_predicates(sent)
        | _listed_predicates(sent)
        | _participles(sent)
        | _past_participle_asides(sent)
        | _bare_conjuncts(sent)
        | _speech_conjuncts(sent)
        | _trailing_speech_tags(sent)
        | _complementizer_objects(sent)
        | _auxiliaries(sent)
        | _lost_subjects(sent)
        | _participle_asides(sent)
        | _verb_after_apposition(sent)
        | _apposition_after_relative(sent)
        | _apposition_tails(sent)
        | _verb_after_participle(sent)
        | _verb_after_apposition_aside(sent)
        | _closing_appositions(sent)
        | _subject_after_opening_phrase(sent)
    )
    if changed:
        for t in sent.toks:
            t.children = []
        for t in sent.toks:
            if t.head != t.i:
                sent.toks[t.head].children.append(t.i)
        sent.__dict__.pop("roots", None)
        sent._subtrees.clear()
    return sent


_OPENERS = words(
    "when if because as after before since although though while unless once until whenever"
)


def _noun_roots(sent: Sentence) -> bool:
    """ "Western nations widely condemned the coup ...": a noun taken for the root with the
    sentence's finite verb hanging on it as a relative clause is the verb's subject."""
    changed = False
    toks = sent.toks
    for r in [t.i for t in toks if t.head == t.i]:
        root = toks[r]
        if root.pos not in ("NOUN", "PROPN") or any(
            toks[c].dep in ("cop", "nsubj", "nsubj:pass") for c in root.children
        ):
            continue
        verbs = [
            c
            for c in root.children
            if c > r and toks[c].dep in ("acl", "acl:relcl") and toks[c].tag in _FINITE
        ]
        if not verbs:
            continue
        v = verbs[0]
        between = [toks[k] for k in range(r + 1, v)]
        if any(t.tag not in ("RB", "RBR", "RBS") for t in between):
            continue
        toks[v].head, toks[v].dep = v, "root"
        root.head, root.dep = v, "nsubj"
        for c in root.children:
            if c > v:  # what follows the verb belongs to its clause
                toks[c].head = v
        changed = True
    return changed


_AND_OR = words("and or")


def _coordinated_adverbs(sent: Sentence) -> bool:
    """ "Paris has historically and recently suffered from smog": the first of two
    coordinated adverbs taken for the verb's place (its head, the verb its conjunct) is the
    verb's modifier; read as the parser left it, "Paris has historically." was a claim."""
    changed = False
    toks = sent.toks
    for a in toks:
        if a.tag not in ("RB", "RBR") or a.i + 2 >= len(toks) or toks[a.i + 1].lower not in _AND_OR:
            continue
        verb = next(
            (
                toks[c]
                for c in a.children
                if c > a.i + 1
                and toks[c].dep == "conj"
                and toks[c].is_verb
                and all(toks[j].tag in ("RB", "RBR") for j in range(a.i + 2, c))
            ),
            None,
        )
        if verb is None:
            continue
        verb.head, verb.dep = (verb.i if a.head == a.i else a.head), a.dep
        for c in a.children:
            if c != verb.i:
                toks[c].head = verb.i
        a.head, a.dep = verb.i, "advmod"
        changed = True
    return changed


def _verb_after_relative(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    # a noun taken for the root, or for the object of a verb of speech ("The mayor said the
    # company, which employs 4,000 people, cut 300 jobs": what the company did is what the
    # mayor said)
    nouns = [
        t.i
        for t in toks
        if t.head == t.i or (t.dep == "obj" and toks[t.head].lower in _SAID and t.head < t.i)
    ]
    for r in nouns:
        root = toks[r]
        if root.pos not in ("NOUN", "PROPN") or any(
            toks[c].dep in _SUBJ or toks[c].dep == "cop" for c in root.children
        ):
            continue
        rel = next((c for c in root.children if c > r and toks[c].dep == "acl:relcl"), None)
        if rel is None:
            continue
        inside = sorted(sent.subtree(rel))
        opener = next((k for k in inside if toks[k].text[:1].isalnum()), None)
        if opener is None:
            continue
        # the clause opens right after the noun and its comma ("The company, which ..."; not
        # "Authorities in western Mongolia, which is ...": the relative is Mongolia's)
        if opener - 2 != r or toks[opener - 1].text != "," or toks[opener].tag not in ("WDT", "WP"):
            continue
        verb = next(
            (
                k
                for k in inside
                if k > rel
                and toks[k].dep in ("conj", "advcl")
                and toks[_group_start(toks, k) - 1].text == ","
                and not any(
                    toks[c].dep in _SUBJ or toks[c].dep in ("cc", "mark") for c in toks[k].children
                )
                and (
                    toks[k].tag in _FINITE
                    # "The Lakers, who have won eight games, host the Clippers": after a
                    # plural noun, a present tense the tagger read as a base form
                    or (
                        toks[k].tag == "VB"
                        and root.tag in ("NNS", "NNPS")
                        and not any(toks[c].dep in ("aux", "mark") for c in toks[k].children)
                    )
                    # "had been drinking": a participle with a tensed auxiliary
                    or any(
                        toks[c].dep == "aux" and toks[c].tag in _FINITE for c in toks[k].children
                    )
                    # "confirmed on Monday that ...": a past tense read as a participle, told
                    # apart from ", based in Ohio," by its object or complement
                    or (
                        toks[k].tag == "VBN"
                        and any(toks[c].dep in ("obj", "ccomp", "xcomp") for c in toks[k].children)
                    )
                )
            ),
            None,
        )
        if verb is None:
            continue
        if root.head == r:
            toks[verb].head, toks[verb].dep = verb, "root"
        else:
            toks[verb].head, toks[verb].dep = root.head, "ccomp"
        root.head, root.dep = verb, "nsubj"
        for c in root.children:
            if c > verb:  # the final full stop
                toks[c].head = verb
        changed = True
    return changed


def _group_start(toks: list[Tok], k: int) -> int:
    """The first word of verb `k`'s group: "had been drinking" starts at "had"."""
    aux = [c for c in toks[k].children if c < k and toks[c].dep in ("aux", "aux:pass")]
    return min(aux, default=k)


def _subordinate_roots(sent: Sentence) -> bool:
    """ "When A, B": a root that opens with a subordinator and carries the main clause B
    as its parataxis or conjunct is the subordinate clause; B is the root. So is a root
    participle with no subject that opens the sentence ("Forced to choose between A, which
    ..., and B, the governor will pick B")."""
    changed = False
    toks = sent.toks
    for r in [t.i for t in toks if t.head == t.i]:
        root = toks[r]
        marks = [c for c in root.children if toks[c].dep == "mark" and c < r]
        opens = min(sent.subtree(r))
        subordinate = bool(marks) and toks[marks[0]].lower in _OPENERS and opens == marks[0]
        participle = (
            opens == r
            and root.tag in ("VBN", "VBG")
            and not any(toks[c].dep in _SUBJ or toks[c].dep == "aux" for c in root.children)
        )
        if not (subordinate or participle):
            continue
        mains = [
            c
            for c in root.children
            if c > r
            and toks[c].dep in ("parataxis", "conj", "ccomp")
            and any(
                toks[k].dep in _SUBJ and toks[k].lower not in ("which", "who", "that")
                for k in toks[c].children
            )  # (", which sparks ..." is a relative clause, never the main one)
            and any(toks[k].text == "," for k in range(r, min(sent.subtree(c)) + 1))
        ]
        if not mains:
            continue
        main = mains[0]
        toks[main].head, toks[main].dep = main, "root"
        root.head, root.dep = main, "advcl"
        # what the old root carried after the main clause modifies the main clause
        # ("Facing higher prices, consumers may buy less, thereby hurting China's GDP")
        for c in root.children:
            if c > main and toks[c].dep != "punct":
                toks[c].head = main
        changed = True
    return changed


def _appositions(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.dep != "conj" or t.pos not in ("PROPN", "NOUN"):
            continue
        head = toks[t.head]
        if head.pos not in ("NOUN", "PROPN"):
            continue
        conjuncts = [c for c in head.children if toks[c].dep == "conj"]
        has_cc = any(toks[c].dep == "cc" for k in [head.i, *conjuncts] for c in toks[k].children)
        first = min(sent.subtree(t.i))
        comma = toks[first].text == "," or (first > 0 and toks[first - 1].text == ",")
        if len(conjuncts) == 1 and not has_cc and comma:
            t.dep = "appos"
            changed = True
    return changed


def _coordinated_predicates(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    quote_depth = 0
    for k, t in enumerate(toks):
        if t.text in ("\u201c", "\u201d", '"'):
            quote_depth ^= 1
        if quote_depth or t.tag not in _FINITE or k < 2:
            continue
        cc = k - 1
        if toks[cc].tag == "RB" and k >= 3:
            cc -= 1
        if toks[cc].lower not in ("and", "but", "or"):
            continue
        if any(toks[c].dep in _SUBJ for c in t.children):
            continue
        target = _main_verb_before(sent, cc)
        if target is None or t.head == target:
            continue
        governors = sent.governors(k)
        if target in governors and not _hung_on_object(sent, governors, target):
            continue
        if t.i in sent.governors(target):
            continue
        if (t.tag in _PAST) != (toks[target].tag in _PAST):
            continue
        t.head, t.dep = target, "conj"
        toks[cc].head, toks[cc].dep = k, "cc"
        changed = True
    return changed


def _listed_predicates(sent: Sentence) -> bool:
    """ "The mayor has cut the parks budget, closed two libraries, and sold the city hall":
    the middle items of a list of predicates, which the parser hangs anywhere (a modifier of
    "libraries", a parataxis), are conjuncts of the first verb, as the last one is. An item
    is a past verb right after a comma, with no subject, between the first verb and the
    ", and" of the last item, a past conjunct of the first verb or of an item."""
    toks = sent.toks
    changed = False
    for last in toks:
        if last.dep != "conj" or last.tag not in _PAST or last.i < 4:
            continue
        if toks[last.i - 1].lower not in ("and", "or") or toks[last.i - 2].text != ",":
            continue
        items = [
            k
            for k in range(1, last.i - 2)
            if toks[k - 1].text == ","
            and toks[k].tag in _PAST
            and not any(toks[c].dep in _SUBJ for c in toks[k].children)
        ]
        head = toks[last.head]
        while head.i in items:
            head = toks[head.head]
        if not items or head.i >= min(items) or head.dep not in ("root", "conj"):
            continue
        # (the first verb in a past form, or a bare form with a subject and no auxiliary:
        # "The mayor cut/VB the parks budget")
        kids = [toks[c].dep for c in head.children]
        if head.tag not in _PAST and not (
            head.tag == "VB" and "nsubj" in kids and not {"aux", "aux:pass"} & set(kids)
        ):
            continue
        between = toks[head.i + 1 : last.i]
        if any(t.lower in _BLOCKERS or t.text in _OPAQUE for t in between):
            continue
        # ("has already cut X, closed/VBD Y, and sold/VBD Z": participles, as the first is;
        # they share its "has")
        perfect = head.tag == "VBN" and any(
            toks[c].lower in _PERFECT and toks[c].dep == "aux" for c in head.children
        )
        for k in items:
            noun = toks[k].head
            if toks[k].dep == "amod" and noun > k:
                # "closed/amod two libraries/parataxis": the noun is the item's object
                toks[noun].head, toks[noun].dep = k, "obj"
            toks[k].head, toks[k].dep = head.i, "conj"
        last.head = head.i
        if head.tag == "VB":
            head.tag = "VBD"  # ("The mayor cut/VB X, closed Y, and sold Z": a past, as they are)
        if perfect:
            for k in [*items, last.i]:
                toks[k].tag = "VBN"
        changed = True
    return changed


def _hung_on_object(sent: Sentence, governors: list[int], target: int) -> bool:
    """Between a verb and `target`, its governors are nouns only: "knocked out power to 1.2
    million homes and killed six people" with "killed" hung on "power" (its place is beside
    "knocked")."""
    path = governors[: governors.index(target)]
    return bool(path) and all(sent.toks[g].tag.startswith("NN") for g in path)


def _main_verb_before(sent: Sentence, end: int) -> int | None:
    """The finite verb of the main clause before token `end`, if nothing subordinate
    (a relative pronoun, a subordinator, a quotation mark) stands between them."""
    toks = sent.toks
    for j in range(end - 1, -1, -1):
        t = toks[j]
        if t.lower in _BLOCKERS or t.text in _OPAQUE:
            return None
        if t.tag in _FINITE or (t.tag == "VBN" and t.dep in ("root", "conj")):
            if t.dep in ("root", "conj", "parataxis") and t.dep != "aux":
                return j
            return None
    return None


def _participles(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.tag != "VBG" or t.dep != "acl" or t.lower in _PREPOSITION_LIKE:
            continue
        head = toks[t.head]
        if head.pos != "PROPN" or t.head != t.i - 1 or len(sent.subtree(t.i)) < 3:
            continue
        clause = next((g for g in sent.governors(t.i) if toks[g].is_verb), None)
        if clause is None:
            continue
        t.head, t.dep = clause, "advcl"
        changed = True
    return changed


def _past_participle_asides(sent: Sentence) -> bool:
    """ "Mountainous areas, thought to represent ..., cover ...": a past tense with no
    subject, set off after the subject of the main verb, is a participle (the tagger's "VBD"
    kept it from leaving as one)."""
    changed = False
    toks = sent.toks
    for t in toks:
        if (
            t.tag == "VBD"
            and t.dep == "acl"
            and t.i >= 2
            and t.head == t.i - 2
            and toks[t.i - 1].text == ","
            and not any(toks[c].dep in _SUBJ for c in t.children)
            # (on the subject of the main verb only: inside reported content, "alleged that
            # the guards, assigned to ..., browsed ...", it stays where it is)
            and toks[t.head].dep in _SUBJ
            and toks[toks[t.head].head].dep == "root"
        ):
            t.tag = "VBN"
            changed = True
    return changed


def _bare_conjuncts(sent: Sentence) -> bool:
    """ "will close 40 stores and cut 2,000 jobs": a verb whose past is its bare form, after
    "and" under a modal or "to", is the bare form (tagged a past, it shared no "will" and
    the sentence stayed whole)."""
    changed = False
    toks = sent.toks
    for t in toks:
        if t.tag != "VBD" or t.dep != "conj" or t.lower not in _SAME_PAST:
            continue
        head = toks[t.head]
        bare = [toks[c] for c in head.children if toks[c].dep in ("aux", "mark")]
        # (never after a negation or "did": "did not close any stores and cut jobs" may say
        # the jobs were cut; it stays one claim)
        negated = any(toks[c].lower in ("not", "n't", "never") for c in head.children)
        if head.tag == "VB" and any(a.lower in _BARE_BEFORE for a in bare) and not negated:
            t.tag = "VB"
            changed = True
    return changed


# verbs whose past is their bare form, and what takes the bare form
_SAME_PAST = words("cut put set hit let shut cost spread quit hurt split cast burst bet forecast")
_BARE_BEFORE = words("will would can could may might shall should must to ca wo")


def _speech_conjuncts(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        # ("The office said the fires were caused by faulty wiring and called on the
        # utility to ...": the office called on it, not the fires)
        if t.dep != "conj" or not (t.lower in SPEECH or t.lower in PROPOSING) or not t.is_verb:
            continue
        if any(toks[c].dep in _SUBJ for c in t.children):
            continue  # "... and the police said ...": a clause of its own
        content = toks[t.head]
        if content.dep not in ("ccomp", "parataxis") or content.i > t.i:
            continue
        # ('..., he asked about X, called Y a "traitor" and said, "...", the office said':
        # what he did, one verb of speech after another)
        if content.lower in SPEECH:
            continue
        speech = toks[content.head]
        if not (speech.lower in SPEECH or speech.lower in FINDINGS) or speech.i == content.i:
            continue
        t.head = speech.i
        changed = True
    return changed


def _trailing_speech_tags(sent: Sentence) -> bool:
    """ "Such stripping would likely occur regularly, Paganini and his team wrote in the
    paper, which ...": a verb of speech with its subject after the comma that closes what
    it reports, with no conjunction, is the sentence's speech tag, never a second clause
    beside the first (cut there, "Paganini and his team wrote in the new paper." was a
    claim and what they wrote lost its source)."""
    changed = False
    toks = sent.toks
    for t in toks:
        if t.dep != "conj" or t.lower not in SPEECH or t.tag not in _FINITE:
            continue
        content = toks[t.head]
        if content.head != content.i or content.i > t.i or not content.is_verb:
            continue
        kids = [toks[c] for c in t.children]
        subjects = [k for k in kids if k.dep in _SUBJ and k.i < t.i]
        if not subjects:
            continue
        # (right after the comma: ", and Ortiz wrote ..." is a second clause)
        first = min(k for k in sent.subtree(subjects[0].i) if toks[k].text[:1].isalnum())
        if first == 0 or toks[first - 1].text != "," or any(k.dep == "ccomp" for k in kids):
            continue  # (", Ortiz said rain fell": it reports something of its own)
        t.head, t.dep = t.i, "root"
        content.head, content.dep = t.i, "ccomp"
        for c in content.children:
            if c > t.i:  # (the closing full stop)
                toks[c].head = t.i
        changed = True
    return changed


def _complementizer_objects(sent: Sentence) -> bool:
    """ "The commission found that in 2015, there were 9 million deaths": a "that" tagged
    as a complementizer but hung on the verb as its object, with the clause it opens set
    beside the verb (a parataxis), opens that clause, the verb's complement; read as the
    parser left it, "The commission found that in 2015." was a claim."""
    changed = False
    toks = sent.toks
    for t in toks:
        if t.lower != "that" or t.tag != "IN" or t.dep != "obj":
            continue
        verb = toks[t.head]
        if not verb.is_verb or verb.i > t.i:
            continue
        clause = next(
            (
                toks[c]
                for c in verb.children
                if c > t.i
                and toks[c].dep in ("parataxis", "conj", "dep")
                and toks[c].is_verb
                and any(toks[g].dep in _SUBJ for g in toks[c].children)
            ),
            None,
        )
        if clause is None or any(x.is_verb for x in toks[t.i + 1 : clause.i] if x.dep != "aux"):
            continue
        if any(toks[j].lower in ("and", "but", "or", ";") for j in range(t.i + 1, clause.i)):
            continue
        t.dep, t.head = "mark", clause.i
        clause.dep = "ccomp"
        changed = True
    return changed


_PERFECT = words("has have had")


def _auxiliaries(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.lower not in _PERFECT or t.dep in ("aux", "aux:pass") or t.tag not in _FINITE:
            continue
        v = t.i + 1
        while v < len(toks) and toks[v].tag == "RB":
            v += 1
        if v >= len(toks) or toks[v].tag != "VBN" or toks[v].head == t.i:
            continue
        if any(toks[c].dep not in ("cc", "punct", "advmod") for c in t.children):
            continue  # "had a plan": a verb with an object of its own
        for c in t.children:
            toks[c].head = v
        t.head, t.dep = v, "aux"
        changed = True
    return changed


# what a noun phrase holds before its head: they leave the verb with the subject
_NP_INSIDE = frozenset({"det", "amod", "compound", "nmod:poss", "nummod", "det:poss", "case"})
_SUBJECT_OR_AUX = _SUBJ | {"cop", "aux", "aux:pass"}
_COMPLEMENTS = frozenset({"obj", "iobj", "obl", "xcomp", "ccomp", "obl:agent", "advmod"})


def _lost_subjects(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for v in toks:
        if v.tag not in _FINITE or v.dep != "root" or v.i == 0:
            continue
        if any(toks[c].dep in _SUBJECT_OR_AUX for c in v.children):
            continue
        noun = toks[v.i - 1]
        if noun.tag not in ("NN", "NNS", "NNP", "NNPS") or noun.head != v.i:
            continue
        if noun.dep not in ("compound", "amod", "nmod"):
            continue
        if not any(c > v.i and toks[c].dep in _COMPLEMENTS for c in v.children):
            continue  # "a feather duvet and feather pillows": a noun read as a verb
        # the phrase runs back from the noun over words the parser hung on the verb
        start = noun.i
        while (
            start > 0
            and toks[start - 1].head in (v.i, noun.i)
            and (toks[start - 1].dep in _NP_INSIDE or toks[start - 1].head == noun.i)
        ):
            start -= 1
        noun.dep = "nsubj"
        for k in range(start, noun.i):
            if toks[k].head == v.i:
                toks[k].head = noun.i
        changed = True
    return changed


def _participle_asides(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for p in toks:
        if p.tag not in ("VBN", "VBG") or p.dep not in ("parataxis", "conj", "appos", "dep"):
            continue
        noun = toks[p.head]
        if noun.pos not in ("NOUN", "PROPN") or noun.dep not in _SUBJ or not 2 <= noun.i + 2 <= p.i:
            continue  # (the noun comes first, then its comma)
        before = [k for k in sent.subtree(noun.i) - sent.subtree(p.i) if k < p.i]
        if toks[p.i - 1].text != "," or max(before) != p.i - 2:
            continue
        if any(toks[c].dep in _SUBJ or toks[c].dep.startswith("aux") for c in p.children):
            continue
        close = max(sent.subtree(p.i)) + 1
        verb = noun.head
        if close >= len(toks) or toks[close].text != "," or _group_start(toks, verb) != close + 1:
            continue
        p.dep = "acl"
        changed = True
    return changed


_SET_BESIDE = frozenset({"parataxis", "conj", "list", "appos", "dep"})


def _verb_after_apposition(sent: Sentence) -> bool:
    toks = sent.toks
    roots = [t for t in toks if t.head == t.i]
    if len(roots) != 1 or roots[0].pos not in ("NOUN", "PROPN"):
        return False
    root = roots[0]
    if any(toks[c].dep in _SUBJ or toks[c].dep == "cop" for c in root.children):
        return False
    name_end = root.i  # "Jane Roe": the name's last word
    while (
        name_end + 1 < len(toks)
        and toks[name_end + 1].dep in ("flat", "compound")
        and toks[name_end + 1].head == root.i
    ):
        name_end += 1
    if name_end + 1 >= len(toks) or toks[name_end + 1].text != ",":
        return False
    verbs = [
        c
        for c in root.children
        if c > name_end
        and toks[c].dep in _SET_BESIDE
        and (toks[c].tag in _FINITE or toks[c].tag == "VBN")
    ]
    if not verbs:
        return False
    v = verbs[0]
    if toks[v].tag == "VBN" and (
        len(verbs) > 1 or any(toks[c].dep.startswith("aux") for c in toks[v].children)
    ):
        return False
    start = _group_start(toks, v)
    if toks[start - 1].text != "," or any(toks[c].dep in _SUBJ for c in toks[v].children):
        return False
    # everything between the name and the verb is noun phrases set off by commas
    between = [c for c in root.children if name_end < c < start]
    if any(toks[c].pos not in ("NOUN", "PROPN", "PUNCT") for c in between):
        return False
    if any(
        toks[k].tag in _FINITE or toks[k].tag in ("MD", "VBG") for k in range(name_end + 1, start)
    ):
        return False
    for c in between:
        if toks[c].pos != "PUNCT":
            toks[c].dep = "appos"
    toks[v].head, toks[v].dep = v, "root"
    root.head, root.dep = (
        v,
        "nsubj:pass" if any(toks[c].dep == "aux:pass" for c in toks[v].children) else "nsubj",
    )
    for c in root.children:
        if c > start:
            toks[c].head = v
    return True


def _apposition_after_relative(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.dep != "appos" or t.head >= t.i:
            continue
        opening = sent.first_word(t.i)
        j = opening - 1
        while j > t.head and not toks[j].text[:1].isalnum():
            j -= 1
        relative = next(
            (
                c
                for c in toks[t.head].children
                if c < t.i
                and j in sent.subtree(c)
                and (toks[c].dep == "acl:relcl" or toks[sent.first_word(c)].tag in ("WP", "WDT"))
            ),
            None,
        )
        if relative is None or toks[j].pos not in ("NOUN", "PROPN"):
            continue
        inside = sent.subtree(relative)
        x = j
        while (
            toks[x].dep in ("compound", "flat", "nmod")
            and toks[x].head < x
            and toks[x].head in inside
            and toks[toks[x].head].pos in ("NOUN", "PROPN")
        ):
            x = toks[x].head  # "Alliance for American Manufacturing": the name's head
        t.head = x
        changed = True
    return changed


def _apposition_tails(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.dep != "appos" or t.head >= t.i or toks[sent.first_word(t.i) - 1].text != ",":
            continue
        verb = next((g for g in sent.governors(t.i) if toks[g].pos in ("VERB", "AUX")), None)
        if verb is None or verb > t.i:
            continue
        for c in list(t.children):
            first = sent.first_word(c)
            if (
                c > t.i
                and toks[c].dep in ("nmod", "obl")
                and toks[first - 1].text == ","
                and toks[first].dep == "case"
                and toks[first].tag == "IN"
                and toks[first].lower != "of"
            ):
                toks[c].head, toks[c].dep = verb, "obl"
                changed = True
    return changed


_DELIMITERS = frozenset({",", "\u2014", "\u2013", "--"})
# what opens the object of a verb
_OBJECT_START = frozenset({"CD", "DT", "PRP$", "PRP", "NNS", "$", "JJ"})
_RAISING = words("thought believed said expected estimated reported known considered")
_SUBJECT_TAGS = frozenset(
    {"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CC", "POS", "PRP$", "CD",
     "HYPH", "RB"}
)  # fmt: skip


def _verb_after_participle(sent: Sentence) -> bool:
    toks = sent.toks
    # the sentence opens with a noun phrase, then a comma or a dash
    opening = next((k for k, t in enumerate(toks) if t.tag not in _SUBJECT_TAGS), len(toks))
    if not 0 < opening <= 10 or opening + 2 >= len(toks):
        return False
    if toks[opening].text not in _DELIMITERS or toks[opening - 1].pos not in ("NOUN", "PROPN"):
        return False
    noun = toks[opening - 1]
    p = toks[opening + 1]
    raised = p.tag == "VBD" and p.lower in _RAISING and toks[p.i + 1].lower == "to"
    if p.tag != "VBN" and not raised:
        return False
    # the aside closes with the same mark it opened with, before a verb group with a tense
    close = next(
        (
            k
            for k in range(p.i + 1, len(toks))
            if toks[k].text == toks[opening].text
            or (toks[opening].text != "," and toks[k].text in _DELIMITERS - {","})
        ),
        None,
    )
    if close is None or close + 1 >= len(toks):
        return False
    aside = range(opening, close + 1)
    if any(toks[k].tag in _FINITE or toks[k].tag == "MD" for k in aside if k != p.i):
        return False
    v = close + 1
    while v < len(toks) and (toks[v].tag == "RB" or toks[v].dep.startswith("aux")):
        v += 1
    first = toks[close + 1]
    # a verb with its object right after the aside, read as something else: "wetlands ...,
    # cover 6 percent" (a plural's verb read as a noun), "The vaccine ..., cut infections"
    # (a past tense read as a participle)
    misread = None
    if first.i + 1 < len(toks) and toks[first.i + 1].tag in _OBJECT_START:
        if first.tag == "NN" and first.text.isalpha() and first.text.islower():
            misread = "VBP" if noun.tag in ("NNS", "NNPS") else None
        elif first.tag == "VBN":
            misread = "VBD"
    if v >= len(toks) or not (toks[v].tag.startswith("VB") or (misread and v == first.i)):
        return False
    if not (
        first.tag in _FINITE
        or first.tag == "MD"
        # ("areas ..., cover 20 percent": a plural's verb read as "VB")
        or (first.i == v and first.tag == "VB" and noun.tag in ("NNS", "NNPS"))
        or misread
    ):
        return False
    roots = [t.i for t in toks if t.head == t.i]
    if len(roots) != 1 or roots[0] > close:
        return False  # only a root taken from the subject or the aside is mended
    if raised:
        p.tag = "VBN"
    if toks[v].tag == "VB" and first.i == v:
        toks[v].tag = "VBP"
    if misread:
        first.tag = misread
    _subject_before_aside(sent, noun.i, p.i, "acl", aside, v, v)
    return True


def _subject_before_aside(
    sent: Sentence, noun: int, head: int, dep: str, aside: range, v: int, predicate: int
) -> None:
    """Re-hang a sentence read as "subject `noun` (everything before `aside`), the aside
    headed by `head` (describing the noun as `dep`), then the clause whose verb group ends at
    `v` and whose predicate is `predicate`"."""
    toks = sent.toks
    subject = range(aside.start)
    for k in subject:
        if k != noun and toks[k].head not in subject:
            toks[k].head = noun
    toks[head].head, toks[head].dep = noun, dep
    for k in aside:
        if k != head and toks[k].head not in aside:
            toks[k].head = head
    rest = range(aside.stop, len(toks))
    toks[predicate].head, toks[predicate].dep = predicate, "root"
    passive = any(toks[k].dep == "aux:pass" for k in range(aside.stop, v))
    toks[noun].head, toks[noun].dep = predicate, "nsubj:pass" if passive else "nsubj"
    for k in rest:
        if k != predicate and (toks[k].head not in rest or toks[k].head == k):
            toks[k].head = predicate


# what an apposition between a subject and its verb is made of: "a retired judge from
# Dayton", "the chief executive of Harbor Mills", "China's top trade negotiator"
_APPOSITION_TAGS = frozenset(
    {"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "PRP$", "CD", "HYPH",
     "VBN", "IN", "RB"}
)  # fmt: skip
_VERB_GROUP_TAGS = frozenset({"RB", "RBR", "RBS", "MD"})


def _verb_after_apposition_aside(sent: Sentence) -> bool:
    toks = sent.toks
    # the sentence opens with a noun phrase, then a comma or a dash
    opening = next((k for k, t in enumerate(toks) if t.tag not in _SUBJECT_TAGS), len(toks))
    if not 0 < opening <= 10 or opening + 3 >= len(toks):
        return False
    mark = toks[opening].text
    if mark not in _DELIMITERS or toks[opening - 1].pos not in ("NOUN", "PROPN"):
        return False
    noun = toks[opening - 1]
    tops = [k for k in range(opening) if toks[k].head not in range(opening) or toks[k].head == k]
    if len(tops) == 1 and toks[tops[0]].pos in ("NOUN", "PROPN"):
        noun = toks[tops[0]]  # "David Stier": the name's head, as the parser has it
    close = next(
        (
            k
            for k in range(opening + 1, min(len(toks), opening + 16))
            if toks[k].text == mark or (mark != "," and toks[k].text in _DELIMITERS - {","})
        ),
        None,
    )
    if close is None or close + 2 >= len(toks) or close == opening + 1:
        return False
    aside = range(opening, close + 1)
    inner = [toks[k] for k in range(opening + 1, close)]
    if any(t.tag not in _APPOSITION_TAGS for t in inner) or inner[0].tag in ("IN", "VBN"):
        # a clause, a list ("Paris, Lyon and Nice, ..."; "a data scientist and business
        # advisor" is read as one, so it stays too), a phrase of the clause ("in 2019") or
        # a participle ("The report, released last week, shows ...": see
        # ``_verb_after_participle``)
        return False
    # its head: the last noun before its own prepositional phrase ("judge" of "a retired
    # judge from Dayton")
    stop = next((t.i for t in inner if t.tag == "IN"), close)
    head = next((k for k in range(stop - 1, opening, -1) if toks[k].tag.startswith("NN")), None)
    if head is None:
        return False  # "Garza, 54, was elected": an age stays in its clause
    if inner[-1].tag in ("NNP", "NNPS") and not any(
        toks[k].tag in ("NNP", "NNPS") for k in range(opening)
    ):
        # "Another diplomat, former special envoy Kurt Volker, shifted ...": the name says
        # who; the clause keeps it ("Another diplomat shifted ..." would not)
        return False
    # a verb group with a tense right after the closing mark
    first = toks[close + 1]
    rest = range(close + 1, len(toks))
    lone = first.tag == "VBN" and not any(toks[k].tag in _FINITE | {"MD"} for k in rest)
    if first.tag not in _FINITE and first.tag != "MD" and not lone:
        # (a past tense the tagger read as a participle is the only verb the clause has:
        # "Leif Dahleen, the blogger behind ..., retired from anesthesiology at 43")
        return False
    v = close + 1
    while v < len(toks) and (toks[v].tag in _VERB_GROUP_TAGS or toks[v].dep.startswith("aux")):
        v += 1
    if v >= len(toks) or (not toks[v].tag.startswith("VB") and toks[v].dep != "cop"):
        return False
    if any(toks[k].dep in _SUBJ and toks[k].head == k for k in rest):
        return False
    roots = [t.i for t in toks if t.head == t.i]
    if len(roots) != 1:
        return False
    predicate = roots[0] if roots[0] in rest else v
    if any(toks[c].dep in _SUBJ for c in toks[predicate].children if c in rest):
        return False  # the clause has a subject of its own: the noun phrases are no subject
    if toks[head].dep == "appos" and toks[head].head == noun.i and toks[noun.i].head == predicate:
        return False  # read right already
    if lone:
        first.tag = "VBD"
    _subject_before_aside(sent, noun.i, head, "appos", aside, v, predicate)
    return True


_UNMARKED = frozenset({"obl:unmarked", "obl:npmod", "obl:tmod"})
_PARTS = words("one some part many most each")
_TIME_WORDS = CALENDAR | words("years months weeks days day decade decades quarter ago time")


def _closing_appositions(sent: Sentence) -> bool:
    changed = False
    toks = sent.toks
    for t in toks:
        if t.dep not in _UNMARKED or t.lower in _TIME_WORDS:
            continue
        first = sent.first_word(t.i)
        if first < 2 or toks[first - 1].text != "," or toks[first].lower not in ("a", "an", "the"):
            if not (first == t.i and t.lower in _PARTS and toks[t.i + 1 : t.i + 2]):
                continue
            if toks[t.i + 1].lower != "of":
                continue  # "one of the most common injuries": a number heading "of"
        noun = toks[first - 2]
        if noun.tag not in ("NN", "NNS", "NNP", "NNPS") or noun.lower in _TIME_WORDS:
            continue
        if t.head not in sent.governors(noun.i):
            continue  # the noun is in the clause the phrase was hung on
        phrase = sent.subtree(t.i)
        if any(toks[k].tag in _FINITE or toks[k].tag == "MD" for k in phrase):
            continue
        if any(toks[k].lower in ("and", "or") for k in phrase):
            continue  # "affect counties north of A, in B, the wine country and C": a list
        t.head, t.dep = noun.i, "appos"
        changed = True
    return changed


def _subject_after_opening_phrase(sent: Sentence) -> bool:
    """ "Despite strong sales, profits, which had risen for years, fell by 10 percent": the
    parser made "profits" an apposition of "sales" and left "fell" without a subject ("Strong
    sales are profits ..." and "Fell by 10 percent." were claims). A noun set off by a comma
    after the opening prepositional phrase of a verb with no subject, whose words run to the
    comma before that verb, is its subject."""
    changed = False
    toks = sent.toks
    for v in toks:
        if v.tag not in _FINITE or any(toks[c].dep in _SUBJ for c in v.children):
            continue
        for o in v.children:
            phrase = toks[o]
            if phrase.dep != "obl" or o > v.i or toks[sent.first_word(o)].tag != "IN":
                continue
            for a in phrase.children:
                noun = toks[a]
                if noun.dep != "appos" or noun.tag not in ("NN", "NNS", "NNP", "NNPS"):
                    continue
                if toks[sent.first_word(a) - 1].text != ",":
                    continue
                end = max(sent.subtree(a))
                if not (end + 2 == v.i and toks[end + 1].text == ","):
                    continue
                noun.head, noun.dep = v.i, "nsubj"
                changed = True
    return changed
