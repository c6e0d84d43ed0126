# Over 400 lines on purpose: every never-a-claim rule with its reason, in one place.
"""Screen stage: sentences that are never claims, each with the reason a reviewer sees.

Two passes.  Before parsing, by the text alone: questions, credit and byline lines,
captions and photo credits, link teasers, repeated sentences (a pull quote repeats the
body), sentences too short to state anything.  After parsing, by the tree: imperatives, no
verb at all, and opinion or rhetoric with nothing to check (an evaluative copula about
"it"/"this", a first-person feeling, an exclamation) when the sentence names no one and
states no number or date.

A dateline ("LOS ANGELES (AP) —", "(CNN)") is not a reason to drop a sentence: it is cut
off the sentence's start.
"""

from __future__ import annotations

import re
from itertools import pairwise

from claims.extraction.lexicon import AUXILIARIES, POS_CLASSES, ROLES, SPEECH, words
from claims.extraction.parse import Sentence, Tok
from claims.extraction.patterns import (
    CAPTION_RE,
    CLOSERS,
    CONDITION_RE,
    CREDIT_RE,
    DATELINE_RE,
    INVERTED_RE,
    POINTER_RE,
    QUOTED_QUESTION_RE,
    REPORTED_QUESTION_RE,
    RESULT_RE,
    TEASER_RE,
    TRAILING_LINK_RE,
)
from claims.extraction.types import Span

FURNITURE = "page furniture (navigation, profile box, counters, sharing)"
QUESTION = "question"
CREDIT = "credit or byline"
CAPTION = "caption or photo credit"
TEASER = "link or teaser"
REPEATED = "repeats an earlier sentence"
TOO_SHORT = "too short to state a claim"
IMPERATIVE = "imperative or advice"
NO_VERB = "no verb: a heading or a fragment"
OPINION = "opinion or rhetoric with nothing to check"
TOO_LONG = "too long to be one sentence (a list, a table or text without punctuation)"
POINTER = "a pointer to a chart, a table or a list the text does not hold"
HEADING = "a heading or a link line (no sentence punctuation)"
NOTHING = "nothing checkable (the lowest check-worthiness)"
FRAGMENT = "a fragment with no predicate of its own"
SPECULATION = "the writer's speculation or prediction (nothing to check yet)"
INTRO = "a concessive phrase that states nothing of its own"
BARE_ATTRIBUTION = "who said it, without what was said"
WRITERS_VIEW = "the writer's own view or feeling (I think, I like, I'm not sure)"


_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_FIRST_PERSON = words("i we me us my our you your")
_FEELING = words(
    """
    like likes love loves hate hates think thinks feel feels hope hopes wish wishes want
    wants believe believes guess suppose imagine enjoy enjoyed appreciate mean know
    """
)
_EVALUATIVE = words(
    """
    simple great good bad terrible wonderful amazing awesome awful striking interesting
    important clear obvious right wrong sad funny crazy ridiculous disgraceful shameful
    incredible unbelievable outrageous fantastic fine nice hard easy difficult tough true
    false fair unfair strange weird surprising disappointing exciting beautiful ugly
    terrific special remarkable best worst better proud happy excited fun glad lucky
    tremendous huge perfect horrible brilliant impressive unacceptable
    """
)
_DEICTIC = words("it this that these those there everything something nothing")


def _standalone_heading(text: str, s: int, e: int, stripped: str) -> bool:
    """A short line of its own without sentence punctuation: a sub-heading or a link."""
    if stripped.endswith((".", "!", "?", ":", ";", "\u2026")):
        return False
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    alone = (s == 0 or "\n" in before) and (e >= len(text.rstrip()) or "\n" in after)
    return alone and len(stripped.split()) <= 15 and "\n" in text


def strip_dateline(text: str, start: int, end: int) -> int:
    """The start of the sentence after a leading dateline (unchanged when there is none).

    A dateline opens a paragraph: the text's, or a later one's in a roundup of wire stories
    (matched on the sentence itself, since "^" never matches at a position inside the text)."""
    if start and text[start - 1] != "\n":
        return start
    m = DATELINE_RE.match(text[start:end])
    if m is None or start + m.end() >= end:
        return start
    return start + m.end()


