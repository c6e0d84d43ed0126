# Over 400 lines on purpose: the steps share one State and are read in order, top to bottom.
"""The claim pipeline: an ordered list of small steps over a shared state.

clean (prose regions, furniture out) -> segment (sentences, datelines cut) -> screen by
text (questions, credits, captions, repeats) -> parse (tags and a dependency tree) ->
screen by tree (imperatives, fragments, opinion) -> units (which clauses are claims) ->
classify (kind, details, check-worthiness).  Every step reads and writes offsets into the
text as given; sentences that are not claims are kept in ``state.dropped`` with a reason.
"""

from __future__ import annotations

import bisect
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from claims.extraction import screen
from claims.extraction.attributed import Source, chunk_source, with_source
from claims.extraction.chunks import chunk_frame, clause_chunks, fronted_event
from claims.extraction.classify import classify, find_mentions
from claims.extraction.clean import body_regions, classify_lines, furniture_spans
from claims.extraction.config import setting
from claims.extraction.lexicon import SPEECH
from claims.extraction.parse import MAX_TOKENS, Sentence, own_tree, parse_sentences
from claims.extraction.patterns import RESULT_RE
from claims.extraction.quantities import MONTH_NAMES
from claims.extraction.repair import repair
from claims.extraction.segment import split_sentences
from claims.extraction.types import Draft, Dropped, ExtractedClaim, Span
from claims.extraction.units import (
    absolute_text,
    attribution_of,
    clause_subject_spans,
    minimal_np,
    quoted_tokens,
    split_units,
    unit_spans,
    unit_subject,
    unit_text,
)

# A "sentence" this long is a list, a table or text without punctuation: not one claim.
MAX_WORDS = 400
MAX_CHARS = 4000
FLOOR = 0.15  # below it, with no number or date: nothing a fact-checker could check
_OPENING_QUOTES = "\u201c\u00ab\u201e"
_CLOSING_QUOTES = "\u201d\u00bb"
_WORD_RE = re.compile(r"[^\W_]+")
_LOST_MIN_WORDS = 8
_RESULT_MAX_WORDS = 16  # "Lakeside def. North Bay 25-18, 25-20, 25-22": a short line


@dataclass
class State:
    """What the steps read and write; offsets always refer to `text`."""

    text: str
    regions: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    open_quote: dict[Span, bool] = field(default_factory=dict)
    lead: dict[Span, tuple[Span, ...]] = field(default_factory=dict)  # borrowed subjects
    source: dict[Span, Source] = field(default_factory=dict)  # the sentence's source
    absolute: dict[Span, bool] = field(default_factory=dict)  # "with X doing": past tense?
    parsed: list[Sentence] = field(default_factory=list)
    unparsed: list[Span] = field(default_factory=list)
    results: list[Span] = field(default_factory=list)  # game results ("A d. B 3-1")
    drafts: list[Draft] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    claims: list[ExtractedClaim] = field(default_factory=list)


def clean_step(state: State) -> None:
    """Keep only article prose; page furniture never reaches the later steps."""
    lines = classify_lines(state.text)
    state.regions = body_regions(state.text, lines)
    blocks: list[list[int]] = []
    for s, e in furniture_spans(state.text, lines):
        if blocks and not state.text[blocks[-1][1] : s].strip():
            blocks[-1][1] = e  # consecutive furniture lines are one stretch
        else:
            blocks.append([s, e])
    state.dropped += [Dropped(s, e, screen.FURNITURE) for s, e in blocks]
    # a heading line ("Girls Soccer Results", "Tuesday Night Scores Across The County") is
    # no prose either: said so, so that nothing leaves the text without a reason
    state.dropped += [
        Dropped(ln.start, ln.end, screen.HEADING) for ln in lines if ln.label == "heading"
    ]


def segment_step(state: State) -> None:
    """Sentences of each region, datelines cut off; note which open inside a quotation."""
    text = state.text
    for region in state.regions:
        inside = False
        for s, e in split_sentences(text, *region):
            s = screen.strip_dateline(text, s, e)
            state.sentences.append((s, e))
            state.open_quote[(s, e)] = inside
            inside = _quote_open_after(text[s:e], inside)


def _quote_open_after(sentence: str, inside: bool) -> bool:
    for ch in sentence:
        if ch in _OPENING_QUOTES:
            inside = True
        elif ch in _CLOSING_QUOTES:
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


