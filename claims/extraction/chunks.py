# Over 400 lines on purpose: the cut rules read one sentence's tags together.
"""Clause chunks: where a sentence holds several full clauses side by side.

A dependency parser trained on web text often gets the top of a long news sentence wrong
exactly where two full clauses meet ("..., and Anthony Davis scored 34 points"; a comma
splice "..., Myanmar military uses ..."; "...; the rest ...").  Those meeting points are
easy to see in the part-of-speech tags, which are far more accurate than the tree: a
comma or semicolon (optionally followed by and/but/so/yet) between a finite clause and a
subject noun phrase directly followed by its finite verb.  Each chunk is then parsed on its
own, so each gets a tree of its own size.

Never cut: inside quotation marks or brackets, after a subordinate clause opener ("When
the army seized power, the West ..."), before an attribution ("..., he said"), or when the
left side has no finite verb with a subject of its own ("In 2021, the army ...").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from claims.extraction.lexicon import (
    AUXILIARIES,
    CALENDAR,
    FINDINGS,
    NONFINITE_BE,
    POS_CLASSES,
    ROLES,
    words,
)
from claims.extraction.parse import Sentence, Tok
from claims.extraction.types import Span
from claims.extraction.units import (
    AUX,
    CONDITIONAL_MARKS,
    PERCEPTION,
    SUBJ,
    correlative,
    counted_colon,
    finding_with_object,
    inverted_condition,
    sentence_attribution,
    shared_source,
    while_of_time,
)

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NP_TAGS = frozenset(
    {"DT", "PDT", "PRP", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS",
     "HYPH", "VBN", "VBG"}
)  # fmt: skip
_SUBORDINATORS = words(
    """
    when whenever if unless because since although though while whereas as after before
    until once whether so that which who whom whose where
    """
)
_COORDINATORS = words("and but so yet or")
_SPEECH = words(
    """
    said says say told tells added adds wrote writes noted notes explained stated claimed
    argued insisted recalled continued asked according reported reports warned
    """
)
_CLOSING_VERBS = _SPEECH | FINDINGS  # ", the ministry said", ", the audit found"
_CONTRASTS = words("though although while whereas")
_NEGATIONS_OR_CONDITIONS = words(
    "not n't never no nor neither none nobody nothing cannot if unless whether"
)
_CONCESSIVE = words("though although whereas despite")
_DASHES = frozenset({"\u2014", "\u2013", "--"})
# -ing words that work as prepositions: ", including A and B" is a list, not a clause
_PREPOSITION_LIKE = words(
    """
    including excluding according regarding concerning following depending considering
    beginning starting ending pending barring notwithstanding involving given relating
    """
)
_OPEN_QUOTES = frozenset({"\u201c", "\u00ab", "\u201e", "\u2018"})
_CLOSE_QUOTES = frozenset({"\u201d", "\u00bb", "\u2019"})
_BOUNDARIES = frozenset({",", ";", ":"})
MIN_WORDS = 4


def _depths(sent: Sentence) -> list[int]:
    """Nesting depth in quotes and brackets before each token."""
    depth = 0
    straight = False
    out = []
    for t in sent.toks:
        out.append(depth + straight)
        if t.text in _OPEN_QUOTES or t.text in ("(", "["):
            depth += 1
        elif (t.text in _CLOSE_QUOTES and t.tag in ("''", "``")) or t.text in (")", "]"):
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight = not straight
    return out


def _inside_noun_phrase(toks: list[Tok], k: int, j: int) -> bool:
    """Token `j` continues a noun phrase that starts at `k`: a noun-phrase tag, "and"
    between two noun-phrase words, or a short preposition after a noun ("sources in the")."""
    tag = toks[j].tag
    if tag in _NP_TAGS and tag not in FINITE:
        return True
    if tag == "CC":
        return j > k and j + 1 < len(toks) and toks[j + 1].tag in _NP_TAGS
    if toks[j].lower == "than" and j > k and toks[j - 1].lower in ("more", "fewer", "less"):
        return True  # "more than 3 million have fled"
    if (
        toks[j].lower in ("with", "to")
        and j > k + 1
        and toks[j - 1].tag == "JJ"
        and toks[j - 2].tag.startswith("NN")
    ):
        return True  # "two people familiar with the deal said", "officials close to him"
    return (
        tag == "IN"
        and toks[j].lower in ("of", "in", "from", "at", "for", "on")
        and j > k
        and toks[j - 1].tag.startswith("NN")
    )


_COMES = words("come comes came")  # (the words screen._fragment knows)


def _as_clause(toks: list[Tok], depth: list[int], k: int) -> bool:
    """ "as <subject> <verb> ..." at `k` runs to the end of the sentence with a clause of its
    own: a subject, a finite verb that reports nothing, a verb with content (never the
    ellipsis of "as I did at the conference", "as it should for $2,400", "as they had been
    for decades"), at least four words, and no comparison it closes ("not so much A, as it
    was B"; "as fragile as")."""
    if (
        toks[k - 1].lower in _COORDINATORS  # ", and as the song grows, ...": fronted
        # ("did not, as it pledged, repair the bridge": the verb comes after the aside)
        or (k >= 2 and toks[k - 2].lower in _OPEN_GROUP)
        or any(x.lower in ("as", "so") for x in toks[:k])
        or not _subject_then_verb(toks, k + 1)
    ):
        return False
    rest = toks[k + 1 :]
    words_ = [x for x in rest if x.text[:1].isalnum()]
    verb = next((x for x in rest if x.tag in FINITE), None)
    if verb is None:
        return False
    group = itertools.takewhile(
        lambda x: x.tag.startswith("VB") or x.tag in ("MD", "RB"), rest[verb.i - k - 1 :]
    )
    content = any(x.tag.startswith("VB") and x.lower not in _AUX_FORMS for x in group)
    # ("did not, as it promised, address substantive issues": the clause goes on after it)
    resumes = any(
        x.text == "," and x.i + 1 < len(toks) and toks[x.i + 1].tag in FINITE | {"VB"} for x in rest
    )
    return (
        len(words_) >= 4
        and content
        and not resumes
        and verb.lower not in _SPEECH
        and verb.lower not in FINDINGS
        and all(not depth[x.i] for x in words_)
    )


def _past_clause(toks: list[Tok], depth: list[int], k: int) -> bool:
    """ "after|before <subject> <past verb> ..." at `k` runs to the end of the sentence: a
    subject, a verb in the past tense (no modal before it), at least four words, nothing
    quoted and no second clause after it."""
    if not _subject_then_verb(toks, k + 1):
        return False
    rest = toks[k + 1 :]
    verb = next((x for x in rest if x.tag in FINITE), None)
    if verb is None or verb.tag != "VBD" or verb.lower in _SPEECH:
        return False
    words_ = [x for x in rest if x.text[:1].isalnum()]
    resumes = any(
        x.text in (",", ";") and x.i + 1 < len(toks) and toks[x.i + 1].tag in FINITE | {"VB"}
        for x in rest
    )
    return len(words_) >= 4 and not resumes and all(not depth[x.i] for x in rest)


_TIME_OPENERS = words("when after before")
_PRONOUN_SUBJECTS = words("i we you he she it they this that these those there")


def fronted_event(sent: Sentence) -> tuple[int, int] | None:
    """The tokens [a, b) of a past event that opens the sentence as its time ("When tens of
    thousands of residents marched on the campus, they faced ..."; "Before the examiner
    concluded that ..., his death was shadowed ..."): the sentence states it happened, so it
    is a claim of its own, beside the sentence that it dates. None unless the clause has a
    subject that names someone or something (not "they"), a verb in the past tense (no modal,
    no speech) and at least five words, and the sentence goes on after its comma with a
    subject and verb of its own, with no source speaking for all of it. (A question, or a
    sentence inside a quotation, never gets here: ``pipeline.parse_step``.)"""
    toks = sent.toks
    n = len(toks)
    if n < 8 or toks[0].lower not in _TIME_OPENERS:
        return None
    depth = _depths(sent)
    comma = next((t.i for t in toks if t.text == "," and not depth[t.i]), None)
    if comma is None or comma + 1 >= n:
        return None
    clause = toks[1:comma]
    # what "when" opens: the clause's first verb with its subject before it (the parser may
    # hang the "when" itself anywhere: "Before" as the case of "the auditor")
    verb = next(
        (
            x
            for x in clause
            if x.is_verb and any(toks[c].dep in SUBJ and 0 < c < x.i for c in x.children)
        ),
        None,
    )
    if verb is None or toks[1].lower in _PRONOUN_SUBJECTS or verb.lower in _SPEECH:
        return None
    main = toks[verb.head]  # what it dates: a clause with its own subject after the comma
    if not _subject_then_verb(toks, comma + 1) and not (
        main.i > comma and any(toks[c].dep in SUBJ and c > comma for c in main.children)
    ):
        return None
    tenses = [verb.tag] + [toks[c].tag for c in verb.children if toks[c].dep in AUX]
    # (the tagger reads many a past verb as a participle: "farmers marched on the capital")
    if "VBD" not in tenses and tenses != ["VBN"]:
        return None
    if sum(1 for x in clause if x.text[:1].isalnum()) < 5 or sentence_attribution(sent):
        return None
    return 1, comma


_AUX_FORMS = AUXILIARIES | NONFINITE_BE | words("having done")
_OPEN_GROUP = AUXILIARIES | words("not n't never")


def _inside_subject_aside(toks: list[Tok], k: int) -> bool:
    """Token `k` is inside a pair of dashes after which the clause's verb comes ("The same
    business logic—that you're trapped ..., and tech can free you—underlies the gig
    economy"): the aside spells out the subject, and nothing inside it is cut."""
    opening = [j for j in range(k) if toks[j].text in _DASHES]
    closing = next((j for j in range(k + 1, len(toks)) if toks[j].text in _DASHES), None)
    if len(opening) % 2 == 0 or closing is None:
        return False
    after = closing + 1
    while after < len(toks) and toks[after].tag in ("RB", "MD"):
        after += 1
    return after < len(toks) and toks[after].tag in FINITE


def _inserted_source(toks: list[Tok], k: int) -> bool:
    """Tokens from `k` are a short source set off by commas ("Lopez said,", "the mayor
    told reporters,") in the middle of a clause that goes on after it."""
    j = k
    while j < len(toks) and j - k < 5 and toks[j].lower not in _SPEECH:
        if not (toks[j].tag.startswith("NN") or toks[j].tag in ("DT", "PRP", "JJ", "POS")):
            return False
        j += 1
    if j == k or j >= len(toks) or toks[j].lower not in _SPEECH:
        return False
    j += 1
    if j < len(toks) and toks[j].lower in ("reporters", "me", "us", "him", "her"):
        j += 1
    return j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text[:1].isalnum()


def _subject_then_verb(toks: list[Tok], k: int) -> bool:
    """A short subject noun phrase starting at `k`, then its finite verb ("both analysts
    and sources in the camp told ...")."""
    n = len(toks)
    if k < n and toks[k].lower in ("both", "either", "neither"):
        k += 1  # "both analysts and sources told ..."
    j = k
    aside = 0  # tokens of an aside inside the subject: they do not count towards its length
    while j < n and j - k - aside < 12:
        tag = toks[j].tag
        if toks[j].text in _DASHES and j > k:
            # "the four players in front of him — A, B and C — hadn't done it": an aside
            # set off by a pair of dashes inside the subject
            close = next((x.i for x in toks[j + 1 : j + 24] if x.text in _DASHES), None)
            if close is None:
                break
            aside += close + 1 - j
            j = close + 1
            continue
        if toks[j].text == "(" and j > k:
            # "South Korea's Kospi Index (KOSPI) fell 0.5%": a bracket inside the subject
            close = next((x.i for x in toks[j + 1 : j + 12] if x.text == ")"), None)
            if close is None:
                break
            aside += close + 1 - j
            j = close + 1
            continue
        if tag in ("VBN", "VBG"):
            # "the democratically elected government": a participle inside the phrase;
            # "Hlaing expressed gratitude": the verb after it; "operating profit fell":
            # an -ing word before a noun opens the phrase
            if j == k:
                if not (tag == "VBG" and j + 1 < n and toks[j + 1].tag in ("NN", "NNS")):
                    return False
            elif toks[j - 1].tag not in ("DT", "JJ", "RB", "PRP$", "CD", "HYPH", "POS"):
                break
        elif _verb_read_as_plural(toks, j) and j > k:
            break  # "Seoul plans to install ...": the verb, not a plural noun
        elif not _inside_noun_phrase(toks, k, j):
            break
        j += 1
    if j == k or j >= n:
        return False
    if toks[k].lower in _SUBORDINATORS or toks[k].tag in ("WDT", "WP", "IN", "TO"):
        return False
    # an adverb may sit between the subject and the verb ("sales also fell")
    while j < n and toks[j].tag in ("RB",) and j - k - aside < 9:
        j += 1
    if j >= n:
        return False
    finite = (
        toks[j].tag in FINITE
        or _verb_read_as_plural(toks, j)
        or (
            # the tagger often reads a past tense as a participle: "Putin praised the ties"
            toks[j].tag == "VBN"
            and j + 1 < n
            and toks[j + 1].tag
            in ("DT", "PRP$", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "TO", "JJ", "$")
        )
        or (
            # ", while the premier cheered on the move": after a word that opens a clause, with
            # no other verb with a tense after it, a participle is the clause's verb (", the
            # longest sentence ever handed down" is a noun phrase; "while the man arrested on
            # Monday" would go on with his verb: "... remains in custody")
            k > 0
            and toks[k - 1].lower in _VERB_OPENERS
            and toks[j].tag == "VBN"
            and j + 1 < n
            and toks[j + 1].tag in ("IN", "RP", "RB")
            and not any(x.tag in FINITE for x in toks[j + 1 :])
        )
    )
    if not finite:
        return False
    if toks[k].tag != "PRP" and any(x.lower in ("all", "both") for x in toks[j + 1 : j + 2]):
        # "..., Google's checking accounts, and Facebook's wallets could all eat into ...":
        # the last item of a list of subjects, no clause of its own
        return False
    # "..., the US military said in a statement on Wednesday": an attribution closing the
    # sentence, not a clause of its own
    # (a participial clause after it has no verb of its own: ", the audit found, leaving
    # cracks unrepaired")
    if toks[j].lower not in _CLOSING_VERBS:
        return True
    if finding_with_object(toks, j):
        return True  # "..., while the auditors found a deficit of $12 million": what they found
    # "Two were children, police said, and one remains ...", '"...," the president said,
    # though figures show ...': a speech tag, whatever clause follows its comma
    comma = next((x.i for x in toks[j + 1 :] if x.text in (",", ";")), None)
    if (
        comma is not None
        and comma + 1 < n
        and not any(x.is_verb for x in toks[j + 1 : comma])
        and toks[comma + 1].lower in _AFTER_SPEECH_TAG
    ):
        return False
    for t in toks[j + 1 :]:
        if t.tag == "VBG" and toks[t.i - 1].text == ",":
            return False
        if t.lower in ("which", "who", "whose") and toks[t.i - 1].text == ",":
            # ", the team wrote in the paper, which was published ...": a relative clause on
            # the tag's own words
            return False
        if t.is_verb or t.lower == "that":
            return True
    return False


_AFTER_SPEECH_TAG = words("and but though although while whereas as yet")
_VERB_OPENERS = _AFTER_SPEECH_TAG | words("when after before because since")
_TO_VERBS = words("plans hopes aims wants needs expects intends seeks vows pledges promises")


def _verb_read_as_plural(toks: list[Tok], j: int) -> bool:
    """ "Seoul plans to install": a verb in -s before "to" and a verb, tagged a plural noun."""
    return (
        toks[j].tag == "NNS"
        and toks[j].lower in _TO_VERBS
        and j + 2 < len(toks)
        and toks[j + 1].lower == "to"
        and toks[j + 2].tag == "VB"
    )


def _has_finite_clause(toks: list[Tok], a: int, b: int) -> bool:
    """Tokens [a, b) hold a main clause: a noun, then a finite verb of its own.

    Not when the verb belongs to a phrase that only frames a clause to come: the noun of an
    opening preposition is no subject ("In a joint statement published Oct. 25, ..."), nor is
    a verb after an adverbial subordinator the main one ("Three weeks before he died, ...").
    """
    if a >= b or toks[a].lower in _SUBORDINATORS or inverted_condition(toks, a, b):
        return False
    i = a
    if toks[a].tag == "IN":  # skip the preposition's noun phrase ("Out of 17 observations")
        while i < b and toks[i].tag == "IN":
            i += 1
        while i < b and toks[i].tag in _PP_OBJECT_TAGS:
            i += 1
    seen_noun = False
    relative = False  # inside ", which uses a spectrograph ...": no main verb there
    for t in toks[i:b]:
        if t.tag in ("WDT", "WP", "WP$") and t.i > a and toks[t.i - 1].text == ",":
            relative = True
        elif t.text == ",":
            relative = False
        if relative:
            continue
        if (
            t.lower in _ADVERBIAL_OPENERS
            and t.tag in ("IN", "WRB")
            and t.i + 1 < b
            and toks[t.i + 1].text[:1].isalnum()  # not "Shortly after, ..."
        ):
            return False
        if t.tag in ("NN", "NNS", "NNP", "NNPS", "PRP", "CD", "EX"):
            seen_noun = True
        elif (t.tag in FINITE or t.tag == "VBN") and seen_noun and not _noun_phrase_word(toks, t):
            return True
    return False


def _noun_phrase_word(toks: list[Tok], t: Tok) -> bool:
    """A word tagged as a verb that the parser puts in a noun phrase, where it is none: a
    noun's role ("on grocery store shelves/VBZ") or a modifier after a determiner or a
    number ("the two invited/VBN witnesses"). (After a name, "Min Aung Hlaing
    expressed/amod gratitude", the parser is the one to distrust.)"""
    if t.dep in _NOUN_ROLES:
        return True
    return t.dep == "amod" and t.i > 0 and toks[t.i - 1].tag in ("DT", "CD", "PRP$", "JJ")


_NOUN_ROLES = frozenset({"compound", "nmod", "nmod:poss", "obl", "obj", "det"})


_PP_OBJECT_TAGS = frozenset(
    {"DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH"}
)
# subordinators that open an adverbial clause (not "that", "which", "who": those open
# complements and relative clauses inside a main clause)
_ADVERBIAL_OPENERS = words(
    """
    when whenever if unless because since although though while whereas as after before
    until once whether
    """
)


def clause_chunks(sent: Sentence) -> list[tuple[int, int, str]]:
    """Token ranges [a, b) of the sentence's side-by-side clauses, each with its kind:
    "clause" (its own subject), "part" (a participial clause about the subject of the
    clause before it: ", sparking widespread fears"), "contrast" (", though officials say
    ...", the subordinator left out), "aside" (a verbless or absolute phrase), and the kinds
    that read on from a frame in the chunk before them (``chunk_frame``): "that" (", and that
    B"), "relative", "complement" ("and to fund B", "and disrupting B"), "where" (",
    where lawmakers expressed ...") and "when" ("in 2009, when 12 people died"). One range
    when there is nothing to cut."""
    toks = sent.toks
    n = len(toks)
    if correlative(toks):  # "The more ..., the more ...": one claim
        return [(0, n, "clause")]
    depth = _depths(sent)
    cuts: list[tuple[int, int, str]] = []  # (end of left chunk, start of right, its kind)
    start, left_kind = 0, "clause"
    intro = _concessive_intro(toks, depth)
    if intro is not None:  # "Although A, B" / "Despite A, B"
        k, kind, opening = intro
        cuts.append((k, k + 1, "clause"))
        start, left_kind = k + 1, "clause"
        first_kind = kind
    else:
        first_kind, opening = "clause", 0
    # "Had you called the police and gone to a doctor, you would have proof": nothing is cut
    # inside a condition without "if", nor at its comma
    condition_end = (
        next((x.i for x in toks if x.text == "," and not depth[x.i]), -1)
        if inverted_condition(toks, 0, n)
        else -1
    )
    spelled = _counted_colon(toks, depth)
    for k, t in enumerate(toks):
        if k >= spelled:
            break  # "two reasons: A and B" spell out what the source gave; nothing is cut
        if k < start or k <= condition_end:
            continue
        if t.text in (",", ";") and _inside_subject_aside(toks, k):
            continue
        if _is_dash(toks, k) and not depth[k] and _lone_dash(toks, depth, k):
            tail = sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum())
            head = sum(1 for x in toks[start:k] if x.text[:1].isalnum())
            opener = toks[k + 1] if k + 1 < n else None
            dangling = (
                opener is not None
                and (opener.tag in ("IN", "TO", "WRB", "WDT") or opener.lower in _SUBORDINATORS)
                and not _subject_then_verb(toks, k + 2)
            ) or (
                # "— or whether a tariff ... would remain", "— and how to do it"
                opener is not None
                and opener.lower in _COORDINATORS
                and k + 2 < n
                and (toks[k + 2].tag == "WRB" or toks[k + 2].lower in _SUBORDINATORS)
                and not _subject_then_verb(toks, k + 3)
            )
            if tail >= 3 and head >= MIN_WORDS and not dangling:
                if (
                    opener is not None
                    and opener.tag == "VBG"
                    and opener.lower not in _PREPOSITION_LIKE
                ):
                    # "killed 12 people - leaving thousands without power": a participle
                    # clause, about the clause's subject as after a comma; as uncertain as
                    # its cause after a modal ("may have died - reducing ...": whole)
                    if not (
                        _participle_clause(toks, k + 1, depth)
                        and _has_finite_clause(toks, start, k)
                        and _participle_may_leave(toks, start, k)
                    ):
                        continue
                    cuts.append((k, k + 1, "part"))
                    start, left_kind = k + 1, "part"
                    continue
                if t.text == "-":
                    continue  # (a hyphen typed for a dash also joins terms: "A - B services")
                cuts.append((k, k + 1, "aside"))
                start, left_kind = k + 1, "aside"
            continue
        if (
            t.text == ","
            and k + 2 < n
            and toks[k + 1].lower == "with"
            and not depth[k]
            and _absolute(toks, k + 2)
        ):
            # ", with Russia planning investments in ...": a clause of its own
            cuts.append((k, k + 2, "aside"))
            start, left_kind = k + 2, "aside"
            continue
        if (
            t.lower == "as"
            and not depth[k]
            and k > start
            and toks[k - 1].lower in _COMES
            and _as_clause(toks, depth, k)
        ):
            # "The announcement comes as lawmakers are debating the agency's budget request":
            # what the "as" clause says is the sentence's fact, a claim of its own
            cuts.append((k, k + 1, "contrast"))
            start, left_kind = k + 1, "contrast"
            continue
        if t.text == "," and k + 1 < n and toks[k + 1].lower == "including" and not depth[k]:
            # ", including one last month that affected 2.5 million people": an elaboration
            # with a clause of its own; a list of what the clause names (", including Europe,
            # Japan and Canada", ", including a new Plasma Blue", ", including projects for
            # a port") stays with its clause, which it completes (cut, "Thirteen different
            # finishes … including a new Plasma Blue." repeated the clause's object)
            phrase = _phrase_end(toks, depth, k + 2, through_lists=True)
            has_verb = any(x.is_verb for x in toks[k + 2 : phrase])
            to_end = all(not x.text[:1].isalnum() for x in toks[phrase:])
            # (", including securing the farm commitments": an activity in the list of
            # what the clause names, no clause of its own; cut, it read "Mr. Trump's approach
            # … including securing ...": it stays)
            gerund = toks[k + 2].tag == "VBG" and (
                toks[k + 2].lower in _PREPOSITION_LIKE or not _counted_plural(toks, start, k)
            )
            # (", including 600 homes, and forced 20,000 people to flee": the clause's second
            # predicate after the list, no part of it; cut, "More than 1,000 buildings …
            # including 600 homes, and forced ..." was a claim)
            second = any(
                toks[j].text == ","
                and toks[j + 1].lower in ("and", "but")
                and (toks[j + 2].tag in FINITE or toks[j + 2].tag in ("VBN", "MD"))
                for j in range(k + 2, phrase - 2)
            )
            # ('"... two rockets a year," he said, including the first Block 1B': nothing
            # the speech tag names that it could elaborate; cut, "Including the first Block
            # 1B." was a claim)
            after_tag = toks[k - 1].lower in _SPEECH
            if has_verb and to_end and not gerund and not second and not after_tag:
                cuts.append((k, k + 1, "aside"))
                start, left_kind = k + 1, "aside"
            continue
        if t.tag == "IN" and not depth[k] and _zero_relative(toks, depth, start, k):
            # "beat Gov. Matt Bevin in a state Trump won by 30 points in 2016": the state's
            # own fact ("Trump won it by 30 points") is a claim of its own
            cuts.append((k, k + 1, "aside"))
            start, left_kind = k + 1, "aside"
            continue
        if (
            t.tag == "VBG"
            and not depth[k]
            and k > start + 3
            and toks[k - 1].tag in ("NNP", "NNPS")
            and t.lower not in _PREPOSITION_LIKE
            and k + 1 < n
            and toks[k + 1].tag in ("PRP", "DT", "PRP$", "NNP")
            and sum(x.text[:1].isalnum() for x in toks[k:]) >= 3
            and any(x.is_verb for x in toks[start : k - 1])
            and not _modal_or_negated(toks, start, k)
            and not _inside_absolute(toks, start, k)
            and not _name_opens_clause(toks, k)
        ):
            # "endorsed Putin's leadership in Ukraine describing him as a king": a place or a
            # person does not "describe"; the -ing clause is about the subject
            cuts.append((k, k, "part"))
            start, left_kind = k, "part"
            continue
        if t.lower == "and" and not depth[k] and _relative_predicate(toks, depth, start, k):
            # "one last month that affected 2.5 million people and outraged local officials":
            # a second predicate of the relative clause, to the end of the sentence
            cuts.append((k, k + 1, "relative"))
            start, left_kind = k + 1, "relative"
            continue
        if (
            t.lower in ("and", "but")
            and not depth[k]
            and left_kind == "clause"
            and (joined := _conjunction_cut(toks, depth, start, k)) is not None
        ):
            if joined == "part":
                # "The mayor cut the budget, closed two libraries, and sold the city hall":
                # the list's middle items are predicates of the same subject too
                for j in _listed_items(toks, depth, start, k):
                    cuts.append((j - 1, j, "part"))
                    start = j
            cuts.append((k, k + 1, joined))
            start, left_kind = k + 1, joined
            continue
        if (
            t.lower == "and"
            and not depth[k]
            and left_kind == "part"
            and _second_participle(toks, start, k)
        ):
            # ", killing 12 people and destroying 400 homes": two facts about the subject,
            # each a claim of its own ("The storm … destroying 400 homes.")
            cuts.append((k, k + 1, "part"))
            start = k + 1
            continue
        if (
            t.lower in ("and", "but")
            and not depth[k]
            and left_kind == "part"
            and _predicate_after_part(sent, _last_clause_start(cuts), start, k)
        ):
            # "Police surrounded the campus, trapping 800 students inside, and threatened to
            # use tear gas": the second predicate is the clause's, not the participle's
            # (left on the participle it read "Police … trapping 800 students inside, and
            # threatened to use tear gas.")
            cuts.append((k, k + 1, "part"))
            start, left_kind = k + 1, "part"
            continue
        if (
            t.text == ","
            and not depth[k]
            and k + 2 < n
            and toks[k + 1].lower in _FRAME_FINDERS
            and _FRAME_FINDERS[toks[k + 1].lower](toks, start, k) is not None
            and _subject_then_verb(toks, k + 2)
            and _main_clause_before(toks, depth, start, k)
            and sum(1 for x in toks[k + 2 :] if x.text[:1].isalnum()) >= MIN_WORDS
        ):
            # "testified in Washington, where lawmakers expressed outrage" / "The last
            # outbreak was in 2009, when 12 people died": a clause with a subject of its own,
            # about the place or the time named just before ("In Washington lawmakers
            # expressed ...", "In 2009, 12 people died")
            kind = toks[k + 1].lower
            cuts.append((k, k + 2, kind))
            start, left_kind = k + 2, kind
            continue
        # 'rejected them as "patently false," and analysts told ...': the comma sits inside
        # the closing quotation mark; the boundary is the mark
        closes = t.text in _CLOSE_QUOTES and k > 0 and toks[k - 1].text == ","
        if closes and k + 1 < n and not depth[k + 1]:
            pass
        elif t.text not in _BOUNDARIES or depth[k] or k + 1 >= n:
            continue
        if (
            t.text == ","
            and not depth[k]
            and k + 3 < n
            and toks[k + 1].lower in ("and", "but")
            and toks[k + 2].lower == "that"
            and _that_clause(toks, depth, k + 3)
            and start == 0
            and that_frame_end(toks, 0, k) is not None
        ):
            # "We also found that A, and that B": B keeps the frame ("We also found")
            cuts.append((k, k + 2, "that"))
            start, left_kind = k + 2, "that"
            continue
        if t.text == "," and not depth[k] and _trailing_apposition(sent, depth, start, k):
            # "Jim Hood lost by five-and-a-half points, a dramatic turnaround from four years
            # ago": a noun phrase about the whole clause; the clause is a claim without it
            cuts.append((k, k + 1, "aside"))
            start, left_kind = k + 1, "aside"
            continue
        right = k + 1
        if toks[right].lower in _COORDINATORS:
            right += 1
        # "..., additionally, Russia is set to ...": a discourse adverb opens the clause
        if (
            right + 2 < n
            and toks[right].tag == "RB"
            and toks[right + 1].text == ","
            and _subject_then_verb(toks, right + 2)
        ):
            right += 2
        if right >= n or depth[right]:
            continue
        kind = "clause"
        comma = t.text == "," or closes
        if comma and toks[right].lower in _CONTRASTS and right + 1 < n:
            if not _subject_then_verb(toks, right + 1) or while_of_time(toks, right):
                continue
            kind, right = "contrast", right + 1
        elif comma and toks[right].lower == "as" and _as_clause(toks, depth, right):
            # "..., as US lawmakers are debating the agency's budget request": a fact of its
            # own ("as the Times reported" is the claim's source and stays)
            kind, right = "contrast", right + 1
        elif (
            comma and toks[right].lower in ("after", "before") and _past_clause(toks, depth, right)
        ):
            # "..., after two people caught it in Lima last month": what happened before or
            # after, in the past tense, is a fact of its own ("before it can be approved"
            # and "after he arrives" are no facts: they stay)
            kind, right = "contrast", right + 1
        elif (
            comma
            and _participle_clause(toks, right, depth)
            # "..., but altering behavior is much more difficult": a gerund as the subject
            # (after "and" or "but" only: ", saying it was balanced" reports)
            and not (
                toks[right - 1].lower in _COORDINATORS and _gerund_subject_then_verb(toks, right)
            )
        ):
            if not _participle_may_leave(toks, start, k) or _aside_before_that(toks, depth, right):
                continue
            kind = "part"
        elif comma and not (
            _subject_then_verb(toks, right)
            or (toks[right - 1].lower in _COORDINATORS and _gerund_subject_then_verb(toks, right))
        ):
            continue
        if kind == "clause" and _inserted_source(toks, right):
            # "A major part of the reason, Lopez said, is the cost of fuel": a source set
            # inside the clause, no clause of its own ("Lopez said, is the cost of fuel."
            # was a claim)
            continue
        if t.text == ";" and not _has_finite_clause(toks, right, n):
            continue
        if t.text == ":" and not _colon_clause(toks, start, k, right):
            continue
        if kind == "clause" and start == 0 and toks[0].tag == "VBG":
            # "Arguing that voters are just now tuning in, with the first votes 100 days away,
            # the governor has said ...": an opening participle is no clause of its own, its
            # subject comes after ("Arguing that voters ..." was a claim with no subject)
            continue
        if _restating(toks, start, k):
            # "... isn't using the rocket enough: that is, NASA is relying ...": what follows
            # "that is" says again what came before; cut, the first claim ended "that is."
            continue
        if not (left_kind in ("part", "aside") or _has_finite_clause(toks, start, k)):
            continue
        if _opening_with(toks, start, k):
            # "But with all the crew incapacitated for months, the mission would have to
            # ...": a condition of the clause after it, no clause of its own
            continue
        if sum(1 for x in toks[start:k] if x.text[:1].isalnum()) < MIN_WORDS:
            continue
        if sum(1 for x in toks[right:] if x.text[:1].isalnum()) < MIN_WORDS:
            continue
        cc = _dangling_coordinator(toks, start, k)
        if cc is not None:
            # "..., and in order to deal with that, it's going back ..." / "... by the agency
            # and, for marijuana, we used ...": the phrase after "and" opens the next clause
            if sum(1 for x in toks[start:cc] if x.text[:1].isalnum()) < MIN_WORDS:
                continue
            if _conditioned(toks, depth, start, cc):
                continue  # (as below: the condition governs the clause after it too)
            cuts.append((cc, cc + 1, kind))
            start, left_kind = cc + 1, kind
            continue
        sub = _dangling_subordinator(toks, start, k)
        if sub is not None:
            # "..., particularly when, a couple of months later, someone called": the clause
            # after the comma is what "when" opens. A condition ("if", "unless") stays
            # whole; "when", "while", "although" state their clause as a fact, so the cut
            # goes before "particularly when" (when a comma sets it off), and the claim
            # after it leaves the subordinator out: "A couple of months later, someone ..."
            j = sub - 1
            while j > start and (toks[j].tag == "RB" or toks[j].lower in _COORDINATORS):
                j -= 1
            if toks[sub].lower in CONDITIONAL_MARKS or toks[j].text != "," or depth[j]:
                continue
            if j <= start or sum(1 for x in toks[start:j] if x.text[:1].isalnum()) < MIN_WORDS:
                continue
            if _conditioned(toks, depth, start, j):
                continue
            right = sub + 2 if toks[sub + 1].text == "," else sub + 1
            cuts.append((j, right, kind))
            start, left_kind = right, kind
            continue
        if _that_then_subordinate(toks, start, k):
            # "admitting that after fighting off the child's mother, he drove to ...": the
            # clause after the comma is what "that" introduces
            continue
        # "..., despite these difficulties, the junta has ...": a verbless phrase just before
        # the cut opens the right-hand clause rather than closing the left one
        prev = max((j for j in range(start, k) if toks[j].text == "," and not depth[j]), default=-1)
        if (
            prev > start
            and toks[prev + 1].tag == "IN"
            and toks[prev + 1].lower not in _SUBORDINATORS
            and not any(x.is_verb for x in toks[prev + 1 : k])
        ):
            k, right = prev, prev + 1
        elif (
            prev > start
            and toks[k + 1].lower not in _COORDINATORS  # ", as A left, and B was lost": two
            and _opens_subordinate(toks, prev + 1, k)
        ):
            # "The council approved it, but if revenues fall short, the city will cut jobs":
            # the condition belongs to the clause after it, never to the one before (cut
            # there, "The city will cut jobs." would be a fact)
            if sum(1 for x in toks[start:prev] if x.text[:1].isalnum()) < MIN_WORDS:
                continue
            k, right = prev, prev + 1
            if toks[right].lower in _COORDINATORS:
                right += 1
        elif (cc := _coordinated_subordinate(toks, depth, max(prev, start), k)) is not None and sum(
            1 for x in toks[start:cc] if x.text[:1].isalnum()
        ) >= MIN_WORDS:
            # "... in the vehicle and while searching the car, officers located ...": the
            # same, with no comma before the "and"
            k, right = cc, cc + 1
        elif closes:
            k += 1  # the closing quotation mark stays with the words it closes
        if kind in ("clause", "contrast") and _conditioned(toks, depth, start, k):
            # "Taxes will rise if the bill passes, and spending will fall": the condition
            # governs the clause after it too (cut, "Spending will fall." was a fact)
            continue
        cuts.append((k, right, kind))
        start, left_kind = right, kind
    # a sentence that quotes its source stays whole (units.shared_source)
    attributed = sentence_attribution(sent) if cuts else set()
    if not cuts or (attributed and not shared_source(sent, attributed)):
        return [(0, n, "clause")]
    out = []
    a, kind = opening, first_kind
    for end, nxt, next_kind in cuts:
        out.append((a, end, kind))
        a, kind = nxt, next_kind
    out.append((a, n, kind))
    return out


