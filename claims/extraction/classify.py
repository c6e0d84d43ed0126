"""Classify stage: kind, details (numbers, dates, quotes, entities) and check-worthiness.

Numbers and dates come from the one quantity parser (``quantities.py``, shared with the
evidence finder); dates, times, ordinals and labels such as "Phase 1" are never numbers.
Mentions are found once per prose region and each claim keeps those inside its spans.

Kind, first that applies (``docs/annotation.md`` section 5): ``quantity`` (the claim states
a figure, even in a quote), ``quote`` (a quotation of at least three words is the point;
scare quotes are not), ``causal``, ``comparison``, ``statement`` (someone said, denied,
urged ...), ``attribute`` (an apposition, or "X is Y" with no event), ``event``.

Check-worthiness is the built-in triage heuristic (``claims.triage.heuristic``); a trained
model, when one is active, rescores claims in the service layer.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from claims.extraction import quantities
from claims.extraction.lexicon import words
from claims.extraction.types import Draft, ExtractedClaim, Span

_QUOTE_RE = re.compile(
    r"\"([^\"]{1,600})\"|\u201c([^\u201d]{1,600})\u201d|\u00ab([^\u00bb]{1,600})\u00bb"
)
_SAID_BY_RE = re.compile(
    r"[\s,.]*(?:said|says|told|wrote|added|stated|recounted|asked)\s+((?:[A-Z][\w'.-]+\s?){1,4})"
)
_ENTITY_RE = re.compile(
    r"(?=[A-Z])(?<![\w'\u2019])(?:[A-Z][\w'\u2019.-]*|[A-Z]{2,})(?:\s+(?:of|the|de|van|von|al|bin)?\s*"
    r"(?:[A-Z][\w'\u2019.-]*))*"
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
_NAMING_RE = re.compile(
    r"\b(?:describ\w*|call(?:s|ed|ing)?|dubb\w*|label+\w*|term\w*|brand\w*|referr\w* to"
    r"|accus\w*|denounc\w*|condemn\w*)\b[^.;:!?]{0,30}$",
    re.IGNORECASE,
)
_ORG_WORDS = words(
    """
    government union council party ministry army forces committee court parliament
    company inc ltd corp university bank agency organization organisation nations
    commission assembly league association institute group department office
    """
)
_PERSON_TITLES = words(
    """
    president general senior minister prime mr mrs ms dr prof king queen prince
    chancellor secretary senator governor mayor judge rep sen
    """
)
_SENTENCE_STARTERS = words(
    """
    the a an this that these those it he she they we in on at during despite after
    before since while however additionally meanwhile but and when if as because although
    though whereas once until unless so yet still also then now
    """
)
_CAUSAL = words(
    """
    because cause caused causes causing result resulted results resulting due thanks blamed
    blames contributed contributes contributing deepens
    triggered sparked prompted fueled fuelled drove driven
    """
)
_LEAD_TO = re.compile(r"\b(?:due|(?:led|lead|leads|leading)(?: \S+){0,4}) to\b")
_COMPARATIVE = words(
    """
    more less fewer higher lower larger smaller bigger greater largest biggest highest
    lowest oldest youngest fastest richest poorest most least record than compared
    first
    """
)
_STATEMENT = words(
    """
    said says say told tells stated claimed claims argued argues praised expressed
    endorsed highlighted described called urged urges warned warns denied denies announced
    announces accused accuses criticized criticised condemned condemns insisted vowed
    promised admitted acknowledged confirmed believes believe believed view views
    """
)
_COPULAS = words("is are was were been be being")
_EVENT_VERBS_PAST = re.compile(r"(?:ed|en)$")
_HEDGES = words(
    """
    may might could would should possibly perhaps likely unlikely reportedly allegedly
    apparently expected appears seems suggest suggests suggested potential
    """
)
_NEGATIONS = words("not n't never no nor neither cannot without")


def _number_dict(q: quantities.Quantity) -> dict[str, Any]:
    value: float | int = q.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    item: dict[str, Any] = {
        "text": q.text,
        "value": value,
        "unit": q.unit or None,
        "dimension": q.dimension,
        "span": [q.start, q.end],
    }
    if q.approx:
        item["approx"] = q.approx
    if q.low is not None and q.high is not None:
        item["low"], item["high"] = q.low, q.high
    return item


def find_numbers(text: str, span: Span) -> list[dict[str, Any]]:
    """Quantities inside text[span] (dates, times, ordinals and labels are not numbers)."""
    return [_number_dict(q) for q in quantities.parse_quantities(text, *span)]


def find_dates(text: str, span: Span) -> list[dict[str, Any]]:
    """Dates inside text[span] with an ISO-ish value ("2021-02", "2014-05-29", "2021")."""
    return [
        {"text": d.text, "value": d.value, "span": [d.start, d.end]}
        for d in quantities.find_dates(text, *span)
    ]


def find_quotes(text: str, span: Span, speaker: str | None) -> list[dict[str, Any]]:
    """Quoted passages inside text[span], attributed to a following "said X" or `speaker`."""
    out = []
    for m in _QUOTE_RE.finditer(text, *span):
        who = speaker
        said = _SAID_BY_RE.match(text, m.end(), min(len(text), m.end() + 60))
        if said is not None:
            who = said.group(1).strip()
            if who.endswith(".") and not re.search(r"\b[A-Z]\.$", who):
                who = who[:-1]
        quoted = next(g for g in m.groups() if g is not None)
        out.append({"text": quoted, "speaker": who, "span": [m.start(), m.end()]})
    return out


def find_entities(text: str, span: Span) -> list[dict[str, Any]]:
    """Capitalised sequences inside text[span] with a rough label."""
    out = []
    for m in _ENTITY_RE.finditer(text, *span):
        parts = m.group().split()
        while parts and parts[0].lower() in _SENTENCE_STARTERS:
            parts = parts[1:]
        if not parts:
            continue
        name = " ".join(parts).rstrip(".")
        name = re.sub(r"['\u2019]s$", "", name)
        start = m.start() + m.group().find(parts[0])
        lows = {w.lower().rstrip(".") for w in parts}
        if lows & _ORG_WORDS:
            label = "ORG"
        elif lows & _PERSON_TITLES or (2 <= len(parts) <= 4 and name.istitle()):
            label = "PERSON"
        else:
            label = "MISC"
        out.append({"text": name, "label": label, "span": [start, start + len(name)]})
    return out


@dataclass(frozen=True)
class Mentions:
    """Numbers, dates, quotes and entities found once over the prose regions."""

    numbers: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    ordinals: list[dict[str, Any]]
    length: int = 0
    # tallies and scores, which the quantity parser keeps apart ("passed 52-48", "won 3-1")
    scores: list[dict[str, Any]] = field(default_factory=list)


def find_mentions(text: str, regions: list[Span], *, length: int | None = None) -> Mentions:
    """Scan each region once; claims then pick the mentions inside their spans."""
    numbers: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    ordinals: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    for start, end in regions:
        found = quantities.scan(text, start, end)
        numbers += [_number_dict(q) for q in found.quantities]
        dates += [{"text": d.text, "value": d.value, "span": [d.start, d.end]} for d in found.dates]
        ordinals += [
            {"text": o.text, "value": o.value, "span": [o.start, o.end]} for o in found.ordinals
        ]
        scores += [
            {"text": k.text, "span": [k.start, k.end]} for k in found.skipped if k.kind == "score"
        ]
        quotes += find_quotes(text, (start, end), None)
        entities += find_entities(text, (start, end))
    return Mentions(numbers, dates, quotes, entities, ordinals, length or len(text), scores)


def _inside(items: list[dict[str, Any]], spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    """The items (sorted by start) lying wholly inside one of the spans."""
    out = []
    for s, e in spans:
        k = bisect_left(items, s, key=lambda item: item["span"][0])
        while k < len(items) and items[k]["span"][0] < e:
            if items[k]["span"][1] <= e:
                out.append(items[k])
            k += 1
    return out


def kind_of(
    lows: list[str], details: dict[str, Any], role: str, quoted_share: float, inside_quote: bool
) -> str:
    """The claim's kind (first that applies; see the module docstring)."""
    present = set(lows)
    if details["numbers"]:
        return "quantity"
    long_quote = any(len(q["text"].split()) >= 3 for q in details["quotes"])
    if (long_quote and quoted_share >= 0.3) or inside_quote or details.get("named_quote"):
        return "quote"
    # "led to", "led the maker to scrap it", never "led the study"
    if present & _CAUSAL or _LEAD_TO.search(" ".join(lows)):
        return "causal"
    if present & _COMPARATIVE:
        return "comparison"
    if details.get("attribution") or present & _STATEMENT:
        return "statement"
    if role == "apposition":
        return "attribute"
    if present & _COPULAS and not any(_EVENT_VERBS_PAST.search(w) for w in lows if len(w) > 4):
        return "attribute"
    return "event"


