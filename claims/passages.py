"""The evidence finder: passages of a source's text that bear on a claim. Pure, ORM-free.

    passages = find_passages(source_text, claim_text, details=claim.details)

The source text is cut into passages (short paragraphs, or windows of a few sentences), each
scored with BM25 over the claim's key terms plus bonuses for

- the claim's numbers, in any unit spelling ("300 MW", "300 megawatts", "300-megawatt"):
  the same quantity scores high, a near one (within 15 %) less, another quantity of the same
  dimension (330 MW for 300 MW) a little;
- its named entities, matched as phrases;
- its quoted words; a quote found word for word flags the passage ``verbatim_quote``.

Every match is reported as a highlight span relative to the passage. A passage that states
the claim's kind of quantity (money in the same currency, power, a percentage...) or a date
with another value, beyond the rounding either side uses, carries a ``Difference``: for a
fact-checker "$156 billion" against a claim of "$160 billion" is the point, not a match.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claims.extraction import quantities
from claims.extraction.quantities import DateMention
from claims.extraction.segment import split_sentences

Span = tuple[int, int]

# Numbers and units ---------------------------------------------------------------------------
# One quantity parser for extraction and evidence (``claims.extraction.quantities``); here
# each figure is brought to its dimension's base unit so "300 MW" and "0.3 GW" compare.

# unit code -> factor to the dimension's base unit (units not listed compare as stated)
_FACTORS: dict[str, float] = {
    "W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9, "TW": 1e12, "V": 1.0, "kV": 1e3,
    "Wh": 1.0, "kWh": 1e3, "MWh": 1e6, "GWh": 1e9, "TWh": 1e12,
    "J": 1.0, "kJ": 1e3, "MJ": 1e6, "GJ": 1e9,
    "mg": 1e-6, "g": 1e-3, "kg": 1.0, "t": 1e3, "ton": 907.18474, "lb": 0.45359237,
    "oz": 0.028349523125,
    "nm": 1e-9, "mm": 1e-3, "cm": 1e-2, "m": 1.0, "km": 1e3, "in": 0.0254, "ft": 0.3048,
    "yd": 0.9144, "mi": 1609.344, "nmi": 1852.0,
    "m2": 1.0, "km2": 1e6, "ha": 1e4, "acre": 4046.8564224, "ft2": 0.09290304,
    "mi2": 2589988.110336,
    "mL": 1e-3, "L": 1.0, "gal": 3.785411784, "m3": 1e3, "bbl": 158.987294928,
    "km/h": 1.0, "mph": 1.609344, "m/s": 3.6, "kn": 1.852,
    "s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0, "week": 604800.0,
    "month": 2629746.0, "year": 31556952.0, "decade": 315569520.0,
}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A figure found in text, normalised: ``value`` in the dimension's base unit.

    ``step`` is the rounding its writing implies, in the same unit ("$160 billion": 1e9,
    "$1.2bn": 1e8); ``approx`` the parser's marker ("approx", "more_than", ...); ``low`` and
    ``high`` a range's ends."""

    text: str
    value: float
    dimension: str | None
    symbol: str | None
    start: int
    end: int
    step: float = 0.0
    approx: str | None = None
    low: float | None = None
    high: float | None = None


_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _step(text: str, value: float) -> float:
    """The rounding unit of a figure as written: its last stated digit's place value."""
    m = _DIGITS_RE.search(text)
    if m is None or not value:
        return float(10 ** math.floor(math.log10(abs(value)))) if value else 0.0
    number = float(m.group().replace(",", "") or 0) or 1.0
    multiplier = abs(value) / number  # "billion", "bn", "%": what the digits were scaled by
    return multiplier * 10.0 ** -len(m.group(1) or "")


