"""The evidence finder: passages of a source's text that bear on a claim. Pure, ORM-free.

    passages = find_passages(source_text, claim_text, details=claim.details)

The source text is cut into passages (short paragraphs, or windows of a few sentences), each
scored with BM25 over the claim's key terms plus bonuses for

- the claim's numbers, in any unit spelling ("300 MW", "300 megawatts", "300-megawatt"):
  the same quantity scores high, a near one (within 15 %) less, another quantity of the same
  dimension (330 MW for 300 MW) a little;
- its named entities, matched as phrases;
- its quoted words; a quote found word for word flags the passage ``verbatim_quote``.

Every match is reported as a highlight span relative to the passage. A passage that states
the claim's kind of quantity (money in the same currency, power, a percentage...) or a date
with another value, beyond the rounding either side uses, carries a ``Difference``: for a
fact-checker "$156 billion" against a claim of "$160 billion" is the point, not a match.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.extraction import quantities
from claims.extraction.quantities import DateMention
from claims.extraction.segment import split_sentences
from claims.passages.figures import (
    UNIT_FACTORS,
    Difference,
    Quantity,
    find_differences,
    parse_numbers,
    quantity_match,
)

Span = tuple[int, int]

# Words -------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?", re.UNICODE)
_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your said says say told according
    would may might must shall new one two three"""
STOPWORDS = frozenset(_STOPWORDS.split())


def stem(word: str) -> str:
    """A light English stemmer: enough to match "plants"/"plant", "expanding"/"expand"."""
    word = word.lower().replace("\u2019", "'")
    word = word.removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes")):
                continue
            return word[: -len(suffix)] + repl
    return word


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of the content words of ``text``."""
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group().lower()
        if len(word) < 2 or word in STOPWORDS:
            continue
        for part in re.split(r"-", word) if "-" in word else [word]:
            if len(part) >= 2 and part not in STOPWORDS:
                out.append((stem(part), m.start(), m.end()))
    return out


_QUOTE_RE = re.compile(r"\"([^\"]{1,400})\"|“([^”]{1,400})”|(?<!\w)'([^']{1,200})'(?!\w)")
_ENTITY_RE = re.compile(
    r"(?<![\w'\u2019])[A-Z][\w'\u2019.-]*(?:\s+(?:of|the|de|al)?\s*[A-Z][\w'\u2019.-]*)*"
)


def _phrase_regex(phrase: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+", phrase)
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


# The query ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()


def build_query(claim_text: str, details: Mapping[str, Any] | None = None) -> Query:
    """The claim's key terms, numbers, quotes and named entities (text and extractor details)."""
    details = details or {}
    figures = {(q.value, q.dimension): q for q in parse_numbers(claim_text)}
    for item in details.get("numbers") or []:
        for q in parse_numbers(str(item.get("text", ""))):
            figures.setdefault((q.value, q.dimension), q)
    quotes = [next(g for g in m.groups() if g) for m in _QUOTE_RE.finditer(claim_text)]
    quotes += [str(q.get("text", "")) for q in details.get("quotes") or []]
    number_spans = [(q.start, q.end) for q in parse_numbers(claim_text)]
    entities = [
        m.group().rstrip(".")
        for m in _ENTITY_RE.finditer(claim_text)
        if not any(a <= m.start() < b for a, b in number_spans)
    ]
    entities += [str(e.get("text", "")) for e in details.get("entities") or []]
    first_word = claim_text.split(maxsplit=1)[0] if claim_text.split() else ""
    entities = [
        e
        for e in entities
        if e and e != first_word and e.lower() not in STOPWORDS and e not in UNIT_FACTORS
    ]
    terms = [t for t, s, e in tokens(claim_text) if not any(a <= s < b for a, b in number_spans)]
    return Query(
        terms=tuple(dict.fromkeys(terms)),
        quantities=tuple(figures.values()),
        quotes=tuple(dict.fromkeys(q.strip() for q in quotes if q.strip())),
        entities=tuple(dict.fromkeys(entities)),
        dates=tuple(quantities.find_dates(claim_text)),
    )


# Passages ----------------------------------------------------------------------------------


