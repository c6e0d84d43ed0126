# Over 400 lines on purpose: every triage feature and its word lists in one place.
"""Features of one claim for check-worthiness, from plain data (no ORM, no Django).

A claim is its ``text`` plus what the extractor may already know: its ``kind`` (one of
``KINDS``), a ``details`` dict (``numbers``/``quantities``, ``quotes``, ``dates``,
``entities``, ``attribution``, ``hedges``) and its relative ``position`` in the article
(0 = first sentence, 1 = last). Whatever is missing is read from the text with light
patterns: digits and number words, currency and percent signs, quote marks, capitalised
names, attribution verbs, hedges, first-person and opinion words, questions, length.
(Quantities the extractor parsed with ``claims.extraction.quantities`` arrive in
``details["quantities"]``; triage does not run that parser itself: at ~65 us a sentence it
would cost more than all the other features together.)

    from claims.triage.features import ClaimInput, features, FEATURE_NAMES
    values = features(ClaimInput("Sales fell 4% in May, the company said."))
    values["has_percent"]  # 1.0

Every value is a float, most of them 0/1 or a small capped count, so that a hand-weighted
sum (``heuristic.py``) and a learned model (``model.py``) can both use them. The names and
their order (``FEATURE_NAMES``) are part of a stored model: changing them changes
``FEATURES_VERSION``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("quantity", "quote", "event", "statement", "causal", "comparison", "attribute")
FEATURES_VERSION = 1


@dataclass(frozen=True)
class ClaimInput:
    """One claim as plain data: what triage reads."""

    text: str
    kind: str | None = None
    details: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    position: float | None = None


def as_input(item: Any) -> ClaimInput:
    """A ``ClaimInput`` from a ClaimInput, a plain string, a mapping or any object with a
    ``text`` attribute (an ``ExtractedClaim``, a model row) and optional kind/details/position.
    """
    if isinstance(item, ClaimInput):
        return item
    if isinstance(item, str):
        return ClaimInput(item)
    get: Callable[[str], Any]
    if isinstance(item, Mapping):
        get = item.get
    else:

        def get(name: str) -> Any:
            return getattr(item, name, None)

    text = get("text")
    if not isinstance(text, str):
        raise TypeError(f"a claim needs a text string, got {type(text).__name__}")
    details = get("details")
    position = get("position")
    return ClaimInput(
        text=text,
        kind=get("kind") or None,
        details=details if isinstance(details, Mapping) else None,
        position=float(position) if isinstance(position, int | float) else None,
    )


# ----------------------------------------------------------------------------- word lists
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBER_WORDS = _words(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion dozen
    dozens half quarter third percent twice double triple tripled doubled
    """
)
_CURRENCY_WORDS = _words(
    "dollar dollars euro euros pound pounds yen yuan rupee rupees rs lakh crore usd eur gbp"
)
_ATTRIBUTION = _words(
    """
    said says say told tells according reported reports stated states announced announces
    claimed claims added wrote testified confirmed confirms acknowledged admitted insisted
    estimated estimates found showed shows revealed disclosed declared
    """
)
_HEDGES = _words(
    """
    may might could would perhaps possibly probably likely unlikely reportedly appears
    appear seems seem suggest suggests suggested potentially apparently expected
    """
)
_OPINION = _words(
    """
    think thinks thought believe believes feel feels felt hope hopes wish love loved hate
    should must ought great greatest best worst better terrible awful wonderful amazing
    beautiful delicious easy simple fun exciting excited cool nice lovely favorite
    favourite sadly unfortunately fortunately honestly really truly clearly obviously
    surely certainly definitely absolutely shame disgrace outrageous ridiculous incredible
    incredibly deserve deserves brilliant stunning perfect happy sad proud frankly
    """
)
_FIRST_PERSON = _words("i me my mine myself we us our ours ourselves i'm i've i'd we're we've")
_SECOND_PERSON = _words("you your yours yourself you're you've you'll")
_ACCUSATION = _words(
    """
    accused accuses accusing accusation accusations alleged allegedly allegation
    allegations charged charges indicted convicted guilty fraud lied lies falsified
    falsifying illegal illegally investigation investigating investigated corruption
    corrupt abuse abused bribery sued lawsuit violated violation misleading deceive
    arrested crime crimes raped murdered killed denied denies deny banned
    """
)
_CAUSAL = _words(
    """
    because caused causes causing led leads due result resulted results blamed
    triggered driven boosted reduced increased decreased thanks
    """
)
_COMPARISON = _words(
    """
    than more less fewer most least largest biggest highest lowest smallest record
    first only compared doubled tripled higher lower
    """
)
_PAST_IRREGULAR = _words(
    """
    was were had did won lost made took told met held left sent paid rose fell began went
    came became found gave got saw ran cut hit put set shot struck sold bought built
    brought caught fought grew kept led spent stood wrote drove broke chose spoke stole
    flew threw knew withdrew overtook beat
    """
)
_NOT_PAST_ED = _words("need needed red bed shed hundred feed seed speed indeed")
_IMPERATIVE = _words(
    """
    add make try let stir remove turn use get take put keep check read follow click contact
    see watch please upgrade eat drink avoid fill cube heat pour bring buy start stop
    imagine remember consider join sign subscribe share visit ask note enjoy look go
    """
)
_TEMPORAL = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec week month year decade century
    """
)
# Credit lines, links and page furniture: plain substrings of the lowercased text.
_BOILERPLATE = (
    "\u00a9",
    "all rights reserved",
    "reporting by",
    "editing by",
    "contributed reporting",
    "image credit",
    "photo by",
    "photos by",
    "photo credit",
    "follow us",
    "read more",
    "click here",
    "subscribe",
    "http://",
    "https://",
    "www.",
    "(published",
)
_FOLLOW_RE = re.compile(r"\bfollow \w+(?: \w+)? on\b")

_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?|\d[\d,.]*")
_ALPHA_WORD_RE = re.compile(r"[a-z\u00c0-\u024f]+(?:['\u2019][a-z]+)?")
_DIGIT_TOKEN_RE = re.compile(r"\d[\d,.]*")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")
_UPPER_RE = re.compile(r"[A-Z\u00c0-\u00de]")
_QUOTE_MARK_RE = re.compile('["\u201c\u201d\u00ab\u00bb]')
_DIGIT_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR_RE = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
_MONEY_RE = re.compile(r"[$€£¥₹]\s?\d|\b(?:US\$|Rs\.?)\s?\d", re.IGNORECASE)
_PERCENT_RE = re.compile(r"\d\s?%|\bper ?cent\b|\bpercentage points?\b", re.IGNORECASE)
_QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb'
_QUOTED_RE = re.compile(r"\"[^\"]+\"|\u201c[^\u201d]+\u201d?|\u00ab[^\u00bb]+\u00bb")
_NAME_RE = re.compile(
    r"(?<![\w'\u2019])[A-Z][a-z'\u2019.-]+(?:\s+(?:[A-Z][a-z'\u2019.-]+|[A-Z]\.))+"
)
_CAPITAL_RE = re.compile(r"(?<![\w'\u2019])(?:[A-Z][a-z]+|[A-Z]{2,})\b")
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,6}s?\b")
_TERMINAL_RE = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def _is_boilerplate(text: str) -> bool:
    low = text.lower()
    if any(marker in low for marker in _BOILERPLATE):
        return True
    return "follow " in low and _FOLLOW_RE.search(low) is not None


def _detail_count(details: Mapping[str, Any] | None, *keys: str) -> int | None:
    """The number of items under the first of `keys` present in details (None: absent)."""
    if not details:
        return None
    for key in keys:
        if key in details:
            value = details[key]
            if isinstance(value, list | tuple | set | dict):
                return len(value)
            return 1 if value else 0
    return None


def _unit_of(item: Any) -> Any:
    return item.get("unit") if isinstance(item, Mapping) else getattr(item, "unit", None)


def _unit_quantities(text: str, currency_words: int, details: Mapping[str, Any] | None) -> int:
    """Figures with a unit (money, percent, a measure): from the extractor's details when it
    recorded them (``quantities`` from ``claims.extraction.quantities`` or ``numbers``),
    else a light pattern over the text (currency signs and words, percentages)."""
    if details:
        for key in ("quantities", "numbers"):
            items = details.get(key)
            if isinstance(items, list | tuple):
                return sum(1 for q in items if _unit_of(q) not in (None, "", "year"))
    return len(_MONEY_RE.findall(text)) + len(_PERCENT_RE.findall(text)) + currency_words


FEATURE_NAMES: tuple[str, ...] = (
    "log_words",
    "short",
    "long",
    "numbers",
    "has_number",
    "number_words",
    "has_money",
    "has_percent",
    "unit_quantities",
    "has_year",
    "temporal",
    "quote_marks",
    "quoted_share",
    "starts_with_quote",
    "names",
    "capitalised",
    "acronyms",
    "attribution",
    "according_to",
    "hedges",
    "opinion",
    "first_person",
    "second_person",
    "question",
    "exclamation",
    "imperative",
    "past_tense",
    "accusation",
    "causal",
    "comparison",
    "heading",
    "boilerplate",
    *(f"kind_{k}" for k in KINDS),
    "kind_unknown",
    "position",
    "position_unknown",
    "lead",
)


# Every word list as one lookup: word -> the categories it counts for.
_CATEGORIES = {
    "number_word": _NUMBER_WORDS,
    "currency": _CURRENCY_WORDS,
    "attribution": _ATTRIBUTION,
    "hedge": _HEDGES,
    "opinion": _OPINION,
    "first_person": _FIRST_PERSON,
    "second_person": _SECOND_PERSON,
    "accusation": _ACCUSATION,
    "causal": _CAUSAL,
    "comparison": _COMPARISON,
    "temporal": _TEMPORAL,
    "past": _PAST_IRREGULAR,
}
_LEXICON: dict[str, tuple[str, ...]] = {}
for _category, _members in _CATEGORIES.items():
    for _word in _members:
        _LEXICON[_word] = (*_LEXICON.get(_word, ()), _category)


def features(claim: Any) -> dict[str, float]:
    """The feature values of one claim (anything ``as_input`` accepts), by name."""
    item = as_input(claim)
    text = item.text.strip()
    details = item.details
    words = _ALPHA_WORD_RE.findall(text.lower())
    has_digit = _DIGIT_RE.search(text) is not None
    digit_tokens = _DIGIT_TOKEN_RE.findall(text) if has_digit else []
    n_words = len(words) + len(digit_tokens)
    counts = dict.fromkeys(_CATEGORIES, 0)
    lexicon = _LEXICON
    for word in words:
        hits = lexicon.get(word)
        if hits:
            for category in hits:
                counts[category] += 1
        elif len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST_ED:
            counts["past"] += 1
    first = _WORD_RE.search(text)
    first_word = first.group().lower() if first is not None and first.group()[0].isalpha() else ""

    numbers = _detail_count(details, "numbers", "quantities")
    if numbers is None:
        numbers = (
            sum(1 for m in _DIGIT_NUMBER_RE.findall(text) if not _YEAR_RE.fullmatch(m))
            if has_digit
            else 0
        )
    number_words = counts["number_word"]
    quote_marks = len(_QUOTE_MARK_RE.findall(text))
    quote_count = _detail_count(details, "quotes")
    if quote_count is not None:
        quote_marks = max(quote_marks, 2 * quote_count)
    quoted_share = (
        sum(len(q) for q in _QUOTED_RE.findall(text)) / max(1, len(text)) if quote_marks else 0.0
    )
    has_year = bool(has_digit and _YEAR_RE.search(text)) or bool(_detail_count(details, "dates"))
    names = len(_NAME_RE.findall(text))
    entities = _detail_count(details, "entities")
    if entities is not None:
        names = max(names, entities)
    # Capitalised words past the first one (sentence starts are capitalised anyway).
    capitalised = max(0, len(_CAPITAL_RE.findall(text)) - (1 if text[:1].isupper() else 0))
    attribution = counts["attribution"]
    if details and details.get("attribution"):
        attribution = max(attribution, 1)
    hedges = counts["hedge"]
    detail_hedges = _detail_count(details, "hedges")
    if detail_hedges is not None:
        hedges = max(hedges, detail_hedges)
    has_money = bool(has_digit and _MONEY_RE.search(text)) or counts["currency"] > 0
    has_percent = ("%" in text or "cent" in text) and bool(_PERCENT_RE.search(text))
    if has_digit or counts["currency"] or details:
        unit_quantities = _unit_quantities(text, counts["currency"], details)
    else:
        unit_quantities = 0
    heading = 0.0
    if n_words <= 12:
        if n_words <= 8 and not _TERMINAL_RE.search(text):
            heading = 1.0
        else:
            letters = len(_LETTER_RE.findall(text))
            if len(_UPPER_RE.findall(text)) > 0.6 * max(1, letters):
                heading = 1.0
    kind = item.kind if item.kind in KINDS else None
    position = item.position
    if position is not None:
        position = min(1.0, max(0.0, position))
    stripped = text.rstrip(_QUOTE_CHARS + "'\u2019 ")

    values: dict[str, float] = {
        "log_words": math.log1p(n_words),
        "short": 1.0 if n_words < 6 else 0.0,
        "long": 1.0 if n_words > 35 else 0.0,
        "numbers": min(numbers, 4),
        "has_number": 1.0 if numbers or number_words else 0.0,
        "number_words": min(number_words, 3),
        "has_money": 1.0 if has_money else 0.0,
        "has_percent": 1.0 if has_percent else 0.0,
        "unit_quantities": min(unit_quantities, 3),
        "has_year": 1.0 if has_year else 0.0,
        "temporal": min(counts["temporal"], 2),
        "quote_marks": min(quote_marks, 4),
        "quoted_share": quoted_share,
        "starts_with_quote": 1.0 if text[:1] in _QUOTE_CHARS else 0.0,
        "names": min(names, 4),
        "capitalised": min(capitalised, 8),
        "acronyms": min(len(_ACRONYM_RE.findall(text)), 3),
        "attribution": min(attribution, 2),
        "according_to": 1.0 if "ccording to" in text else 0.0,
        "hedges": min(hedges, 3),
        "opinion": min(counts["opinion"], 3),
        "first_person": min(counts["first_person"], 3),
        "second_person": min(counts["second_person"], 3),
        "question": 1.0 if stripped.endswith("?") else 0.0,
        "exclamation": 1.0 if "!" in text else 0.0,
        "imperative": 1.0 if first_word in _IMPERATIVE else 0.0,
        "past_tense": min(counts["past"], 4),
        "accusation": min(counts["accusation"], 2),
        "causal": min(counts["causal"], 2),
        "comparison": min(counts["comparison"], 2),
        "heading": heading,
        "boilerplate": 1.0 if _is_boilerplate(text) else 0.0,
    }
    for k in KINDS:
        values[f"kind_{k}"] = 1.0 if kind == k else 0.0
    values["kind_unknown"] = 1.0 if kind is None else 0.0
    values["position"] = position if position is not None else 0.5
    values["position_unknown"] = 1.0 if position is None else 0.0
    values["lead"] = 1.0 if position is not None and position <= 0.1 else 0.0
    return values


def vector(claim: Any) -> list[float]:
    """The feature values of one claim in ``FEATURE_NAMES`` order."""
    values = features(claim)
    return [values[name] for name in FEATURE_NAMES]
