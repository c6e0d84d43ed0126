"""Claims in non-English text, tiered honestly by what the rules know of the language.

    extract_claims("Россия построит в Мьянме АЭС мощностью 110 мегаватт.", "ru")
    # [ExtractedClaim(kind="quantity", details={"numbers": [{"value": 110.0, "unit": "MW",
    #   ...}], "granularity": "clause", "language": "ru", ...})]

Tiers (``details["tier"]``):
- ``"clause"`` (Russian, Ukrainian, Spanish): a sentence is split into coordinated clauses
  where that is safe (``split_clauses``); numbers with their unit and multiplier words,
  quotations with their speakers, dates with month names; kinds from cue words.
- ``"sentence"`` (every other language): one claim per sentence, numbers in any script,
  quotations and dates still parsed; ``details["granularity"] = "sentence"`` says so.

Every claim lies inside one sentence of ``split_sentences`` (for Thai, the recall-first cut),
so no claim spans two sentences in any language.

Check-worthiness is a language-agnostic score (``checkworthiness``), not the English
heuristic of ``claims.triage``, whose cue words would read a Burmese sentence as having
none: figures, dates, named actors (cased scripts), quotations with a speaker and the kind
raise it; a very short piece or a question lowers it.
"""

# ruff: noqa: RUF001, RUF002 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import re
from typing import Any

from claims.extraction.multilingual.numbers import find_dates, find_numbers
from claims.extraction.multilingual.quotes import find_quotes
from claims.extraction.multilingual.segment import split_sentences
from claims.extraction.patterns import LINK_START
from claims.extraction.types import ExtractedClaim

Span = tuple[int, int]
CLAUSE_LANGS = frozenset({"ru", "uk", "es"})

# Cue words, matched at the start of a word (Russian and Ukrainian stems, Spanish words);
# "_" joins the words of a phrase.
_CUES: dict[str, dict[str, str]] = {
    "ru": {
        "causal": "из-за потому вследствие благодаря привел привёл привела привели приводит "
        "в_результате поэтому вызвал вызвала",
        "comparison": "больше меньше выше ниже чем крупнейш самый самая самое самые вдвое "
        "втрое превысил превышает",
        "attribute": "является являются был_назван была_названа это_был это_была",
        "event": "провел провёл провела провели встретил подписал подписала подписали "
        "построит построят построил построили открыл открыла открыли объявил "
        "объявила прибыл прибыла посетил посетила состоялся состоялась назначил "
        "избран избрана арестован убит погиб погибли начал начала запустил "
        "переговор визит",
    },
    "uk": {
        "causal": "через тому внаслідок завдяки призвів призвела спричинив",
        "comparison": "більше менше вище нижче ніж найбільш найбільший",
        "attribute": "є являється був_названий",
        "event": "провів провела провели зустрівся підписав підписала побудує побудують "
        "відкрив оголосив прибув відвідав відбувся відбулася призначив обраний "
        "загинув загинули розпочав запустив переговор візит",
    },
    "es": {
        "causal": "porque debido_a a_causa_de provocó causó gracias_a como_consecuencia por_eso",
        "comparison": "más menos mayor menor superior_a inferior_a récord el_doble el_triple",
        "attribute": "es son era considerado considerada",
        "event": "reunió reunieron firmó firmaron visitó construirá construirán construyó "
        "inauguró anunció celebró llegó detuvo murió murieron mataron eligió "
        "nombró lanzó comenzó aprobó rechazó votó negociaciones conversaciones visita",
    },
}

# Clause splitting: a comma, then a coordinating conjunction, then a new clause with its own
# subject and verb. Never in reported speech, conditions or quotations.
_CONJUNCTIONS = {
    "ru": r",\s+(?:а|но|и|однако|причём|причем|при этом)\s+",
    "uk": r",\s+(?:а|але|і|й|проте|однак)\s+",
    "es": r"(?:,\s+(?:y|pero|mientras que|sin embargo,|aunque)|;\s+)\s*",
}
_NO_SPLIT = {
    "ru": r"(?<!\w)(?:если|если бы|когда|хотя|чтобы|что|как сообщ|по словам|заяв\w*|сказа\w*"
    r"|сообщ\w*|отмети\w*|считает|полагает)(?!\w)",
    "uk": r"(?<!\w)(?:якщо|коли|хоча|щоб|що|за словами|заяв\w*|сказа\w*|повідоми\w*)(?!\w)",
    "es": r"(?<!\w)(?:si|cuando|aunque|que|según|dijo|afirmó|declaró|aseguró|señaló|"
    r"explicó|añadió|indicó)(?!\w)",
}
_VERB_ENDINGS = {
    "ru": re.compile(
        r"(?<!\w)\w{2,}(?:ал|ял|ел|ёл|ил|ыл|ул|ла|ло|ли|ет|ит|ут|ют|ат|ят|ется|ится|ются|ятся"
        r"|утся|атся|ает|яет|ует)(?!\w)",
        re.IGNORECASE,
    ),
    "uk": re.compile(
        r"(?<!\w)\w{2,}(?:ав|яв|ив|ів|ла|ло|ли|є|ить|уть|ють|ать|ять|ється|иться)(?!\w)",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"(?<!\w)(?:\w{2,}(?:ó|ió|aron|ieron|ará|erá|irá|arán|erán|irán|aba|aban|ía|ían)"
        r"|es|son|fue|fueron|era|eran|está|están|hay|ha|han|tiene|tienen)(?!\w)",
        re.IGNORECASE,
    ),
}