def screen_text_step(state: State) -> None:
    """Drop what the text alone shows is no claim (questions, credits, captions, repeats);
    cut a label ("Another caveat:") off the start of the others."""
    seen: set[str] = set()
    kept = []
    for span in state.sentences:
        reason = screen.screen_text(state.text, span, seen)
        if reason is None:
            # (a heading line that opens with one, "Internal memo: Guards falsified records",
            # was dropped as a heading first)
            start = screen.strip_label(state.text, *span)
            kept.append((start, span[1]))
            if start != span[0]:
                state.open_quote[start, span[1]] = state.open_quote.pop(span, False)
        else:
            state.dropped.append(Dropped(*span, reason))
    state.sentences = kept


# chunks that read on from a frame in the chunk before them (``chunks.chunk_frame``)
_READS_ON = frozenset({"that", "relative", "complement", "where", "when"})


def parse_step(state: State) -> None:
    """Tag and parse each sentence (sentences longer than MAX_TOKENS words stay whole)."""
    to_parse = []
    for s, e in state.sentences:
        words = state.text.count(" ", s, e)
        if words >= MAX_WORDS or e - s > MAX_CHARS:
            # a list, a table or text without punctuation: no claim is that long
            state.dropped.append(Dropped(s, e, screen.TOO_LONG))
        elif words < _RESULT_MAX_WORDS and RESULT_RE.match(state.text[s:e]):
            state.results.append((s, e))  # no verb for the parser to find: the line is the claim
        elif words >= MAX_TOKENS:
            state.unparsed.append((s, e))
        else:
            to_parse.append((s, e))
    parsed = parse_sentences(state.text, to_parse)
    # sentences holding several full clauses side by side: parse each clause on its own
    chunked: list[tuple[int, int, str]] = []
    reused: dict[int, Sentence] = {}  # chunk start -> the chunk cut out of the first parse
    frames: dict[int, tuple[Span, ...]] = {}  # chunk start -> the words it reads on from
    sources: dict[int, Source] = {}  # chunk start -> the source it must keep
    mute: set[int] = set()  # chunks that are only a source
    absolute: dict[int, bool] = {}  # chunks that are a "with X doing Y" (past tense?)
    events: dict[Span, Span] = {}  # sentence -> its opening past event ("When X, ...")
    for sent in parsed:
        if state.open_quote.get((sent.start, sent.end)):
            continue
        event = fronted_event(sent)
        if event is not None:
            events[sent.start, sent.end] = (sent.toks[event[0]].start, sent.toks[event[1] - 1].end)
        ranges = clause_chunks(sent)
        if len(ranges) > 1:
            chunked += [(sent.toks[a].start, sent.toks[b - 1].end, k) for a, b, k in ranges]
            source = chunk_source(sent)
            for n, (a, b, k) in enumerate(ranges):
                if source is not None:
                    s, e = source.span
                    chunk = [t for t in sent.toks[a:b] if t.text[:1].isalnum()]
                    if all(s <= t.start and t.end <= e for t in chunk):
                        mute.add(sent.toks[a].start)  # the source alone: its clauses carry it
                    elif k in ("clause", "contrast", "part", "when") and not (
                        sent.toks[a].start <= e <= sent.toks[b - 1].end
                    ):
                        sources[sent.toks[a].start] = source
                piece = own_tree(sent, a, b)
                if piece is not None:
                    reused[piece.start] = piece
                if n and k in _READS_ON:
                    # (after ", including one that A", "and B" reads on from what "one" is
                    # one of as well)
                    prev = ranges[n - 1][0]
                    elaborated = (
                        frames.get(sent.toks[prev].start, ())
                        if sent.toks[prev].lower == "including"
                        else ()
                    )
                    frames[sent.toks[a].start] = elaborated + chunk_frame(
                        sent, *ranges[n - 1][:2], k
                    )
                if n and k == "aside" and sent.toks[a].lower == "including":
                    # ", including one last month that affected 2.5 million people": what it
                    # elaborates ("a series of massive outages … including one last month")
                    noun = _elaborated(sent, a)
                    if noun is not None:
                        frames[sent.toks[a].start] = noun
                if n and k == "aside" and sent.toks[a - 1].lower == "with":
                    # ", with his administration sending mixed signals": in the tense of
                    # the clause it hangs on
                    before = sent.toks[ranges[n - 1][0] : ranges[n - 1][1]]
                    absolute[sent.toks[a].start] = any(t.tag == "VBD" for t in before)
    if chunked:
        # a chunk the first parse already gives a tree of its own keeps it; the others are
        # parsed again on their own
        fresh = iter(
            parse_sentences(state.text, [(s, e) for s, e, _ in chunked if s not in reused])
        )
        again = [reused[s] if s in reused else next(fresh) for s, _e, _k in chunked]
        by_sentence: dict[int, list[tuple[Sentence, str]]] = {}
        starts = [sent.start for sent in parsed]
        for (s, _e, kind), piece in zip(chunked, again, strict=True):
            owner = starts[bisect.bisect_right(starts, s) - 1]
            by_sentence.setdefault(owner, []).append((piece, kind))
        out = []
        for sent in parsed:
            pieces = by_sentence.get(sent.start, [])
            borrowed = _part_subjects(pieces, mute) if pieces else None
            if borrowed is None or any(_verbless_complement(p, k) for p, k in pieces):
                # (a part with no subject to borrow, a second complement parsed alone with
                # no verb: the sentence is whole)
                out.append(sent)
                continue
            for n, (piece, kind) in enumerate(pieces):
                if piece.start in mute:
                    continue
                if kind == "intro":  # "Despite these difficulties,": states nothing
                    state.dropped.append(Dropped(piece.start, piece.end, screen.INTRO))
                    continue
                out.append(piece)
                key = (piece.start, piece.end)
                if piece.start in sources:
                    state.source[key] = sources[piece.start]
                if piece.start in absolute:
                    state.absolute[key] = absolute[piece.start]
                state.open_quote[key] = (
                    state.open_quote.get((sent.start, sent.end), False) and n == 0
                )
                if kind == "part":
                    state.lead[key] = borrowed[piece.start]
                elif (kind in _READS_ON or kind == "aside") and frames.get(piece.start):
                    state.lead[key] = frames[piece.start]
        parsed = out
    state.parsed = _with_fronted_events(state, parsed, events)