# "Another caveat: Even though ..., the totals include ...": a label of a few words, no
# verb in it, set off by a colon before a sentence of its own
_LABEL_RE = re.compile(r"([A-Z][\w'\u2019]*(?: [\w'\u2019]+){0,3}): (?=[\"\u201c]?[A-Z])")
_LABEL_WORDS = words("update correction clarification disclaimer background context verdict")
_FUNCTION_WORDS = words("a an the and or of in on at for from to with by as")
_PREPOSITIONS = _FUNCTION_WORDS - words("a an the")
_NOT_IN_LABELS = (
    SPEECH
    | AUXILIARIES
    | words("i we you he she it they this that these there who what not no n't")
)


def strip_label(text: str, start: int, end: int) -> int:
    """The start of the sentence after a label that opens it ("Another caveat:", "The bottom
    line:", "Update:"); unchanged when there is none. A label is a few words with a common
    noun and no verb: a name ("Lagarde: rates will ...") may be who speaks, "He added:" is."""
    m = _LABEL_RE.match(text, start, end)
    if m is None or m.end() >= end:
        return start
    label = m.group(1).split()
    lowered = [w.lower().replace("\u2019", "'") for w in label]
    if any(w in _NOT_IN_LABELS for w in lowered):
        return start
    if len(label) == 1 and lowered[0] not in _LABEL_WORDS:
        return start
    if POS_CLASSES.get(lowered[0], "")[:1] in ("V", "D", "G", "Z") or lowered[0] in _PREPOSITIONS:
        return start  # an instruction ("Build your first offer:") or a phrase ("In 2001:")
    if len(label) > 1 and not any(w[:1].islower() and w not in _FUNCTION_WORDS for w in label[1:]):
        # names and titles: "Christine Lagarde:" may be who speaks, "Hibernation and
        # Torpor:" is a title
        return start
    return m.end()


def norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def screen_text(text: str, span: Span, seen: set[str]) -> str | None:
    """Why the sentence at `span` is not a claim, judged by its text; None when it may be."""
    s, e = span
    sentence = text[s:e]
    stripped = sentence.rstrip(CLOSERS)
    # "Who are we as a nation if ...? pic.twitter.com/...": the link ends no sentence
    unlinked = TRAILING_LINK_RE.sub("", sentence.rstrip(CLOSERS + ".")).rstrip(CLOSERS)
    if (
        stripped.endswith("?")
        or unlinked.endswith("?")
        or QUOTED_QUESTION_RE.search(sentence)
        or (INVERTED_RE.match(sentence) and not CONDITION_RE.match(sentence))
    ) and not REPORTED_QUESTION_RE.match(sentence):  # what someone was heard to ask: reported
        return QUESTION
    if _standalone_heading(text, s, e, stripped) and not RESULT_RE.match(sentence):
        return HEADING
    if CREDIT_RE.match(sentence):
        return CREDIT
    if POINTER_RE.match(sentence):
        return POINTER
    if TEASER_RE.match(sentence):
        return TEASER
    if CAPTION_RE.search(sentence):
        return CAPTION
    key = norm(sentence)
    if len(key.split()) < 3:
        return TOO_SHORT
    if key in seen:
        return REPEATED
    seen.add(key)
    return None