_RESTATING = (("that", "is"), ("in", "other", "words"), ("i.e.",), ("namely",))


def _restating(toks: list[Tok], start: int, k: int) -> bool:
    """The comma at `k` closes "that is", "in other words", "i.e." or "namely" set off after
    a clause."""
    for phrase in _RESTATING:
        a = k - len(phrase)
        if a > start and tuple(x.lower for x in toks[a:k]) == phrase:
            return toks[a - 1].text in (",", ":", ";", "\u2014", "\u2013")
    return False


def _counted_colon(toks: list[Tok], depth: list[int]) -> int:
    """The index of a colon after a counted noun ("Officials gave two reasons: the bridge was
    unsafe and the repairs would cost $40 million"), else the sentence's length: what
    follows spells out the source's reasons, never facts of the writer's ("The repairs
    would cost $40 million." was a claim)."""
    return next((k for k in range(len(toks)) if not depth[k] and counted_colon(toks, k)), len(toks))


def _colon_clause(toks: list[Tok], start: int, k: int, right: int) -> bool:
    """ "More than 40 percent of households have some credit card debt: the average
    liability is more than $5,000": a colon between two clauses, each with its own subject
    and verb, joins two claims.  Not after a verb of speech or a heading ("He said: ...",
    "Update: ..."), nor before a quotation or a list."""
    before = [x for x in toks[start:k] if x.text[:1].isalnum()]
    if not before or before[-1].lower in _SPEECH or before[-1].lower in _COLON_INTRODUCERS:
        return False
    if any(x.lower in _CLOSING_VERBS and x.tag.startswith("VB") for x in before):
        # "Officials said the picture was worse: inflation rose to 3 percent": what follows
        # the colon is theirs too, and a claim of its own would lose who said it
        return False
    if toks[right].text in _OPEN_QUOTES or toks[right].text in ('"', "``"):
        return False
    return _subject_then_verb(toks, right) and _has_finite_clause(toks, right, len(toks))


