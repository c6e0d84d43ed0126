# Over 400 lines on purpose: script segmenters share the offset bookkeeping.
"""Sentence segmentation for every script, as offsets into the text as given. Pure.

    split_sentences(text)                   # language detected: [(0, 62), (63, 182), ...]
    split_sentences(text, "ja", 100, 900)   # sentences of text[100:900], offsets into text

One rule engine serves all scripts; the language only chooses the abbreviation list and, for
Thai, the space rules (``thai.py``):

- Full-width and native terminators end a sentence with or without a space after them:
  CJK 。！？｡, Burmese ။, Devanagari । ॥, Arabic ؟ and Urdu ۔, Ethiopic ።. Burmese ၊ and the
  Arabic comma ، are commas (in the Burmese gold, 1 of 26 ၊ ends a sentence).
- ``.`` ``!`` ``?`` ``…`` end a sentence when whitespace (or a CJK letter, for ``!``/``?`` in
  Japanese and Chinese) follows, unless the word before a full stop is an abbreviation of the
  language (``abbreviations.py``), an initial ("А. С. Пушкин"), a list number at the start of
  a sentence, or the next word starts lower-case in a cased script.
- Closing quotes and brackets after a terminator stay with its sentence (``।”``, ``。」``,
  ``?"``), and so do detached ones (Vietnamese treebank style ``? " .``) when a quote is open.
- A blank line always ends a sentence; a single line break does when the next line does not
  start lower-case (headings, list items, bylines).

The spans never include surrounding whitespace, and a text without letters or digits gives
no sentence.
"""

# ruff: noqa: RUF001, RUF002, RUF003 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import re
import unicodedata

from claims.extraction.multilingual.abbreviations import is_abbreviation, is_known

Span = tuple[int, int]

NO_SPACE_TERMINATORS = "。！？｡။।॥؟۔።"
SPACE_TERMINATORS = ".!?…‼⁇⁈⁉"
TERMINATORS = NO_SPACE_TERMINATORS + SPACE_TERMINATORS
CLOSERS = "\"'”’»›)]}）］｝」』】〕〉》〗〙〛」"
OPENERS = "\"'“‘«‹„‚([{（［｛「『【〔〈《¿¡"
EMOTICONS = frozenset(
    [":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":-D", ";D", ":P", ":-P", "xD", "XD", "^^", "^_^"]
)
_ENTITY_QUOTES = ("&#39;", "&quot;", "''")
DASHES = "-‐‑‒–—―"
UNCASED_LANGS = frozenset(
    [
        "ar",
        "fa",
        "ur",
        "ps",
        "he",
        "hi",
        "mr",
        "ne",
        "sa",
        "bn",
        "pa",
        "gu",
        "or",
        "ta",
        "te",
        "kn",
        "ml",
        "si",
        "my",
        "th",
        "lo",
        "km",
        "zh",
        "ja",
        "ko",
        "ka",
        "am",
    ]
)
CJK_LANGS = frozenset({"zh", "ja"})
DANDA_LANGS = frozenset({"hi", "mr", "ne", "sa", "bn", "pa"})
# Russian-style "г."/"в." (year, century) after a number may end a sentence; "г. Москва" not.
_AFTER_NUMBER = frozenset(["г", "гг", "в", "вв", "р", "рр", "ст"])

_CANDIDATE_RE = re.compile(
    rf"[{re.escape(TERMINATORS)}]+|\n|;(?= [\"“«]?[^\W\d_])|(?<= )(?::-?\)|;-?\)|:-?\(|:-?D)(?= )"
)
_LIST_NUMBER_RE = re.compile(r"(?:\d{1,3}|[IVXivx]{1,4}|[A-Za-z])\Z")
_THOUSANDS_RE = re.compile(r"\d{3}(?!\d)")
_PAIR_BEFORE_RE = re.compile(r"(?<!\w)(\w{1,3})\.\s?\Z")


def split_sentences(
    text: str,
    lang: str | None = None,
    start: int = 0,
    end: int | None = None,
    *,
    favour_recall: bool = False,
) -> list[Span]:
    """Sentences of text[start:end] as ``(start, end)`` offsets into ``text``, in order.

    ``lang`` (ISO 639-1) is detected from the text when not given. Text with Thai letters is
    also split at spaces by ``thai.split_thai``; ``favour_recall`` makes that split cut at
    every space that may end a sentence (used for claims; changes nothing for other scripts).
    """
    stop = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, stop))
    if lang is None:
        from claims.extraction.multilingual.langid import detect

        lang = detect(text, start, stop).lang
    spans = _split_rules(text, start, stop, lang, favour_recall)
    if lang == "th" or _has_thai(text, start, stop):
        from claims.extraction.multilingual.thai import split_thai

        spans = [
            piece for s, e in spans for piece in split_thai(text, s, e, favour_recall=favour_recall)
        ]
    return spans