def extract_claims(text: str, lang: str) -> list[ExtractedClaim]:
    """Claims of ``text`` in language ``lang`` (ISO 639-1), in text order.

    Never a claim, in any language: a question, a sentence the text already said (a
    repeated heading, a pull quote), a short label without a full stop ("Аккаунт: @okuprin",
    a name above an interview)."""
    tier = "clause" if lang in CLAUSE_LANGS else "sentence"
    claims: list[ExtractedClaim] = []
    seen: set[str] = set()
    for s_start, s_end in _lines(text, split_sentences(text, lang, favour_recall=True)):
        sentence = text[s_start:s_end].strip()
        key = " ".join(sentence.casefold().split())
        if _not_a_claim(sentence) or key in seen:
            continue
        seen.add(key)
        pieces = split_clauses(text, s_start, s_end, lang) if tier == "clause" else []
        if not pieces:
            pieces = [(s_start, s_end)]
        for start, end in pieces:
            claim = _claim(text, start, end, lang, tier, len(pieces) > 1)
            if claim is not None:
                claims.append(claim)
    return claims


_QUESTION_MARKS = ("?", "\uff1f", "\u061f", "\u037e", "\u055e", "\u1367")
_CLOSERS = "\"'\u201d\u2019\u00bb)\u300d\u300f "
_ENDS = (".", "!", "\u3002", "\u0964", "\u104b", "\u06d4", "\u0e2f", "\u2026", *_QUESTION_MARKS)


def _lines(text: str, sentences: list[Span]) -> list[Span]:
    """The sentences, cut again at line breaks: a title above a link, a name above an
    answer, never one claim."""
    out = []
    for start, end in sentences:
        if _PHOTO_RE.match(text, start, end):
            continue  # "Фото: личный архив ...": a photo credit, whatever its lines
        for m in re.finditer(r"[^\n]+", text[start:end]):
            if m.group().strip():
                out.append((start + m.start(), start + m.end()))
    return out


def _not_a_claim(sentence: str) -> bool:
    """A question, a short label or name, a table row with no sentence end, or a bare link
    (see extract_claims)."""
    bare = sentence.rstrip(_CLOSERS)
    if bare.endswith(_QUESTION_MARKS):
        return True
    words = sentence.split()
    if len(words) == 1 and len(bare) <= 5 and bare[:1].lower() != bare[:1].upper():
        return True  # "Pos." (a table's column, cut at its full stop), in a cased script
    links = [w for w in words if _LINK_RE.search(w)]
    if links and len(words) - len(links) <= 2:
        return True  # "Clique aqui: https://goo.gl/...", "http://amzn.to/..."
    if _CREDIT_RE.search(sentence) and len(words) <= 12:
        return True  # "저작권자 ⓒ ...", a byline with the writer's address
    if bare.endswith(_ENDS) or not any(c.lower() != c.upper() for c in sentence):
        # (only in a cased script: a Thai or Chinese sentence may end without a mark and
        # hold no space, so neither its words nor its end say it is a label)
        return False
    numeric = sum(any(c.isdigit() for c in w) for w in words)
    # "Аккаунт: @okuprin"; "2 Martin Truex Jr. 5035 7 0 15 24", a row of a table
    label = len(words) <= 3 and not any(c.isdigit() for c in sentence.split(":")[0])
    return label or numeric * 2 >= len(words) >= 2


_PHOTO_RE = re.compile(
    r"\W*(?:фото|світлина|foto|fotos|fotografía|photo|photos|image|imagen|bild|"
    r"写真|照片|图片|사진)\s*[:：]",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(r"[\u00a9\u24d2]|\(c\)\s|\b[\w.+-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
_LINK_RE = re.compile(rf"(?i)^\W*(?:{LINK_START}|www\.)\S+")


def split_clauses(text: str, start: int, end: int, lang: str) -> list[Span]:
    """Coordinated clauses of the sentence text[start:end], or [] to keep it whole.

    Splits only at ", и/а/но/однако" (ru), ", і/а/але" (uk), ", y/pero/mientras que" or ";"
    (es) when both sides have a verb and the following side starts a clause of its own (not
    an object list: "купил хлеб, и молоко"); never in a sentence with a quotation, reported
    speech ("заявил, что", "dijo que") or a condition ("если", "si").
    """
    pattern = _CONJUNCTIONS.get(lang)
    if pattern is None:
        return []
    sentence = text[start:end]
    if re.search(r"[«»„“”\"]", sentence) or re.search(_NO_SPLIT[lang], sentence, re.I):
        return []
    verbs = _VERB_ENDINGS[lang]
    cuts: list[tuple[int, int]] = []  # (end of the left clause, start of the right one)
    for m in re.finditer(pattern, sentence):
        cuts.append((m.start(), m.end() - _conjunction_kept(m.group(), lang)))
    if not cuts:
        return []
    pieces: list[Span] = []
    left = 0
    for cut_end, right_start in cuts:
        left_text, right_text = sentence[left:cut_end], sentence[right_start:]
        next_cut = next((c for c, _ in cuts if c > right_start), len(sentence))
        if (
            verbs.search(left_text)
            and verbs.search(sentence[right_start:next_cut])
            and len(left_text.split()) >= 3
            and len(right_text.split()) >= 3
        ):
            pieces.append((start + left, start + cut_end))
            left = right_start
    if not pieces:
        return []
    pieces.append((start + left, end))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in pieces) if s < e]


