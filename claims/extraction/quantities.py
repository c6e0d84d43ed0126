# Over 400 lines on purpose: one tokeniser for numbers, money, units and dates.
"""Quantities, dates and ordinals in text: one parser for claim extraction and evidence. Pure.

    quantities = parse_quantities(text)   # [Quantity(start, end, text, value, unit, ...)]
    dates = find_dates(text)              # [DateMention(start, end, text, value="2019-10-21")]
    ordinals = find_ordinals(text)        # [Ordinal(start, end, text, value=4)]
    mentions = scan(text)                 # all three, and what was skipped, in one pass

Every function takes ``(text, start=0, end=None)``: mentions lie inside text[start:end] and
their offsets index ``text``; the rest of the text is read as context only (a "$" in an
article about Canadian dollars is CAD). Standard library only; no Django.

A ``Quantity`` has ``value`` (a float, multipliers applied: "$13.6M" -> 13_600_000, "Rs 5
crore" -> 50_000_000) in the unit the text states ("5 km" is 5 "km", not 5000 "m"), ``unit``
(a code below), ``dimension``, ``approx`` (a marker, normalised) and ``low``/``high`` for a
range. ``as_dict()`` gives the fields as a dict.

Units: ``unit`` (``dimension``)
    ISO 4217 codes: USD EUR GBP JPY CNY INR RUB MMK CAD AUD HKD SGD NZD BRL ... (currency)
    "%" (percent): %, percent, per cent, pc, pct; "pp" (percentage_points); "bp" (basis_points)
    Wh kWh MWh GWh TWh J kJ MJ GJ kcal BTU (energy); W kW MW GW TW hp (power)
    mg g kg t lb oz, "ton" for short tons (mass); nm µm mm cm m km in ft yd mi nmi ly (length)
    m2 km2 ha acre ft2 mi2 (area); mL L gal bbl m3 ft3 (volume)
    °C °F, "°" when the scale is not said (temperature; "angle" without temperature words)
    km/h mph m/s kn (speed); ms s min h day week month year decade century (duration)
    "people": people, residents, deaths, workers, users, voters, ... (people)
    KB MB GB TB PB (data); kbps Mbps Gbps (data_rate); Hz kHz MHz GHz fps (frequency);
    mAh (charge); V kV (voltage); lb-ft Nm (torque); mpg km/L (fuel_economy)
    "" for a bare number: "four cylinders", "15,522 in attendance" (count)

Approximate markers: ``approx``
    approx      about, around, roughly, approximately, some, an estimated, nearly, almost,
                close to ("nearly 300" is near 300: approx rather than less_than)
    more_than   more than, over, above, in excess of, upwards of, just over
    less_than   less than, fewer than, under, below, just under
    at_least    at least, no fewer/less than, a minimum of, "300+", "300 or more", "65 and
                over", and the vague plurals below
    at_most     at most, no more than, a maximum of, "300 or less", "12 and under"
    up_to       up to, as many as, as much as, as high as

Decisions for ambiguous cases
- Ranges ("3-5 years", "between 10 and 20 percent", "10 to 20 percent", "$5bn-$6bn") are one
  Quantity with ``value = low``; a unit or multiplier said once applies to both ends ("5 to 10
  million" is 5e6..1e7). "from X to Y" is a change: two quantities ("grew from 175 GW to 450
  GW"), unless a verb makes it a range ("prices range from $50 to $200").
- Scores are skipped, not quantities: "N-M" without a unit is a score near a sports word
  ("win", "beat", "lead", "set", ...), in a series ("6-4, 7-6 (5)", tiebreak included), in
  brackets after a name (a record: "the Jets (2-8)"), as "3-for-5", or when N >= M (a range
  runs upwards); otherwise it is a range of counts ("4-5 storms"). Vote tallies ("passed
  52-48") are scores too.
- Fractions and ratios are percentages: "two-thirds" 66.67 %, "half of" 50 %, "a quarter of"
  25 %, "one in five" 20 %, "eight out of ten" 80 %, "1/3 of" 33.3 %. "half a million" is
  500,000; "first half" is an ordinal; a singular fraction word ("a third", "a fifth") is a
  fraction only before "of", otherwise an ordinal.
- "one" (and "a", "an") is a determiner far more often than a number: it counts only with a
  unit, a multiplier or a people noun, or in a fraction or ratio ("one year", "a dozen",
  "one in five", "one-third"); "no one", "one of", "one-game" and the idiom "to one day
  visit" give nothing. "two" and up always count.
- Vague plurals are lower bounds: "dozens" 24, "hundreds" 200, "thousands" 2,000, "millions"
  2e6, "tens of thousands" 2e4, "hundreds of millions" 2e8, each with approx "at_least".
- "pounds": "£243", "243 pounds sterling" and "30 million pounds" (a multiplier) are GBP; "40
  pounds of cocaine" is lb; otherwise weight words nearby (weigh, weight, heavy, lost, gained,
  kg, ...) make it lb and money words (paid, cost, price, fine, salary, £, sterling, ...) make
  it GBP; with neither it is lb, because British writing puts money after "£" while a figure
  followed by "pounds" is the usual way to write a weight.
- "$" and "dollars" are USD unless the text names another dollar ("Canadian dollars", "C$",
  "AUD", ...); then the nearest such mention decides. "¥" is JPY unless the text speaks of
  yuan/renminbi/RMB (nearest mention again). "Rs" and "rupees" are INR unless "Pakistani",
  "Sri Lankan" or "Nepalese" rupees are named.
- "m" after a figure is million after a currency ("£2.7m", "USD 5m", "5m euros") or before a
  people noun ("5m people"), otherwise metres ("100m"); "b"/"B" is billion only with a
  currency; "4K"/"8K" (one digit, capital K, no currency) is a display label; "40C"/"101F"
  are temperatures only with temperature words nearby (else labels, like "iPhone 5C").
- People: "people" when a people noun follows directly, after at most two other words
  ("400,000 state residents") or after "of (the|these|...)" ("2.5 million of these deaths");
  other counted nouns ("4,000 jobs", "30 shots") are bare counts.
- Separators: "1,229" and "1 229" (thin or no-break space; a plain space only with two
  groups, after a currency or before a unit: "1 229 people") are thousands; "1.229.000" and
  "1.229,50" are European; "1.000" (three zeros, no unit of measure after) is 1,000;
  otherwise "." is a decimal point. Digits of any script are read with ``unicodedata``
  (Burmese, Devanagari, Arabic-Indic with its U+066C/U+066B separators, full-width, ...).
- Never quantities (reported as dates, ordinals, or ``skipped`` with a kind): dates ("Oct. 21",
  "September 11", "11 September 2001", "2019", "the 1990s", "'90s", "9/11", "2019-10-21",
  "2019-20"), a bare four-digit 1000-2099 being a year unless a unit, multiplier, currency or
  people noun goes with it and no "in/since/by..." precedes ("2000 people" counts, "in 2019
  voters" does not); times ("3:30 p.m.", "10am", "12 noon", "0100 GMT", clocks such as "7:14"
  or "2:14:04", "from 2 to 3 p.m."); ordinals ("fourth", "21st", "twenty-first", "No. 1",
  "#1"); labels: a number fused to letters ("COVID-19", "F-35", "G20", "PS4", "1080p", "4K"),
  after a label noun ("Phase 1", "Section 230", "Week 13", "Series 3") or after a name inside a
  sentence ("Boeing 787", "iPhone 11", "GTX 1660", "Fortune 500"; not in Title Case, where the
  next word is capitalised too), "30-something", ratios ("16:9", "3440x1440", "24/7");
  versions ("13.2.3"); phone numbers; URLs; zip codes and street numbers; citations "(9)",
  "(32, 33)" (so an age in brackets, "Smith (15)", is skipped too); list numbers at the start
  of a line ("4. Live below your means").
- Mixed fractions are read: "1-1/2 years" and "2\u00bd hours" are 1.5 and 2.5.
- Ages: "17-year-old" is 17 "year"; an age in apposition ("Parise, 35,") is a bare count.
- A minus sign ("-5°C", "-2.5%") is kept for temperatures, percentages and percentage points
  only; elsewhere a hyphen before a figure is punctuation.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

# ------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure with its unit; ``value`` has multipliers applied, ``low``/``high`` for ranges."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    dimension: str
    approx: str | None = None
    low: float | None = None
    high: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date: ``value`` is ISO-ish ("2019-10-21", "2019-10", "2019", "--10-21", "199X")."""

    start: int
    end: int
    text: str
    value: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Ordinal:
    """An ordinal ("fourth", "21st", "No. 1"): never a quantity, but a claim may rank things."""

    start: int
    end: int
    text: str
    value: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Number-like text that is not a quantity; ``kind`` says why (label, time, score, ...)."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Mentions:
    quantities: list[Quantity]
    dates: list[DateMention]
    ordinals: list[Ordinal]
    skipped: list[Skipped]


def parse_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], with offsets into ``text``."""
    return scan(text, start, end).quantities


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates in text[start:end]: found so that they are never counted, and for evidence."""
    return scan(text, start, end).dates


def find_ordinals(text: str, start: int = 0, end: int | None = None) -> list[Ordinal]:
    """Ordinals in text[start:end] ("fourth visit", "21st century", "No. 1")."""
    return scan(text, start, end).ordinals


def scan(text: str, start: int = 0, end: int | None = None) -> Mentions:
    """Quantities, dates, ordinals and skipped number-like text, in one left-to-right pass.

    Every mention lies inside text[start:end]; the rest of ``text`` is read only as context
    (which dollar, which pound).
    """
    stop = len(text) if end is None else max(0, min(end, len(text)))
    return _Scanner(text, max(0, min(start, stop)), stop).run()


# ------------------------------------------------------------------------------- tables


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2e3, "millions": 2e6, "billions": 2e9}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
}  # fmt: skip
# fraction denominators; the singular ordinal forms are fractions only before "of"
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_CANDIDATE_WORDS = [
    *_SMALL, *_TENS, *_SCALES, *_VAGUE, "dozen", "tens", *_ORDINAL_WORDS, *_DENOMINATORS,
]  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTHS.update({name.upper(): number for name, number in list(_MONTHS.items())})
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