# words that announce what follows the colon rather than state something of their own
_COLON_INTRODUCERS = words("following follows this these reads read wrote writes added adds")


def _dangling_coordinator(toks: list[Tok], a: int, k: int) -> int | None:
    """The last "and"/"but" in tokens [a, k), set off by a comma before it or after it, when
    a comma or an adverbial phrase follows it and no tensed verb comes before `k` (its
    clause starts after the comma at `k`)."""
    last = max((j for j in range(a, k) if toks[j].lower in ("and", "but")), default=None)
    if last is None or last + 1 >= k:
        return None
    nxt = toks[last + 1]
    after_comma = last > 0 and toks[last - 1].text == ","
    if not (nxt.text == "," or (nxt.tag in ("IN", "TO", "RB") and after_comma)):
        return None  # (never inside "over and over again", "on and off")
    if any(x.tag in ("VBD", "VBZ", "VBP", "MD") for x in toks[last + 1 : k]):
        return None
    return last


def _dangling_subordinator(toks: list[Tok], a: int, k: int) -> int | None:
    """The last subordinator in tokens [a, k) that opens only clauses (never a phrase:
    not "after two years", "since 1984"), when it has no verb after it before `k`."""
    last = max((j for j in range(a, k) if toks[j].lower in _CLAUSE_OPENERS), default=None)
    if last is None or any(x.is_verb for x in toks[last + 1 : k]):
        return None
    return last