def screen_parse(sent: Sentence) -> str | None:
    """Why the parsed sentence is not a claim; None when it may be."""
    toks = [t for t in sent.toks if t.pos not in ("PUNCT", "SYM")]
    if not toks:
        return NO_VERB
    # a fragment: no verb and no subject at all, and short or not ended like a sentence
    # (the tagger misses verbs in long sentences: "A new poll shows majority support")
    verbless = not any(t.is_verb or t.dep in ("cop", "nsubj", "nsubj:pass") for t in toks)
    ended = sent.toks[-1].text in (".", "!", "\u201d", '"')
    if verbless and (len(toks) < 6 or not ended):
        return NO_VERB
    # a row of a table or a stat line ("DL Larry Ogunjobi 63 85% 1 tackle (1 combined."): no
    # verb but a participle, and a third or more of it figures
    # (not with a source: "26 cases and 11 deaths since 2009, reports Reuters.")
    figures = sum(1 for t in toks if t.text[:1].isdigit())
    sourced = any(t.lower in _SAID or t.lower in ("reports", "reported") for t in toks)
    finite = any(
        (
            t.is_verb
            and (
                t.tag not in ("VBN", "VBG")
                # "Haase defeated Bublik 7-5, 3-6": a past tense read as a participle
                or any(sent.toks[c].dep in ("nsubj", "nsubj:pass") for c in t.children)
            )
        )
        # "Athletic drew 1-0 with Rovers": a past tense the tagger took for a noun
        or t.lower in _RESULT_VERBS
        for t in toks
    )
    # (a participle cut from its clause is no stat line: "... , beating Riverside 3-1 at home")
    participle = toks[0].tag in ("VBG", "VBN")
    if not finite and figures * 3 >= len(toks) and not sourced and not participle:
        return NO_VERB
    if _imperative(sent, toks):
        return IMPERATIVE
    if _dangling_subordinate(sent, toks):
        return FRAGMENT
    return None


# subordinators whose clause never stands alone as a claim ("when" and "as" open headings
# and captions that still state something)
_DANGLING_MARKS = words("because whether although though unless whereas")


def _dangling_subordinate(sent: Sentence, toks: list[Tok]) -> bool:
    """ "Because space travel is anything but easy.", "Whether it's cheering for the home
    team, or just having ...": a subordinate clause with no main clause to belong to, no
    verb with a tense after its first comma or dash ("Because the plant closed, 300 people lost
    their jobs" has one; "Because of the storm, flights were cancelled" opens with a
    phrase). Judged on the tags: the parser often makes a mess of such sentences."""
    first = toks[0]
    if first.lower not in _DANGLING_MARKS or first.dep not in ("mark", "case"):
        return False
    if len(toks) > 1 and toks[1].lower == "of":
        return False
    comma = next((t.i for t in sent.toks if t.text in (",", "\u2014", "\u2013", ";", ":")), None)
    after = sent.toks[comma + 1 :] if comma is not None else []
    return not any(t.tag in ("VBD", "VBZ", "VBP", "MD") for t in after)


