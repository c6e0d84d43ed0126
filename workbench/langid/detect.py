"""Language identification, offline: the script first, then py3langid among that script's languages.

    detect("Россия построит в Мьянме атомную электростанцию.")
    # Detection(lang="ru", confidence=0.99, script="Cyrillic")
    detect_runs(text)   # [LanguageRun(start, end, lang, script), ...] for mixed-script text

How (measured in ``scripts/multilingual_langid.py``, figures in docs/multilingual.md):

1. A bounded sample: the first ``SAMPLE_CHARS`` characters (cut at a space), so an article
   costs the same as a paragraph.
2. Its letters are counted by Unicode script. A script that only one language of any size is
   written in decides alone: Burmese, Thai, Lao, Khmer, Hangul, kana (Japanese), Han without
   kana (Chinese), Greek, Armenian, Georgian, Hebrew, most Indic scripts. No model knows
   Burmese better than its script does (lingua has no Burmese at all).
3. Otherwise py3langid (a naive Bayes model over byte n-grams, shipped in its wheel) ranks
   only the languages written in that script, and only those with an ISO 639-1 code, so a
   Spanish sentence is never "Extremaduran". For Cyrillic, the alphabet then rules out what it
   can: "ї", "є" or "ґ" is never Russian, "ы" or "э" never Ukrainian, "ў" only Belarusian.

``confidence`` is the share of the sample's letters in the deciding script for step 2, and
py3langid's normalised probability times that share for step 3.
"""

# ruff: noqa: RUF003 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from workbench.langid.scripts import (
    COMMON,
    DECISIVE,
    dominant_script,
    script_counts,
    script_runs,
)

SAMPLE_CHARS = 512
MIN_RUN_LETTERS = 12  # a shorter run of another script is a name or a word, not a language