_CLAUSE_OPENERS = words("when whenever if unless although though while whereas whether")


def _opens_subordinate(toks: list[Tok], j: int, k: int) -> bool:
    """Tokens [j, k) are "(but) if/when/because ... <verb>": a subordinate clause whose
    main clause comes after `k`."""
    if j < k and toks[j].lower in _COORDINATORS:
        j += 1
    return j < k and toks[j].lower in _ADVERBIAL_OPENERS and any(x.is_verb for x in toks[j:k])


def _coordinated_subordinate(toks: list[Tok], depth: list[int], a: int, k: int) -> int | None:
    """The "and" of "and while/if/when ... <verb>" in tokens (a, k), opening a subordinate
    clause of the clause after `k`; None when there is none."""
    for j in range(a + 1, k - 1):
        if (
            toks[j].lower in _COORDINATORS
            and not depth[j]
            and toks[j + 1].lower in _ADVERBIAL_OPENERS
            and _opens_subordinate(toks, j, k)
        ):
            return j
    return None


def _coordinated_predicate(toks: list[Tok], start: int, k: int) -> bool:
    """ "and" at `k` joins a second predicate to the clause that starts at `start`: a past or
    present verb follows with its object, the clause before has a subject and a verb of the
    same tense and no relative pronoun, negation or modal between them."""
    n = len(toks)
    if k + 2 >= n or k - start < 4:
        return False
    verb, after = toks[k + 1], toks[k + 2]
    if toks[k - 1].tag.startswith("VB"):
        # "hunted and ate a wild rabbit on Nov. 5": what follows is said of both verbs
        return False
    # "carried 52 million passengers and plans to add 14 routes": a plan or a hope in the
    # present after a past fact (the tagger often reads the verb as a plural noun)
    plan = verb.lower in _TO_VERBS and after.lower == "to" and k + 3 < n and toks[k + 3].tag == "VB"
    past = verb.tag in ("VBD", "VBN")
    # "... and were released on the condition that ...": a predicate with an auxiliary of
    # its own shares no negation or modal of the first one ("pleaded not guilty")
    own_aux = verb.lower in _AUXILIARIES and after.tag in ("VBN", "VBG")
    if own_aux:
        after = toks[k + 3] if k + 3 < n else after
    elif not (
        verb.tag in ("VBD", "VBZ", "VBP")
        or (verb.tag == "VBN" and after.tag in _OBJECT_TAGS)
        or plan
    ):
        return False
    if after.tag not in _OBJECT_TAGS and after.tag not in ("IN", "RP", "TO", "RB"):
        return False
    seen_noun = False
    main = None
    for t in toks[start:k]:
        if t.lower in _SUBORDINATORS:
            return False
        if (t.lower in _NEGATIONS_OR_CONDITIONS or t.tag == "MD") and not (
            own_aux and t.lower not in ("if", "unless", "whether")
        ):
            return False
        if t.tag in ("NN", "NNS", "NNP", "NNPS", "PRP"):
            seen_noun = True
        elif (
            seen_noun
            and main is None
            and t.tag in ("VBD", "VBZ", "VBP", "VBN")
            and not _noun_phrase_word(toks, t)  # ("the two invited/amod witnesses")
        ):
            main = t
    if main is None or main.lower in _SPEECH:
        return False
    return plan or (main.tag in ("VBD", "VBN")) == past


