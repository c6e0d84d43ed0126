"""Clean stage: tell article prose from page furniture without rewriting the text.

Pasted articles carry navigation, forum chrome (user names, "Joined", counters),
share buttons, bylines and cookie notices.  This stage classifies each line and
returns regions (offsets into the original text), so later stages never see
furniture and every offset stays an offset into what the user pasted.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claims.extraction.lexicon import words
from claims.extraction.patterns import RESULT_RE
from claims.extraction.types import Span

# a line without the blanks around it (group 1); a blank line matches nothing
_LINE_RE = re.compile(r"[^\S\n]*([^\s](?:[^\n]*[^\s])?)[^\S\n]*")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
_END_PUNCT = frozenset(".!?\u2026:;\"\u201d'\u2019)")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A line that is only a date, a time, a counter or a relative timestamp.
_VALUE_LINE_RE = re.compile(
    rf"""^\s*(?:
        {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
      | \d{{1,2}}\s+{_MONTH},?\s+\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?)?
      | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}
      | \d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?
      | [#+\-]?[\d.,\s]+[kKmM]?
      | \d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago
      | (?:yesterday|today)(?:\s+at\s+\d{{1,2}}:\d{{2}}\s*(?:[ap]m)?)?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A label followed by a value on the same line ("Joined: Aug 7, 2024", "Messages 1,229").
_LABEL_VALUE_RE = re.compile(r"^\s*[A-Z][\w ]{0,24}:\s*\S.{0,30}$")
# Interface vocabulary: a short line made only of these words is chrome.
_UI_WORDS = words(
    """
    share tweet facebook twitter linkedin whatsapp email print reply quote like likes
    report bookmark follow subscribe login log sign up register menu home search back
    top bottom next previous prev more read comments comment views joined messages posts
    member members reaction score country location new what's whats advertisement
    advertise sponsored related tags tag categories category archive archives newsletter
    cookie cookies accept settings privacy policy terms contact about skip content
    navigation toggle close open full premium moderator admin administrator staff senior
    junior guest online offline thread threads forum forums latest popular trending
    points trophy trophies gender age joined: posted edited last
    """
)
_BYLINE_RE = re.compile(
    r"^\s*(?:by|posted by|written by|words by|photo(?:graph)?(?: by)?|image(?: by)?|credit"
    r"|published|updated|last updated|posted|source)\b[\s:]",
    re.IGNORECASE,
)
_COOKIE_RE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:accept|consent|agree|continu|brows|privacy|experience)",
    re.IGNORECASE,
)
_BOILERPLATE_RE = re.compile(
    r"^\s*(?:all rights reserved|copyright|©|\(c\)|read more|click here|sign up|"
    r"subscribe to|share this|follow us|related articles?|you may also like|advertisement)",
    re.IGNORECASE,
)
# Finite-verb hint for short lines (keeps "Putin met Xi" while dropping "Top Bottom").
_VERB_HINT_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|said|says|\w{3,}ed)\b",
    re.IGNORECASE,
)


class Line(NamedTuple):
    """One line of the input with its classification (a tuple: one is made per line, and a
    frozen dataclass costs three times as much to make)."""

    start: int
    end: int
    label: str  # body | furniture | heading


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def _is_title_case(words: list[str]) -> bool:
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps >= max(2, int(0.7 * len(words) + 0.5))


def classify_line(line: str, *, multiline: bool) -> str:
    """Label one stripped line as body, furniture or heading."""
    if not line:
        return "furniture"
    ends_sentence = line[-1] in _END_PUNCT
    if multiline and len(line) <= 6 and not ends_sentence:
        return "furniture"  # three words at most (the first test below), found without a regex
    words = _words(line)
    if not words:
        return "furniture"
    if multiline and len(words) <= 3 and not ends_sentence:
        return "furniture"  # every test below says so too; this one is cheap
    if _COOKIE_RE.search(line) or _BOILERPLATE_RE.match(line):
        return "furniture"
    if _VALUE_LINE_RE.match(line):
        return "furniture"
    lowered = [w.lower() for w in words]
    if len(words) <= 6 and all(w in _UI_WORDS for w in lowered):
        return "furniture"
    if len(words) <= 8 and _BYLINE_RE.match(line) and not ends_sentence:
        return "furniture"
    if not multiline or (len(words) < 16 and RESULT_RE.match(line)):
        return "body"  # a game result is a claim however short ("Eastport d. Riverside 3-1")
    if _LABEL_VALUE_RE.match(line) and len(words) <= 6 and not ends_sentence:
        return "furniture"
    if ends_sentence and len(words) >= 4:
        return "body"
    if len(words) <= 3 and not ends_sentence:
        return "furniture"
    if len(words) <= 7 and not ends_sentence and not _VERB_HINT_RE.search(line):
        return "heading" if _is_title_case(words) else "furniture"
    if not ends_sentence and _is_title_case(words) and len(words) <= 20:
        return "heading"
    return "body"


def classify_lines(text: str) -> list[Line]:
    """Split the text into lines (offsets kept) and label each one."""
    multiline = text.count("\n") >= 2
    out: list[Line] = []
    for m in _LINE_RE.finditer(text):
        out.append(Line(m.start(1), m.end(1), classify_line(m.group(1), multiline=multiline)))
    return out


def body_regions(text: str, lines: list[Line] | None = None) -> list[Span]:
    """Regions of article prose, merged across consecutive body lines."""
    regions: list[Span] = []
    for line in classify_lines(text) if lines is None else lines:
        if line.label != "body":
            continue
        if regions and not text[regions[-1][1] : line.start].count("\n") > 1:
            # a single line break inside a paragraph: keep one region
            regions[-1] = (regions[-1][0], line.end)
        else:
            regions.append((line.start, line.end))
    return regions


def furniture_spans(text: str, lines: list[Line] | None = None) -> list[Span]:
    """Page furniture (navigation, chrome, bylines, counters) found by the clean stage."""
    lines = classify_lines(text) if lines is None else lines
    return [(ln.start, ln.end) for ln in lines if ln.label == "furniture"]


_HTML_RE = re.compile(
    r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)|<(?:p|div|article)\b", re.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    """True when the text looks like an HTML document rather than pasted prose."""
    head = text[:2048]
    return bool(_HTML_RE.search(head)) and head.count("<") >= 3


# Elements that hold captions, pull quotes and side boxes, never the article's own prose.
_ASIDE_TAGS = ("figcaption", "figure", "aside", "blockquote[@class]", "nav", "footer")


def html_to_text(html: str) -> str:
    """Main article text of an HTML document (trafilatura), or "" when none is found.

    Captions (``<figcaption>``, ``<figure>``), side boxes and pull quotes (``<aside>``, a
    classed ``<blockquote>``), navigation and footers are removed first: they are not the
    article's claims.
    """
    import trafilatura  # imported lazily: heavy, and only needed for HTML input
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
        for element in tree.xpath(" | ".join(f"//{tag}" for tag in _ASIDE_TAGS)):
            element.drop_tree()
        html = etree.tostring(tree, encoding="unicode")
    except (etree.ParserError, ValueError):
        pass  # trafilatura copes with what lxml refuses
    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    return extracted or ""