def screen_unit(
    sent: Sentence, toks: set[int], pred: int, quoted: list[bool], attributed: bool = False
) -> str | None:
    """Why a claim unit is opinion or rhetoric with nothing to check; None when it is not.

    Quoted words are judged by their content: an evaluative, first-person feeling, advice
    or imperative cue, with no number, and either no name or a second cue ("He's just
    playing terrific basketball"; "I think we did a great job on him").  The writer's own
    words only by the shape of the predicate ("That sounds like a lot.", "It's very simple",
    an exclamation), since news prose is full of evaluative adjectives around facts.
    """
    words_ = sorted(k for k in toks if sent.toks[k].pos not in ("PUNCT", "SYM"))
    if not words_:
        return OPINION
    if _fragment(sent, pred, words_) and not _role(sent, pred):
        return FRAGMENT
    if _bare_attribution(sent, toks, quoted):
        return BARE_ATTRIBUTION
    inside = [k for k in words_ if quoted[k]]
    outside = [sent.toks[k].lower for k in words_ if not quoted[k]]
    # a quote with only its attribution around it ("Amazing," Davis said) is judged by the
    # quoted words; a sentence quoting a few words is judged as a whole
    attribution_only = len(outside) <= 8 and bool(set(outside) & _SAID)
    is_quote = bool(inside) and (len(inside) * 2 >= len(words_) or attribution_only)
    every = [sent.toks[k] for k in words_]
    if any(t.pos == "NUM" or any(ch.isdigit() for ch in t.text) for t in every):
        return None
    if attributed and _reported_speech(sent, words_, quoted):
        return None
    if any(t.lower in _NUMBER_WORDS for t in every):
        return None
    content = [sent.toks[k] for k in (inside if is_quote else words_)]
    lows = [t.lower for t in content]
    names = any(t.pos == "PROPN" for t in content)
    root = sent.toks[pred]
    subjects = [sent.toks[c] for c in root.children if sent.toks[c].dep in ("nsubj", "expl")]
    subj = subjects[0].lower if subjects else ""
    has_cop = any(sent.toks[c].dep == "cop" for c in root.children)
    within = {t.i for t in content}
    reports = any(  # "It's striking that ...": the frame reports a proposition
        t.dep in ("ccomp", "csubj")
        and t.head in within
        and has_subject_(sent, t.i)
        and not _first_person_frame(sent, t.head)
        for t in content
    )
    shape = (has_cop and root.lower in _EVALUATIVE and subj in _DEICTIC and not reports) or (
        subj in _DEICTIC and root.lower in ("sounds", "seems", "looks", "feels")
    )
    exclaims = any(sent.toks[k].text == "!" for k in toks)
    if not is_quote:
        if (shape or exclaims) and not names:
            return OPINION
        if not attributed and (
            _writers_view(sent, root, subjects, quoted) or _rhetorical_frame(lows)
        ):
            return WRITERS_VIEW
        if not attributed and has_cop and _judgement(sent, pred):
            return OPINION
        if not attributed and _speculative(sent, pred, lows):
            return SPECULATION
        return None
    first_person = any(w in ("i", "we") for w in lows)
    cues = 0
    cues += any(w in _EVALUATIVE for w in lows)
    cues += any(w in _MENTAL or w in _FEELING for w in lows) and first_person
    cues += any(w in _OBLIGATION for w in lows) or "got to" in " ".join(lows)
    cues += any(
        sent.toks[c].dep == "aux" and sent.toks[c].lower in _OBLIGATION for c in root.children
    )
    # "we have to", "you need to" (a verb: "saw a need to bring on providers" reports)
    cues += any(
        t.lower in _MUST_VERBS
        and t.is_verb
        and k + 1 < len(content)
        and content[k + 1].lower == "to"
        for k, t in enumerate(content)
    )
    opening = content[0].lower
    second = content[1].lower if len(content) > 1 else ""
    cues += 2 * (
        (content[0].tag == "VB" and opening not in ("do", "be"))
        or (opening == "do" and second in ("n't", "not"))
        or opening in ("let", "let's")
    )
    cues += 2 * (shape or exclaims)
    cues += _stance(sent, content)
    if not cues or reports:
        return None
    extra = any(w in _FIRST_PERSON for w in lows) + any(w in _INTENSIFIERS for w in lows)
    if len(content) <= 3:
        extra += 1
    existential = any(
        t.tag == "EX" and k + 1 < len(content) and content[k + 1].lower in _BE_FORMS
        for k, t in enumerate(content)
    )
    if existential and cues + extra < 2:
        return None  # "There are no hard data": whether there are is a fact to check
    if cues + extra <= 2 and len(content) >= _LONG_QUOTE:
        # one hedge or evaluative word in a long quote ("Organic materials can, we think,
        # penetrate down to the liquid water ocean and this can provide nutrients ...")
        # leaves a proposition to check; more cues make such a quote opinion ("Music is in
        # my genes ..., and I just think I was somehow granted access to it")
        return None
    return OPINION if (cues + extra >= 2 or not names) else None