def _last_clause_start(cuts: list[tuple[int, int, str]]) -> int:
    """Where the last chunk of kind "clause" cut so far starts (0: the sentence's first)."""
    return next((right for _, right, kind in reversed(cuts) if kind == "clause"), 0)


def _predicate_after_part(sent: Sentence, clause: int, part: int, k: int) -> bool:
    """ "and"/"but" at `k`, after the participial chunk that starts at `part`, joins a second
    predicate to the clause that starts at `clause`: a finite verb follows (after adverbs and
    its own auxiliaries: "but later backed", "and is expected to"), a conjunct of a verb of
    that clause or of the participle itself (a participle has no finite conjunct: the parser
    hangs the clause's second predicate there). A conjunct deeper in the participle's words
    is theirs ("saying he had lost ..., and will be replaced"); a bare verb shares a modal of
    the clause ("could hit ..., and cause"): neither is cut."""
    toks = sent.toks
    if clause >= part:
        return False
    opener = next((x for x in toks[part:k] if x.text[:1].isalnum()), None)
    verb = next(
        (x for x in toks[k + 1 :] if x.tag not in ("RB", "RBR") and not x.dep.startswith("aux")),
        None,
    )
    if opener is None or opener.tag != "VBG" or verb is None or verb.dep != "conj":
        return False
    if not (clause <= verb.head < part or verb.head == opener.i):
        return False
    between = toks[k + 1 : verb.i]
    if any(x.head != verb.i and x.tag not in ("RB", "RBR") for x in between):
        return False
    return verb.tag in ("VBD", "VBZ", "VBP") or any(
        x.head == verb.i and x.tag in FINITE for x in between
    )


def _conjunction_cut(toks: list[Tok], depth: list[int], start: int, k: int) -> str | None:
    """What "and"/"but" at `k` opens after the clause that starts at `start`, when it is cut
    there: "part", a second predicate of the same subject ("Min Aung Hlaing expressed
    gratitude ... and endorsed Putin's leadership", "admitted the charge but denied the
    accusation"); "complement", a second infinitive or gerund that reads on from the verb
    governing the first ("SoftBank agreed to inject A and to fund B"); "clause", a clause with
    a subject of its own and no comma before it ("capacity reached 1.64 GW and Seoul plans to
    install 30.8 GW"); None when it is not cut."""
    if _coordinated_predicate(toks, start, k):
        return "part"
    if toks[k].lower == "and" and complement_frame_end(toks, depth, start, k) is not None:
        return "complement"
    if _coordinated_clause(toks, depth, start, k):
        return "clause"
    return None


def _second_participle(toks: list[Tok], start: int, k: int) -> bool:
    """The participle clause at `start` ("killing 12 people") goes on at the "and" at `k`
    with a second participle and its object ("and destroying 400 homes"), with no
    preposition between whose object the "and" could join ("leaving residents without heat
    and running water")."""
    if toks[start].tag != "VBG" or toks[start].lower in _PREPOSITION_LIKE or k + 2 >= len(toks):
        return False
    second = toks[k + 1]
    participle = second.tag == "VBG" or (
        second.lower.endswith("ing") and second.lower not in POS_CLASSES
    )
    if not participle or toks[k + 2].tag not in _OBJECT_TAGS:
        return False
    between = toks[start + 1 : k]
    return len(between) >= 2 and not any(x.tag in ("IN", "TO") or x.text == "," for x in between)


def _listed_items(toks: list[Tok], depth: list[int], start: int, k: int) -> list[int]:
    """The middle items of a list of predicates before the ", and" at `k` ("cut the budget,
    closed two libraries, and sold ..."): past verbs with an object right after a comma,
    after the sentence's main verb, in the tense of the last item, with no subordinator or
    quotation between."""
    if toks[k - 1].text != "," or k + 1 >= len(toks) or toks[k + 1].tag not in ("VBD", "VBN"):
        return []
    root = next((t.i for t in toks[start:k] if t.dep == "root"), None)
    if root is None or toks[root].tag not in ("VBD", "VBZ", "VBP", "VB", "VBN"):
        return []
    if root and toks[root - 1].text == ",":
        return []  # ("The firm, founded/root in 1990, cut ...": an aside taken for the verb)
    items = []
    for t in toks[root + 1 : k - 1]:
        if t.lower in _SUBORDINATORS or t.tag in ("WDT", "WP") or t.text in _QUOTE_MARKS:
            return []
        if (
            toks[t.i - 1].text == ","
            and not depth[t.i]
            and t.tag in ("VBD", "VBN")
            # with an object ("closed two libraries"), never a passive aside on the noun
            # before it ("arrested the suspect, charged with murder, and ...")
            and toks[t.i + 1].tag in _OBJECT_TAGS
        ):
            items.append(t.i)
    return items


_QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"', "``", "''"})


def _coordinated_clause(toks: list[Tok], depth: list[int], start: int, k: int) -> bool:
    """ "and"/"but" at `k`, with no comma before it, joins two main clauses ("capacity reached
    1.64 GW and Seoul plans to install 30.8 GW"), not two noun phrases.

    The words before hold a subject and a finite verb, with nothing subordinate among them (a
    subordinator, a relative pronoun, "that": "if prices rise and costs climb" is one
    condition), no list before the "and" and no verb of speech ("said overwhelming demand and
    a glitch led to ..."); the words after open with a subject of their own (no "and" in it)
    and its finite verb; no word before depends on a word after in the parse ("the 2018 model
    and the mid-2019 refresh suggests"); common nouns on both sides of the "and" are a list
    ("clients and partners can mix")."""
    n = len(toks)
    if k < 1 or k + 2 >= n or toks[k - 1].tag not in _CLAUSE_END_TAGS:
        return False
    right = toks[k + 1]
    if right.tag not in _SUBJECT_OPENERS or (
        right.tag in ("NN", "NNS") and toks[k - 1].tag in ("NN", "NNS")
    ):
        return False
    if not _subject_then_verb(toks, k + 1):
        return False
    verb = next(
        (
            x.i
            for x in toks[k + 1 :]
            if x.tag in FINITE or x.tag == "VBN" or _verb_read_as_plural(toks, x.i)
        ),
        None,
    )
    if (
        verb is None
        or not (toks[verb].tag in FINITE or _verb_read_as_plural(toks, verb))
        or any(x.tag == "CC" or x.text == "," for x in toks[k + 1 : verb])
    ):
        # ("their pods would be darkened and their temperature greatly reduced": the second
        # clause shares the first one's "would be")
        return False
    if any(
        x.tag in ("NN", "NNS") and toks[x.i + 1].tag in ("JJ", "DT", "PRP", "PRP$")
        for x in toks[k + 1 : verb - 1]
    ):
        # "criticised the company and the effect big firms can have": a zero relative
        return False
    seen_noun = finite = False
    for t in toks[start:k]:
        if depth[t.i]:
            continue
        if t.text[:1].isalnum() and t.head > k:
            return False
        if t.lower in _SUBORDINATORS or t.tag in ("WDT", "WP", "WP$", "WRB"):
            return False
        # "A, B, C and D are among ...": the words after the last comma hold no verb (not
        # "According to data ..., capacity reached 1.64 GW and Seoul plans ...")
        if t.text in (",", ";", ":") and not any(
            x.tag in FINITE or x.tag == "VBN" for x in toks[t.i + 1 : k]
        ):
            return False
        if (t.lower in _CLOSING_VERBS and t.lower != "according") or t.lower == "told":
            return False  # ("according to X, A and B": each clause keeps its source)
        if t.lower == "that" and t.tag in ("IN", "WDT"):
            return False
        if t.tag in ("NN", "NNS", "NNP", "NNPS", "PRP", "CD", "EX"):
            seen_noun = True
        elif seen_noun and (
            t.tag in FINITE
            # "capacity reached 1.64 GW": a past tense tagged as a participle, with its object
            or (t.tag == "VBN" and any(toks[c].dep == "obj" for c in t.children))
        ):
            finite = True
    before = sum(1 for x in toks[start:k] if x.text[:1].isalnum())
    after = sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum())
    return finite and before >= MIN_WORDS and after >= MIN_WORDS


_CLAUSE_END_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "CD", "RB", "RBR", "RP", "VBD", "VBN", "VBZ", "VBP", "PRP", "JJ"}
)
_SUBJECT_OPENERS = frozenset({"DT", "PRP", "PRP$", "NNP", "NNPS", "NN", "NNS", "CD", "EX"})


_AUXILIARIES = words("was were is are has have had")
_LIST_ITEM_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "DT", "CD", "PRP$"})
_OBJECT_TAGS = frozenset({"DT", "PRP$", "PRP", "NN", "NNS", "NNP", "NNPS", "CD", "JJ"})