def _has_thai(text: str, start: int, stop: int) -> bool:
    return any("\u0e01" <= c <= "\u0e5b" for c in text[start:stop])


def _split_rules(
    text: str, start: int, stop: int, lang: str, favour_recall: bool = False
) -> list[Span]:
    cased = lang not in UNCASED_LANGS
    spans: list[Span] = []
    sent_start = start
    pos = start
    while True:
        m = _CANDIDATE_RE.search(text, pos, stop)
        if m is None:
            break
        j = _absorb(text, m.end(), stop, sent_start)
        boundary = _is_boundary(
            text, m.start(), m.end(), j, stop, sent_start, lang, cased, favour_recall
        )
        pos = max(j, m.end())
        if boundary:
            _emit(text, sent_start, j, spans)
            sent_start = j
    _emit(text, sent_start, stop, spans)
    return spans


def _absorb(text: str, j: int, stop: int, sent_start: int) -> int:
    """The end of the sentence that a terminator ending at ``j`` would close."""
    if text[j - 1] == "\n":
        return j
    j = _absorb_attached(text, j, stop)
    # Detached closers, as tokenised treebank text has them ('quen ? " .'), and emoticons.
    while True:
        k = j
        while k < stop and text[k] == " ":
            k += 1
        if k == j or k >= stop:
            return j
        token_end = k
        while token_end < stop and not text[token_end].isspace():
            token_end += 1
        token = text[k:token_end]
        if (
            (all(c in TERMINATORS for c in token) and len(token) <= 3)
            or token in EMOTICONS
            or (all(c in CLOSERS for c in token) and _closes_quote(text, sent_start, k, token))
        ):
            j = token_end
        else:
            return j


def _absorb_attached(text: str, j: int, stop: int) -> int:
    while j < stop:
        if text[j] in CLOSERS or text[j] in TERMINATORS:
            j += 1
            continue
        for entity in _ENTITY_QUOTES:  # "&#39;&#39;" and "''" as some web text has them
            if text.startswith(entity, j):
                j += len(entity)
                break
        else:
            return j
    return j


def _closes_quote(text: str, sent_start: int, at: int, token: str) -> bool:
    """Whether ``token`` (closers only, standing alone) closes a quote opened before ``at``.

    A straight quote closes when an odd number of them precede it in the text (quotes may
    span sentences); a typographic closer (” » 」 ...) always closes.
    """
    if '"' in token:
        if re.match(
            rf"[^\S\n]+[{re.escape(TERMINATORS)}]{{1,3}}(?:\s|\Z)", text[at + len(token) :]
        ):
            return True  # 'tôi ? " . Kim': a closer, whatever came before
        return text.count('"', 0, at) % 2 == 1
    if "'" in token:
        return text.count("'", 0, at) % 2 == 1
    return True


def _opens_quote(text: str, k: int) -> bool:
    """Whether the character at ``k`` opens a quotation (straight quotes by parity)."""
    char = text[k]
    if char == '"':
        return text.count('"', 0, k) % 2 == 0
    return char in "“«„‹‚「『"