def _writers_view(sent: Sentence, root: Tok, subjects: list[Tok], quoted: list[bool]) -> bool:
    """ "I'd like to think the new banks will be better.", "I don't know what direction the
    coach will go.", "I'm honestly impartial on it.": outside quotation marks, "I" is the
    writer, and what the writer thinks, likes or is unsure of is a view, not a report (a
    column's "I visited the plant" stays: the verb is no attitude).  Numbers never reach
    here."""
    if not subjects:  # ("I'd like to ...": the parser may hang the subject on the "'d")
        subjects = [
            sent.toks[k]
            for c in root.children
            if sent.toks[c].dep in _AUX
            for k in sent.toks[c].children
            if sent.toks[k].dep == "nsubj"
        ]
    if not subjects or subjects[0].lower != "i" or quoted[subjects[0].i]:
        return False
    heads = [root] + [sent.toks[c] for c in root.children if sent.toks[c].dep == "xcomp"]
    if any(t.lower in _FEELING or t.lower in _ATTITUDE for t in heads):
        return True
    # "I'm honestly impartial", "I'm not sure": the writer's state, an adjective
    # (never a noun: "I'm a reporter at ..." says who the writer is)
    return root.pos not in ("NOUN", "PROPN", "NUM", "PRON") and any(
        sent.toks[c].dep == "cop" for c in root.children
    )


def _rhetorical_frame(lows: list[str]) -> bool:
    """ "It's easy to see how this data would be useful to an advertiser.", "It is hard to
    say whether ...": the writer's frame around a thought, nothing it reports."""
    if len(lows) < 5 or lows[0] != "it" or lows[1] not in ("is", "'s", "\u2019s", "was"):
        return False
    at = 3 if lows[2] in ("not", "very", "so", "pretty", "fairly") else 2
    return (
        lows[at] in _FRAME_ADJECTIVES
        and lows[at + 1 : at + 2] == ["to"]
        and lows[at + 2 : at + 3] != []
        and lows[at + 2] in _FRAME_VERBS
    )


_FRAME_ADJECTIVES = words("easy hard difficult tempting fair safe impossible possible")
_FRAME_VERBS = words("see say imagine understand argue think believe assume conclude predict tell")
# verbs of attitude besides _FEELING's ("I just can't stop wondering if ...")
_ATTITUDE = words("wonder wondering miss doubt suspect bet prefer reckon worry fear expect")


def _stance(sent: Sentence, content: list[Tok]) -> bool:
    """ "We stand tall.", "It makes for better theater to hold this to the last minute.": in
    someone's words, "I", "we" or "it" being or doing something now, with no name, no number
    and no past event ("saw a need to bring on ...", "because he died in my hands"), is
    where they stand, not something to check."""
    if any(t.pos == "PROPN" or t.tag == "VBD" for t in content):
        return False
    within = {t.i for t in content}
    # the quotation's own predicate ("it ... sit" in '"It doesn't sit well," said X')
    root = next((t for t in content if t.head == t.i or t.head not in within), None)
    if root is None:
        return False
    subjects = [c for c in root.children if sent.toks[c].dep in ("nsubj", "expl")]
    if not subjects or subjects[0] not in within:
        return False  # 'The ministry said it "regrets ...": the subject is the writer's
    if sent.toks[subjects[0]].lower not in _STANCE_SUBJECTS:
        return False
    group = [root, *(sent.toks[c] for c in root.children if sent.toks[c].dep in _AUX)]
    if (root.tag == "VBN" and any(t.lower in _HAVE for t in group)) or (
        root.lower == "going" and any(sent.toks[c].tag == "VB" for c in root.children)
    ):
        return False  # "we've found water vapour", "we are going to cut ...": an event, a plan
    return any(t.tag in ("VBP", "VBZ") for t in group) and not any(t.tag == "MD" for t in group)