# unit spelling -> (code, dimension). Words match case-insensitively, symbols exactly ("MW"
# is not "mW"). The placeholders "$", "£", "¥" and "Rs" are resolved from context.
_WORD_UNITS: dict[str, tuple[str, str]] = {}
_SYMBOL_UNITS: dict[str, tuple[str, str]] = {}


def _units(code: str, dimension: str, symbols: str = "", words: str = "") -> None:
    for symbol in filter(None, symbols.split("|")):
        _SYMBOL_UNITS[symbol] = (code, dimension)
    for word in filter(None, words.split("|")):
        _WORD_UNITS[word] = (code, dimension)


_units("%", "percent", "%|pc|pct", "percent|per cent|per-cent|pct")
_units("pp", "percentage_points", "pp", "percentage points|percentage point|percent points")
_units("bp", "basis_points", "bps|bp", "basis points|basis point")
_units("Wh", "energy", "Wh", "watt-hours|watt-hour|watt hours")
_units("kWh", "energy", "kWh|KWh|kwh", "kilowatt-hours|kilowatt-hour|kilowatt hours|kilowatt hour")
_units("MWh", "energy", "MWh", "megawatt-hours|megawatt-hour|megawatt hours|megawatt hour")
_units("GWh", "energy", "GWh", "gigawatt-hours|gigawatt-hour|gigawatt hours|gigawatt hour")
_units("TWh", "energy", "TWh", "terawatt-hours|terawatt-hour|terawatt hours|terawatt hour")
_units("J", "energy", "J", "joules|joule")
_units("kJ", "energy", "kJ", "kilojoules|kilojoule")
_units("MJ", "energy", "MJ", "megajoules|megajoule")
_units("GJ", "energy", "GJ", "gigajoules|gigajoule")
_units("kcal", "energy", "kcal", "calories|calorie|kilocalories|kilocalorie")
_units("BTU", "energy", "BTU|Btu", "british thermal units")
_units("W", "power", "W", "watts|watt")
_units("kW", "power", "kW", "kilowatts|kilowatt")
_units("MW", "power", "MW|MWe", "megawatts|megawatt")
_units("GW", "power", "GW", "gigawatts|gigawatt")
_units("TW", "power", "TW", "terawatts|terawatt")
_units("hp", "power", "hp|bhp", "horsepower|horse-power|brake horsepower")
_units("mg", "mass", "mg", "milligrams|milligram|milligrammes")
_units("g", "mass", "g", "grams|gram|grammes|gramme")
_units("kg", "mass", "kg|kgs", "kilograms|kilogram|kilogrammes|kilos|kilo")
_units("t", "mass", "", "tonnes|tonne|metric tons|metric ton|metric tonnes")
_units("ton", "mass", "", "tons|ton|short tons")
_units("lb", "mass", "lb|lbs", "")
_units("oz", "mass", "oz", "ounces|ounce")
_units("nm", "length", "nm", "nanometres|nanometers|nanometre|nanometer")
_units("µm", "length", "µm|μm", "micrometres|micrometers|microns|micron")
_units("mm", "length", "mm", "millimetres|millimeters|millimetre|millimeter")
_units("cm", "length", "cm", "centimetres|centimeters|centimetre|centimeter")
_units("m", "length", "m", "metres|meters|metre|meter")
_units("km", "length", "km|kms", "kilometres|kilometers|kilometre|kilometer")
_units("in", "length", '"|\u2033', "inches|inch")
_units("ft", "length", "ft", "feet|foot")
_units("yd", "length", "yd|yds", "yards|yard")
_units("mi", "length", "mi", "miles|mile")
_units("nmi", "length", "nmi", "nautical miles|nautical mile")
_units("ly", "length", "", "light-years|light-year|light years|light year")
_units("m2", "area", "m2|m²|sq m", "square metres|square meters|square metre|square meter")
_units("km2", "area", "km2|km²|sq km", "square kilometres|square kilometers|square kilometre")
_units("ft2", "area", "sq ft|ft2|ft²", "square feet|square foot")
_units("mi2", "area", "sq mi", "square miles|square mile")
_units("ha", "area", "ha", "hectares|hectare")
_units("acre", "area", "", "acres|acre")
_units("mL", "volume", "ml|mL", "millilitres|milliliters|millilitre|milliliter")
_units("L", "volume", "L|l", "litres|liters|litre|liter")
_units("gal", "volume", "gal", "gallons|gallon")
_units("bbl", "volume", "bbl|bpd", "barrels|barrel")
_units("m3", "volume", "m3|m³", "cubic metres|cubic meters|cubic metre|cubic meter")
_units("ft3", "volume", "cu ft|ft3|ft³", "cubic feet|cubic foot")
_units("°C", "temperature", "°C|ºC|℃|° C", "degrees celsius|degrees centigrade|degrees c")
_units("°F", "temperature", "°F|ºF|℉|° F", "degrees fahrenheit|degrees f")
_units("°", "temperature", "°|º", "degrees|degree")
_units("km/h", "speed", "km/h|kph|kmh|km/hr", "kilometres per hour|kilometers per hour")
_units("mph", "speed", "mph", "miles per hour|miles an hour")
_units("m/s", "speed", "m/s", "metres per second|meters per second")
_units("kn", "speed", "kn|kt", "knots|knot")
_units("ms", "duration", "ms", "milliseconds|millisecond")
_units("s", "duration", "sec|secs", "seconds|second")
_units("min", "duration", "min|mins", "minutes|minute")
_units("h", "duration", "h|hr|hrs", "hours|hour")
_units("day", "duration", "", "days|day")
_units("week", "duration", "wk|wks", "weeks|week")
_units("month", "duration", "", "months|month")
_units("year", "duration", "yr|yrs", "years|year")
_units("decade", "duration", "", "decades|decade")
_units("century", "duration", "", "centuries|century")
_units("KB", "data", "KB|kB", "kilobytes|kilobyte")
_units("MB", "data", "MB", "megabytes|megabyte")
_units("GB", "data", "GB", "gigabytes|gigabyte")
_units("TB", "data", "TB", "terabytes|terabyte")
_units("PB", "data", "PB", "petabytes|petabyte")
_units("kbps", "data_rate", "kbps|Kbps|kb/s", "")
_units("Mbps", "data_rate", "Mbps|Mb/s", "")
_units("Gbps", "data_rate", "Gbps|Gb/s", "")
_units("Hz", "frequency", "Hz", "hertz")
_units("kHz", "frequency", "kHz", "kilohertz")
_units("MHz", "frequency", "MHz", "megahertz")
_units("GHz", "frequency", "GHz", "gigahertz")
_units("fps", "frequency", "fps", "frames per second")
_units("mAh", "charge", "mAh", "")
_units("V", "voltage", "V", "volts|volt")
_units("kV", "voltage", "kV", "kilovolts|kilovolt")
_units("lb-ft", "torque", "lb-ft|lb ft|lb.-ft.", "pound-feet|pound-foot|foot-pounds")
_units("Nm", "torque", "Nm|N·m|N m", "newton-metres|newton-meters|newton metres")
_units("mpg", "fuel_economy", "mpg", "miles per gallon")
_units("km/L", "fuel_economy", "km/L|km/l", "kilometres per litre|kilometers per liter")
# currencies named after the figure ("5 million euros", "Rs 300", "300 rupees")
_units("$", "currency", "", "dollars|dollar|bucks")
_units("USD", "currency", "", "us dollars|u.s. dollars|american dollars|us dollar")
_units("CAD", "currency", "", "canadian dollars|canadian dollar")
_units("AUD", "currency", "", "australian dollars|australian dollar")
_units("HKD", "currency", "", "hong kong dollars|hong kong dollar|hk dollars")
_units("SGD", "currency", "", "singapore dollars|singapore dollar")
_units("NZD", "currency", "", "new zealand dollars|new zealand dollar")
_units("TWD", "currency", "", "taiwan dollars|new taiwan dollars|taiwanese dollars")
_units("EUR", "currency", "", "euros|euro")
_units("£", "currency", "", "pounds|pound")
_units("GBP", "currency", "", "pounds sterling|pound sterling|sterling|british pounds|quid")
_units("¥", "currency", "", "")
_units("JPY", "currency", "", "yen|japanese yen")
_units("CNY", "currency", "", "yuan|renminbi|chinese yuan")
_units("Rs", "currency", "", "rupees|rupee")
_units("INR", "currency", "", "indian rupees|indian rupee")
_units("PKR", "currency", "", "pakistani rupees|pakistani rupee")
_units("LKR", "currency", "", "sri lankan rupees|sri lankan rupee")
_units("NPR", "currency", "", "nepalese rupees|nepali rupees")
_units("RUB", "currency", "", "roubles|rubles|rouble|ruble")
_units("MMK", "currency", "", "kyat|kyats")
_units("KRW", "currency", "", "won")
_units("NGN", "currency", "", "naira")
_units("ZAR", "currency", "", "rand")
_units("CHF", "currency", "", "swiss francs|swiss franc")
_units("TRY", "currency", "", "lira|liras|turkish lira")
_units("AED", "currency", "", "dirhams|dirham")
_units("SAR", "currency", "", "riyals|riyal")
_units("ILS", "currency", "", "shekels|shekel")
_units("THB", "currency", "", "baht")
_units("MYR", "currency", "", "ringgit")
_units("IDR", "currency", "", "rupiah")
_units("BRL", "currency", "", "reais|reals|real")
_units("MXN", "currency", "", "mexican pesos|mexican peso")
_units("PHP", "currency", "", "philippine pesos|philippine peso")
_units("UAH", "currency", "", "hryvnias|hryvnia|hryvnia")
_units("PLN", "currency", "", "zloty|zlotys")
_units("SEK", "currency", "", "swedish kronor|swedish krona")
_units("EGP", "currency", "", "egyptian pounds|egyptian pound")
_units("BDT", "currency", "", "taka")
_units("VND", "currency", "", "dong")