def _verbless_complement(piece: Sentence, kind: str) -> bool:
    """A second complement ("and fund a new board") whose first word the parse of the piece
    alone reads as no verb ("fund" a noun): cut, it would be dropped as a fragment, its
    facts lost."""
    first = next((t for t in piece.toks if t.text[:1].isalnum()), None)
    return kind == "complement" and first is not None and not (first.is_verb or first.lower == "to")


def _part_subjects(
    pieces: list[tuple[Sentence, str]], mute: set[int]
) -> dict[int, tuple[Span, ...]] | None:
    """The subject each participial or second-predicate chunk borrows (piece start -> spans):
    the subject of the last clause chunk before it, only that clause's own (an older one
    would be a wrong subject), read from the repaired tree ("Dressed in black, the
    white-haired singer took ...", parsed with "Dressed" the root, gave "singer"). None when
    a part has no subject to borrow ("… and banned gatherings of more than 50 people" after a
    clause parsed with none): cut off, it would be a claim with no subject ("Banned
    gatherings ..."), so the sentence stays one."""
    subject: tuple[Span, ...] = ()
    out: dict[int, tuple[Span, ...]] = {}
    for piece, kind in pieces:
        if piece.start in mute:
            continue
        if kind in ("clause", "contrast"):
            subject = clause_subject_spans(repair(piece))
        elif kind == "part":
            if not subject:
                return None
            out[piece.start] = subject
    return out


def _with_fronted_events(
    state: State, parsed: list[Sentence], events: dict[Span, Span]
) -> list[Sentence]:
    """`parsed` with each sentence's opening past event ("When X happened, ...") parsed on
    its own, right after the sentence's last piece: a claim of its own, while the sentence
    keeps it (its time is part of what the sentence says)."""
    if not events:
        return parsed
    extra = dict(zip(events, parse_sentences(state.text, list(events.values())), strict=True))
    out: list[Sentence] = []
    for n, piece in enumerate(parsed):
        out.append(piece)
        following = parsed[n + 1].start if n + 1 < len(parsed) else len(state.text)
        owner = next((o for o in extra if o[0] <= piece.start < o[1] <= following), None)
        if owner is not None:
            out.append(extra.pop(owner))
    return out