_STANCE_SUBJECTS = words("i we it this that")
_HAVE = words("have has 've 's")  # (Tok.lower makes the apostrophe plain)
_AUX = frozenset({"aux", "aux:pass", "cop"})
_LONG_QUOTE = 20  # words
_MUST_VERBS = words("have has need needs needed got")
_BE_FORMS = words("is are was were 's \u2019s")
_RESULT_VERBS = words(
    "beat beats drew draws won wins lost loses led leads rose fell grew scored defeated tied"
)
_INTENSIFIERS = words(
    """
    just really obviously probably definitely certainly truly absolutely so very totally
    honestly clearly
    """
)
_MENTAL = words("think thinks believe believes feel feels hope hopes guess suppose")
_SAID = words("said says say told tells added adds wrote writes according asked")
_OBLIGATION = words("should must ought let gotta")
_NUMBER_WORDS = words(
    """
    one two three four five six seven eight nine ten eleven twelve dozen hundred hundreds
    thousand thousands million millions billion billions trillion percent half third
    quarter first second
    """
)


def _speculative(sent: Sentence, pred: int, lows: list[str]) -> bool:
    """The writer's own counterfactual, guess or prescription: "could have", "would have",
    "might have" ("Voters could have shown ..."), an opening "maybe" or "perhaps", "should"
    or "must" on the predicate.  Plain "would", "may" and "likely" stay claims: news prose
    uses them for reported plans and forecasts ("The blackout would be the latest in a
    series ...")."""
    root = sent.toks[pred]
    aux = [sent.toks[c].lower for c in root.children if sent.toks[c].dep in ("aux", "aux:pass")]
    if any(a in ("could", "would", "might") for a in aux) and "have" in aux:
        return True
    if lows[:1] == ["maybe"] or lows[:1] == ["perhaps"]:
        return True  # "Maybe the company likes it that way.": a guess, nothing it asserts
    # "Had you called the police, you would have had proof" (the parser rarely sees the
    # condition, so the tree's root may be "Had")
    if lows[:1] == ["had"] and any(
        w in ("could", "would", "might") and nxt in ("have", "'ve", "\u2019ve")
        for w, nxt in pairwise(lows)
    ):
        return True
    return any(a in ("should", "must") for a in aux)


def _fragment(sent: Sentence, pred: int, words_: list[int]) -> bool:
    """Too little to be a claim: under three words ("Ignored."), or a short stretch with no
    verb at all (a caption or a heading that kept its full stop).  The tagger misses verbs
    often enough that nothing longer is judged by its tags alone."""
    if len(words_) < 3:
        return True
    toks = [sent.toks[k] for k in words_]
    if toks[-1].i == pred == sent.toks[-1].i and toks[-1].lower in ("come", "comes", "came"):
        # "The announcement comes" cut before "as lawmakers are debating ..." (nothing after
        # it, not even a full stop): the timing of what came, the fact it is timed by gone
        # to a claim of its own ("The first snow finally came." is a sentence, and stays)
        return True
    if any(t.tag in ("CD", "PRP") for t in toks):  # "it cost $40 million": the tagger missed
        return False  # the verb, not the claim
    if any(t.is_verb for t in toks):
        return False
    # "into the actual text of a trade agreement": a phrase cut off its clause
    return len(words_) < 8 or toks[0].tag in ("IN", "TO")


def _role(sent: Sentence, pred: int) -> bool:
    """ "Kym Lino, a spokesperson for Instagram,": an apposition giving a named subject's role
    is the claim "Kym Lino is a spokesperson for Instagram.", however short."""
    t = sent.toks[pred]
    anchor = sent.toks[t.head]
    return (
        t.dep == "appos"
        and t.lower in ROLES
        and anchor.pos == "PROPN"
        and not any(sent.toks[c].dep == "case" for c in anchor.children)
    )


def _judgement(sent: Sentence, pred: int) -> bool:
    """ "Beijing's strategy is an obvious and manifest failure", "The efforts have been
    catastrophic": the writer's verdict on something, in words that judge rather than
    describe; nothing in it can be checked."""
    root = sent.toks[pred]
    if root.lower in _JUDGEMENT:
        return True
    return any(
        sent.toks[c].dep in ("amod", "advmod", "conj") and sent.toks[c].lower in _JUDGEMENT
        for c in root.children
    )