def classify(
    text: str, draft: Draft, mentions: Mentions | None = None, *, position: float | None = None
) -> ExtractedClaim:
    """Turn a draft into a claim with its kind, details and check-worthiness."""
    from claims.triage.heuristic import heuristic_score  # triage reads what we produce

    if mentions is None:
        mentions = find_mentions(text, list(draft.spans))
    speaker = draft.speaker or draft.subject
    quotes = [
        q if q["speaker"] else {**q, "speaker": speaker}
        for q in _inside(mentions.quotes, draft.spans)
    ]
    claim_text = " ".join(text[s:e] for s, e in draft.spans)
    lows = _WORD_RE.findall(claim_text.lower())
    details: dict[str, Any] = {
        "numbers": _inside(mentions.numbers, draft.spans),
        "quotes": quotes,
        "dates": _inside(mentions.dates, draft.spans),
        "entities": _inside(mentions.entities, draft.spans),
    }
    ordinals = _inside(mentions.ordinals, draft.spans)
    if ordinals:
        details["ordinals"] = ordinals
    scores = _inside(mentions.scores, draft.spans)
    if scores:
        details["scores"] = scores
    if draft.attribution:
        details["attribution"] = {"text": draft.attribution, "speaker": draft.speaker}
    hedges = sorted({w for w in lows if w in _HEDGES})
    if hedges:
        details["hedges"] = hedges
    if any(w in _NEGATIONS or w.endswith(("n't", "n\u2019t")) for w in lows):
        details["negated"] = True
    if draft.role not in ("clause", "sentence"):
        details["role"] = draft.role
    # someone's words, however short: 'describing him as a "king"', 'called it "reckless"'
    if any(_NAMING_RE.search(text, max(0, q["span"][0] - 40), q["span"][0]) for q in quotes):
        details["named_quote"] = True
    quoted_chars = sum(len(q["text"]) for q in quotes)
    share = quoted_chars / max(1, len(claim_text))
    kind = kind_of(lows, details, draft.role, share, draft.inside_quote)
    if position is None and mentions.length:
        position = draft.spans[0][0] / mentions.length
    score = heuristic_score(
        {"text": draft.text, "kind": kind, "details": details, "position": position}
    )
    return ExtractedClaim(
        text=draft.text,
        spans=draft.spans,
        kind=kind,
        checkworthiness=round(score, 3),
        details=details,
    )
