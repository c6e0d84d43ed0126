"""Quotations and who said them, for any script; speakers for Russian, Ukrainian and Spanish.

    find_quotes("Мин Аун Хлайн назвал Путина «королём».", "ru")
    # [{"text": "королём", "speaker": "Мин Аун Хлайн", "span": [28, 37]}]

Quotation marks: « », „ “ (and „ ”), “ ”, " ", ‹ ›, 「 」, 『 』; the outermost pair counts.
The speaker is found by the reporting verb ("заявил", "сказал", "назвал", "dijo", "afirmó",
"calificó", ...): the names (capitalised words) right before it ("Мин Аун Хлайн назвал ..."),
or right after it when the verb follows the quote ("«...», — заявил Лавров"); or after "по
словам" / "за словами" / "según"; or the names before a colon ("Лавров: «...»"). Other
languages get the quotation without a speaker.
"""

# ruff: noqa: RUF001, RUF002 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import re
from typing import Any

_PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‹": "›", "「": "」", "『": "』"}

_VERBS = {
    "ru": "заяви сказа назва отмети подчеркну сообщи добави написа поясни призна ответи "
    "уточни объяви предупреди пообеща констатирова говори считает считают уверен",
    "uk": "заяви сказа назва зазначи наголоси повідоми дода написа поясни визна відповіла "
    "відповів оголоси попереди пообіця говори вважає",
    "es": "dijo dijeron afirmó afirmaron declaró aseguró señaló explicó añadió agregó indicó "
    "calificó llamó sostuvo advirtió comentó manifestó expresó subrayó destacó insistió "
    "reconoció admitió escribió anunció respondió denunció dice afirma asegura declara",
}
_ACCORDING = {"ru": r"по\s+словам", "uk": r"за\s+словами", "es": r"según"}

_NAME_WORD = r"[A-ZÁÉÍÓÚÑА-ЯЁІЇЄҐ][\w'’\-]*"
_NAMES_BEFORE_RE = re.compile(rf"((?:{_NAME_WORD}\s+){{0,4}}{_NAME_WORD})\s*$")
_NAMES_AFTER_RE = re.compile(rf"^\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})")
_PRONOUNS = {
    "ru": "он она они я мы",
    "uk": "він вона вони я ми",
    "es": "él ella ellos ellas",
}


def find_quotes(text: str, lang: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Quotations inside text[start:end]: ``text`` (without marks), ``speaker``, ``span``."""
    stop = len(text) if end is None else min(end, len(text))
    out: list[dict[str, Any]] = []
    i = start
    while i < stop:
        closers = _PAIRS.get(text[i])
        if closers is None or (text[i] == '"' and not _opens(text, i, start)):
            i += 1
            continue
        j = _close(text, i, stop, closers)
        if j is None:
            i += 1
            continue
        inner = text[i + 1 : j].strip()
        if inner and any(c.isalnum() for c in inner):
            out.append(
                {
                    "text": inner,
                    "speaker": _speaker(text, start, stop, i, j + 1, lang),
                    "span": [i, j + 1],
                }
            )
        i = j + 1
    return out


def _opens(text: str, i: int, start: int) -> bool:
    """A straight quote opens when it does not follow a letter (it is not 'don"t' or 5")."""
    return i == start or not text[i - 1].isalnum()


def _close(text: str, i: int, stop: int, closers: str) -> int | None:
    opener = text[i]
    depth = 0
    for k in range(i + 1, stop):
        c = text[k]
        if c in closers and (depth == 0 or opener == c):
            if depth == 0:
                return k
            depth -= 1
        elif c == opener and opener not in closers:
            depth += 1
    return None


def _speaker(text: str, start: int, stop: int, q0: int, q1: int, lang: str) -> str | None:
    verbs = _VERBS.get(lang)
    if verbs is None:
        return None
    verb_re = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs.split()) + r")\w*", re.IGNORECASE
    )
    before = text[start:q0]
    after = text[q1:stop]
    according = _ACCORDING.get(lang)
    if according:
        m = re.search(rf"(?<!\w){according}\s+(.+?)(?=[,.;:—–«„“\"]|$)", before, re.I)
        if m:
            return _trim(m.group(1))
    # The verb before the quote: "Мин Аун Хлайн назвал Путина «королём»".
    verbs_before = list(verb_re.finditer(before))
    if verbs_before:
        verb = verbs_before[-1]
        names = _NAMES_BEFORE_RE.search(before[: verb.start()])
        if names:
            return _trim(names.group(1))
        subject = _subject_before(before[: verb.start()], lang)
        if subject:
            return subject
        tail = _NAMES_AFTER_RE.match(before[verb.end() :])
        if tail and not re.match(r"\s*[«„“\"]", before[verb.end() :]):
            return _trim(tail.group(1))
    # The verb after the quote: "«...», — заявил Лавров" or "«...», — Лавров заявил".
    m = re.match(r"\s*[,.!?]?\s*[—–-]*\s*", after)
    rest = after[m.end() :] if m else after
    verb_after = verb_re.match(rest)
    if verb_after:
        names = _NAMES_AFTER_RE.match(rest[verb_after.end() :])
        if names:
            return _trim(names.group(1))
        words = rest[verb_after.end() :].split(",")[0].split(".")[0].strip()
        return _trim(" ".join(words.split()[:6])) or None
    names = _NAMES_AFTER_RE.match(rest)
    if names:
        after_names = rest[names.end() :]
        if verb_re.match(after_names):
            return _trim(names.group(1))
    # "Лавров: «...»"
    colon = re.search(r"((?:" + _NAME_WORD + r"\s+){0,4}" + _NAME_WORD + r")\s*:\s*$", before)
    if colon:
        return _trim(colon.group(1))
    return None


def _subject_before(before: str, lang: str) -> str | None:
    """A pronoun, or a short noun phrase opening the clause ("El presidente dijo")."""
    words = before.split()
    if words and words[-1].lower() in _PRONOUNS.get(lang, "").split():
        return words[-1]
    clause = re.split(r"[,;:.!?«»„“\"()—–]", before)[-1].split()
    if 1 <= len(clause) <= 4:
        return " ".join(clause)
    return None


def _trim(name: str) -> str:
    return name.strip(" ,.;:—–-\u00a0")