# value words: a claim built on one of them as its predicate is a verdict, not a fact ("a
# disaster" is left out: a storm can be one, officially)
_JUDGEMENT = words(
    """
    failure catastrophic disastrous shameful disgraceful outrageous absurd
    ridiculous pathetic incompetent incompetence foolish stupid idiotic reckless cowardly
    admirable laudable deplorable despicable appalling abhorrent inexcusable unforgivable
    manifest farce fiasco travesty disgrace scandalous hypocritical hypocrisy
    laughable ludicrous preposterous dishonest shameless spineless
    """
)


def _reported_speech(sent: Sentence, words_: list[int], quoted: list[bool]) -> bool:
    """ "He ... said, 'somebody ought to put a bullet in her skull,' the prosecutor's office
    said": someone reports what another said; that it was said is the claim, whatever the
    quoted words are (a threat, an insult, an opinion)."""
    speech = [
        k
        for k in words_
        if not quoted[k]
        and sent.toks[k].is_verb
        and (sent.toks[k].lower in _SPEECH_ONLY or sent.toks[k].lower in _SAID)
    ]
    return len(speech) >= 2


def _bare_attribution(sent: Sentence, toks: set[int], quoted: list[bool]) -> bool:
    """ "Trump tweeted before Election Day." left alone once what he tweeted was dropped (an
    opinion, a fragment) or sits in another claim: a short unit around a speech verb with
    nothing that could be its content (no clause, no object, no quoted word).  Judged on
    the unit's words rather than the predicate: the parser often misreads such a stub
    ("tweeted" as a participle of "Trump")."""
    words_ = [k for k in toks if sent.toks[k].text[:1].isalnum()]
    if any(quoted[k] for k in toks):
        return False
    verbs = [k for k in words_ if sent.toks[k].lower in _SPEECH_ONLY and sent.toks[k].is_verb]
    if not verbs:
        return False
    # who the speaker is ("He Jianxiong, the former executive director for China at the
    # IMF, said at a Nov. 6 event at the Peterson Institute") is no content of what was
    # said, nor where or when it was said
    aside = set().union(*(sent.subtree(k) for k in toks if sent.toks[k].dep == "appos"))
    for v in verbs:
        for c in sent.toks[v].children:
            phrase = sorted(sent.subtree(c))
            if sent.toks[c].dep.startswith("obl") and sent.toks[phrase[0]].lower in _WHERE_WHEN:
                aside |= set(phrase)
    if len(set(words_) - aside) > 9:
        return False
    if any(
        sent.toks[k].is_verb and k < min(verbs) and sent.toks[k].dep not in ("aux", "aux:pass")
        for k in words_
    ):  # "Imports rose by a third, the ministry said", whatever the parser made of it
        return False
    content = _CONTENT_DEPS | (
        {"obj"} if all(sent.toks[k].lower not in _TELL for k in verbs) else set()
    )
    return not any(
        (sent.toks[k].dep in content and _clause_like(sent, k)) or sent.toks[k].lower == "that"
        for k in words_
    )


def _clause_like(sent: Sentence, k: int) -> bool:
    """Content a speech verb can take, however the parser labelled it; never a name inside
    where it was said, taken for a clause ("said at an event at the Peterson | Institute in
    Washington"); a clause coordinated with the content, with its own subject ("said A
    and the new one will open in 2026"), is content, whatever stands before its "and"."""
    t = sent.toks[k]
    if t.dep == "conj" and any(sent.toks[c].dep in ("nsubj", "nsubj:pass") for c in t.children):
        return True
    j = min(sent.subtree(k)) - 1
    while j >= 0 and sent.toks[j].tag in _PLACE_PHRASE_TAGS:
        if sent.toks[j].lower in _WHERE_WHEN:
            return False
        if sent.toks[j].tag.startswith("NN") and sent.toks[j + 1].tag == "DT":
            return True  # "said in a statement | the bridge cost ...": a new phrase
        j -= 1
    return True


_PLACE_PHRASE_TAGS = frozenset({"IN", "DT", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "POS"})


