"""Numbers in any script, with Russian, Ukrainian, Spanish and Burmese multipliers and units.

    find_numbers("мощностью 110 мегаватт", "ru")
    # [{"text": "110 мегаватт", "value": 110.0, "unit": "MW", "dimension": "power",
    #   "span": [10, 22]}]
    find_numbers("၁၁၀ မဂ္ဂါဝပ်", "my")   # value 110.0, unit "MW"
    find_dates("12 марта 2019 года", "ru")   # [{"text": ..., "value": "2019-03-12", "span": ...}]

A thin layer over ``claims.extraction.quantities`` (the shared English-first parser, which
reads Unicode digits of every script): it keeps quantities' dates, currency signs and English
units, and adds what quantities does not read (listed in docs/multilingual.md, "What the
shared parser lacks"): decimal commas and dotted thousands ("3,5 млрд", "1.229"), multiplier
words ("млн", "млрд", "тыс.", "millones", "mil millones", "သန်း"), unit words ("мегаватт",
"МВт", "процентов", "por ciento", "megavatios", "рублей", "ကျပ်"), and month names of dates
("12 марта 2019 года", "12 de marzo de 2019"). Offsets index the text as given.
"""

# ruff: noqa: RUF001 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import re
import unicodedata
from typing import Any

from claims.extraction import quantities

DECIMAL_COMMA = frozenset(
    [
        "ru",
        "uk",
        "be",
        "bg",
        "sr",
        "mk",
        "kk",
        "es",
        "fr",
        "de",
        "it",
        "pt",
        "ca",
        "ro",
        "pl",
        "cs",
        "sk",
        "id",
        "vi",
        "tr",
        "nl",
    ]
)

_MULTIPLIERS: list[tuple[str, float]] = [
    # Longest first: "mil millones" before "mil", "тыс." before "т".
    (r"mil\s+millones", 1e9),
    (r"millones|millón|millon", 1e6),
    (r"billones|billón", 1e12),
    (r"mil(?!\w)", 1e3),
    (r"млрд\.?|миллиард(?:ов|а)?|мільярд(?:ів|а)?", 1e9),
    (r"млн\.?|миллион(?:ов|а)?|мільйон(?:ів|а)?", 1e6),
    (r"трлн\.?|триллион(?:ов|а)?|трильйон(?:ів|а)?", 1e12),
    (r"тыс\.?|тысяч[аиу]?|тис\.?|тисяч[аі]?", 1e3),
    (r"ဘီလီယံ", 1e9),
    (r"သန်း", 1e6),
    (r"သိန်း", 1e5),
    (r"သောင်း", 1e4),
    (r"ထောင်", 1e3),
]
# (pattern, unit, dimension): unit codes as quantities.py has them.
_UNITS: list[tuple[str, str, str]] = [
    (r"гигаватт\w*|ГВт|gigavatios?", "GW", "power"),
    (r"мегаватт\w*|МВт|megavatios?|မဂ္ဂါဝပ်", "MW", "power"),
    (r"киловатт\w*|кВт|kilovatios?|ကီလိုဝပ်", "kW", "power"),
    (r"процент\w*|відсот\w*|por\s+ciento|porciento|ရာခိုင်နှုန်း|%", "%", "percent"),
    (r"руб(?:л[ьяейюи]\w*|\.)|₽", "RUB", "currency"),
    (r"гривен\w*|гривн\w*|грн\.?", "UAH", "currency"),
    (r"доллар\w*|долл\.|dólar(?:es)?|ဒေါ်လာ", "USD", "currency"),
    (r"евро|euros?|єврo|євро", "EUR", "currency"),
    (r"pesos?", "MXN", "currency"),
    (r"ကျပ်", "MMK", "currency"),
    (r"челов\w*|людей|осіб|жител\w*|personas|habitantes|ဦး|ယောက်", "people", "people"),
    (r"километр\w*|км(?!²|2)|kilómetros?|km(?!²|2)|ကီလိုမီတာ", "km", "length"),
    (r"квадратн\w+\s+километр\w*|км²|км2|kilómetros?\s+cuadrados|km²|km2", "km2", "area"),
    (r"тонн\w*|toneladas?|တန်", "t", "mass"),
    (r"лет|год\w*|años?|နှစ်", "year", "duration"),
    (r"месяц\w*|meses?|လ(?=\s|$)", "month", "duration"),
    (r"дн(?:я|ей)|день|días?|ရက်", "day", "duration"),
]
_MULTIPLIER_RE = re.compile(
    r"[\s\u00a0\u202f]*(?P<m>" + "|".join(f"(?:{p})" for p, _ in _MULTIPLIERS) + r")",
    re.IGNORECASE,
)
_UNIT_RES = [
    (re.compile(r"[\s\u00a0\u202f]*(?:(?:de|del)\s+)?(?P<u>" + p + r")(?!\w)", re.I), u, d)
    for p, u, d in _UNITS
]
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?P<sign>[-−])?"
    r"(?P<n>\d+(?:(?:[.,\u066b\u066c]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*)"
)
_CURRENCY_BEFORE = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "฿": "THB",
    "₴": "UAH",
}

