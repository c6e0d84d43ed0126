"""Figures and dates in a claim and in a source, compared. Pure, ORM-free.

    find_differences(claim_text, passage_text)   # -> [Difference("quantity", "$160 billion", ...)]

One quantity parser for extraction and evidence (``claims.extraction.quantities``); here each
figure is brought to its dimension's base unit so "300 MW" and "0.3 GW" compare, and two
figures of the same kind (money in the same currency, power, a percentage...) or two dates
that disagree beyond the rounding either side uses make a ``Difference``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claims.extraction import quantities
from claims.extraction.quantities import DateMention

# Numbers and units ---------------------------------------------------------------------------
# One quantity parser for extraction and evidence (``claims.extraction.quantities``); here
# each figure is brought to its dimension's base unit so "300 MW" and "0.3 GW" compare.

# unit code -> factor to the dimension's base unit (units not listed compare as stated)
UNIT_FACTORS: dict[str, float] = {
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
        factor = UNIT_FACTORS.get(q.unit, 1.0)
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


def quantity_match(wanted: Quantity, found: Quantity) -> float:
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


DIFFERENCE_KINDS = ("quantity", "date")


@dataclass(frozen=True)
class Difference:
    """A figure or date of the passage that disagrees with the claim's: both as written."""

    kind: str  # one of DIFFERENCE_KINDS
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
