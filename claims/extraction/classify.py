"""Classify stage: kind, details (numbers, dates, quotes, entities), check-worthiness."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from claims.extraction.lexicon import words
from claims.extraction.types import Draft, ExtractedClaim, Span

# ----------------------------------------------------------------------------- numbers
_UNITS = {
    "megawatt": "MW",
    "megawatts": "MW",
    "mw": "MW",
    "kilowatt": "kW",
    "kilowatts": "kW",
    "kw": "kW",
    "gigawatt": "GW",
    "gigawatts": "GW",
    "gw": "GW",
    "percent": "%",
    "per cent": "%",
    "%": "%",
    "percentage points": "pp",
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rubles": "RUB",
    "roubles": "RUB",
    "year": "year",
    "years": "year",
    "people": "people",
    "inhabitants": "people",
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_NUMBER_RE = re.compile(
    rf"(?=[\dU$€£¥₹])(?P<cur>US\$|[$€£¥₹])?\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s?(?P<mult>thousand|million|billion|trillion|bn|mn|tn)\b)?"
    rf"(?:\s?(?P<unit>{_UNIT_ALT})(?![\w]))?",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
# ----------------------------------------------------------------------------- dates
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Every date form carries a year: find years first, then look just before each one.
_YEAR_RE = re.compile(r"(?<![\w.,])(\d{4})(?:-(\d{2})-(\d{2}))?s?\b")
_DATE_PREFIX_RE = re.compile(
    rf"(?:\b(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_ALT})\.?,?\s+"
    rf"|\b(?P<m3>{_MONTH_ALT})\.?\s+)\Z",
    re.IGNORECASE,
)
# ----------------------------------------------------------------------------- quotes
_QUOTE_RE = re.compile(r"\"([^\"]{1,400})\"|\u201c([^\u201d]{1,400})\u201d")
_SAID_BY_RE = re.compile(
    r"[\s,.]*(?:said|says|told|wrote|added|stated)\s+((?:[A-Z][\w'-]+\s?){1,4})"
)
# ----------------------------------------------------------------------------- entities
_ENTITY_RE = re.compile(
    r"(?=[A-Z])(?<![\w'\u2019])(?:[A-Z][\w'\u2019.-]*|[A-Z]{2,})(?:\s+(?:of|the|de|van|von|al|bin)?\s*"
    r"(?:[A-Z][\w'\u2019.-]*))*"
)
_ORG_WORDS = words(
    """
    government union council party ministry army forces committee court parliament
    company inc ltd corp university bank agency organization organisation nations
    commission assembly league association institute group
    """
)
_PERSON_TITLES = words(
    """
    president general senior minister prime mr mrs ms dr prof king queen prince
    chancellor secretary senator governor mayor judge
    """
)
_SENTENCE_STARTERS = words(
    """
    the a an this that these those it he she they we in on at during despite after
    before since while however additionally meanwhile two three
    """
)
# ----------------------------------------------------------------------------- kinds
# Cue words and word pairs, matched against the lowercased words of the evidence.
_WORD_RE = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
_CAUSAL = words(
    """
    because cause caused causes causing enable enabled enables enabling deepens threatens
    contributed contributes contributing
    """
)
_CAUSAL_PAIRS = words(
    """
    due_to led_to lead_to leads_to leading_to result_in resulted_in results_in resulting_in
    a_result crucial_in crucial_for help_of thanks_to contributed_to
    """
)
_COMPARATIVES = words("more less fewer higher lower larger smaller bigger greater")
_COPULAS = words("is are was were been")
_ARTICLES = words("a an the")
_SUPERLATIVES = words(
    "largest biggest highest lowest oldest youngest fastest richest poorest most least"
)
_COMPARISON_PAIRS = words("compared_to compared_with") | {f"{c}_than" for c in _COMPARATIVES}
_COPULA_PAIRS = frozenset(f"{c}_{a}" for c in _COPULAS for a in _ARTICLES)
_STATEMENT = words(
    """
    said says say stated claimed argued praised expressed endorsed highlighted highlighting
    highlights view views viewed believe believed believes called described describing
    warned urged denied welcomed announced concern concerns
    """
)
_PAST = words("held seized won led met made took signed has have")
_OPINION = words(
    """
    potential great greatest crucial important beautiful best worst good bad may might
    could perhaps possibly likely seem seems view believe believes believed think thinks
    feel feels hope hopes hoped should aim aims aimed
    """
)


def _number(m: re.Match[str], base: int) -> dict[str, Any] | None:
    raw = m.group("num")
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        return None
    unit = None
    cur = m.group("cur")
    if cur:
        unit = _CURRENCY_SIGNS.get(cur, cur)
    if m.group("mult"):
        value *= _MULTIPLIERS[m.group("mult").lower()]
    if m.group("unit"):
        unit = _UNITS.get(m.group("unit").lower(), m.group("unit"))
    if value.is_integer():
        value = int(value)
    text = m.group().strip()
    start = base + m.start() + (len(m.group()) - len(m.group().lstrip()))
    return {"text": text, "value": value, "unit": unit, "span": [start, start + len(text)]}


def find_numbers(text: str, span: Span, dates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Numbers with normalised units inside text[span]; years that are dates are skipped."""
    s, e = span
    out = []
    date_spans = [d["span"] for d in dates]
    for m in _NUMBER_RE.finditer(text, s, e):
        item = _number(m, 0)
        if item is None:
            continue
        a, b = item["span"]
        if any(ds <= a and b <= de for ds, de in date_spans) and not item["unit"]:
            continue
        out.append(item)
    return out