_ISO_CODES = _words(
    """USD EUR GBP JPY CNY RMB INR RUB MMK CAD AUD HKD SGD NZD BRL CHF SEK NOK DKK ZAR NGN KES
    MXN KRW TRY PKR BDT LKR NPR THB PHP IDR MYR VND AED SAR ILS EGP UAH PLN CZK HUF TWD ARS
    CLP COP PEN"""
)
# a currency before the figure -> its code (or a placeholder resolved from context)
_PREFIX_CURRENCY = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD", "Can$": "CAD",
    "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL",
    "NT$": "TWD", "Mex$": "MXN", "$": "$", "€": "EUR", "£": "£", "¥": "¥", "₹": "INR",
    "₽": "RUB", "₩": "KRW", "₦": "NGN", "₺": "TRY", "₱": "PHP", "₪": "ILS", "฿": "THB",
    "₫": "VND", "₴": "UAH", "Rs": "Rs", "Rs.": "Rs",
    **{code: code for code in _ISO_CODES}, "RMB": "CNY",
}  # fmt: skip
_CURRENCY_SIGNS = tuple(
    sorted((p for p in _PREFIX_CURRENCY if not p.isalpha()), key=len, reverse=True)
)
_MULTIPLIER_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "dozen": 12, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
    "cr": 1e7,
}  # fmt: skip
_MULTIPLIER_LETTERS = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9}

_PEOPLE = _words(
    """people persons person residents inhabitants citizens individuals deaths dead
fatalities casualties victims injured wounded workers employees staff staffers children kids
adults men women boys girls babies infants students pupils teachers doctors nurses patients
soldiers troops officers migrants immigrants refugees deportees prisoners inmates detainees
hostages passengers voters members supporters protesters protestors demonstrators fans
viewers visitors tourists customers users subscribers players athletes candidates lawmakers
legislators senators officials volunteers survivors civilians homeowners tenants shoppers
farmers miners drivers pilots retirees pensioners veterans recruits personnel militants
fighters rebels policemen firefighters journalists attendees participants respondents
followers"""
)
_FUNCTION_WORDS = _words(
    """a an the and or but nor of in on at by to from with for as than then that
this these those there here who whom whose which what when where while is are was were be
been being has have had do does did will would could should may might must can shall not no
it its they their them he his she her we our you your i my me us all both each every some
any per via into onto over under about around more less most least only just also even still
up down out off after before since until during between among including"""
)
# words after which a number is a label even in lower case ("week 13", "phase 1")
_LABEL_NOUNS = _words(
    """phase section article route chapter series version model season episode level stage
    round game week day part volume vol vol. page room gate flight exit highway interstate
    amendment proposition prop district ward channel track category class grade type
    generation gen tier unit building suite floor pier platform terminal act scene verse
    psalm rule title schedule form mission apollo formula windows iphone ipad android ios
    macos xbox playstation galaxy pixel ryzen core bill covid sars no. nos. fortune group
    division league"""
)
# capitalised words that do not make the next number a label ("About 300", "In 2019")
_NOT_LABEL = _words(
    """about around roughly approximately some nearly almost over under above below only
    just exactly more less fewer most least all both each every another other such no not
    never its their his her our my your it they we he she you i is are was were be been has
    have had will would could should may might must can get gets got save now cost costs
    total totals plus minus including up down out off than then that this these those
    there here when where while as since until after before during per via between among
    and or but nor for of in on at by to from with without into onto upon also even still
    yet so if because though although whether the a an what which who whom whose how why
    top sold buy pay paid spend spent raised raise earn earned lost won beat beats monday
    tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow"""
) | frozenset(m.lower() for m in _MONTHS)
# words before a year that make "2019 voters" a year and not 2,019 people
_YEAR_CONTEXT = _words(
    """in since by until till from during before after around circa early late mid spring
    summer autumn fall winter year season fiscal of"""
)
_APPROX_KIND: dict[str, str] = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "approx.": "approx", "some": "approx", "an estimated": "approx", "estimated": "approx",
    "nearly": "approx", "almost": "approx", "close to": "approx", "just under": "less_than",
    "just over": "more_than", "more than": "more_than", "over": "more_than",
    "above": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "fewer than": "less_than", "less than": "less_than",
    "under": "less_than", "below": "less_than", "at most": "at_most",
    "no more than": "at_most", "a maximum of": "at_most", "up to": "up_to",
    "as many as": "up_to", "as much as": "up_to", "as high as": "up_to",
}  # fmt: skip
# the phrases that say how exact a number is ("more than", "at least", "nearly", "up to")
APPROXIMATION_MARKERS = frozenset(_APPROX_KIND)
_MARKER_LAST_WORDS = frozenset(
    [*(phrase.split()[-1] for phrase in _APPROX_KIND), "between", "from"]
)
_CURRENCY_DEFAULT = {"$": "USD", "¥": "JPY", "Rs": "INR"}

# ------------------------------------------------------------------------------- regexes


def _trie(words: Iterable[str]) -> str:
    """A prefix-factored alternation whose branches all start with a literal: sre scans it
    with a first-character set and matches it without trying every branch. A space in a
    phrase matches any run of spaces."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        return _SP + "+" if ch == " " else re.escape(ch)

    def emit(node: dict[str, dict]) -> str:
        alts = [char(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body

    return "|".join(char(ch) + emit(sub) for ch, sub in sorted(root.items()))


def _cased(phrases: Iterable[str]) -> set[str]:
    """Each phrase with each of its words lower-case, capitalised or in capitals."""
    out: set[str] = set()
    for phrase in phrases:
        forms = [(w.lower(), w.capitalize(), w.upper()) for w in phrase.split(" ")]
        out.update(" ".join(combo) for combo in itertools.product(*forms))
    return out


def _alt(words: Iterable[str]) -> str:
    """An alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SP = r"[ \u00a0\u202f]"  # a space inside a quantity ("5 km", "5\u00a0km")