def parse_numbers(text: str) -> list[Quantity]:
    """Figures with their units in ``text`` ("300 megawatts", "300-megawatt", "$1.2bn"), read
    by the extractor's quantity parser; a money amount's dimension is its currency."""
    out = []
    for q in quantities.parse_quantities(text):
        unit = q.unit or None
        dimension: str | None = q.dimension
        if dimension == "currency":
            dimension = unit
        elif dimension == "count":
            dimension = None
        factor = _FACTORS.get(q.unit, 1.0)
        value = q.value * factor
        out.append(
            Quantity(
                q.text,
                value,
                dimension,
                unit,
                q.start,
                q.end,
                step=_step(q.text, q.value) * factor,
                approx=q.approx,
                low=None if q.low is None else q.low * factor,
                high=None if q.high is None else q.high * factor,
            )
        )
    return out


def _quantity_match(wanted: Quantity, found: Quantity) -> float:
    """How well ``found`` corroborates or contradicts ``wanted`` (0 when unrelated)."""
    if wanted.dimension and found.dimension and wanted.dimension != found.dimension:
        return 0.0
    if wanted.dimension is None and found.dimension is None and wanted.value < 100:
        return 0.0  # bare small numbers (ages, counts) match far too much
    same_unit = bool(wanted.dimension) and wanted.dimension == found.dimension
    if math.isclose(wanted.value, found.value, rel_tol=1e-6):
        return 3.0 if same_unit or not wanted.dimension else 2.0
    if wanted.value and abs(found.value - wanted.value) / abs(wanted.value) <= 0.15:
        return 1.5 if same_unit else 0.0
    return 0.75 if same_unit else 0.0


# Differences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A figure or date of the passage that disagrees with the claim's: both as written."""

    kind: str  # "quantity" or "date"
    claim: str
    passage: str
    start: int  # of the passage's figure, relative to the passage
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claim": self.claim,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
        }


APPROX_SLACK = 0.02  # what "about", "nearly", "some" add to a figure's own rounding


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Comparable figures: the same dimension (currency, power, percent...), or counts of the
    same thing ("2.5 million people"); bare numbers never (they match anything)."""
    if a.dimension or b.dimension:
        return a.dimension == b.dimension
    return bool(a.symbol) and a.symbol == b.symbol


def _bounds(q: Quantity, slack: float) -> tuple[float, float]:
    """The values a figure admits: its range or rounding, opened by its approx marker."""
    low = q.value if q.low is None else q.low
    high = q.value if q.high is None else q.high
    if q.approx == "approx":  # "about $156 billion" still differs from "$160 billion"
        slack += APPROX_SLACK * abs(q.value)
    low, high = low - slack, high + slack
    if q.approx in ("more_than", "at_least"):
        high = math.inf
    elif q.approx in ("less_than", "at_most"):
        low = -math.inf
    return low, high


def quantities_agree(claim: Quantity, found: Quantity) -> bool:
    """True when ``found`` could be the claim's figure, given the rounding either uses."""
    slack = max(claim.step, found.step) / 2
    low, high = _bounds(claim, slack)
    found_low, found_high = _bounds(found, 0.0)
    return found_low <= high and found_high >= low


def _date_parts(value: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of a DateMention value; "199X" keeps its decade as "199"."""
    year, _, rest = value.partition("-") if not value.startswith("--") else ("", "", value[2:])
    month, _, day = rest.partition("-")
    return year.rstrip("X") or None, month or None, day or None


def dates_agree(claim: str, found: str) -> bool | None:
    """True/False when two dates share a part to compare (year, month, day), None when not."""
    compared = False
    for a, b in zip(_date_parts(claim), _date_parts(found), strict=True):
        if a is None or b is None:
            continue
        compared = True
        if not (a.startswith(b) or b.startswith(a)):  # a decade admits its years
            return False
    return True if compared else None


def find_differences(
    claim_numbers: Iterable[Quantity],
    claim_dates: Iterable[DateMention],
    passage: str,
) -> list[Difference]:
    """For each figure and date of the claim that the passage states only with another value,
    the passage's nearest one (nothing when the passage also states the claim's value)."""
    out = []
    found_numbers = parse_numbers(passage)
    for wanted in claim_numbers:
        rivals = [q for q in found_numbers if _same_kind(wanted, q)]
        if not rivals or any(quantities_agree(wanted, q) for q in rivals):
            continue
        nearest = min(rivals, key=lambda q: abs(q.value - wanted.value))
        out.append(Difference("quantity", wanted.text, nearest.text, nearest.start, nearest.end))
    found_dates = quantities.find_dates(passage)
    for date in claim_dates:
        verdicts = [(dates_agree(date.value, d.value), d) for d in found_dates]
        other = [d for agree, d in verdicts if agree is False]
        if other and not any(agree for agree, _ in verdicts):
            out.append(Difference("date", date.text, other[0].text, other[0].start, other[0].end))
    return out


# Words -------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?", re.UNICODE)
_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your said says say told according
    would may might must shall new one two three"""