def split_passages(text: str, max_chars: int = 400) -> list[Span]:
    """Spans of passages: each paragraph, or windows of its sentences when it is long (cut
    where the extractor ends sentences, so never after "Sept." or "Mr.")."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start, end = para.start(), para.end()
        if not text[start:end].strip():
            continue
        if end - start <= max_chars:
            spans.append(_strip(text, start, end))
            continue
        cuts = [start] + [e for _, e in split_sentences(text, start, end)[:-1]] + [end]
        window_start = cuts[0]
        for prev, cut in itertools.pairwise(cuts):
            if cut - window_start > max_chars and prev > window_start:
                spans.append(_strip(text, window_start, prev))
                window_start = prev
        spans.append(_strip(text, window_start, end))
    return [s for s in spans if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    return start + (len(chunk) - len(chunk.lstrip())), end - (len(chunk) - len(chunk.rstrip()))


@dataclass(frozen=True)
class Passage:
    rank: int
    score: float
    text: str
    start: int
    end: int
    matched_terms: tuple[str, ...] = ()
    highlights: tuple[Span, ...] = ()
    verbatim_quote: bool = False
    quotes_found: tuple[str, ...] = field(default=(), compare=False)
    differences: tuple[Difference, ...] = ()


K1, B = 1.2, 0.75
ENTITY_BONUS, QUOTE_BONUS = 1.5, 6.0


def find_passages(
    text: str,
    claim_text: str,
    details: Mapping[str, Any] | None = None,
    *,
    limit: int = 5,
    max_chars: int = 400,
    words: bool = True,
) -> list[Passage]:
    """The passages of ``text`` that bear on the claim, best first (at most ``limit``).

    ``words=False`` when the source is in another language than the claim: its numbers,
    names and quotes are matched, never its words (they would only match by accident)."""
    query = build_query(claim_text, details)
    if not words:
        query = Query((), query.quantities, query.quotes, query.entities, query.dates)
    spans = split_passages(text, max_chars=max_chars)
    if not spans:
        return []
    docs = [tokens(text[s:e]) for s, e in spans]
    counts = [Counter(t for t, _, _ in doc) for doc in docs]
    avgdl = sum(len(doc) for doc in docs) / len(docs) or 1.0
    df = Counter(t for c in counts for t in set(c))
    n = len(docs)
    quote_res = [(q, _phrase_regex(q)) for q in query.quotes]
    entity_res = [(e, _phrase_regex(e)) for e in query.entities]

    scored = []
    for (start, end), doc, tf in zip(spans, docs, counts, strict=True):
        chunk = text[start:end]
        score, matched, marks = 0.0, [], []
        for term in query.terms:
            if term not in tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            f = tf[term]
            score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * len(doc) / avgdl))
            matched.append(term)
            marks += [(s, e) for t, s, e in doc if t == term]
        # (a claim without figures has nothing to match the chunk's figures with)
        for found in parse_numbers(chunk) if query.quantities else ():
            best = max((quantity_match(w, found) for w in query.quantities), default=0.0)
            if best:
                score += best
                matched.append(found.text)
                marks.append((found.start, found.end))
        for entity, regex in entity_res:
            hits = list(regex.finditer(chunk)) if regex else []
            if hits:
                score += ENTITY_BONUS
                matched.append(entity)
                marks += [(h.start(), h.end()) for h in hits]
        quotes_found = []
        for quote, regex in quote_res:
            hits = list(regex.finditer(chunk)) if regex else []
            if hits:
                score += QUOTE_BONUS
                quotes_found.append(quote)
                matched.append(f"“{quote}”")
                marks += [(h.start(), h.end()) for h in hits]
        if score > 0:
            scored.append((score, start, end, chunk, matched, marks, quotes_found))

    scored.sort(key=lambda item: (-item[0], item[1]))
    if scored:
        floor = scored[0][0] * 0.2
        scored = [item for item in scored if item[0] >= floor]
    return [
        Passage(
            rank=rank,
            score=round(score, 4),
            text=chunk,
            start=start,
            end=end,
            matched_terms=tuple(dict.fromkeys(matched)),
            highlights=tuple(merge_spans(marks)),
            verbatim_quote=bool(quotes_found),
            quotes_found=tuple(quotes_found),
            differences=tuple(find_differences(query.quantities, query.dates, chunk)),
        )
        for rank, (score, start, end, chunk, matched, marks, quotes_found) in enumerate(
            scored[:limit], start=1
        )
    ]


def page_at(offset: int, page_starts: Sequence[int]) -> int | None:
    """The page (1-based) of a source text that ``offset`` falls on, given where each page
    starts (``Snapshot.page_starts``, PDFs); None for a text without pages (a web page)."""
    if not page_starts:
        return None
    return max(bisect.bisect_right(page_starts, offset), 1)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