_CONTENT_NOUNS = words(
    """
    announcement announcements claim claims report reports statement statements promise
    promises pledge pledges assurance assurances warning warnings finding findings evidence
    news allegation allegations suggestion suggestions belief hopes fears expectations
    insistence
    """
)


def _concessive_intro(toks: list[Tok], depth: list[int]) -> tuple[int, str, int] | None:
    """ "(And) although A, B" or "(But) despite A, B": the comma ending the intro, the intro's
    kind ("contrast" when it is a clause of its own, "intro" for a phrase that states nothing)
    and where its words start, after the concessive word."""
    first = 1 if len(toks) > 1 and toks[0].lower in ("and", "but") else 0
    if len(toks) <= first or toks[first].lower not in _CONCESSIVE:
        return None
    # "despite" opens a phrase, never a clause: "despite the advantages that his fame might
    # have given him" states nothing of its own ("despite the fact that A" states A)
    fact = [t.lower for t in toks[first + 1 : first + 4]] == ["the", "fact", "that"]
    # (what an announcement, a report or a pledge said is something: "despite Mr. Trump's
    # announcement (in May) that the two had reached a deal")
    noun = next((t.i for t in toks[first + 1 :] if t.lower in _CONTENT_NOUNS), None)
    content = noun is not None and any(t.lower == "that" for t in toks[noun + 1 : noun + 5])
    phrase = toks[first].lower == "despite" and not (fact or content)
    for k, t in enumerate(toks):
        if (
            t.text == ","
            and not depth[k]
            and k + 1 < len(toks)
            and (_subject_then_verb(toks, k + 1) or _gerund_subject_then_verb(toks, k + 1))
        ):
            clause = not phrase and _has_finite_clause(toks, first + 1, k)
            left = sum(1 for x in toks[first + 1 : k] if x.text[:1].isalnum())
            right = sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum())
            if clause and min(left, right) < 3:
                # "Although prices rose, sales fell.": cut, both halves were too short to
                # stand as claims and the sentence was lost; it stays one
                return None
            return k, ("contrast" if clause else "intro"), first + (4 if fact else 1)
    return None


def _gerund_subject_then_verb(toks: list[Tok], k: int) -> bool:
    """An -ing phrase as the subject, then its finite verb: "actually signing a deal has
    proved elusive"."""
    n = len(toks)
    while k < n and toks[k].tag == "RB":
        k += 1
    if k >= n or toks[k].tag != "VBG" or toks[k].lower in _PREPOSITION_LIKE:
        return False
    j = k + 1
    while j < n and j - k < 8 and toks[j].tag in _NP_TAGS - {"VBN", "VBG"}:
        j += 1
    return j > k + 1 and j < n and toks[j].tag in FINITE


def that_frame_end(toks: list[Tok], a: int, b: int) -> int | None:
    """Where the frame of a "that" clause ends in tokens [a, b) ("We also found | that
    ..."): the first "that" right after a verb (or its adverb), the frame at least a
    subject and that verb; None when there is none."""
    for j in range(a + 2, b):
        if toks[j].lower != "that":
            continue
        verb = j - 1
        while verb > a and toks[verb].tag == "RB":
            verb -= 1
        if toks[verb].tag in ("VBD", "VBZ", "VBP", "VBN") and any(
            x.tag in ("PRP", "NN", "NNS", "NNP", "NNPS") for x in toks[a:verb]
        ):
            return j
        return None
    return None


def place_frame_start(toks: list[Tok], a: int, k: int) -> int | None:
    """Where the place phrase closing tokens [a, k) starts ("... before the committee | in
    Washington"): "in" or "at" and a noun phrase ending in a noun; None otherwise ("moved
    to Boston, where he worked" is not "to Boston he worked")."""
    j = k - 1
    if j <= a or toks[j].tag not in ("NN", "NNS", "NNP", "NNPS"):
        return None
    while j > a and toks[j].tag in _PP_OBJECT_TAGS:
        if toks[j].tag == "CD":
            return None  # "takes place in two stages, where ...": no place
        j -= 1
    return j if toks[j].lower in ("in", "at") and j > a else None


def time_frame_start(toks: list[Tok], a: int, k: int) -> int | None:
    """Where the time phrase closing tokens [a, k) starts: "in 2009", "on Tuesday", "in
    October 2018", "in the 1990s", "four years ago", "last week"; None otherwise ("told
    reporters, when asked ..." names no time)."""
    j = k - 1
    if j <= a:
        return None
    last = toks[j]
    if last.lower == "ago":  # "four years ago", "a decade ago"
        i = j - 1
        while i > a and toks[i].tag in ("CD", "JJ", "DT", "NNS", "NN"):
            i -= 1
        return i + 1 if i + 1 < j else None
    if last.lower in _PERIODS and toks[j - 1].lower in _DEICTIC_TIME and j - 1 > a:
        # "last week", "earlier this month"
        return j - 2 if toks[j - 2].lower == "earlier" and j - 2 > a else j - 1
    year = last.tag == "CD" and len(last.text) == 4 and last.text.isdigit()
    decade = last.text[:-1].isdigit() and last.text.endswith("s")  # "the 1990s"
    if not (year or decade or last.lower in _TIME_WORDS):
        return None
    i = j
    while i > a and toks[i].tag in ("CD", "DT", "NNP", ","):
        i -= 1  # "on Oct. 21, 2019", "in the 1990s"
    return i if toks[i].lower in _TIME_PREPOSITIONS and i > a else None


_PERIODS = words("week weekend month year night morning spring summer fall autumn winter season")
_DEICTIC_TIME = words("last this next that")
_TIME_PREPOSITIONS = words("in on during since until by")
_TIME_WORDS = words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)
# ", where ..." reads on from the place before it, ", when ..." from the time
_FRAME_FINDERS: dict[str, Callable[[list[Tok], int, int], int | None]] = {
    "where": place_frame_start,
    "when": time_frame_start,
}


def _main_clause_before(toks: list[Tok], depth: list[int], a: int, k: int) -> bool:
    """Tokens [a, k) hold a main clause, alone or after an opening phrase or subordinate
    clause set off by a comma ("As the charges were unsealed, Sawyer testified ...")."""
    if _has_finite_clause(toks, a, k):
        return True
    comma = max((j for j in range(a, k) if toks[j].text == "," and not depth[j]), default=None)
    return comma is not None and _has_finite_clause(toks, comma + 1, k)


def complement_frame_end(toks: list[Tok], depth: list[int], a: int, k: int) -> int | None:
    """When "and" at `k` opens a second complement of the verb that governs the first one in
    tokens [a, k): an infinitive ("SoftBank agreed | to inject A and to fund B", "SoftBank
    agreed to | inject A and fund B") or a gerund
    after "of" ("the ministries accused U.S. forces of | controlling A and disrupting B").
    Returns where that frame ends (the first "to", or just after "of"). The frame is a
    subject and a finite verb with nothing subordinate in it (an opening phrase set off by a
    comma aside); both complements have MIN_WORDS words."""
    n = len(toks)
    if k + 3 >= n or depth[k]:
        return None
    if toks[k - 1].text in _BOUNDARIES and toks[k - 1].text != ",":
        return None
    bare = toks[k + 1].tag == "VB" and toks[k + 1].lower not in AUXILIARIES
    opener: int | None
    end: int | None
    if bare:
        # "agreed to inject A and fund B": the parser's conjunct of the infinitive, whose
        # "to" the frame keeps; not after a list ("to build A, train B and give C": one
        # claim) nor after a "to" that is no infinitive's ("compared to getting A and let's
        # face it")
        head = toks[k + 1].head
        opener = head - 1 if toks[k + 1].dep == "conj" and a < head < k else None
        if (
            opener is None
            or toks[opener].lower != "to"
            or toks[head].tag != "VB"
            or any(x.text == "," and toks[x.i + 1].tag == "VB" for x in toks[head:k])
        ):
            return None
        end = opener + 1
    elif toks[k + 1].lower == "to" and toks[k + 2].tag == "VB":
        opener = next(
            (j for j in range(a + 2, k) if toks[j].lower == "to" and toks[j + 1].tag == "VB"),
            None,
        )
        end = opener
    elif toks[k + 1].tag == "VBG" and toks[k + 1].lower not in _PREPOSITION_LIKE:
        opener = next(
            (j for j in range(a + 3, k) if toks[j].lower == "of" and toks[j + 1].tag == "VBG"),
            None,
        )
        end = None if opener is None else opener + 1
    else:
        return None
    if opener is None or end is None:
        return None
    if toks[opener].lower == "to" and (
        toks[opener - 1].tag not in FINITE and toks[opener - 1].tag not in ("VBN", "NNS")
    ):
        return None
    comma = max((j for j in range(a, opener) if toks[j].text == ","), default=None)
    clause = a if comma is None else comma + 1
    if not (_has_finite_clause(toks, clause, opener) or _verb_read_as_plural(toks, opener - 1)):
        return None
    if any(
        x.lower in _SUBORDINATORS or x.tag in ("WDT", "WP", "WRB") or x.text == ";"
        for x in toks[a:opener]
    ):
        return None
    if any(depth[j] for j in range(a, opener + 1)):
        return None  # (the second complement may quote words; the frame may not)
    first = sum(1 for x in toks[opener:k] if x.text[:1].isalnum())
    second = sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum())
    return end if first >= MIN_WORDS and second >= MIN_WORDS else None


def _that_clause(toks: list[Tok], depth: list[int], j: int) -> bool:
    """A clause starts at `j`: a subject's first word, and a finite verb before the next
    comma ("the websites publishing this information have offered no evidence")."""
    if j >= len(toks) or toks[j].tag not in _OBJECT_TAGS:
        return False
    for x in toks[j + 1 : j + 16]:
        if x.text in _BOUNDARIES and not depth[x.i]:
            return False
        if x.tag in FINITE:
            return True
    return False