def _conjunction_kept(match: str, lang: str) -> int:
    """How much of the separator the right clause keeps ("но Россия ..." keeps "но")."""
    stripped = match.lstrip(",; ")
    if stripped.strip(" ,") in ("и", "і", "й", "y"):
        return 0  # plain "and": the right clause starts after it
    return len(stripped) if stripped.strip(" ,") else 0


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " ,;":
        s += 1
    while e > s and text[e - 1] in " ,;":
        e -= 1
    return s, e


def _trim_loose_marks(text: str, start: int, end: int) -> Span:
    """Drop punctuation standing alone at either end ('thủ phạm . "' keeps 'thủ phạm .')."""
    while True:
        head = re.match(r"[^\w\s]+\s+", text[start:end])
        if not head or start + head.end() >= end:
            break
        start += head.end()
    while True:
        tail = re.search(r"\s+[^\w\s]+\Z", text[start:end])
        if not tail or not re.search(r"\w", text[start : start + tail.start()]):
            break
        if re.fullmatch(r"\s+[.!?…။।؟。]+", tail.group()):
            break  # a detached full stop ends this very sentence: keep it
        end = start + tail.start()
    return start, end


def _claim(
    text: str, start: int, end: int, lang: str, tier: str, split: bool
) -> ExtractedClaim | None:
    start, end = _trim_loose_marks(text, start, end)
    piece = text[start:end]
    if not any(c.isalnum() for c in piece):
        return None
    numbers = find_numbers(text, lang, start, end)
    quotes = find_quotes(text, lang, start, end)
    dates = find_dates(text, lang, start, end)
    kind = classify(piece, lang, numbers, quotes)
    details: dict[str, Any] = {
        "language": lang,
        "tier": tier,
        "granularity": "clause" if split else "sentence",
        "numbers": numbers,
        "quotes": quotes,
        "dates": dates,
    }
    return ExtractedClaim(
        text=piece,
        spans=((start, end),),
        kind=kind,
        checkworthiness=checkworthiness(piece, kind, details),
        details=details,
    )


def classify(piece: str, lang: str, numbers: list[dict], quotes: list[dict]) -> str:
    """The claim's kind, in the English engine's vocabulary.

    A quotation makes a quote; a figure with a unit (or any figure but a bare small count) a
    quantity; then cue words decide causal, comparison, event or attribute (Russian,
    Ukrainian, Spanish); otherwise a statement.
    """
    if quotes:
        return "quote"
    if any(n["unit"] or abs(n["value"]) >= 10 for n in numbers):
        return "quantity"
    cues = _CUES.get(lang)
    if cues:
        lowered = piece.lower()
        for kind in ("causal", "comparison", "event", "attribute"):
            if _has_cue(lowered, cues[kind]):
                return kind
    if numbers:
        return "quantity"
    return "statement"


def _has_cue(lowered: str, words: str) -> bool:
    for word in words.split():
        if re.search(rf"(?<!\w){re.escape(word.replace('_', ' '))}", lowered):
            return True
    return False


_KIND_BONUS = {
    "quantity": 0.15,
    "quote": 0.1,
    "event": 0.1,
    "causal": 0.1,
    "comparison": 0.1,
    "attribute": 0.0,
    "statement": 0.0,
}


def checkworthiness(piece: str, kind: str, details: dict[str, Any]) -> float:
    """A language-agnostic score in 0.05..0.95 (see the module docstring)."""
    score = 0.3 + _KIND_BONUS.get(kind, 0.0)
    if details["numbers"]:
        score += 0.15
    if details["dates"]:
        score += 0.1
    if any(q.get("speaker") for q in details["quotes"]):
        score += 0.1
    names = re.findall(r"(?<=\s)[A-ZА-ЯЁІЇЄҐÁÉÍÓÚÑ][\w\-]+", piece)
    if names:
        score += 0.1
    if len(piece) < 25:
        score -= 0.15
    if piece.rstrip().endswith(("?", "？", "؟")):
        score -= 0.2
    return round(min(0.95, max(0.05, score)), 3)
