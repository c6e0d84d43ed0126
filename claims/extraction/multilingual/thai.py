"""Thai sentence boundaries: Thai writes no sentence mark and ends a sentence with a space.

But Thai also puts spaces between clauses, around numbers, foreign words and abbreviations,
and before lists, so most spaces are not sentence ends (in the TUD gold, 326 of 1,124).
No rule tells them apart reliably; these rules only drop the spaces that are surely not
ends, and favour recall: an over-split Thai sentence gives a clause-sized claim, an
under-split one would give a claim spanning two sentences.

A space is a sentence end before a numbered item ("15. ..."). It is *not* one when
- a digit, a Latin letter or an abbreviation ("พ.ย.", "ต.") touches it on either side, or
  punctuation that opens or joins ("(", ":", "-", ",") is beside it;
- the next chunk starts with a word that continues a sentence (และ "and", หรือ "or", ที่
  "that", ซึ่ง "which", เพื่อ "in order to", เช่น "such as", คือ "namely", ...) or a
  classifier/unit after a number;
- the previous chunk ends with a word that needs a continuation (ว่า "that", คือ, เช่น,
  ของ "of", ประมาณ "about", ...) or with the repetition mark ๆ after a short chunk.
"""

# ruff: noqa: RUF001 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import re

Span = tuple[int, int]

# Words that open a clause continuing the same sentence (a sentence rarely starts with them).
_CONTINUES = tuple(
    [
        "และ",
        "หรือ",
        "ที่",
        "ซึ่ง",
        "เพื่อ",
        "เช่น",
        "คือ",
        "ได้แก่",
        "ก็",
        "จึง",
        "จน",
        "เพราะ",
        "เนื่องจาก",
        "ว่า",
        "ของ",
        "แก่",
        "แต่ละ",
        "กับ",
        "ให้",
        "ถึง",
        "ต่อ",
        "ตาม",
        "ด้วย",
        "รวมถึง",
        "รวมทั้ง",
        "ทั้ง",
        "หรือไม่",
        "เป็นต้น",
        "ฯลฯ",
        "อย่าง",
        "ตลอด",
        "ระหว่าง",
        "ภายใน",
        "ภายใต้",
        "จาก",
        "ไป",
        "มา",
        "อยู่",
        "แล้ว",
        "เป็น",
        "คน",
        "ปี",
        "บาท",
        "ราย",
        "ล้าน",
        "พัน",
        "หมื่น",
        "แสน",
        "ครั้ง",
    ]
)
# Words after which the sentence must go on.
_NEEDS_MORE = tuple(
    [
        "ว่า",
        "คือ",
        "เช่น",
        "ของ",
        "และ",
        "หรือ",
        "ที่",
        "ซึ่ง",
        "เพื่อ",
        "ประมาณ",
        "จำนวน",
        "กว่า",
        "ถึง",
        "ใน",
        "จาก",
        "โดย",
        "กับ",
        "แก่",
        "ได้แก่",
        "ชาว",
        "นาย",
        "นาง",
        "นางสาว",
        "ดร.",
        "ศ.",
        "รศ.",
        "ผศ.",
        "พล.อ.",
        "จ.",
        "อ.",
        "ต.",
    ]
)
_ABBREVIATION_RE = re.compile(r"[\u0e01-\u0e2e]{1,3}\.(?:[\u0e01-\u0e2e]{1,3}\.)*\Z")
_LIST_ITEM_RE = re.compile(r"\d{1,3}\. ")
_NOT_BESIDE = set("(:-–—,/+=&[{")
_NOT_BEFORE = set(")]}")


def split_thai(text: str, start: int, end: int, *, favour_recall: bool = False) -> list[Span]:
    """Split text[start:end] (one sentence by the punctuation rules) at sentence spaces.

    ``favour_recall`` drops the word rules and keeps only the surely-not contexts (digits,
    Latin, abbreviations, joining punctuation): clause-sized pieces that miss about 2% of the
    gold sentence ends instead of about 20%. Claims are cut this way.
    """
    spans: list[Span] = []
    piece_start = start
    for m in re.finditer(r"[ \u00a0\u200b]+", text[start:end]):
        gap_start, gap_end = start + m.start(), start + m.end()
        if gap_start == start or gap_end == end:
            continue
        if _ends_sentence(text[piece_start:gap_start], text[gap_end:end], favour_recall):
            spans.append((piece_start, gap_start))
            piece_start = gap_end
    spans.append((piece_start, end))
    return spans


def _ends_sentence(before: str, after: str, favour_recall: bool = False) -> bool:
    if _LIST_ITEM_RE.match(after):
        return True  # "... เป็นต้น 15. ชาว ...": a numbered item starts
    last, first = before[-1], after[0]
    if not _is_thai(last) and last not in "\"'”’»)":
        return False  # after a digit, a Latin word, an abbreviation's full stop, ":" ...
    if not _is_thai(first) and first not in "\"'“‘«(":
        return False
    if last in _NOT_BESIDE or first in _NOT_BESIDE or first in _NOT_BEFORE:
        return False
    word_before = before.rsplit(" ", 1)[-1]
    if _ABBREVIATION_RE.search(word_before):
        return False
    if favour_recall:
        return True
    if after.startswith(_CONTINUES) or word_before.endswith(_NEEDS_MORE):
        return False
    return not (last == "ๆ" and len(word_before) < 8)


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"