# py3langid classes per script, ISO 639-1 only (macrolanguage varieties folded below).
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "Cyrillic": ("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba"),
    "Arabic": ("ar", "ary", "arz", "fa", "ur", "ps", "ug", "ku"),
    "Devanagari": ("hi", "mr", "ne", "sa"),
    "Bengali": ("bn", "as"),
    "Latin": (
        "af",
        "an",
        "az",
        "br",
        "bs",
        "ca",
        "cs",
        "cy",
        "da",
        "de",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fi",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "ha",
        "hr",
        "ht",
        "hu",
        "id",
        "ig",
        "is",
        "it",
        "jv",
        "ku",
        "la",
        "lb",
        "lg",
        "ln",
        "lt",
        "lv",
        "mg",
        "ms",
        "mt",
        "nl",
        "nn",
        "no",
        "oc",
        "om",
        "pl",
        "pt",
        "qu",
        "ro",
        "rw",
        "se",
        "sk",
        "sl",
        "sn",
        "so",
        "sq",
        "sr",
        "st",
        "sv",
        "sw",
        "tk",
        "tl",
        "tr",
        "uz",
        "vi",
        "vo",
        "wa",
        "xh",
        "yo",
        "zu",
    ),
}
_FOLD = {"ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "no": "nb"}

# Cyrillic alphabets: letters a language never uses, and letters without which a longer text
# is not in that language (Kazakh without any of ә ғ қ ң ө ұ ү һ і is not Kazakh).
_NEVER = {
    "ru": "іїєґўђјљњћџѓќѕәғқңөұүһҳҷӣӯ",
    "uk": "ёъыэўђјљњћџѓќѕәғқңөұүһҳҷӣӯ",
    "be": "ищъїєґђјљњћџѓќѕәғқңөұүһҳҷӣӯ",
    "bg": "ыэёіїєґўђјљњћџѓќѕәғқңөұүһҳҷӣӯ",
    "sr": "йщъыьэюяёіїєґўѓќѕәғқңөұүһҳҷӣӯ",
    "mk": "йщъыьэюяёіїєґўђћәғқңөұүһҳҷӣӯ",
}
_NEEDS = {
    "kk": "әғқңөұүһі",
    "ky": "ңөү",
    "mn": "өү",
    "tg": "ғӣқӯҳҷ",
    "tt": "әөүҗңһ",
    "ba": "ғҙҡңөҫүһә",
}


@dataclass(frozen=True, slots=True)
class Detection:
    """``lang``: ISO 639-1 ("und" when there are no letters); ``script``: the deciding script."""

    lang: str
    confidence: float
    script: str


@dataclass(frozen=True, slots=True)
class LanguageRun:
    """A stretch ``text[start:end]`` in one script, with its language."""

    start: int
    end: int
    lang: str
    script: str
    confidence: float


UNDETERMINED = Detection("und", 0.0, COMMON)


def detect(text: str, start: int = 0, end: int | None = None) -> Detection:
    """The language of text[start:end], judged on its first ``SAMPLE_CHARS`` characters."""
    stop = len(text) if end is None else min(end, len(text))
    sample = _sample(text, start, stop)
    counts = script_counts(sample)
    letters = sum(counts.values())
    if not letters:
        return UNDETERMINED
    script = dominant_script(counts)
    share = (counts[script] + (counts.get("Han", 0) if script == "Kana" else 0)) / letters
    if script in _CANDIDATES:
        lang, probability = _classify(sample, script)
        return Detection(lang, round(probability * share, 4), script)
    if script in DECISIVE:
        return Detection(DECISIVE[script], round(share, 4), script)
    return Detection("und", 0.0, script)


def detect_runs(text: str, start: int = 0, end: int | None = None) -> list[LanguageRun]:
    """Runs of text[start:end] by script, each with its language.

    Runs with fewer than ``MIN_RUN_LETTERS`` letters (a Latin brand name in Burmese, a
    Russian surname in English) are merged into the run before them (or after, at the start),
    so only real changes of writing system remain: a Chinese article quoting an English
    sentence gives three runs, "iPhone" inside Japanese gives one.
    """
    runs = script_runs(text, start, end)
    merged: list[list[Any]] = []  # [start, end, script, letters]
    for run in runs:
        counts = script_counts(text, run.start, run.end)
        # A Han, kana or Hangul character is a word or a syllable: weigh it like three letters.
        letters = sum(n * (3 if s in ("Han", "Kana", "Hangul") else 1) for s, n in counts.items())
        if merged and (letters < MIN_RUN_LETTERS or merged[-1][2] == run.script):
            merged[-1][1] = run.end
            merged[-1][3] += letters
        elif merged and merged[-1][3] < MIN_RUN_LETTERS:
            merged[-1][1:] = [run.end, run.script, merged[-1][3] + letters]
        else:
            merged.append([run.start, run.end, run.script, letters])
    out = []
    for run_start, run_end, _, _ in merged:
        found = detect(text, run_start, run_end)
        out.append(LanguageRun(run_start, run_end, found.lang, found.script, found.confidence))
    return out


def _sample(text: str, start: int, stop: int) -> str:
    if stop - start <= SAMPLE_CHARS:
        return text[start:stop]
    cut = text.rfind(" ", start, start + SAMPLE_CHARS)
    return text[start : cut if cut > start + SAMPLE_CHARS // 2 else start + SAMPLE_CHARS]


def _classify(sample: str, script: str) -> tuple[str, float]:
    ranked = _identifier(script).rank(sample)
    allowed = _alphabet_filter(sample) if script == "Cyrillic" else None
    for lang, probability in ranked:
        if allowed is None or lang in allowed:
            return _FOLD.get(lang, lang), float(probability)
    lang, probability = ranked[0]
    return _FOLD.get(lang, lang), float(probability)


def _alphabet_filter(sample: str) -> set[str]:
    lowered = sample.lower()
    letters = sum(1 for c in lowered if "\u0400" <= c <= "\u04ff")
    tolerance = letters // 50  # a quoted foreign name may bring a stray letter
    allowed = set(_CANDIDATES["Cyrillic"])
    for lang, never in _NEVER.items():
        if sum(lowered.count(c) for c in never) > tolerance:
            allowed.discard(lang)
    for lang, needs in _NEEDS.items():
        if letters >= 40 and not any(c in lowered for c in needs):
            allowed.discard(lang)
    return allowed


_LOCK = threading.Lock()


@cache
def _model() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


@cache
def _identifier(script: str) -> Any:
    """A py3langid identifier restricted to one script's languages (built once, ~0.3 s)."""
    import copy

    with _LOCK:
        base = _model()
        identifier = copy.copy(base)
        known = set(base.nb_classes)
        identifier.set_languages([c for c in _CANDIDATES[script] if c in known])
        return identifier