def _elaborated(sent: Sentence, a: int) -> tuple[Span, ...] | None:
    """The noun phrase that ", including ..." at token `a` elaborates, with its "of" phrase
    ("a series of massive outages … including one last month"): the first noun before the
    comma that governs the words after "including", else the noun just before the comma
    ("seven classic rock tracks, including ...")."""
    if a < 2 or a + 1 >= len(sent.toks) or sent.toks[a - 1].text != ",":
        return None
    toks = sent.toks
    head = next((g for g in sent.governors(a + 1) if g < a), None)
    if head is None or toks[head].pos not in ("NOUN", "PROPN"):
        head = a - 2
        if toks[head].pos not in ("NOUN", "PROPN"):
            return None
        # "12 lawsuits in Texas, including two from ...": the lawsuits, not Texas
        while (
            toks[head].dep == "nmod"
            and toks[head].head < head
            and toks[toks[head].head].pos in ("NOUN", "PROPN")
            and any(toks[c].dep == "case" and toks[c].lower != "of" for c in toks[head].children)
        ):
            head = toks[head].head
    words_ = set(minimal_np(sent, head))
    for c in toks[head].children:
        if c > head and any(toks[k].lower == "of" for k in toks[c].children):
            words_ |= sent.subtree(c)
            break
    # "emerged ... and produced internal structures, including ...": a verb after "and" that
    # the parser hung on the noun is no part of it (it read "And produced internal ...")
    while words_ and (
        toks[min(words_)].dep == "cc"
        or (toks[min(words_)].tag in ("VBD", "VBN") and toks[min(words_) - 1].dep == "cc")
    ):
        words_.discard(min(words_))
    first, last = min(words_, default=0), max(words_, default=-1)
    if not words_ or last >= a or last - first + 1 != len(words_):
        return None  # not one stretch of text before the comma
    return ((toks[first].start, toks[last].end),)


def screen_parse_step(state: State) -> None:
    """Drop imperatives and verbless fragments."""
    kept = []
    whole = set(state.sentences)
    for sent in state.parsed:
        reason = screen.screen_parse(sent)
        if reason == screen.IMPERATIVE and (sent.start, sent.end) in state.lead:
            reason = None  # "(The council voted to) sell the building": it reads on
        if reason == screen.NO_VERB and (sent.start, sent.end) in state.lead:
            first = next((t for t in sent.toks if t.text[:1].isalnum()), None)
            if first is not None and first.lower.endswith("ing"):
                reason = None  # "(The storm …) destroying/NN 400 homes": a participle
        if (
            reason is None
            and (sent.start, sent.end) not in whole
            and (sent.start, sent.end) not in state.lead
            and _subjectless_participle(sent)
        ):
            # a participial clause cut from its sentence whose subject could not be found
            # ("The company's … offering ..." would name the wrong one): nothing to say it of
            reason = screen.FRAGMENT
        if reason is None:
            kept.append(sent)
        else:
            state.dropped.append(Dropped(sent.start, sent.end, reason))
    state.parsed = kept


def _subjectless_participle(sent: Sentence) -> bool:
    """The piece opens with a participle that is its root, and nothing in it has a subject
    or a tense ("Dressed in black, McDonald took his place" and "Fixing it required ..."
    are clauses)."""
    opener = next((t for t in sent.toks if t.text[:1].isalnum()), None)
    return (
        opener is not None
        and opener.tag in ("VBG", "VBN")
        and opener.head == opener.i
        and not any(t.dep in ("nsubj", "nsubj:pass", "expl", "csubj") for t in sent.toks)
        and not any(t.tag in ("VBD", "VBZ", "VBP", "MD") for t in sent.toks)
    )


