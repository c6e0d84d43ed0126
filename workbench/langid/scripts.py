"""Unicode scripts of characters and text: counts, the dominant script, runs by script. Pure.

    script_of("မ")                      # "Myanmar"
    script_counts(text)                 # Counter({"Cyrillic": 80, "Latin": 3})
    script_runs(text)                   # [ScriptRun(0, 42, "Cyrillic"), ScriptRun(42, 60, "Han")]

Only letters (and marks, which belong to the letter before them) have a script; digits,
punctuation and spaces are "Common" and join the run around them. Kana with or without Han is
"Kana" in counts (it is what tells Japanese from Chinese); Han alone is "Han". The table
covers the scripts of the languages the workbench meets; anything else is "Other".
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

COMMON = "Common"
OTHER = "Other"

# (first, last, script), sorted, non-overlapping. Unicode Blocks, not the full Scripts.txt:
# enough to tell writing systems apart, and a bisect away.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latin"),
    (0x0061, 0x007A, "Latin"),
    (0x00AA, 0x00AA, "Latin"),
    (0x00BA, 0x00BA, "Latin"),
    (0x00C0, 0x00D6, "Latin"),
    (0x00D8, 0x00F6, "Latin"),
    (0x00F8, 0x024F, "Latin"),
    (0x0250, 0x02AF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x13A0, 0x13FF, "Cherokee"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x19E0, 0x19FF, "Khmer"),
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1C90, 0x1CBF, "Georgian"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x2C00, 0x2C5F, "Glagolitic"),
    (0x2C60, 0x2C7F, "Latin"),
    (0x2D00, 0x2D2F, "Georgian"),
    (0x2DE0, 0x2DFF, "Cyrillic"),
    (0x2E80, 0x2FDF, "Han"),
    (0x3005, 0x3007, "Han"),
    (0x3021, 0x3029, "Han"),
    (0x3038, 0x303B, "Han"),
    (0x3041, 0x3096, "Kana"),
    (0x309D, 0x309F, "Kana"),
    (0x30A1, 0x30FA, "Kana"),
    (0x30FC, 0x30FF, "Kana"),
    (0x3105, 0x312F, "Bopomofo"),
    (0x3131, 0x318E, "Hangul"),
    (0x31A0, 0x31BF, "Bopomofo"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xA720, 0xA7FF, "Latin"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA960, 0xA97F, "Hangul"),
    (0xA9E0, 0xA9FF, "Myanmar"),
    (0xAA60, 0xAA7F, "Myanmar"),
    (0xAB30, 0xAB6F, "Latin"),
    (0xAC00, 0xD7FF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, "Latin"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF21, 0xFF3A, "Latin"),
    (0xFF41, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9D, "Kana"),
    (0xFFA0, 0xFFDC, "Hangul"),
    (0x20000, 0x3134F, "Han"),
)
_STARTS = [first for first, _, _ in _RANGES]

# Languages a script alone decides: no other language of any size is written in it.
DECISIVE: dict[str, str] = {
    "Myanmar": "my",
    "Thai": "th",
    "Lao": "lo",
    "Khmer": "km",
    "Hangul": "ko",
    "Kana": "ja",
    "Han": "zh",
    "Greek": "el",
    "Armenian": "hy",
    "Georgian": "ka",
    "Hebrew": "he",
    "Gujarati": "gu",
    "Gurmukhi": "pa",
    "Oriya": "or",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Sinhala": "si",
    "Tibetan": "bo",
    "Ethiopic": "am",
    "Thaana": "dv",
    "Bengali": "bn",
}


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script of one character: a name from the table, "Common" or "Other".

    Combining marks and digits are "Common" here; ``script_runs`` attaches marks to the letter
    before them.
    """
    cp = ord(char)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0:
        _, last, script = _RANGES[i]
        if cp <= last:
            category = unicodedata.category(char)
            if category[0] in "LM":
                # Marks inside a script block (Burmese vowel signs, Devanagari matras) count.
                return script
            return COMMON
    return OTHER if unicodedata.category(char)[0] == "L" else COMMON


def script_counts(text: str, start: int = 0, end: int | None = None) -> Counter[str]:
    """Letters per script in text[start:end]; "Common" characters are not counted."""
    counts: Counter[str] = Counter()
    for char in text[start:end]:
        if char.isascii():
            if char.isalpha():
                counts["Latin"] += 1
            continue
        script = script_of(char)
        if script != COMMON:
            counts[script] += 1
    return counts


def dominant_script(counts: Counter[str]) -> str:
    """The script of most letters; Japanese ("Kana") wins over Han when kana are present.

    Running Japanese is mostly Han by count, but a tenth of kana already makes it Japanese.
    """
    if not counts:
        return COMMON
    if counts.get("Kana", 0) and counts["Kana"] * 10 >= counts.get("Han", 0):
        han_kana = counts["Kana"] + counts.get("Han", 0)
        best_other = max((n for s, n in counts.items() if s not in ("Kana", "Han")), default=0)
        if han_kana >= best_other:
            return "Kana"
    return counts.most_common(1)[0][0]


@dataclass(frozen=True, slots=True)
class ScriptRun:
    """A stretch of text in one script: ``text[start:end]``. Common characters join a run."""

    start: int
    end: int
    script: str


def script_runs(text: str, start: int = 0, end: int | None = None) -> list[ScriptRun]:
    """Split text[start:end] into maximal runs of one script, offsets into ``text``.

    Spaces, digits and punctuation belong to the run they sit in; where the script changes,
    the cut falls just before the new script's first letter and any opening quotes or brackets
    right before it ("Путин said" gives "Путин " and "said"). Han and kana form one run, named
    "Kana" when it holds a kana and "Han" otherwise, since Japanese mixes them within a word.
    The runs cover text[start:end] exactly; a text without letters is one "Common" run.
    """
    stop = len(text) if end is None else min(end, len(text))
    runs: list[ScriptRun] = []
    current: str | None = None  # the run's family: a script, or "CJK" for Han and kana
    kana = False
    run_start = start
    for i in range(start, stop):
        char = text[i]
        if char.isascii():
            if not char.isalpha():
                continue
            script = "Latin"
        else:
            script = script_of(char)
            if script == COMMON:
                continue
        family = "CJK" if script in ("Han", "Kana") else script
        if current is None:
            current = family
        elif family != current:
            cut = i
            while cut > run_start and unicodedata.category(text[cut - 1]) in ("Ps", "Pi"):
                cut -= 1
            runs.append(ScriptRun(run_start, cut, _run_name(current, kana)))
            run_start, current, kana = cut, family, False
        kana = kana or script == "Kana"
    runs.append(ScriptRun(run_start, stop, _run_name(current, kana) if current else COMMON))
    return runs


def _run_name(family: str, kana: bool) -> str:
    if family == "CJK":
        return "Kana" if kana else "Han"
    return family