def _is_boundary(
    text: str,
    t0: int,
    t1: int,
    j: int,
    stop: int,
    sent_start: int,
    lang: str,
    cased: bool,
    favour_recall: bool = False,
) -> bool:
    """Whether the terminator text[t0:t1] (closers absorbed up to ``j``) ends a sentence.

    ``favour_recall`` also ends a sentence before a lower-case word (web text that starts
    sentences lower-case) unless an abbreviation, initial or number explains the stop.
    """
    if j >= stop:
        return False  # the end of the text ends the last sentence anyway
    terms = text[t0:t1]
    if terms == "\n":
        return _line_break_ends(text, t0, stop, sent_start)
    k = j
    while k < stop and text[k].isspace():
        k += 1
    if k >= stop:
        return False
    nxt = _first_word_char(text, k, stop)
    if any(c in NO_SPACE_TERMINATORS for c in terms):
        # A Japanese quotation closed before a particle goes on: 「行く。」と言った.
        return not (lang == "ja" and j > t1 and text[j] in "とっ")
    if k == j:  # no whitespace after a Latin terminator
        # Japanese and Chinese may close with "?", "!" or "..." and no space: 自戒ですね...当選
        return lang in CJK_LANGS and _is_cjk(text[j]) and (terms != "." or j > t1)
    if not text[sent_start:t0].strip(OPENERS + " "):
        return False  # "..." or "?" alone
    if terms[0] in ";:" or terms[0] in "(":
        # A semicolon before a capital (list items, truncated sentences); an emoticon before one.
        return cased and nxt is not None and nxt.isupper()
    if terms.startswith((".", "…")) and (terms.count(".") >= 2 or "…" in terms):
        # An ellipsis ends a sentence before a capital in a cased script, always in others.
        return nxt is not None and (nxt.isupper() or not cased)
    if lang == "th" and terms[0] == ".":
        return False  # Thai has no full stop: "พ.ย.", "15." are abbreviations and numbers
    lower_next = cased and nxt is not None and nxt.islower() and not _opens_quote(text, k)
    if lower_next and (not favour_recall or terms[0] not in ".!?"):
        return False
    if terms[0] == ".":
        return not _full_stop_continues(text, t0, k, sent_start, lang, nxt)
    return True


def _full_stop_continues(
    text: str, t0: int, k: int, sent_start: int, lang: str, nxt: str | None
) -> bool:
    """Whether the word before the full stop at ``t0`` makes it no sentence end.

    ``k`` is where the next sentence would start, ``nxt`` its first letter or digit.
    """
    before = t0 - 1 if t0 > sent_start and text[t0 - 1] == " " else t0  # tokenised "tp ."
    word_start = _word_start(text, sent_start, before)
    if word_start is None:
        return False
    token = text[word_start:before]
    capital = nxt is not None and _starts_upper(nxt)
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "А. С. Пушкин", "J. K. Rowling"
    if not text[sent_start:word_start].strip(OPENERS + " ") and _LIST_NUMBER_RE.fullmatch(token):
        return True  # "15. ...", "IV. ...", "a. ..." opening a sentence
    if token.isdigit():
        if before < t0 and _THOUSANDS_RE.match(text, k):
            return True  # tokenised thousands: "28 . 000 đồng"
        if lang == "de" and len(token) <= 2 and nxt is not None and not nxt.isdigit():
            return _german_ordinal(text, word_start, t0)
        return False
    if lang in DANDA_LANGS and len(token.rsplit(".", 1)[-1]) <= 3:
        return True  # Hindi ends sentences with the danda: "डॉ.", "बी. सी.", "एम.ए." abbreviate
    if token.isupper() and len(token) > 1 and "." not in token:
        return False  # an acronym ends the sentence: "sagte Stihl der FR."
    if "-" in token:
        token = token.rsplit("-", 1)[-1] or token  # "Zimmermann-Str"
    low = token.lower()
    if low in _AFTER_NUMBER and lang in ("ru", "uk", "be"):
        if text[sent_start:word_start].rstrip()[-1:].isdigit():
            return not capital
        return True
    pair = _PAIR_BEFORE_RE.search(text, sent_start, word_start)
    if pair and is_abbreviation(f"{pair.group(1)}.{token}", lang, next_is_capital=capital):
        return True  # "т. д.", "т. е.", "s. a."
    if pair and is_known(f"{pair.group(1)}.{token}", lang):
        return False  # a known pair that may end a sentence, before a capital
    if is_abbreviation(token, lang, next_is_capital=capital):
        return True
    # A dotted abbreviation ("т.д", "EE.UU", "U.S") whose last part is one or two letters.
    if "." in token and len(token.rsplit(".", 1)[-1]) <= 2:
        return is_abbreviation(token.rsplit(".", 1)[-1], lang, next_is_capital=capital) or (
            not capital
        )
    return False