STOPWORDS = frozenset(_STOPWORDS.split())


def stem(word: str) -> str:
    """A light English stemmer: enough to match "plants"/"plant", "expanding"/"expand"."""
    word = word.lower().replace("\u2019", "'")
    word = word.removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes")):
                continue
            return word[: -len(suffix)] + repl
    return word


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of the content words of ``text``."""
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group().lower()
        if len(word) < 2 or word in STOPWORDS:
            continue
        for part in re.split(r"-", word) if "-" in word else [word]:
            if len(part) >= 2 and part not in STOPWORDS:
                out.append((stem(part), m.start(), m.end()))
    return out


_QUOTE_RE = re.compile(r"\"([^\"]{1,400})\"|“([^”]{1,400})”|(?<!\w)'([^']{1,200})'(?!\w)")
_ENTITY_RE = re.compile(
    r"(?<![\w'\u2019])[A-Z][\w'\u2019.-]*(?:\s+(?:of|the|de|al)?\s*[A-Z][\w'\u2019.-]*)*"
)


def _phrase_regex(phrase: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+", phrase)
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


# The query ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()


def build_query(claim_text: str, details: Mapping[str, Any] | None = None) -> Query:
    """The claim's key terms, numbers, quotes and named entities (text and extractor details)."""
    details = details or {}
    figures = {(q.value, q.dimension): q for q in parse_numbers(claim_text)}
    for item in details.get("numbers") or []:
        for q in parse_numbers(str(item.get("text", ""))):
            figures.setdefault((q.value, q.dimension), q)
    quotes = [next(g for g in m.groups() if g) for m in _QUOTE_RE.finditer(claim_text)]
    quotes += [str(q.get("text", "")) for q in details.get("quotes") or []]
    number_spans = [(q.start, q.end) for q in parse_numbers(claim_text)]
    entities = [
        m.group().rstrip(".")
        for m in _ENTITY_RE.finditer(claim_text)
        if not any(a <= m.start() < b for a, b in number_spans)
    ]
    entities += [str(e.get("text", "")) for e in details.get("entities") or []]
    first_word = claim_text.split(maxsplit=1)[0] if claim_text.split() else ""
    entities = [
        e
        for e in entities
        if e and e != first_word and e.lower() not in STOPWORDS and e not in _FACTORS
    ]
    terms = [t for t, s, e in tokens(claim_text) if not any(a <= s < b for a, b in number_spans)]
    return Query(
        terms=tuple(dict.fromkeys(terms)),
        quantities=tuple(figures.values()),
        quotes=tuple(dict.fromkeys(q.strip() for q in quotes if q.strip())),
        entities=tuple(dict.fromkeys(entities)),
        dates=tuple(quantities.find_dates(claim_text)),
    )


# Passages ----------------------------------------------------------------------------------


