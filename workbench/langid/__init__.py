"""Language identification (pure, offline, ORM-free), shared by the apps.

Claims detects an article's language with it (``claims.extraction`` re-exports
``language_of``) and sources the language of an archived page's main text, with the same
rules, so evidence and "seen before" can compare like with like. It lives here, outside both
apps, because sources must not import claims (pyproject.toml, import-linter contracts).

    language_of("Россия построит в Мьянме атомную электростанцию.")   # "ru"
    detect(text)        # Detection(lang, confidence, script)
    detect_runs(text)   # [LanguageRun(start, end, lang, script, confidence), ...]
"""

from __future__ import annotations

from workbench.langid.detect import Detection, LanguageRun, detect, detect_runs

__all__ = ["LATIN_CONFIDENCE", "Detection", "LanguageRun", "detect", "detect_runs", "language_of"]

# A Latin-script text is called other than English only when the detector is this sure.
LATIN_CONFIDENCE = 0.6


def language_of(text: str) -> str:
    """The ISO 639-1 code of the text's language, "en" when unsure.

    The English engine is the full one, so a short or ambiguous Latin-script text ("Putin met
    Xi in Moscow.") stays English; another script, or a confident Latin-script detection
    (Spanish, German ...), goes to the multilingual engine."""
    found = detect(text)
    if found.lang == "en" or (found.script == "Latin" and found.confidence < LATIN_CONFIDENCE):
        return "en"
    return found.lang