_MONTHS = {
    "ru": "январ февра март апрел ма июн июл август сентябр октябр ноябр декабр",
    "uk": "січ лют берез квіт трав черв лип серп верес жовт листопад груд",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
_DATE_RES: dict[str, re.Pattern[str]] = {}
for _lang, _stems in _MONTHS.items():
    _alt = "|".join(f"(?P<m{i}>{stem}\\w*)" for i, stem in enumerate(_stems.split(), start=1))
    _de = r"(?:\s+de)?" if _lang == "es" else ""
    _DATE_RES[_lang] = re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?:de\s+)?(?:{_alt})(?:{_de}\s+(?P<y>\d{{4}}))?"
        rf"(?:\s+(?:года|году|г\.|року|р\.))?",
        re.IGNORECASE,
    )


def parse_number(raw: str, lang: str) -> float | None:
    """The value of a numeral in any script's digits; separators read as ``lang`` writes them.

    "3,5" is 3.5 in Russian and Spanish, "1.229" and "1 229" are 1229; "1,229" is 1229 and
    "3.5" is 3.5 in English, Chinese, Burmese or Hindi ("1,00,000" is 100000).
    """
    text = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in raw)
    text = text.replace("\u066c", ",").replace("\u066b", ".")
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if lang in DECIMAL_COMMA:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
            text = text.replace(".", "")
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    else:
        text = text.replace(",", "")
    if text.count(".") > 1:
        text = text.replace(".", "", text.count(".") - 1)
    try:
        return float(text)
    except ValueError:
        return None


def find_numbers(text: str, lang: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Numbers in text[start:end] with value, unit and span (dates are not numbers)."""
    stop = len(text) if end is None else min(end, len(text))
    dates = find_dates(text, lang, start, stop)
    taken = [tuple(d["span"]) for d in dates]
    shared = {q.start: q for q in _shared_quantities(text, start, stop)}
    out: list[dict[str, Any]] = []
    for m in _NUMBER_RE.finditer(text, start, stop):
        n_start, n_end = m.start("n"), m.end("n")
        if any(s <= n_start < e for s, e in taken):
            continue
        value = parse_number(m.group("n"), lang)
        if value is None:
            continue
        if m.group("sign"):
            value, n_start = -value, m.start()
        q_start, q_end, unit, dimension = n_start, n_end, "", "count"
        currency = text[max(start, n_start - 1) : n_start].strip()
        if currency in _CURRENCY_BEFORE:
            q_start, unit, dimension = n_start - 1, _CURRENCY_BEFORE[currency], "currency"
        mult = _MULTIPLIER_RE.match(text, q_end, stop)
        if mult:
            value *= _multiplier(mult.group("m"))
            q_end = mult.end()
        for unit_re, code, dim in _UNIT_RES:
            found = unit_re.match(text, q_end, stop)
            if found:
                unit, dimension, q_end = code, dim, found.end()
                break
        else:
            # No unit word of ours: the shared parser's reading, if it saw more ("$5m", "5 km").
            q = shared.get(q_start) or shared.get(n_start)
            if q is not None and not mult and q.end > q_end:
                q_start, q_end = min(q_start, q.start), q.end
                value, unit, dimension = q.value, q.unit, q.dimension
        out.append(
            {
                "text": text[q_start:q_end],
                "value": value,
                "unit": unit,
                "dimension": dimension,
                "span": [q_start, q_end],
            }
        )
    return out


def find_dates(text: str, lang: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Dates in text[start:end]: month names of ``lang`` and what quantities finds (years)."""
    stop = len(text) if end is None else min(end, len(text))
    out: list[dict[str, Any]] = []
    pattern = _DATE_RES.get(lang)
    if pattern is not None:
        for m in pattern.finditer(text, start, stop):
            month = next(int(k[1:]) for k, v in m.groupdict().items() if k[0] == "m" and v)
            day = int(m.group("d"))
            year = m.group("y")
            value = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            out.append({"text": m.group(), "value": value, "span": [m.start(), m.end()]})
    for d in _shared_dates(text, start, stop):
        if not any(o["span"][0] <= d.start < o["span"][1] for o in out):
            out.append({"text": d.text, "value": d.value, "span": [d.start, d.end]})
    return sorted(out, key=lambda d: d["span"][0])


def _multiplier(word: str) -> float:
    for pattern, factor in _MULTIPLIERS:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return factor
    return 1.0


def _shared_quantities(text: str, start: int, stop: int) -> list[quantities.Quantity]:
    try:
        return quantities.parse_quantities(text, start, stop)
    except Exception:  # the shared parser is English-first; never let it break this layer
        return []


def _shared_dates(text: str, start: int, stop: int) -> list[quantities.DateMention]:
    try:
        return quantities.find_dates(text, start, stop)
    except Exception:
        return []