# verbs that say nothing without their content ("X said." states no fact); "announced",
# "confirmed", "denied" are left out: their object is the fact ("announced the deal")
_SPEECH_ONLY = words(
    """
    say says said tell tells told tweet tweets tweeted write writes wrote add adds added
    state states stated note notes noted explain explains explained claim claims claimed
    argue argues argued insist insists insisted post posts posted
    """
)
_TELL = words("tell tells told")
_WHERE_WHEN = words("at in on during after before")  # never "added to", "told about"
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "csubj", "conj", "advcl"})


def _first_person_frame(sent: Sentence, head: int) -> bool:
    """ "I think (that) ...", "we hope ...": an opinion frame, not a report."""
    t = sent.toks[head]
    if t.lower not in _MENTAL and t.lower not in _FEELING:
        return False
    return any(
        sent.toks[c].dep == "nsubj" and sent.toks[c].lower in ("i", "we") for c in t.children
    )


def has_subject_(sent: Sentence, i: int) -> bool:
    return any(sent.toks[c].dep in ("nsubj", "nsubj:pass", "expl") for c in sent.toks[i].children)


def _imperative(sent: Sentence, toks: list[Tok]) -> bool:
    first = toks[0]
    if first.lower in ("please",) and len(toks) > 1:
        first = toks[1]
    # ("Be sure to visit ...", "Get started with ...", "Say goodbye to ...": the verb the
    # parser hung on the word after it, as a copula, an auxiliary or a compound)
    head = sent.toks[first.head]
    opens = first.i in sent.roots or (
        head.i in sent.roots
        and first.dep in ("cop", "aux", "aux:pass", "compound")
        and POS_CLASSES.get(first.lower, "")[:1] == "V"  # never a name ("Balmer 4 points.")
    )
    verb = next((k for k in (first.i, head.i) if k in sent.roots), first.i)
    if _untagged_imperative(sent, first) or _imperative_after_clause(sent, toks):
        return True
    return (
        first.tag == "VB"
        and opens
        and not any(
            sent.toks[c].dep in ("nsubj", "nsubj:pass", "expl") for c in sent.toks[verb].children
        )
        and (first.lower not in ("do", "be") or head.lower in _BE_ADVICE)
    )


_BE_ADVICE = words("sure careful aware ready prepared")
_TIME_OR_CONDITION = words("when whenever once if unless before after until while")


def _imperative_after_clause(sent: Sentence, toks: list[Tok]) -> bool:
    """ "When the sauce is thick enough, pour it into the jars": advice whose verb, in its
    base form and with no subject, comes right after an opening clause of time or
    condition (the parser often makes that clause the root)."""
    opening = " ".join(t.lower for t in toks[:3])
    if toks[0].lower not in _TIME_OR_CONDITION and opening != "as soon as":
        return False
    every = sent.toks
    comma = next((t.i for t in every if t.i > toks[0].i + 2 and t.text == ","), None)
    if comma is None or comma + 1 >= len(every):
        return False
    verb = every[comma + 1]
    return (
        verb.tag == "VB"
        and "V" in POS_CLASSES.get(verb.lower, "V")  # (a word the lexicon lacks: "bake")
        and not any(sent.toks[c].dep in ("nsubj", "nsubj:pass", "expl") for c in verb.children)
    )


def _untagged_imperative(sent: Sentence, first: Tok) -> bool:
    """ "Set aside an hour each week to plan ...", "Attract prospects by publishing ...": a
    word that is mostly a verb in its base form opens a sentence with no subject anywhere,
    and the tagger read it as a participle or a name."""
    nxt = first.i + 1
    return (
        first.text[:1].isupper()
        and first.tag in ("VBN", "VBD", "NNP", "NN")
        and POS_CLASSES.get(first.lower, "")[:1] == "V"
        and nxt < len(sent.toks)
        and not sent.toks[nxt].is_verb
        and sent.toks[nxt].pos != "PUNCT"
        and not any(t.dep in ("nsubj", "nsubj:pass", "expl", "csubj") for t in sent.toks)
    )