def find_dates(text: str, span: Span) -> list[dict[str, Any]]:
    """Dates inside text[span] with an ISO-ish value ("2021-02", "2014-05-29", "2021")."""
    out = []
    lo, hi = span
    for y in _YEAR_RE.finditer(text, lo, hi):
        year = y.group(1)
        start = y.start()
        if y.group(2):
            value = f"{year}-{y.group(2)}-{y.group(3)}"
        else:
            m = _DATE_PREFIX_RE.search(text, max(lo, start - 20), start)
            if m is not None:
                month = _MONTHS[(m.group("m1") or m.group("m2") or m.group("m3")).lower()]
                day = m.group("d1") or m.group("d2")
                value = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
                start = m.start()
            elif "1500" <= year <= "2099":
                value = year
            else:
                continue
        out.append({"text": text[start : y.end()], "value": value, "span": [start, y.end()]})
    return out


def find_quotes(text: str, span: Span, speaker: str | None) -> list[dict[str, Any]]:
    """Quoted passages inside text[span], attributed to the claim's subject or a "said X"."""
    out = []
    for m in _QUOTE_RE.finditer(text, *span):
        who = speaker
        said = _SAID_BY_RE.match(text, m.end(), min(len(text), m.end() + 60))
        if said is not None:
            who = said.group(1).strip()
        out.append({"text": m.group(1) or m.group(2), "speaker": who, "span": [m.start(), m.end()]})
    return out


def find_entities(text: str, span: Span) -> list[dict[str, Any]]:
    """Capitalised sequences inside text[span] with a rough label."""
    out = []
    for m in _ENTITY_RE.finditer(text, *span):
        words = m.group().split()
        while words and words[0].lower() in _SENTENCE_STARTERS:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words).rstrip(".")
        name = re.sub(r"['\u2019]s$", "", name)
        start = m.start() + m.group().find(words[0])
        lows = {w.lower().rstrip(".") for w in words}
        if lows & _ORG_WORDS:
            label = "ORG"
        elif lows & _PERSON_TITLES or (2 <= len(words) <= 4 and name.istitle()):
            label = "PERSON"
        else:
            label = "MISC"
        out.append({"text": name, "label": label, "span": [start, start + len(name)]})
    return out


def _kind(
    lows: list[str], numbers: list[dict[str, Any]], quotes: list[dict[str, Any]], role: str
) -> str:
    if quotes:
        return "quote"
    if any(n["unit"] not in (None, "year") for n in numbers):
        return "quantity"
    present = set(lows)
    pairs = {f"{x}_{y}" for x, y in pairwise(lows)}
    if present & _SUPERLATIVES or pairs & _COMPARISON_PAIRS:
        return "comparison"
    if present & _CAUSAL or pairs & _CAUSAL_PAIRS:
        return "causal"
    copular = bool(pairs & _COPULA_PAIRS)
    past = present & _PAST or any(w.endswith("ed") for w in lows)
    if role == "apposition" or (copular and not past):
        return "attribute"
    if numbers or _ORDINAL_RE.search(" ".join(lows)):
        return "quantity"
    if present & _STATEMENT:
        return "statement"
    return "event"


def _checkworthiness(lows: list[str], details: dict[str, Any], kind: str) -> float:
    score = 0.35
    if details["numbers"]:
        score += 0.25
    if details["dates"]:
        score += 0.1
    if details["quotes"]:
        score += 0.15
    score += 0.1 * min(len(details["entities"]), 2)
    if kind in ("event", "quantity", "causal", "comparison"):
        score += 0.05
    score -= 0.12 * min(sum(1 for w in lows if w in _OPINION), 2)
    if len(lows) < 5:
        score -= 0.1
    return round(max(0.0, min(1.0, score)), 3)


@dataclass(frozen=True)
class Mentions:
    """Numbers, dates, quotes and entities found once over the prose regions."""

    numbers: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    entities: list[dict[str, Any]]


def find_mentions(text: str, regions: list[Span]) -> Mentions:
    """Scan each region once; claims then pick the mentions inside their spans."""
    numbers: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    for region in regions:
        region_dates = find_dates(text, region)
        dates.extend(region_dates)
        numbers.extend(find_numbers(text, region, region_dates))
        quotes.extend(find_quotes(text, region, None))
        entities.extend(find_entities(text, region))
    return Mentions(numbers, dates, quotes, entities)


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


def classify(text: str, draft: Draft, mentions: Mentions | None = None) -> ExtractedClaim:
    """Turn a draft into a claim with its kind, details and check-worthiness."""
    if mentions is None:
        mentions = find_mentions(text, list(draft.spans))
    quotes = [
        q if q["speaker"] else {**q, "speaker": draft.subject}
        for q in _inside(mentions.quotes, draft.spans)
    ]
    details = {
        "numbers": _inside(mentions.numbers, draft.spans),
        "quotes": quotes,
        "dates": _inside(mentions.dates, draft.spans),
        "entities": _inside(mentions.entities, draft.spans),
    }
    lows = _WORD_RE.findall(" ".join(text[s:e] for s, e in draft.spans).lower())
    kind = _kind(lows, details["numbers"], quotes, draft.role)
    return ExtractedClaim(
        text=draft.text,
        spans=draft.spans,
        kind=kind,
        checkworthiness=_checkworthiness(lows, details, kind),
        details=details,
    )