def _word_start(text: str, lo: int, hi: int) -> int | None:
    """Start of the word (letters, marks, digits, inner dots and hyphens) ending at ``hi``."""
    i = hi
    while i > lo and (_is_word_char(text[i - 1]) or text[i - 1] in ".-"):
        i -= 1
    while i < hi and not _is_word_char(text[i]):
        i += 1  # no leading dot or hyphen
    return i if i < hi and _is_word_char(text[hi - 1]) else None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M"


_GERMAN_MONTHS = frozenset(
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jahrhundert",
        "jahrhunderts",
        "mal",
        "platz",
        "stock",
        "klasse",
        "liga",
        "runde",
    ]
)


_GERMAN_BEFORE_ORDINAL = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "am",
        "im",
        "vom",
        "zum",
        "zur",
        "beim",
        "bis",
        "ab",
        "seit",
        "vor",
        "nach",
        "zu",
        "an",
        "ihr",
        "ihrem",
        "ihren",
        "sein",
        "seinem",
        "seinen",
    ]
)


def _german_ordinal(text: str, word_start: int, t0: int) -> bool:
    """ "am 3. Oktober", "die 27. Große Strafkammer": a day or a rank, not a sentence end."""
    after = re.match(r"\s+(\w+)", text[t0 + 1 : t0 + 40])
    if after and after.group(1).lower() in _GERMAN_MONTHS:
        return True
    previous = re.search(r"(\w+)\s+\Z", text[max(0, word_start - 20) : word_start])
    return previous is not None and previous.group(1).lower() in _GERMAN_BEFORE_ORDINAL


def _line_break_ends(text: str, at: int, stop: int, sent_start: int) -> bool:
    if not text[sent_start:at].strip():
        return False
    k = at + 1
    blank = False
    while k < stop and text[k].isspace():
        blank = blank or text[k] == "\n"
        k += 1
    if k >= stop:
        return False
    if blank:
        return True
    before = text[sent_start:at].rstrip()
    if before.endswith((",", ";", ":", "-", "‐", "(", "/")):
        return False
    nxt = _first_word_char(text, k, stop)
    return not (nxt is not None and nxt.islower())


def _first_word_char(text: str, k: int, stop: int) -> str | None:
    """The first letter or digit at or after ``k``, past opening quotes, brackets and dashes."""
    while k < stop and (text[k] in OPENERS or text[k] in DASHES or text[k] == " "):
        k += 1
    return text[k] if k < stop else None


def _starts_upper(char: str) -> bool:
    return char.isupper() or char.isdigit() or not char.islower()


def _is_cjk(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA"))


def _emit(text: str, s: int, e: int, spans: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e and any(c.isalnum() for c in text[s:e]):
        spans.append((s, e))
    elif s < e and spans:
        # Punctuation alone ('"', '...') joins the sentence before it.
        spans[-1] = (spans[-1][0], e)