def _trailing_apposition(sent: Sentence, depth: list[int], start: int, k: int) -> bool:
    """After the comma at `k`, a noun phrase ends the sentence ("..., a dramatic turnaround
    from four years ago[, when ...]."): about the clause before it, not a clause of its own.

    Not after a name (", the president of ...": an apposition to the name, which the tree
    makes an "X is Y" claim of) unless it is a month or a day; not when the phrase reaches
    a verb of its own or an attribution (the clause must keep "according to ..."), unless
    the attribution closes the sentence, each claim can carry a copy of it and the phrase
    states a figure ("..., but still down 10 percent from a year ago, according to ...")."""
    toks = sent.toks
    n = len(toks)
    right = k + 1
    if right >= n or toks[right].lower not in ("a", "an", "the"):
        return False
    if k - start < MIN_WORDS or any(x.text == ";" for x in toks[start:k]):
        return False
    if not _date_or_measure_before(toks, start, k):
        return False
    noun = relative = sourced = False
    for x in toks[right:]:
        if x.text in _BOUNDARIES and not depth[x.i]:
            source = shared_source(sent) if x.text == "," else set()
            if source and min(source) == x.i + 1:
                # "..., the second-highest volume this year, according to the trade group":
                # the source closes the sentence and goes with the clause, which the pipeline
                # gives a copy of it (a source it cannot copy ends the phrase here: whole)
                sourced = True
                break
            # only a relative clause on the phrase may follow (", when Bryant won ...")
            nxt = toks[x.i + 1] if x.i + 1 < n else None
            if nxt is None or nxt.lower not in ("when", "where", "which", "who"):
                return False
            relative = True
            break
        if x.tag in FINITE or x.tag == "MD" or x.lower in _SPEECH:
            return False
        if x.lower in ("and", "or"):
            return False  # "covers schools, the hospitals of the region and ...": a list
        if x.tag == "RP":
            return False  # "the schedule picks up ...": a verb the tagger took for a noun
        noun = noun or x.tag in ("NN", "NNS")
    # a short phrase alone would be a fragment ("the highest total this year"): it stays
    end = next((x.i for x in toks[right:] if x.text in _BOUNDARIES and not depth[x.i]), n)
    words_ = sum(1 for x in toks[right:end] if x.text[:1].isalnum())
    long_enough = words_ >= 8 or relative
    if sourced and not any(x.tag == "CD" for x in toks[right:end]):
        # (with a source to copy, the phrase must say a figure of its own: "the
        # second-highest volume of the year so far, according to ..." stays)
        return False
    return noun and long_enough and _has_finite_clause(toks, start, k)


def _date_or_measure_before(toks: list[Tok], start: int, k: int) -> bool:
    """The clause before the comma at `k` ends with a date, a time or a measure ("in
    October", "last year", "by five-and-a-half points", "in 2016"): no apposition describes
    those, so a noun phrase after them describes the whole clause.  After any other noun
    ("MinnesotaCare, a health benefit for ...") it is that noun's apposition."""
    before = toks[k - 1]
    if before.tag == "CD" or before.lower.rstrip(".") in CALENDAR | _TIME_NOUNS:
        return True
    if before.tag not in ("NN", "NNS"):
        return False
    # "by five-and-a-half points", "10 percent": a number in the noun's own phrase (not
    # "Two hikers were treated for hypothermia, the most common injury ...": hypothermia
    # is no measure, and the phrase after it is its apposition)
    for x in reversed(toks[max(start, k - 10) : k - 1]):
        if x.tag == "CD":
            return True
        if x.tag not in _MEASURE_PHRASE_TAGS and toks[x.i + 1].tag != "HYPH":
            return False  # ("five-and-a-half": words joined by hyphens are one)
    return False


_MEASURE_PHRASE_TAGS = frozenset({"JJ", "JJR", "NN", "NNS", "HYPH", "RB", "DT"})


_TIME_NOUNS = words("year years month months week weeks day days decade decades quarter ago")


def relative_pronoun(toks: list[Tok], a: int, b: int) -> int | None:
    """The relative pronoun of tokens [a, b) that opens a clause of its own right after its
    noun ("one last month that affected ..."): "that", "which" or "who" between a noun and
    a finite verb."""
    for j in range(a + 1, b - 1):
        if (
            toks[j].lower in ("that", "which", "who")
            and toks[j].tag in ("WDT", "WP")
            and toks[j - 1].tag in ("NN", "NNS", "NNP", "NNPS")
            and toks[j + 1].tag in ("VBD", "VBZ", "VBP")
        ):
            return j
    return None


def _relative_predicate(toks: list[Tok], depth: list[int], start: int, k: int) -> bool:
    """ "and" at `k` gives the relative clause before it a second predicate that runs to the
    end of the sentence: the same tense, with an object, no negation, modal or condition
    in the first, and no other verb between the two."""
    n = len(toks)
    r = relative_pronoun(toks, start, k)
    if r is None or k + 2 >= n:
        return False
    first, second = toks[r + 1], toks[k + 1]
    # the tagger often reads a past tense after "and" as a participle or an adjective
    past = first.tag == "VBD" and (
        second.tag == "VBN" or (second.tag == "JJ" and second.lower.endswith("ed"))
    )
    if not (second.tag == first.tag or past) or toks[k + 2].tag not in _OBJECT_TAGS:
        return False
    if sum(1 for x in toks[r + 2 : k] if x.text[:1].isalnum()) < 2:
        return False  # "who killed and ate a rabbit": the two verbs share one object
    if any(
        x.is_verb or x.lower in _NEGATIONS_OR_CONDITIONS or x.lower in _SUBORDINATORS
        for x in toks[r + 2 : k]
    ):
        return False
    if any(x.text in _BOUNDARIES | _DASHES and not depth[x.i] for x in toks[r:]):
        return False
    return sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum()) >= 3


def _zero_relative(toks: list[Tok], depth: list[int], start: int, k: int) -> bool:
    """The preposition at `k` closes its clause with a place or thing that a relative
    clause without "that" describes: "in a state Trump won by 30 points", "for a law
    Congress passed in 2010" (a name or a pronoun, then its finite verb, right after the
    noun).  Not a time ("the day he died") or a manner ("the way she did"): those only
    say when or how."""
    n = len(toks)
    if toks[k].lower not in _PLACE_PREPOSITIONS or k - start < MIN_WORDS:
        return False
    if toks[k - 1].tag not in ("NN", "NNS", "NNP", "NNPS", "CD", "RB", "PRP", "JJ"):
        return False  # "said in a statement", "that in the end": no clause closes there
    j = k + 1
    if j >= n or toks[j].lower not in ("a", "an", "the"):
        return False
    j += 1
    while j < n and toks[j].tag in ("JJ", "JJR", "JJS", "RB", "RBR", "RBS", "HYPH", "VBN"):
        j += 1
    if j >= n or toks[j].tag not in ("NN", "NNS") or toks[j].lower in _WHEN_OR_HOW:
        return False
    while j + 1 < n and toks[j + 1].tag in ("NN", "NNS"):
        j += 1  # "a swing state"
    subject = j + 1
    m = subject
    while m < n and toks[m].tag in ("NNP", "NNPS") and m - subject < 4:
        m += 1
    if m == subject and m < n and toks[m].tag == "PRP" and toks[m].lower not in ("it", "its"):
        m += 1
    if m == subject or m >= n or depth[m]:
        return False
    finite = toks[m].tag in ("VBD", "VBZ", "VBP") or (
        toks[m].tag == "VBN" and m + 1 < n and toks[m + 1].tag in ("IN", "RB", "CD", "DT")
    )
    words_after = sum(1 for x in toks[k + 1 :] if x.text[:1].isalnum())
    return (
        finite
        and toks[m].lower not in _SPEECH
        and words_after >= MIN_WORDS + 2
        and _has_finite_clause(toks, start, k)
        and not any(x.text in _BOUNDARIES and not depth[x.i] for x in toks[k + 1 :])
    )


# "to", "from", "for" often mark what the verb needs ("dropped to the lowest price we've seen")
_PLACE_PREPOSITIONS = words("in at across")
_WHEN_OR_HOW = words(
    """
    time times day days week weeks month months year years moment moments night morning
    evening afternoon hour hours period era season way ways manner reason extent point end
    beginning meantime past wake
    """
)


def _modal_or_negated(toks: list[Tok], a: int, b: int) -> bool:
    return any(t.tag == "MD" or t.lower in _NEGATIONS_OR_CONDITIONS for t in toks[a:b])


def _participle_after_verb(toks: list[Tok], start: int, k: int) -> bool:
    """An -ing word follows the finite verb of tokens [start, k) ("shows officers racing")."""
    finite = next((j for j in range(start, k) if toks[j].tag in FINITE), None)
    return finite is not None and any(
        toks[j].tag == "VBG"
        and toks[j].lower not in _PREPOSITION_LIKE
        # not a gerund after a preposition ("charged with falsifying records") or a verb
        # ("began trending upwards")
        and toks[j - 1].tag not in ("IN", "TO", "RP")
        and not toks[j - 1].tag.startswith("VB")
        for j in range(finite + 1, k)
    )


def _perceived_object(toks: list[Tok], start: int, k: int) -> bool:
    """Tokens [start, k) end in a verb of seeing or showing and its object with an aside,
    with no verb after it: what an -ing clause after them does is the object's ("show the
    mayor, Jane Roe, shouting ...")."""
    verbs = [j for j in range(start, k) if toks[j].is_verb]
    return (
        bool(verbs)
        and toks[verbs[-1]].lower in PERCEPTION
        and any(toks[j].text == "," for j in range(verbs[-1] + 2, k))
    )


def _opening_with(toks: list[Tok], start: int, k: int) -> bool:
    """Tokens [start, k) are "(but) with/without A doing or done B", no finite verb after
    or no comma ("With dip in the temperature and slower surface winds/VBZ, ...": a word the
    tagger read as a verb; "With the money he earns, ...": a relative clause, inside)."""
    j = start
    while j < k and (toks[j].lower in _COORDINATORS or not toks[j].text[:1].isalnum()):
        j += 1
    return (
        j < k
        and toks[j].lower in ("with", "without")
        and (
            not any(x.tag in FINITE for x in toks[j:k])
            or not any(x.text in (",", ";") for x in toks[j:k])
        )
    )


def _name_opens_clause(toks: list[Tok], k: int) -> bool:
    """The name just before token `k` is the subject of a clause opening there ("when
    Syrians | fleeing the war gathered ..."): the -ing word is about it."""
    j = k - 1
    while j > 0 and toks[j - 1].tag in ("NNP", "NNPS"):
        j -= 1
    return j > 0 and (toks[j - 1].lower in _ADVERBIAL_OPENERS or toks[j - 1].text in (",", ";"))