def units_step(state: State) -> None:
    """Split each parsed sentence into claim drafts; long unparsed ones stay whole."""
    text = state.text
    # who spoke last in the paragraph: a quotation that names nobody ("“We could have a
    # deal.”" after "“...,” Mr. Trump said.") is theirs
    speaker: tuple[str, str] | None = None
    end = 0
    for sent in state.parsed:
        repair(sent)
        if "\n" in text[end : sent.start]:
            speaker = None
        end = sent.end
        open_quote = state.open_quote.get((sent.start, sent.end), False)
        quoted = quoted_tokens(sent, open_quote)
        lead = state.lead.get((sent.start, sent.end))
        source = state.source.get((sent.start, sent.end))
        # a participial chunk that reports speech: "(The mayor …) saying it was balanced and
        # that taxes would not rise": each part of what was said is the lead's, attributed
        opener = next((t for t in sent.toks if t.text[:1].isalnum()), None)
        speech = lead and opener is not None and opener.tag == "VBG" and opener.lower in SPEECH
        for unit in split_units(sent, open_quote=open_quote):
            spans = unit_spans(sent, unit)
            if not spans:
                continue
            own = (unit.toks | unit.borrowed) - unit.dropped
            found = attribution_of(sent, own)
            inside_quote = bool(own) and all(
                quoted[k] for k in own if sent.toks[k].text[:1].isalnum()
            )
            if found is not None and any(quoted):
                speaker = found
            elif found is None and inside_quote:
                found = speaker
            keeps = unit.role not in ("apposition", "relative")
            if source is not None and keeps and found is None:
                found = source.attribution
            reported = bool(speech) and opener is not None and opener.i in own
            reason = screen.screen_unit(
                sent, own, unit.pred, quoted, attributed=found is not None or reported
            )
            if reason is not None:
                state.dropped.append(Dropped(spans[0][0], spans[-1][1], reason))
                continue
            claim_text = unit_text(text, sent, unit, spans)
            if (sent.start, sent.end) in state.absolute:
                claim_text = absolute_text(
                    sent, unit, claim_text, state.absolute[sent.start, sent.end]
                )
            subject = unit_subject(sent, unit)
            if (
                lead
                and unit.role != "apposition"
                and (unit.role == "clause" or subject is None or reported)
            ):
                subject = subject or text[lead[0][0] : lead[-1][1]]
                # a participial chunk: the subject is the previous clause's
                if text[spans[0][0]].islower():
                    claim_text = claim_text[0].lower() + claim_text[1:]
                # a second predicate reads on from its subject ("The council raised ..."); a
                # participle is marked as a continuation ("The military … leading to ...")
                first = next(t for t in sent.toks if t.text[:1].isalnum())
                # ("accused them of | disrupting the plan" reads on)
                reads_on = text[lead[-1][0] : lead[-1][1]].rsplit(None, 1)[-1] in ("of", "to")
                participle = first.tag == "VBG" or (
                    first.lower.endswith("ing") and first.i == 0 and first.pos != "PROPN"
                )
                glue = " \u2026 " if participle and not reads_on else " "
                if glue == " " and text[lead[-1][1] - 1].isdigit() and claim_text[:1].isdigit():
                    glue = ", "  # "In 2009, 12 people died": never two numbers run together
                claim_text = " ".join(text[s:e] for s, e in lead) + glue + claim_text
                claim_text = claim_text[:1].upper() + claim_text[1:]
                spans = lead + spans
                unit = replace(unit, role="part")
            if source is not None and keeps:
                claim_text, spans = with_source(text, claim_text, spans, source)
            state.drafts.append(
                Draft(
                    claim_text,
                    spans,
                    unit.role,
                    subject=subject,
                    attribution=found[0] if found else None,
                    speaker=found[1] if found else None,
                    inside_quote=inside_quote,
                )
            )
    for s, e in state.unparsed:
        state.drafts.append(Draft(" ".join(text[s:e].split()), ((s, e),), "sentence"))
    for s, e in state.results:
        state.drafts.append(Draft(" ".join(text[s:e].split()), ((s, e),), "result"))
    for s, e in _lost_sentences(state):
        state.drafts.append(Draft(" ".join(text[s:e].split()), ((s, e),), "sentence"))


def _lost_sentences(state: State) -> list[Span]:
    """Sentences of which no unit kept even half the words, and no rule dropped them.

    A tree the tagger got wrong ("On Titan, clouds spew hydrocarbons ...", with "clouds"
    read as an adjective and no verb left) can leave one fragment of a sentence as its only
    unit and the rest nowhere: the sentence is then the claim, whole, rather than lost
    without a reason."""
    covered = sorted(
        [span for d in state.drafts for span in d.spans] + [(d.start, d.end) for d in state.dropped]
    )
    starts = [s for s, _e in covered]
    ends = list(itertools.accumulate((e for _s, e in covered), max))
    lost = []
    for s, e in state.sentences:
        words = [m.start() for m in _WORD_RE.finditer(state.text, s, e)]
        if len(words) < _LOST_MIN_WORDS:
            continue
        kept = 0
        for w in words:
            n = bisect.bisect_right(starts, w)
            kept += bool(n and ends[n - 1] > w)
        if kept * 2 < len(words):
            lost.append((s, e))
    return lost