def split_passages(text: str, max_chars: int = 400) -> list[Span]:
    """Spans of passages: each paragraph, or windows of its sentences when it is long (cut
    where the extractor ends sentences, so never after "Sept." or "Mr.")."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start, end = para.start(), para.end()
        if not text[start:end].strip():
            continue
        if end - start <= max_chars:
            spans.append(_strip(text, start, end))
            continue
        cuts = [start] + [e for _, e in split_sentences(text, start, end)[:-1]] + [end]
        window_start = cuts[0]
        for prev, cut in itertools.pairwise(cuts):
            if cut - window_start > max_chars and prev > window_start:
                spans.append(_strip(text, window_start, prev))
                window_start = prev
        spans.append(_strip(text, window_start, end))
    return [s for s in spans if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    return start + (len(chunk) - len(chunk.lstrip())), end - (len(chunk) - len(chunk.rstrip()))


@dataclass(frozen=True)
class Passage:
    rank: int
    score: float
    text: str
    start: int
    end: int
    matched_terms: tuple[str, ...] = ()
    highlights: tuple[Span, ...] = ()
    verbatim_quote: bool = False
    quotes_found: tuple[str, ...] = field(default=(), compare=False)
    differences: tuple[Difference, ...] = ()


K1, B = 1.2, 0.75
ENTITY_BONUS, QUOTE_BONUS = 1.5, 6.0


def find_passages(
    text: str,
    claim_text: str,
    details: Mapping[str, Any] | None = None,
    *,
    limit: int = 5,
    max_chars: int = 400,
    words: bool = True,
) -> list[Passage]:
    """The passages of ``text`` that bear on the claim, best first (at most ``limit``).

    ``words=False`` when the source is in another language than the claim: its numbers,
    names and quotes are matched, never its words (they would only match by accident)."""
    query = build_query(claim_text, details)
    if not words:
        query = Query((), query.quantities, query.quotes, query.entities, query.dates)
    spans = split_passages(text, max_chars=max_chars)
    if not spans:
        return []
    docs = [tokens(text[s:e]) for s, e in spans]
    counts = [Counter(t for t, _, _ in doc) for doc in docs]
    avgdl = sum(len(doc) for doc in docs) / len(docs) or 1.0
    df = Counter(t for c in counts for t in set(c))
    n = len(docs)
    quote_res = [(q, _phrase_regex(q)) for q in query.quotes]
    entity_res = [(e, _phrase_regex(e)) for e in query.entities]

    scored = []
    for (start, end), doc, tf in zip(spans, docs, counts, strict=True):
        chunk = text[start:end]
        score, matched, marks = 0.0, [], []
        for term in query.terms:
            if term not in tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            f = tf[term]
            score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * len(doc) / avgdl))
            matched.append(term)
            marks += [(s, e) for t, s, e in doc if t == term]
        for found in parse_numbers(chunk):
            best = max((_quantity_match(w, found) for w in query.quantities), default=0.0)
            if best:
                score += best
                matched.append(found.text)
                marks.append((found.start, found.end))
        for entity, regex in entity_res:
            hits = list(regex.finditer(chunk)) if regex else []
            if hits:
                score += ENTITY_BONUS
                matched.append(entity)
                marks += [(h.start(), h.end()) for h in hits]
        quotes_found = []
        for quote, regex in quote_res:
            hits = list(regex.finditer(chunk)) if regex else []
            if hits:
                score += QUOTE_BONUS
                quotes_found.append(quote)
                matched.append(f"“{quote}”")
                marks += [(h.start(), h.end()) for h in hits]
        if score > 0:
            scored.append((score, start, end, chunk, matched, marks, quotes_found))

    scored.sort(key=lambda item: (-item[0], item[1]))
    if scored:
        floor = scored[0][0] * 0.2
        scored = [item for item in scored if item[0] >= floor]
    return [
        Passage(
            rank=rank,
            score=round(score, 4),
            text=chunk,
            start=start,
            end=end,
            matched_terms=tuple(dict.fromkeys(matched)),
            highlights=tuple(merge_spans(marks)),
            verbatim_quote=bool(quotes_found),
            quotes_found=tuple(quotes_found),
            differences=tuple(find_differences(query.quantities, query.dates, chunk)),
        )
        for rank, (score, start, end, chunk, matched, marks, quotes_found) in enumerate(
            scored[:limit], start=1
        )
    ]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