def _subordinate_subject(toks: list[Tok], start: int, k: int) -> bool:
    """Tokens [start, k) hold, after their first finite verb, a subordinate or relative clause
    with a verb of its own ("..., when Syrians fleeing the war gathered there")."""
    finite = next((j for j in range(start, k) if toks[j].tag in FINITE), None)
    if finite is None:
        return False
    return any(
        (
            toks[j].lower in _ADVERBIAL_OPENERS
            and toks[j].tag in ("IN", "WRB")
            and (_subject_then_verb(toks, j + 1) or _np_then_finite(toks, j + 1, k))
        )
        # a relative clause: "... from providers whose equipment failed during the outages,
        # leaving thousands without ...": the failure's or the demand's?
        or (
            (toks[j].lower in ("who", "whose", "which") or toks[j].tag == "WDT")
            and j + 1 < k
            and (toks[j + 1].tag in FINITE or _np_then_finite(toks, j + 1, k))
        )
        for j in range(finite + 1, k)
    )


def _np_then_finite(toks: list[Tok], j: int, k: int) -> bool:
    """A noun phrase at `j`, then (perhaps after its modifiers) a finite verb before `k`."""
    if j >= k or toks[j].tag not in _NP_TAGS - {"VBN", "VBG"}:
        return False
    return any(toks[x].tag in FINITE for x in range(j + 1, k))


_CONCESSIVE_PREPOSITIONS = words("despite notwithstanding")


def _that_then_subordinate(toks: list[Tok], start: int, k: int) -> bool:
    """Tokens [start, k) end in "that (shortly) after/if/when ...", "that despite ..." or
    "said that in 2015" with no comma since the "that": the clause after the comma is what
    "that" opens ("It shows that despite all the harms, the pressure remains immense")."""
    for j in range(k - 2, start - 1, -1):
        if toks[j].text in (",", ";"):
            return False
        if toks[j].lower == "that":
            # ("added that shortly before his death, he and Mike had corresponded")
            nxt = j + 1
            while nxt < k and toks[nxt].tag == "RB":
                nxt += 1
            if nxt < k and (
                toks[nxt].lower in _ADVERBIAL_OPENERS or toks[nxt].lower in _CONCESSIVE_PREPOSITIONS
            ):
                return True
            # ("found that in 2015, there were 9 million deaths", "suggest that at some point
            # in history, the ancestors of rats made ..."): a verbless phrase opening the
            # clause that "that", the complement of the verb before it, introduces; cut,
            # "The commission found that in 2015." was a claim
            if (
                j > start
                and toks[j - 1].is_verb
                and nxt < k
                and toks[nxt].tag == "IN"
                and not any(x.is_verb for x in toks[nxt:k])
            ):
                return True
    return False


def _inside_absolute(toks: list[Tok], start: int, k: int) -> bool:
    """Token `k` is inside a "with A doing X and B doing Y" (no finite verb since the
    "with"): "with Guido Pella beating Nicolas Jarry and Diego Schwartzman defeating ..."."""
    withs = [j for j in range(start, k) if toks[j].lower == "with"]
    return bool(withs) and not any(x.tag in FINITE for x in toks[withs[-1] : k])


def _absolute(toks: list[Tok], k: int) -> bool:
    """A noun phrase at `k` followed by an -ing or -ed participle and at least two words (an
    -ing word before "that" is one whatever its tag: "with forecasters warning/NN that")."""
    j = k
    while j < len(toks) and j - k < 6 and toks[j].tag in _NP_TAGS - {"VBN", "VBG"}:
        if toks[j].lower.endswith("ing") and j + 1 < len(toks) and toks[j + 1].lower == "that":
            break
        j += 1
    return (
        j > k
        and j + 2 < len(toks)
        and (toks[j].tag in ("VBG", "VBN") or toks[j].lower.endswith("ing"))
        and toks[j].lower not in _PREPOSITION_LIKE
    )


def _is_dash(toks: list[Tok], k: int) -> bool:
    """A dash, or a hyphen typed for one (spaced on both sides: "12 people - leaving")."""
    t = toks[k]
    if t.text in _DASHES:
        return True
    return (
        t.text == "-"
        and 0 < k < len(toks) - 1
        and toks[k - 1].end < t.start
        and t.end < toks[k + 1].start
    )


def _lone_dash(toks: list[Tok], depth: list[int], k: int) -> bool:
    """A dash with no partner before or after it (a pair sets off an aside: the tree
    handles it)."""
    return not any(_is_dash(toks, x.i) and not depth[x.i] and x.i != k for x in toks)


def _participle_may_leave(toks: list[Tok], start: int, k: int) -> bool:
    """A participle clause after tokens [start, k) (after a comma or a dash) may be cut off
    as a claim about their subject."""
    if _modal_or_negated(toks, start, k):
        # "may end up giving ..., resulting in ...": as uncertain as its cause; "None of the
        # candidates won a majority, forcing a runoff": what forces it is that none won
        # ("None of the candidates … forcing a runoff" says the opposite)
        return False
    if _participle_after_verb(toks, start, k):
        # "The video shows officers racing up a staircase, converging outside the room": the
        # next item of a list of what the object does, not the subject
        return False
    last = next((x for x in reversed(toks[start:k]) if x.text[:1].isalnum()), None)
    if last is not None and last.is_verb and last.lower in _SPEECH:
        # ", officials said, adding that the toll could rise": the speakers add, not the
        # subject of the clause they spoke of
        return False
    if _perceived_object(toks, start, k):
        # "Videos ... show the mayor, Jane Roe, shouting at a reporter": the mayor shouts,
        # not the videos ("Videos … shouting at a reporter." was a claim)
        return False
    opening = [x for x in toks[start:k] if x.text[:1].isalnum()][:3]
    if any(x.lower in _FEW for x in opening):
        # "Few analysts expected the bank to raise rates, sending the currency up": what
        # sent it up is the raise few expected, not the few
        return False
    if any(x.tag == "EX" for x in opening):
        # "There are cheaper machines, dealing with ...": "there" is no subject a participle
        # could be about
        return False
    # "It first appeared in 2014, when Syrians fleeing the war gathered there, trying to
    # cross over": whose the participle is, the clause or the subordinate one, only a
    # reader can tell; it stays
    return not _subordinate_subject(toks, start, k)


_FEW = words("few little hardly scarcely barely only")


def _conditioned(toks: list[Tok], depth: list[int], a: int, b: int) -> bool:
    """Tokens [a, b) hold a condition ("if", "unless"; not "as if", nor the "if" of a
    question asked: "asked if the vaccine had arrived") outside quotes."""
    return any(
        x.lower in ("if", "unless")
        and not depth[x.i]
        and not (x.i > a and toks[x.i - 1].lower in ("as", "asked", "ask", "asks", "wonder"))
        for x in toks[a:b]
    )


def _counted_plural(toks: list[Tok], a: int, b: int) -> bool:
    """Tokens [a, b) count a plural noun ("faces 18 criminal charges"): what ", including
    conspiring to ..." lists the instances of."""
    for j in range(a, b):
        if toks[j].tag == "CD":
            k = j + 1
            while k < b and toks[k].tag in ("JJ", "NN", "HYPH"):
                k += 1
            if k < b and toks[k].tag == "NNS":
                return True
    return False


def _phrase_end(toks: list[Tok], depth: list[int], k: int, through_lists: bool = False) -> int:
    """The next comma or semicolon outside quotes (with `through_lists`, commas inside a
    list "a port, a power plant and a refinery" do not end the phrase)."""
    for x in toks[k:]:
        if x.text == ";" and not depth[x.i]:
            return x.i
        if x.text == "," and not depth[x.i]:
            rest = toks[x.i + 1 : x.i + 9]
            listed = bool(rest) and (
                rest[0].tag in _LIST_ITEM_TAGS or rest[0].lower in ("and", "or")
            )
            if through_lists and listed and any(r.lower in ("and", "or") for r in rest):
                continue
            return x.i
    return len(toks)


def _aside_before_that(toks: list[Tok], depth: list[int], k: int) -> bool:
    """The participle clause at `k` is set off before a "that" clause: "Tom Diaz told
    reporters, citing a letter, that the strike would start Monday" (what he told them comes
    after the aside; cut, "Tom Diaz … citing a letter, that the strike would start Monday."
    and "Tom Diaz told reporters" without what was said)."""
    end = _phrase_end(toks, depth, k)
    return end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].lower == "that"


def _participle_clause(toks: list[Tok], k: int, depth: list[int]) -> bool:
    """ ", sparking widespread fears about ...": an -ing clause of at least three words."""
    t = toks[k]
    if t.tag != "VBG" or t.lower in _PREPOSITION_LIKE or k + 1 >= len(toks):
        return False
    if not t.lower.endswith("ing"):
        # ("the old fort, dubbed/VBG the Rock by sailors": a past participle about the noun
        # before the comma, never the subject's act; "The minister … dubbed the Rock" was a
        # claim)
        return False
    if toks[k + 1].tag in ("NN", "NNS") and k + 2 < len(toks) and toks[k + 2].text == ",":
        return False  # ", growing ties, ..." : an adjective in a list
    if toks[k + 1].lower in ROLES:
        return False  # ", ranking member of the subcommittee,": a role, no clause
    words_ = 0
    for x in toks[k:]:
        if x.text in (",", ";") and not depth[x.i]:
            break
        words_ += x.text[:1].isalnum()
    return words_ >= 3


def chunk_frame(sent: Sentence, a: int, b: int, kind: str) -> tuple[Span, ...]:
    """What a chunk reads on from, in the chunk before it (tokens [a, b) of the first
    parse): "We also found | that A, and that B"; "one last month that | affected A and
    outraged B"."""
    toks = sent.toks
    if kind in _FRAME_FINDERS:
        at = _FRAME_FINDERS[kind](toks, a, b)
        return ((toks[at].start, toks[b - 1].end),) if at is not None else ()
    if kind in ("that", "complement"):
        end = (
            that_frame_end(toks, a, b)
            if kind == "that"
            else complement_frame_end(toks, _depths(sent), a, b)
        )
        if not end:
            return ()
        lead = next((j for j in range(a, end) if toks[j].text[:1].isalnum()), a)
        if toks[lead].tag == "RB" and lead + 1 < end and toks[lead + 1].text == ",":
            a = lead + 2  # "Meanwhile, | eating oatmeal was shown to": no part of the frame
        while toks[a].lower in _COORDINATORS or not toks[a].text[:1].isalnum():
            a += 1  # "But mostly she wants | to ...": the frame is "mostly she wants"
        return ((toks[a].start, toks[end - 1].end),)
    r = relative_pronoun(toks, a, b)
    if r is None:
        return ()
    first = next(t for t in toks[a:b] if t.text[:1].isalnum())
    return ((first.start, toks[r].end),)