def classify_step(state: State) -> None:
    """Attach kind, details and check-worthiness; sort by position."""
    # numbers, dates and quotes are looked for only where a claim is (a region of text
    # that yields no claim costs nothing here)
    mentions = find_mentions(state.text, draft_hulls(state.drafts), length=len(state.text))
    claims = []
    # where a named subject's second action is a claim, its first is too ("The council
    # raised taxes." beside "The council cut spending on parks.")
    acting = {d.spans[0][0] for d in state.drafts if _second_action(d)}
    for draft in state.drafts:
        claim = classify(state.text, draft, mentions)
        if claim.checkworthiness < FLOOR and not (
            claim.details["numbers"]
            or claim.details["dates"]
            # a tally or a score, which the quantity parser keeps apart ("passed 52-48")
            or claim.details.get("scores")
            or claim.kind == "quote"
            or draft.role == "result"
            or _second_action(draft)
            or (draft.role == "clause" and draft.spans[0][0] in acting)
            or _MONTH_RE.search(claim.text) is not None
        ):
            state.dropped.append(Dropped(claim.start, claim.end, screen.NOTHING))
            continue
        claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.end))
    state.claims = claims
    state.dropped.sort(key=lambda d: d.start)


# a month named after a preposition of time is a date the quantity parser, which wants a
# day or a year beside it, leaves alone ("The plant closed in May.")
_MONTH_RE = re.compile(
    r"\b(?:in|since|until|by|through|last|next|early|late|mid-?)\s+"
    rf"(?:{'|'.join(MONTH_NAMES)})\b"
)


def _second_action(draft: Draft) -> bool:
    """The claim is a second action of someone named or of a noun phrase ("Putin ...
    highlighting their potential", "The senator, 72, has served ... and is not seeking
    re-election"): what they did can be checked, however plainly it is worded."""
    if draft.role not in ("part", "conj"):
        return False
    words_ = (draft.subject or "").split()
    if not words_:
        return False
    noun_phrase = len(words_) >= 2 and words_[0].lower() in ("the", "a", "an")
    return (
        (noun_phrase and words_[1][:1].isalpha())
        or any(w[:1].isupper() for w in words_[1:])
        or (words_[0][:1].isupper() and words_[0].lower() not in _COMMON_OPENERS)
    )


_COMMON_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "it", "they", "he", "she", "we", "i"}
)


STEPS: tuple[Callable[[State], None], ...] = (
    clean_step,
    segment_step,
    screen_text_step,
    parse_step,
    screen_parse_step,
    units_step,
    classify_step,
)


def draft_hulls(drafts: list[Draft]) -> list[Span]:
    """The stretches of text the drafts cover, merged and in order."""
    hulls = sorted((d.spans[0][0], d.spans[-1][1]) for d in drafts)
    out: list[Span] = []
    for s, e in hulls:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class ExtractionTooLong(RuntimeError):
    """The article took longer than the extraction budget (``CLAIMS_EXTRACTION_BUDGET``)."""


def run_state(text: str, *, budget: float | None = None) -> State:
    """Run every step in order; the state holds the claims and the dropped sentences.

    `budget` (seconds; default the ``CLAIMS_EXTRACTION_BUDGET`` setting, 45: under the
    extraction queue's 60 s soft time limit): checked after
    each step, a second line behind the per-sentence caps, so that no input holds a worker.
    """
    limit = float(budget if budget is not None else setting("CLAIMS_EXTRACTION_BUDGET", 45))
    started = time.monotonic()
    state = State(text)
    for step in STEPS:
        step(state)
        elapsed = time.monotonic() - started
        if elapsed > limit:
            raise ExtractionTooLong(
                f"too long to extract: {len(text):,} characters took more than {limit:.0f} s "
                f"(stopped after the {step.__name__.removesuffix('_step')} step); split the "
                "article or raise CLAIMS_EXTRACTION_BUDGET"
            )
    return state


def run(text: str) -> list[ExtractedClaim]:
    """The claims of `text`, sorted by position."""
    return run_state(text).claims