# number words in lower-cased text, after a character that is no letter or digit
_WORD_CANDIDATE_RE = re.compile(rf"[^a-z0-9](?P<w>{_trie(_CANDIDATE_WORDS)})(?![a-z])")
_WORD_AT_START_RE = re.compile(rf"(?P<w>{_trie(_CANDIDATE_WORDS)})(?![a-z])")
_DIGIT_RE = re.compile(r"\d")
_NUMERAL_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"  # 1,229 / 1,229.5
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.]\d)"  # 1.229.000 / 1.229.000,5
    r"|\d{1,3}\.\d{3},\d{1,2}(?!\d)"  # 1.229,50
    r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?(?!\d)"  # 1 229 (thin, no-break)
    r"|\d{1,3}(?:\u066c\d{3})+(?:\u066b\d+)?"  # Arabic separators
    r"|\d+(?:[.\u066b]\d+)?"
)
_DIGITS_RE = re.compile(r"\d+")
_NUMERAL_GLUE = frozenset(",.\u00a0\u2009\u202f\u066b\u066c")
_MIXED_FRACTION_RE = re.compile(
    r"(?:[- ](?P<a>[1-9])/(?P<b>[2-9]|1[0-6])(?![\d/])|(?P<v>[\u00bc-\u00be\u2150-\u215e]))"
)
_REFERENCE_RE = re.compile(r"\d{1,3}(?:,\s?\d{1,3})*\)")
_SPACE_GROUPS_RE = re.compile(r"(?: \d{3})+(?![\d.,]\d)(?!\d)")
_THOUSAND_DOTS_RE = re.compile(r"\d{1,3}\.000")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_FUSED_RE = re.compile(r"[\w.\-/]*\w")
_VERSION_RE = re.compile(r"(?:\.\d+)+")
_RATIO_COLON_RE = re.compile(r":\d+")
_PHONE_RE = re.compile(
    rf"\+\d{{1,3}}(?:[ \u00a0.\-/]*(?:\(\d{{1,4}}\)|\d{{1,5}})){{2,}}"
    rf"|\(\d{{3}}\){_SP}?\d{{3}}[-.]\d{{4}}(?!\d)"
    r"|\d{3}[-.]\d{3}[-.]\d{4}(?!\d)"
)
_CURRENCY_BEFORE_RE = re.compile(
    r"(?P<c>US\$|U\.S\.\$|USD\$|C\$|CA\$|Can\$|A\$|AU\$|HK\$|S\$|NZ\$|R\$|NT\$|Mex\$"
    r"|[$\u20ac\u00a3\u00a5\u20b9\u20bd\u20a9\u20a6\u20ba\u20b1\u20aa\u0e3f\u20ab\u20b4]"
    rf"|(?<![A-Za-z])(?:Rs\.?|{_alt(_ISO_CODES)}){_SP}?){_SP}?\Z"
)
# the last character of every currency prefix: a quick test before the search
_CURRENCY_LAST = frozenset(
    "$\u20ac\u00a3\u00a5\u20b9\u20bd\u20a9\u20a6\u20ba\u20b1\u20aa\u0e3f\u20ab\u20b4s."
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
_MULTIPLIER_RE = re.compile(
    r"[ \u00a0-]?(?P<w>"
    + _trie(
        _cased(
            _words(
                "thousand million billion trillion crore crores lakh lakhs lac lacs hundred dozen"
            )
        )
    )
    + r")(?![^\W\d_])"
    rf"|{_SP}?(?P<a>mn|mln|bn|bln|tn|trn|cr|Bn|BN|MN|TN)(?![^\W\d_])"
    r"|(?P<l>[kKmMbB])(?![^\W\d_])"
)
_UNIT_RE = re.compile(
    rf"(?:{_SP}|-(?=[^\W\d_])|)(?P<u>{_trie({*_SYMBOL_UNITS, *_cased(_WORD_UNITS)})})(?![^\W_])"
)
_BARE_DEGREE_RE = re.compile(r"(?P<u>[CF])(?![^\W\d_])")  # "40C" (British style)
# a people noun after a figure, after at most two other words or "of the"
_PEOPLE_RE = re.compile(
    r"[ \u00a0-](?:of (?:(?:the|these|those|their|its|our|whom) )?)?"
    rf"(?:(?!(?:{_trie(_cased(_FUNCTION_WORDS))})\b)[^\W\d_][\w'\u2019.-]* ){{0,2}}?"
    rf"(?P<p>{_trie(_cased(_PEOPLE))})\b"
)
_CODE_AFTER_RE = re.compile(rf"{_SP}(?P<c>{_trie(_ISO_CODES)})\b")
_RANGE_VERBS = _words("range ranges ranged ranging vary varies varied varying anywhere")
_APPROX_AFTER_RE = re.compile(
    r"(?P<plus>\+)(?!\d)"
    rf"|{_SP}+(?P<more>(?i:or more|or older|and older|and over|and above|or above|or higher"
    r"|and up|or greater))\b"
    rf"|{_SP}+(?P<less>(?i:or less|or fewer|or younger|and under|or below|or lower))\b"
)
_RANGE_SEP_RE = re.compile(
    rf"(?P<sep>{_SP}*[-\u2013\u2014]{_SP}*|{_SP}+(?:to|and|through){_SP}+)"
    r"(?=[\d$\u20ac\u00a3\u00a5\u20b9\u20bdA-Za-z])"
)
_RATIO_RE = re.compile(rf"{_SP}+(?:in|out of){_SP}+(?=[\dA-Za-z])")
_MONTH_AFTER_RE = re.compile(
    rf"(?:st|nd|rd|th)?{_SP}+(?:of{_SP}+)?(?P<m>{_MONTH_ALT})\b\.?"
    rf"(?:,?{_SP}+(?P<y>\d{{4}})(?![\d,.]\d))?"
)
_DAY_YEAR_RE = re.compile(rf"(?:st|nd|rd|th)?(?:,?{_SP}+(?P<y>\d{{4}})(?![\d,.]\d))?")
_TIME_AFTER_RE = re.compile(
    rf"(?::(?P<mm>\d\d)(?::\d\d)?)?{_SP}?(?P<ap>[ap]\.m\.?|[ap]m\b|[AP]\.M\.?|[AP]M\b"
    r"|noon\b|midnight\b)"
    r"|:(?P<mm2>\d\d)(?::\d\d(?:\.\d+)?)?(?!\d)"
    rf"|{_SP}?(?P<tz>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|JST|hrs)\b"
)
_TIME_FIRST = frozenset(":apAPnmGUBCEJh")  # what may follow a figure that is a time
_SCORE_PAIR_RE = re.compile(r"[-\u2013](?P<b>\d{1,3})(?!\d)(?![.,]\d)")
_SCORE_FOR_RE = re.compile(r"-(?:for|of)-\d{1,3}\b")  # "3-for-5"
_TIEBREAK_RE = re.compile(rf"{_SP}?\(\d{{1,2}}\)")
_SCORE_NEXT_RE = re.compile(rf",?{_SP}+\d{{1,3}}[-\u2013]\d{{1,3}}\b")
_SCORE_PREV_RE = re.compile(rf"\d{{1,3}}[-\u2013]\d{{1,3}}(?:{_SP}?\(\d{{1,2}}\))?,?{_SP}+\Z")
_SCORE_WORDS_RE = re.compile(
    r"(?i:\b(?:win|wins|won|winning|beat|beats|beating|lost|lose|loses|losing|loss|defeat"
    r"|defeats|defeated|defeating|victory|victories|lead|leads|led|leading|score|scores"
    r"|scored|scoreline|tie|tied|ties|draw|drew|drawn|rout|routed|edged|edges|topped|tops"
    r"|past|sets?|match|matches|game|games|series|final|finals|record|decision|vote|voted"
    r"|votes|shutout|doubles|singles|innings|halftime|overtime)\b)"
)
_SLASH_RE = re.compile(r"/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])")
_ISO_DATE_RE = re.compile(r"-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
_YEAR_PAIR_RE = re.compile(r"[-\u2013/](?P<y>\d{4}|\d{2})(?![\d.,]\d)(?![^\W\d_])")
_STREET_AFTER_RE = re.compile(
    rf"(?:{_SP}[A-Z][\w.'-]*){{1,3}}{_SP}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard"
    r"|Blvd\.?|Drive|Dr\.|Lane|Ln\.?|Way|Place|Pl\.|Court|Ct\.|Terrace|Parkway)(?![^\W\d_])"
)
_SOMETHING_RE = re.compile(r"-?(?i:something|odd|ish)\b")  # "30-something", "40-odd"
_WORD_RE = re.compile(r"[A-Za-z]+")
# a run of number words ("twenty-five", "one hundred and five"), read word by word after
_NUMBER_WORD = _trie(_cased([*_SMALL, *_TENS, *_SCALES, "dozen"]))
_SPELLED_RE = re.compile(
    rf"(?:{_NUMBER_WORD})(?![A-Za-z])(?:(?:{_SP}*-{_SP}*|{_SP}+)(?:(?i:and){_SP}+)?"
    rf"(?:{_NUMBER_WORD})(?![A-Za-z]))*"
)
_SPELLED_TOKEN_RE = re.compile(rf"(?P<sep>{_SP}*-{_SP}*|{_SP}+)?(?P<w>[A-Za-z]+)")
_AND_A_HALF_RE = re.compile(r"(?i:[ -]and[ -]a[ -]half)(?![^\W\d_])")
_ORDINAL_TAIL_RE = re.compile(
    r"-(?P<w>(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))(?![^\W\d_])"
)
_DENOMINATOR_AFTER_RE = re.compile(r"(?P<sep>[ \u00a0-])(?P<d>[A-Za-z]+)(?![^\W\d_])")
_NEXT_CAPITAL_RE = re.compile(rf"{_SP}+[A-Z]")
_HALF_NEXT_RE = re.compile(
    rf"{_SP}+(?:(?P<of>of|the|its|their|his|her|our|all|that|this|these|those)\b"
    rf"|(?P<a>an?){_SP}+)"
)
_OF_RE = re.compile(rf"{_SP}+of\b")
_VAGUE_OF_RE = re.compile(rf"{_SP}+of{_SP}+(?P<w>(?i:thousands|millions|billions))\b")
_ON_RE = re.compile(r"-on-")
_ONE_DAY_BEFORE = _words(
    """in for within over than only just about of each every per a the after before lasted
    lasts last took takes spent spend spends needed"""
)
_ONE_DAY_AFTER_RE = re.compile(rf"{_SP}*(?:-|(?i:after|before|later|earlier|ago|long)\b)")
# which dollar, yen or rupee a text speaks of: literal keys found fast, then read around
_HINT_KEYS = {
    "$": ("$", "dollar", "Dollar", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD", "USD"),
    "\u00a5": ("yuan", "Yuan", "renminbi", "Renminbi", "RMB", "CNY", "yen", "Yen", "JPY"),
    "Rs": ("rupee", "Rupee", "PKR", "LKR", "NPR", "INR"),
}
_HINT_RE = {kind: re.compile(_trie(keys)) for kind, keys in _HINT_KEYS.items()}
_HINT_PREFIX = {  # "C$", "A$": the characters before a "$"
    "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "Can": "CAD", "A": "AUD",
    "AU": "AUD", "HK": "HKD", "S": "SGD", "NZ": "NZD", "NT": "TWD",
}  # fmt: skip
_HINT_NATION_RE = re.compile(
    r"(?P<n>Canadian|Australian|Hong Kong|Singapore|New Zealand|Taiwan|Taiwanese|New Taiwan"
    r"|U\.S\.|US|American|Pakistani|Sri Lankan|Nepalese|Nepali|Indian)[ \u00a0]\Z"
)
_HINT_NATION = {
    "Canadian": "CAD", "Australian": "AUD", "Hong Kong": "HKD", "Singapore": "SGD",
    "New Zealand": "NZD", "Taiwan": "TWD", "Taiwanese": "TWD", "New Taiwan": "TWD",
    "U.S.": "USD", "US": "USD", "American": "USD", "Pakistani": "PKR", "Sri Lankan": "LKR",
    "Nepalese": "NPR", "Nepali": "NPR", "Indian": "INR",
}  # fmt: skip
_HINT_WORD = {"yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "yen": "JPY"}
_WEIGHT_WORDS_RE = re.compile(
    r"(?i:\b(?:weigh\w*|weight\w*|heav(?:y|ier|iest)|light(?:er|est)|lbs?|kg|kilos?"
    r"|overweight|obese|obesity|pounder|gained|gain|lost|lose|losing|scales?|body|fish"
    r"|cocaine|meth|marijuana|drugs?|beef|meat|food|tons?)\b)"
)
_MONEY_WORDS_RE = re.compile(
    r"(?i:\u00a3|\b(?:sterling|gbp|paid|pay|pays|paying|cost|costs|costing|price[sd]?|fined?"
    r"|fines|salary|salaries|wages?|budget|fund(?:s|ing|ed)?|spen[dt]|spending|raised?"
    r"|donat\w*|sell|sold|bought|buy|tax(?:es)?|worth|fees?|profits?|revenue|deal|contract"
    r"|bonus|compensation|pension|debt|loan|bank|britain|british|uk|england|london"
    r"|scotland|wales|nhs)\b)"
)
_TEMPERATURE_WORDS_RE = re.compile(
    r"(?i:\b(?:temperatures?|hot(?:ter|test)?|heat(?:wave)?|cold(?:er|est)?|warm(?:er|est"
    r"|ing)?|cool(?:er|ing)?|celsius|fahrenheit|thermometer|fever|weather|freezing"
    r"|climate)\b)"
)
_URLISH = ("://", "www.", ".com/", ".org/", ".net/", ".co/", ".ly/", "twitter.com")
_OPENERS = "([{\"'\u201c\u2018\u00ab<"
_MONTH_TRIM = ".,"
_ARABIC_SEPARATORS = str.maketrans({"\u066c": ",", "\u066b": "."})
_SPACES = str.maketrans({" ": None, "\u00a0": None, "\u2009": None, "\u202f": None})


def _numeral_value(raw: str) -> float:
    """The value of a numeral matched by _NUMERAL_RE, in digits of any script."""
    if raw.isdigit() and raw.isascii():
        return float(raw)
    if not raw.isascii():
        raw = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in raw)
        raw = raw.translate(_ARABIC_SEPARATORS)
    raw = raw.translate(_SPACES)
    if "," in raw:
        if "." in raw and raw.rfind(",") > raw.rfind("."):  # European 1.229,50
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif raw.count(".") > 1:  # European 1.229.000
        raw = raw.replace(".", "")
    return float(raw)


@lru_cache(maxsize=16)
def _currency_hints(text: str, kind: str) -> tuple[tuple[int, str], ...]:
    """Where the text names a dollar (a yen, a rupee): (offset, ISO code), in order."""
    out = []
    for m in _HINT_RE[kind].finditer(text):
        key, s, e = m.group(), m.start(), m.end()
        if key == "$":
            before = text[max(0, s - 4) : s]
            for prefix, code in _HINT_PREFIX.items():
                if before.endswith(prefix) and not before[: -len(prefix)][-1:].isalpha():
                    out.append((s, code))
                    break
            continue
        tail = text[e : e + 1]
        plural = tail == "s" and key.lower() in ("dollar", "rupee")
        if (s and text[s - 1].isalpha()) or (tail.isalnum() and not plural):
            continue
        if key.lower() in ("dollar", "rupee"):
            nation = _HINT_NATION_RE.search(text, max(0, s - 14), s)
            if nation:
                out.append((s, _HINT_NATION[nation.group("n")]))
        else:
            out.append((s, _HINT_WORD.get(key.lower(), key)))
    return tuple(out)


def _norm(spelled: str) -> str:
    return " ".join(spelled.lower().split())


def _unit_of(spelled: str) -> tuple[str, str] | None:
    return _SYMBOL_UNITS.get(spelled) or _WORD_UNITS.get(_norm(spelled))


# ------------------------------------------------------------------------------- scanner


@dataclass(slots=True)
class _Figure:
    """A figure being read: its extent, value and what goes with it."""

    start: int
    end: int
    value: float
    unit: str = ""
    dimension: str = "count"
    multiplied: bool = False
    priced: bool = False  # a currency sign or code goes with it
    plus: bool = False  # "300+"
    raw: float = 0.0  # the numeral alone, before multipliers


class _Scanner:
    """One pass over text[lo:hi]: digits and number words, left to right.

    ``text`` is cut at ``hi`` so that nothing read runs past the region; ``full`` is kept for
    context (which dollar, which pound). ``floor`` is where reading stopped last: no new
    mention starts before it.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.full = text
        self.text = text if hi == len(text) else text[:hi]
        self.lo = lo
        self.hi = hi
        self.floor = lo
        self.quantities: list[Quantity] = []
        self.dates: list[DateMention] = []
        self.ordinals: list[Ordinal] = []
        self.skipped: list[Skipped] = []
        self._counted_at: dict[int, bool] = {}
        self._tokens_at: dict[int, tuple[int, str]] = {}
        self._units_at: dict[int, tuple[re.Match[str] | None, tuple[str, str] | None]] = {}

    def run(self) -> Mentions:
        text, lo, hi = self.text, self.lo, self.hi
        words = self._word_candidates()
        wi = 0
        pos = lo
        digit = _DIGIT_RE.search(text, pos)
        while True:
            while wi < len(words) and words[wi][0] < pos:
                wi += 1
            if digit and digit.start() < pos:
                digit = _DIGIT_RE.search(text, pos)
            ds = digit.start() if digit else hi
            self.floor = pos
            if wi < len(words) and words[wi][0] < ds:
                ws, we = words[wi]
                pos = max(self._word(ws, text[ws:we]), we)
            elif digit:
                pos = max(self._digits(ds), ds + 1)
            else:
                break
        return Mentions(self.quantities, self.dates, self.ordinals, self.skipped)

    def _word_candidates(self) -> list[tuple[int, int]]:
        """Number words, found in the lower-cased region (one fast regex pass)."""
        base = max(0, self.lo - 1)
        seg = self.text[base : self.hi].lower()
        if len(seg) != self.hi - base:  # a character whose lower case is longer ("İ")
            seg = "".join(
                c.lower() if len(c.lower()) == 1 else c for c in self.text[base : self.hi]
            )
        out = []
        if self.lo == 0:
            m = _WORD_AT_START_RE.match(seg)
            if m:
                out.append((0, m.end("w")))
        for m in _WORD_CANDIDATE_RE.finditer(seg):
            out.append((base + m.start("w"), base + m.end("w")))
        return out

    # -- output ------------------------------------------------------------------------------
    def _skip(self, s: int, e: int, kind: str) -> int:
        self.skipped.append(Skipped(s, e, self.text[s:e], kind))
        return e

    def _date(self, s: int, e: int, value: str) -> int:
        self.dates.append(DateMention(s, e, self.text[s:e], value))
        return e

    def _ordinal(self, s: int, e: int, value: int) -> int:
        self.ordinals.append(Ordinal(s, e, self.text[s:e], value))
        return e

    def _emit(
        self,
        fig: _Figure,
        approx: str | None,
        low: float | None = None,
        high: float | None = None,
    ) -> int:
        unit = self._currency(fig) if fig.dimension == "currency" else fig.unit
        text = self.text[fig.start : fig.end]
        self.quantities.append(
            Quantity(fig.start, fig.end, text, fig.value, unit, fig.dimension, approx, low, high)
        )
        return fig.end

    # -- reading around ----------------------------------------------------------------------
    def _prev_token(self, s: int, joiners: str = " \u00a0\u202f") -> tuple[int, str]:
        """The whitespace-delimited token before s, when one joiner separates them."""
        text = self.text
        j = s - 1
        if j <= self.lo or text[j] not in joiners:
            return s, ""
        found = self._tokens_at.get(j)
        if found is None:
            a = max(self.lo, j - 40)
            k = max(text.rfind(" ", a, j) + 1, a)
            token = text[k:j]
            if "\n" in token or "\u00a0" in token or "\t" in token:
                k += max(token.rfind("\n"), token.rfind("\u00a0"), token.rfind("\t")) + 1
                token = text[k:j]
            found = self._tokens_at[j] = (k, token)
        return found

    def _words_before(self, s: int) -> list[str]:
        """The lower-cased words just before s (a space between), up to about 30 characters."""
        start = max(self.lo, s - 30)
        window = self.text[start:s]
        if not window or not window[-1].isspace():
            return []
        words = window.lower().split()
        if start > 0 and self.text[start - 1].isalnum():
            words = words[1:]  # the first one was cut
        return [w.lstrip(_OPENERS) for w in words]

    def _marker_before(self, s: int) -> str:
        """An approximate marker, "between" or "from" just before s ("" when none)."""
        k, prev = self._prev_token(s)
        if prev in ("a", "an", "the", "A", "An", "The"):
            prev = self._prev_token(k)[1]  # "about a third", "more than the 300"
        if prev.lower() not in _MARKER_LAST_WORDS:
            return ""
        words = self._words_before(s)
        if words and words[-1] in ("a", "an", "the"):
            words.pop()
        for n in (3, 2, 1):
            if len(words) >= n:
                phrase = " ".join(words[-n:])
                if phrase in _APPROX_KIND or phrase in ("between", "from"):
                    return phrase
        return ""

    def _approx_before(self, s: int) -> str | None:
        return _APPROX_KIND.get(self._marker_before(s))

    def _month_before(self, s: int) -> tuple[int, int] | None:
        """(start, month number) of a month name just before s ("Oct. 21", "March 2018")."""
        k, token = self._prev_token(s)
        name = token.lstrip(_OPENERS).rstrip(_MONTH_TRIM)
        number = _MONTHS.get(name)
        if number is None or k < self.floor:
            return None
        return k + len(token) - len(token.lstrip(_OPENERS)), number

    # -- digits ------------------------------------------------------------------------------
    def _digits(self, s: int) -> int:
        """Read what starts with the digit at s; return where reading stopped."""
        text, floor = self.text, self.floor
        ts = s  # start of the whitespace-delimited token holding the digit
        if s > floor and not text[s - 1].isspace():
            a = max(floor, s - 40)
            ts = max(text.rfind(" ", a, s), text.rfind("\n", a, s), text.rfind("\u00a0", a, s))
            ts = max(ts + 1, a)
        left = text[ts:s]
        j = s - 1 if s > floor and text[s - 1] not in " \u00a0\u202f" else s - 2
        currency = None
        if j >= floor and text[j] in _CURRENCY_LAST:
            currency = _CURRENCY_BEFORE_RE.search(text, max(floor, s - 8), s)
        special = self._token_context(s, ts, left, currency)
        if special is not None:
            return special

        m = _DIGITS_RE.match(text, s)
        assert m is not None
        if text[m.end() : m.end() + 1] in _NUMERAL_GLUE:  # "1,229", "3.5", "1 229"
            m = _NUMERAL_RE.match(text, s)
            assert m is not None
        raw, ne = m.group(), m.end()
        if raw.isdigit() and len(raw) <= 3 and text[ne : ne + 1] == " ":
            groups = _SPACE_GROUPS_RE.match(text, ne)
            one_group = groups and text[groups.end() : groups.end() + 1] == " "
            if groups and (
                currency
                or groups.group().count(" ") >= 2
                or (one_group and self._counted(groups.end()))
            ):
                raw, ne = text[s : groups.end()], groups.end()
        value = _numeral_value(raw)
        integer = raw.isdigit()
        mixed = _MIXED_FRACTION_RE.match(text, ne) if integer else None
        if mixed:  # "1-1/2 years", "2\u00bd"
            whole, denominator = mixed.group("a", "b")
            value += (
                int(whole) / int(denominator) if whole else unicodedata.numeric(mixed.group("v"))
            )
            raw, ne, integer = text[s : mixed.end()], mixed.end(), False
        if integer and s > floor and text[s - 1] == "(" and text[s - 2 : s - 1] in (" ", ""):
            cited = _REFERENCE_RE.match(text, s)  # "(9)", "(32, 33)": citations
            if cited:
                return self._skip(s - 1, cited.end(), "reference")
        line_start = s == self.lo or text[s - 1] == "\n"
        if integer and line_start and text.startswith(". ", ne) and text[ne + 2 : ne + 3].isupper():
            return self._skip(s, ne + 1, "label")  # a list number: "4. Live below your means"

        special = self._fused_right(s, ne, raw, value, currency)
        if special is not None:
            return special
        if integer and not currency:
            special = self._date_or_label(s, ts, ne, raw, int(value))
            if special is not None:
                return special
        if "." in raw and _THOUSAND_DOTS_RE.fullmatch(raw) and not self._measured(ne):
            value *= 1000  # "1.000 lights": read as European thousands
        ratio = self._ratio(s, ne, value) if integer and not currency else None
        if ratio is not None:
            return ratio
        fig = _Figure(s, ne, value, raw=value)
        if currency:
            code = currency.group("c").strip(" \u00a0\u202f")
            fig.start = currency.start()
            fig.unit = _PREFIX_CURRENCY.get(code) or _PREFIX_CURRENCY[code.rstrip(".")]
            fig.dimension = "currency"
            fig.priced = True
        elif (
            s > floor and text[s - 1] in "-\u2212" and (s - 1 == floor or text[s - 2] in " (\u00a0")
        ):
            fig.start = s - 1  # a minus sign: kept for temperatures and percentages only
            fig.value = fig.raw = -value
        return self._finish(fig)

    def _token_context(
        self, s: int, ts: int, left: str, currency: re.Match[str] | None
    ) -> int | None:
        """URLs, "#1", "No.1", numbers fused to letters on the left ("PS4", "COVID-19"), phones."""
        text = self.text
        if (
            left
            and ("/" in left or "www." in left or "://" in text[s : s + 12])
            and (any(u in left for u in _URLISH) or "://" in text[s : s + 12])
        ):
            te = s
            while te < self.hi and not text[te].isspace():
                te += 1
            return self._skip(ts, te, "url")
        core = left.lstrip(_OPENERS)
        if core in ("#", "No.", "no.", "Nos.", "nos."):
            m = _NUMERAL_RE.match(text, s)
            assert m is not None
            return self._ordinal(s - len(core), m.end(), int(_numeral_value(m.group())))
        if core and not currency:
            last, rest = core[-1], core[:-1]
            joined = last in ".-" and any(c.isupper() or c.isdigit() for c in rest)
            if last.isalpha() or last.isdigit() or joined:
                fused = _FUSED_RE.match(text, s)
                return self._skip(s - len(core), fused.end() if fused else s + 1, "label")
        if left.endswith(("+", "(")) or text[s + 3 : s + 4] in ("-", "."):
            phone = _PHONE_RE.match(text, s - 1 if left.endswith(("+", "(")) else s)
            if phone and phone.start() >= self.floor:
                return self._skip(phone.start(), phone.end(), "phone")
        return None

    def _fused_right(
        self, s: int, ne: int, raw: str, value: float, currency: re.Match[str] | None
    ) -> int | None:
        """What is glued to the numeral: "21st", "10am", "1990s", "4K", "1080p", "3:30", "9/11"."""
        text = self.text
        letters = _LETTERS_RE.match(text, ne)
        if letters:
            word, low, le = letters.group(), letters.group().lower(), letters.end()
            if low in ("st", "nd", "rd", "th") and raw.isdigit():
                if not currency and 1 <= value <= 31:
                    month = self._month_before(s)
                    if month:
                        return self._month_day(month, ne, int(value))
                    after = _MONTH_AFTER_RE.match(text, ne)
                    if after:
                        return self._day_month(after, s, int(value))
                return self._ordinal(s, le, int(value))
            if low in ("am", "pm") and value <= 12:
                return self._skip(s, le, "time")
            if low == "s" and raw.isdigit() and raw.endswith("0") and len(raw) in (2, 4):
                return self._decade(s, le, raw)
            known = (
                word in _SYMBOL_UNITS
                or low in _WORD_UNITS
                or word in _MULTIPLIER_LETTERS
                or low in _MULTIPLIER_WORDS
                or (word in ("C", "F") and self._warm(s, le))  # "40C"
            )
            display = word == "K" and len(raw) == 1 and not currency  # "4K", "8K"
            if not known or display:
                fused = _FUSED_RE.match(text, s)
                return self._skip(s, fused.end() if fused else le, "label")
        nxt = text[ne : ne + 1]
        decade = nxt in "'\u2019" and text[ne + 1 : ne + 2] == "s" and raw.endswith("0")
        if decade and len(raw) in (2, 4) and not text[ne + 2 : ne + 3].isalpha():  # "1990's"
            return self._decade(s, ne + 2, raw)
        something = _SOMETHING_RE.match(text, ne) if nxt == "-" else None
        if something:  # "30-something"
            return self._skip(s, something.end(), "label")
        if nxt == "." and text[ne + 1 : ne + 2].isdigit():
            version = _VERSION_RE.match(text, ne)
            assert version is not None
            return self._skip(s, version.end(), "version")
        if not raw.isdigit():
            return None
        following = text[ne + 1 : ne + 2] if nxt in (" ", "\u00a0") else nxt
        t = _TIME_AFTER_RE.match(text, ne) if following and following in _TIME_FIRST else None
        if t and (t.group("mm") or t.group("mm2")):
            return self._skip(s, t.end(), "time")
        if t and t.group("ap") and value <= 12:
            return self._skip(s, t.end(), "time")
        if t and t.group("tz") and len(raw) == 4 and value % 100 < 60 and value < 2400:
            return self._skip(s, t.end(), "time")
        if nxt == ":":
            ratio = _RATIO_COLON_RE.match(text, ne)
            if ratio:
                return self._skip(s, ratio.end(), "label")
        if nxt == "/" and not currency:
            return self._slash(s, ne, int(value))
        return None

    def _date_or_label(self, s: int, ts: int, ne: int, raw: str, value: int) -> int | None:
        """Dates, years, zip codes, street numbers, scores and labels."""
        text = self.text
        short = len(raw) <= 2 and 1 <= value <= 31
        year = len(raw) == 4 and 1000 <= value <= 2099
        month = self._month_before(s) if short or year else None
        if month and short:
            return self._month_day(month, ne, value)
        if month and year:
            return self._date(month[0], ne, f"{raw}-{month[1]:02d}")
        nxt = text[ne : ne + 1]
        dashed = nxt in ("-", "\u2013", "/")
        if short and (nxt in ("s", "n", "r", "t") or text[ne + 1 : ne + 2].isupper()):
            after = _MONTH_AFTER_RE.match(text, ne)
            if after:
                return self._day_month(after, s, value)
        if year and dashed:
            iso = _ISO_DATE_RE.match(text, ne)
            if iso and 1 <= int(iso.group("m")) <= 12 and 1 <= int(iso.group("d")) <= 31:
                return self._date(s, iso.end(), f"{raw}-{iso.group('m')}-{iso.group('d')}")
            pair = _YEAR_PAIR_RE.match(text, ne)
            if pair:
                second = pair.group("y")
                second = raw[:2] + second if len(second) == 2 else second
                if value < int(second) <= value + 100:
                    return self._date(s, pair.end(), f"{raw}/{second}")
        if year and (not self._counted(ne) or self._year_context(s)):
            return self._date(s, ne, raw)
        k, prev = self._prev_token(s)
        if prev in ("No.", "no.", "Nos.", "nos.") and k >= self.floor:
            return self._ordinal(k, ne, value)
        if len(raw) == 5 and len(prev) == 2 and prev.isupper() and prev.isalpha():
            return self._skip(s, ne, "address")  # a zip code: "TX 78701"
        street = _STREET_AFTER_RE.match(text, ne) if text[ne + 1 : ne + 2].isupper() else None
        if street:
            return self._skip(s, street.end(), "address")
        record = _SCORE_FOR_RE.match(text, ne) if dashed and len(raw) <= 3 else None
        if record:
            return self._skip(s, record.end(), "score")
        pair = _SCORE_PAIR_RE.match(text, ne) if dashed and len(raw) <= 3 else None
        if pair and not self._counted(pair.end()):
            end = pair.end()
            if self._is_score(s, end, value, int(pair.group("b"))):
                tiebreak = _TIEBREAK_RE.match(text, end)
                return self._skip(s, tiebreak.end() if tiebreak else end, "score")
        if ts == s and self._is_label(s, ne, prev):
            fused = _FUSED_RE.match(text, s)
            return self._skip(s, fused.end() if fused else ne, "label")
        return None

    # -- words -------------------------------------------------------------------------------
    def _word(self, ws: int, word: str) -> int:
        """Read what starts with a number word at ws; return where reading stopped."""
        text = self.text
        low = word.lower()
        we = ws + len(word)
        if low in _ORDINAL_WORDS and low not in _DENOMINATORS:
            return self._ordinal(ws, we, _ORDINAL_WORDS[low])
        if low in _DENOMINATORS:
            return self._fraction(ws, we, low)
        if low == "tens" or low in _VAGUE:
            return self._vague(ws, we, low)
        if low == "one" and text.startswith((" of ", " another", " or ", " and "), we):
            return we  # the commonest "one" that is no figure
        if _ON_RE.match(text, we):  # "two-on-one"
            return we
        parsed = self._spelled(ws)
        if parsed is None:
            return we
        value, end, tokens, last = parsed
        start = ws
        if tokens[0] in _SCALES or tokens[0] == "dozen":
            k, prev = self._prev_token(ws)
            if prev.lower() not in ("a", "an") or k < self.floor:
                return end  # "million" alone: not a figure
            start = k
        ordinal = _ORDINAL_TAIL_RE.match(text, end) if last == "tens" else None
        if ordinal:
            extra = _ORDINAL_WORDS[ordinal.group("w").lower()]
            return self._ordinal(ws, ordinal.end(), int(value) + extra)
        if word[0].isupper() and self._after_name(ws, end) and not self._measured(end):
            return self._skip(ws, end, "label")  # "Xbox One", "Chapter Two"
        frac = _DENOMINATOR_AFTER_RE.match(text, end)
        if frac and len(tokens) == 1 and value < 20:
            den = frac.group("d").lower()
            if den in _DENOMINATORS and (
                den.endswith("s")
                or (value == 1 and (frac.group("sep") == "-" or _OF_RE.match(text, frac.end())))
            ):
                fig = _Figure(start, frac.end(), 100 * value / _DENOMINATORS[den], "%", "percent")
                return self._finish(fig, tailed=True, ranged=False)
        ratio = self._ratio(start, end, value)
        if ratio is not None:
            return ratio
        fig = _Figure(start, end, value, raw=value)
        if tokens not in (["one"], ["zero"]):
            return self._finish(fig)
        # "one" and "zero" count only with a unit: "one year", not "one of them"
        self._tail(fig)
        if fig.unit == "day" and value == 1 and not self._duration_day(ws, end):
            return end  # "would love to one day visit"
        zero_to = value == 0 and _RANGE_SEP_RE.match(text, end)  # "zero to 60 mph"
        if fig.dimension == "count" and not fig.multiplied and not zero_to:
            return end
        return self._finish(fig, tailed=True)

    def _spelled(self, ws: int) -> tuple[float, int, list[str], str] | None:
        """A spelled-out number: "twenty-five", "one hundred and five", "two dozen".

        Returns (value, end, tokens, kind of the last token).
        """
        text = self.text
        run = _SPELLED_RE.match(text, ws)
        if run is None:
            return None
        total = current = 0.0
        last = ""
        tokens: list[str] = []
        end = ws
        for m in _SPELLED_TOKEN_RE.finditer(text, ws, run.end()):
            word = m.group("w").lower()
            if (
                tokens
                and m.group("sep")
                and "-" in m.group("sep")
                and last not in ("tens", "scale")
            ):
                break  # "one-game", "four-cylinder": the hyphen joins a noun, not a number
            if word in _SMALL:
                v = _SMALL[word]
                allowed = ("", "tens", "scale", "and") if 0 < v < 10 else ("", "scale", "and")
                if last not in allowed or (last == "tens" and current % 10):
                    break
                current += v
                kind = "unit" if 0 < v < 10 else "teen"
            elif word in _TENS:
                if last not in ("", "scale", "and"):
                    break
                current += _TENS[word]
                kind = "tens"
            elif word in _SCALES or word == "dozen":
                if last not in ("", "unit", "teen", "tens", "scale"):
                    break
                factor = 12 if word == "dozen" else _SCALES[word]
                if word in ("hundred", "dozen"):
                    current = (current or 1) * factor
                else:
                    total += (current or 1) * factor
                    current = 0
                kind = "scale"
            elif word == "and" and last == "scale":
                kind = "and"
            else:
                break
            tokens.append(word)
            last = kind
            if kind != "and":
                end = m.end()
        while tokens and tokens[-1] == "and":
            tokens.pop()
        if not tokens:
            return None
        value = total + current
        if text.startswith((" and", "-and"), end):
            half = _AND_A_HALF_RE.match(text, end)
            if half and last in ("unit", "teen", "tens"):
                value += 0.5
                end = half.end()
        return value, end, tokens, last

    def _fraction(self, ws: int, we: int, low: str) -> int:
        """ "half of", "a third of" -> percentages; "half a million" -> 500,000; "third" -> 3rd."""
        text = self.text
        k, prev = self._prev_token(ws, " \u00a0\u202f-")
        prev = prev.lower()
        if prev in ("a", "one") and k >= self.floor and _OF_RE.match(text, we):
            fig = _Figure(k, we, 100 / _DENOMINATORS[low], "%", "percent")
            return self._finish(fig, tailed=True, ranged=False)
        if low not in ("half", "halves"):
            if low in _ORDINAL_WORDS:
                return self._ordinal(ws, we, _ORDINAL_WORDS[low])
            return we
        if prev in ("first", "second", "other", "latter", "back", "front", "the", "a", "one"):
            return we
        nxt = _HALF_NEXT_RE.match(text, we)
        if nxt and nxt.group("a"):  # "half a million", "half an hour"
            fig = _Figure(ws, nxt.end(), 0.5, raw=0.5)
            self._tail(fig)
            if fig.multiplied or fig.dimension != "count":
                return self._finish(fig, tailed=True, ranged=False)
            return we
        if nxt or self._approx_before(ws):
            return self._finish(_Figure(ws, we, 50.0, "%", "percent"), tailed=True, ranged=False)
        return we

    def _vague(self, ws: int, we: int, low: str) -> int:
        """ "dozens", "hundreds of thousands", "tens of millions": lower bounds."""
        of = _VAGUE_OF_RE.match(self.text, we)
        if low == "tens" and not of:
            return we
        value = 20.0 if low == "tens" else _VAGUE[low]
        if of and low in ("tens", "dozens", "hundreds"):
            value *= _VAGUE[of.group("w").lower()] / 2
            we = of.end()
        fig = _Figure(ws, we, value, raw=value)
        self._tail(fig, multipliers=False)
        return self._finish(fig, approx="at_least", tailed=True)

    def _ratio(self, s: int, e: int, a: float) -> int | None:
        """ "one in five", "1 in 3", "eight out of ten" -> a percentage."""
        text = self.text
        m = _RATIO_RE.match(text, e) if text.startswith((" in ", " out "), e) else None
        if not m:
            return None
        bs = m.end()
        if text[bs].isdigit():
            num = _NUMERAL_RE.match(text, bs)
            assert num is not None
            b, be = _numeral_value(num.group()), num.end()
        else:
            w = _WORD_RE.match(text, bs)
            if not w or w.group().lower() not in (*_SMALL, *_TENS, "hundred"):
                return None
            parsed = self._spelled(bs)
            if parsed is None:
                return None
            b, be = parsed[0], parsed[1]
        if not a < b <= 1000 or self._measured(be) or _LETTERS_RE.match(text, be):
            return None
        fig = _Figure(s, be, 100 * a / b, "%", "percent")
        return self._finish(fig, tailed=True, ranged=False)

    # -- figures -----------------------------------------------------------------------------
    def _finish(
        self,
        fig: _Figure,
        approx: str | None = None,
        tailed: bool = False,
        ranged: bool = True,
    ) -> int:
        """Read the unit, the markers around, a range; emit."""
        if not tailed:
            self._tail(fig)
        if fig.value < 0 and fig.dimension not in ("temperature", "percent", "percentage_points"):
            fig.value = fig.raw = -fig.value
            fig.start += 1
        approx = approx or self._approx_before(fig.start)
        text = self.text
        gate = text[fig.end : fig.end + 1] == "+" or text.startswith((" or ", " and "), fig.end)
        after = _APPROX_AFTER_RE.match(text, fig.end) if gate else None
        if fig.plus or (after and (after.group("plus") or after.group("more"))):
            approx = "at_least"
        elif after:
            approx = "at_most"
        if ranged:
            done = self._range(fig, approx)
            if done is not None:
                return done
        return self._emit(fig, approx)

    def _tail(self, fig: _Figure, multipliers: bool = True) -> None:
        """Multipliers, then a unit, a currency word or code, or a people noun."""
        text = self.text
        pos = fig.end
        lettered = self._lettered(pos)
        for _ in range(2 if multipliers and lettered else 0):
            m = _MULTIPLIER_RE.match(text, pos)
            if not m:
                break
            letter = m.group("l")
            if letter:
                bare = letter in "mbB" and not fig.priced
                if bare and (letter != "m" or not self._priced_or_people(m.end())):
                    break  # "100m" is metres; "5b" is no figure
                fig.value *= _MULTIPLIER_LETTERS[letter]
            else:
                fig.value *= _MULTIPLIER_WORDS[(m.group("w") or m.group("a")).lower()]
            fig.multiplied = True
            pos = m.end()
        fig.end = pos
        if text.startswith("+", pos) and not text[pos + 1 : pos + 2].isdigit():
            fig.plus = True
            pos += 1
        u, unit = self._unit_at(pos)
        if u and unit and fig.priced:
            if unit[1] == "currency":
                fig.end = u.end()  # "$5 million dollars"
            return
        if u and unit:
            inch_mark = u.group("u") in ('"', "\u2033")
            quoted = text[fig.start - 1 : fig.start] in ('"', "\u201c")
            if not inch_mark or (u.start("u") == pos and not quoted):
                fig.unit, fig.dimension = unit
                fig.end = u.end()
                if fig.dimension == "currency":
                    fig.priced = True
                elif fig.unit == "\u00b0" and not self._warm(fig.start, fig.end):
                    fig.dimension = "angle"
                return
        if fig.priced:
            return
        degree = None
        if pos == fig.end and text[pos : pos + 1] in ("C", "F"):
            degree = _BARE_DEGREE_RE.match(text, pos)
        if degree and self._warm(fig.start, degree.end()):
            fig.unit, fig.end = "\u00b0" + degree.group("u"), degree.end()
            fig.dimension = "temperature"
            return
        code = _CODE_AFTER_RE.match(text, pos) if text[pos + 1 : pos + 2].isupper() else None
        if code:
            fig.unit = "CNY" if code.group("c") == "RMB" else code.group("c")
            fig.dimension, fig.end, fig.priced = "currency", code.end(), True
            return
        people = self._people_after(pos) if lettered or pos != fig.end else None
        if people:
            fig.unit, fig.dimension, fig.end = "people", "people", people

    def _people_after(self, pos: int) -> int | None:
        """The end of a people noun among the next three words ("400,000 state residents")."""
        m = _PEOPLE_RE.match(self.text, pos) if self._lettered(pos) else None
        return m.end() if m else None

    def _lettered(self, pos: int) -> bool:
        """A letter at pos, or after one space or hyphen: where words may follow a figure."""
        c = self.text[pos : pos + 1]
        if c in (" ", "\u00a0", "\u202f", "-"):
            c = self.text[pos + 1 : pos + 2]
        return c.isalpha()

    def _unit_at(self, pos: int) -> tuple[re.Match[str] | None, tuple[str, str] | None]:
        """The unit spelled at pos (memoised: several readings ask for the same place)."""
        found = self._units_at.get(pos)
        if found is None:
            c = self.text[pos : pos + 2]
            u = (
                _UNIT_RE.match(self.text, pos)
                if c and (not c[0].isspace() or c[1:].strip())
                else None
            )
            found = self._units_at[pos] = (u, _unit_of(u.group("u")) if u else None)
        return found

    def _priced_or_people(self, pos: int) -> bool:
        _, unit = self._unit_at(pos)
        if unit and unit[1] == "currency":
            return True
        return bool(_CODE_AFTER_RE.match(self.text, pos) or self._people_after(pos))

    def _measured(self, pos: int) -> bool:
        """A unit of measure (not a people noun or a currency code) right after pos."""
        u, unit = self._unit_at(pos)
        if not u or not unit:
            return False
        return u.group("u") not in ('"', "\u2033") or u.start("u") == pos

    def _counted(self, pos: int) -> bool:
        """A multiplier, unit, currency or people noun right after pos."""
        known = self._counted_at.get(pos)
        if known is None:
            m = _MULTIPLIER_RE.match(self.text, pos) if self._lettered(pos) else None
            code = self.text[pos + 1 : pos + 2].isupper() and _CODE_AFTER_RE.match(self.text, pos)
            known = bool(
                (m and (not m.group("l") or m.group("l") in "kKM"))
                or self._measured(pos)
                or code
                or self._people_after(pos)
            )
            self._counted_at[pos] = known
        return known

    def _range(self, fig: _Figure, approx: str | None) -> int | None:
        """Join "X-Y", "X to Y", "between X and Y"; "from X to Y" gives two quantities."""
        text = self.text
        nxt = text[fig.end : fig.end + 1]
        gate = nxt in ("-", "\u2013", "\u2014") or (
            nxt in (" ", "\u00a0") and text[fig.end + 1 : fig.end + 2] in ("t", "a", "-", "\u2013")
        )
        sep = _RANGE_SEP_RE.match(text, fig.end) if gate else None
        if not sep:
            return None
        joiner = sep.group("sep").strip(" \u00a0\u202f").lower()
        marker = self._marker_before(fig.start)
        if joiner == "and" and marker != "between":
            return None
        if joiner in "-\u2013\u2014" and sep.group("sep") != joiner and marker != "between":
            return None  # " - " between spaces is a dash
        if marker == "from" and set(self._words_before(fig.start)[-3:-1]) & _RANGE_VERBS:
            marker = ""  # "prices range from $50 to $200" is a range
        second = self._second(sep.end(), fig)
        if second is None:
            return None
        if second.dimension == "time":  # "from 2 to 3 p.m."
            return self._skip(fig.start, second.end, "time")
        if fig.dimension == "count" and second.dimension != "count":
            if second.multiplied and not fig.multiplied:
                fig.value *= second.value / second.raw
            fig.unit, fig.dimension, fig.priced = second.unit, second.dimension, second.priced
        elif second.dimension == "count" and fig.dimension != "count":
            second.unit, second.dimension = fig.unit, fig.dimension
        elif fig.unit != second.unit:
            return None
        elif second.multiplied and not fig.multiplied:
            fig.value *= second.value / second.raw
        if marker == "from":
            self._emit(fig, None)
            return self._finish(second, tailed=True, ranged=False)
        if second.value < fig.value:
            return None
        whole = _Figure(fig.start, second.end, fig.value, fig.unit, fig.dimension)
        return self._emit(whole, None if marker == "between" else approx, fig.value, second.value)

    def _second(self, pos: int, first: _Figure) -> _Figure | None:
        """The far end of a range, which may repeat the currency ("$5bn-$6bn")."""
        text = self.text
        start = pos
        sign = next((c for c in _CURRENCY_SIGNS if text.startswith(c, pos)), "")
        if sign:
            pos += len(sign)
            if text[pos : pos + 1] in (" ", "\u00a0"):
                pos += 1
        if text[pos : pos + 1].isdigit():
            m = _NUMERAL_RE.match(text, pos)
            assert m is not None
            raw, end = m.group(), m.end()
            value = _numeral_value(raw)
            letters = _LETTERS_RE.match(text, end)
            if letters and not (
                letters.group() in _SYMBOL_UNITS
                or letters.group().lower() in _WORD_UNITS
                or letters.group() in _MULTIPLIER_LETTERS
                or letters.group().lower() in _MULTIPLIER_WORDS
            ):
                return None
            if text[end : end + 1] in (":", "/", ".") and text[end + 1 : end + 2].isdigit():
                return None
            year = raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2099
            if year and not sign and not self._counted(end):
                return None
            clock = _TIME_AFTER_RE.match(text, end)
            if clock and clock.group("ap") and raw.isdigit() and first.dimension == "count":
                return _Figure(start, clock.end(), value, dimension="time")
        else:
            w = _WORD_RE.match(text, pos)
            if not w or w.group().lower() not in (*_SMALL, *_TENS):
                return None
            parsed = self._spelled(pos)
            if parsed is None:
                return None
            value, end = parsed[0], parsed[1]
        fig = _Figure(start, end, value, raw=value)
        if sign:
            fig.unit, fig.dimension, fig.priced = _PREFIX_CURRENCY[sign], "currency", True
        elif first.priced:
            fig.priced = True
        self._tail(fig)
        if first.priced and not sign and fig.dimension == "count":
            fig.unit, fig.dimension = first.unit, first.dimension
        return fig

    # -- context -----------------------------------------------------------------------------
    def _currency(self, fig: _Figure) -> str:
        """Resolve "$", "\u00a5", "Rs" from the text's other mentions, and "pounds"."""
        unit = fig.unit
        if unit == "\u00a3":
            return self._pounds(fig)
        if unit not in _HINT_RE:
            return unit
        hints = _currency_hints(self.full, unit)
        if not hints:
            return _CURRENCY_DEFAULT[unit]
        return min(hints, key=lambda h: abs(h[0] - fig.start))[1]

    def _pounds(self, fig: _Figure) -> str:
        """ "£243", "243 pounds sterling" are money; "243 pounds" alone is weighed by context."""
        text = self.full
        if text.startswith("\u00a3", fig.start) or fig.multiplied:
            return "GBP"
        if not _OF_RE.match(text, fig.end):
            lo, hi = max(0, fig.start - 100), min(len(text), fig.end + 60)
            weighed = _WEIGHT_WORDS_RE.search(text, lo, hi)
            if not weighed and _MONEY_WORDS_RE.search(text, lo, hi):
                return "GBP"
        fig.dimension = "mass"
        return "lb"

    def _warm(self, s: int, e: int) -> bool:
        """Temperature words near text[s:e] ("40C" is hot, "iPhone 5C" is not)."""
        lo, hi = max(0, s - 80), min(len(self.full), e + 80)
        return bool(_TEMPERATURE_WORDS_RE.search(self.full, lo, hi))

    def _decade(self, s: int, e: int, raw: str) -> int:
        """ "1990s", "1990's", "'90s", "the 90s"."""
        start = s - 1 if s > self.floor and self.text[s - 1] in "'\u2019" else s
        return self._date(start, e, raw[:3] + "X" if len(raw) == 4 else "XX" + raw[0] + "X")

    def _year_context(self, s: int) -> bool:
        """ "in 2019 voters ..." is a year, not 2,019 voters."""
        _, prev = self._prev_token(s, " \u00a0\u202f-")
        return prev.lower().lstrip(_OPENERS) in _YEAR_CONTEXT

    def _duration_day(self, ws: int, end: int) -> bool:
        """ "in one day", "one day later" measure time; "to one day visit" does not."""
        _, prev = self._prev_token(ws)
        return prev.lower() in _ONE_DAY_BEFORE or bool(_ONE_DAY_AFTER_RE.match(self.text, end))

    def _is_score(self, s: int, e: int, a: int, b: int) -> bool:
        text = self.text
        if _SCORE_PREV_RE.search(text, max(self.lo, s - 16), s) or _SCORE_NEXT_RE.match(text, e):
            return True
        if _TIEBREAK_RE.match(text, e) or a >= b:
            return True
        if text[s - 1 : s] == "(" and text[e : e + 1] == ")":
            return True  # a team's record: "the Jets (2-8)"
        return bool(
            _SCORE_WORDS_RE.search(text, max(self.lo, s - 40), s)
            or _SCORE_WORDS_RE.match(text, e + 1, e + 12)
        )

    def _is_label(self, s: int, ne: int, word: str) -> bool:
        """A number after a label noun ("Phase 1") or a product-like name ("Boeing 787")."""
        low = word.lower()
        if not word or low in _NOT_LABEL or not word[-1].isalnum():
            return False
        if (
            low in _LABEL_NOUNS
            or any(c.isdigit() for c in word)
            or any(c.isupper() for c in word[1:])
        ):
            return not self._counted(ne)  # "Phase 1", "G3 15", "iPhone 11", "GTX 1660"
        return word[0].isupper() and self._after_name(s, ne) and not self._counted(ne)

    def _after_name(self, s: int, e: int) -> bool:
        """A capitalised name inside a sentence just before s, and no capital after e."""
        text = self.text
        k, word = self._prev_token(s)
        if not (word[:1].isupper() and word.isalpha()) or word.lower() in _NOT_LABEL:
            return False
        if _NEXT_CAPITAL_RE.match(text, e):
            return False  # Title Case: "Cloud City 2,812-Piece Set"
        before = text[max(self.lo, k - 3) : k].rstrip(" \u00a0\"\u201c'\u2018(")
        return bool(before) and not before.endswith((".", "!", "?", ":", "\n", "\u2014", "|"))

    def _slash(self, s: int, ne: int, a: int) -> int | None:
        """ "9/11", "10/21/2019", "1/3 of", "24/7"."""
        m = _SLASH_RE.match(self.text, ne)
        if not m:
            return None
        b, y = int(m.group("b")), m.group("y")
        if not y and 0 < a < b <= 10 and _OF_RE.match(self.text, m.end()):
            fig = _Figure(s, m.end(), 100 * a / b, "%", "percent")
            return self._finish(fig, tailed=True, ranged=False)
        year = "" if not y else y if len(y) == 4 else ("20" if int(y) < 50 else "19") + y
        if 1 <= a <= 12 and 1 <= b <= 31:
            return self._date(s, m.end(), f"{year or '-'}-{a:02d}-{b:02d}")
        if year and 1 <= b <= 12 and 1 <= a <= 31:
            return self._date(s, m.end(), f"{year}-{b:02d}-{a:02d}")
        return self._skip(s, m.end(), "label")

    def _month_day(self, month: tuple[int, int], ne: int, day: int) -> int:
        start, number = month
        m = _DAY_YEAR_RE.match(self.text, ne)
        assert m is not None
        year = m.group("y") or "-"
        return self._date(start, m.end(), f"{year}-{number:02d}-{day:02d}")

    def _day_month(self, m: re.Match[str], s: int, day: int) -> int:
        number = _MONTHS[m.group("m")]
        if m.group("y"):
            return self._date(s, m.end(), f"{m.group('y')}-{number:02d}-{day:02d}")
        end = m.end() - (m.group().endswith(".") and len(m.group("m")) > 4)
        return self._date(s, end, f"--{number:02d}-{day:02d}")
