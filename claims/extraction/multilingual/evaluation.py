"""Score sentence segmenters and the language identifier on the shared multilingual sets. Pure.

    docs = load_documents(folder)                  # {"ru": [Document, ...], ...}
    rows = compare_segmenters(docs)                # one SegmentationScore per (lang, tool)
    print(format_table(rows))
    langid = score_langid(folder / "langid.jsonl")

The unit is the internal boundary, as in the data's README: the start offset of every
sentence except the first of each document. Precision, recall and F1 are micro-averaged over
a language's documents. ``best_tool`` picks the winner per language by F1 (ties: the faster).
"""

# ruff: noqa: RUF001 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from claims.extraction.multilingual.segment import split_sentences

Span = tuple[int, int]
Segmenter = Callable[[str, str], list[Span]]

LANGUAGES = ("ru", "uk", "my", "th", "zh", "ja", "ar", "hi", "es", "fr", "de", "id", "vi")
# pysbd's languages (0.3.4): where it has none, it is not a candidate.
PYSBD_LANGS = frozenset(
    [
        "en",
        "hi",
        "mr",
        "zh",
        "es",
        "am",
        "ar",
        "hy",
        "bg",
        "ur",
        "ru",
        "pl",
        "fa",
        "nl",
        "da",
        "fr",
        "my",
        "el",
        "it",
        "ja",
        "de",
        "kk",
        "sk",
    ]
)


@dataclass(frozen=True)
class Document:
    id: str
    lang: str
    text: str
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class SegmentationScore:
    lang: str
    tool: str
    gold: int
    tp: int
    fp: int
    fn: int
    ms_per_doc: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_documents(folder: Path, langs: Iterable[str] = LANGUAGES) -> dict[str, list[Document]]:
    """The ``<code>.jsonl`` documents of ``folder`` for each language present."""
    out: dict[str, list[Document]] = {}
    for lang in langs:
        path = Path(folder) / f"{lang}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        out[lang] = [
            Document(r["id"], r["lang"], r["text"], tuple(tuple(s) for s in r["sentences"]))
            for r in rows
        ]
    return out


def spans_to_boundaries(spans: Iterable[Span]) -> set[int]:
    """Internal boundaries: the start of every span but the first."""
    starts = sorted(s for s, _ in spans)
    return set(starts[1:])


def score_segmenter(
    docs: list[Document], segmenter: Segmenter, tool: str, repeat: int = 1
) -> SegmentationScore:
    """Micro-averaged boundary counts of ``segmenter(text, lang)`` over ``docs``."""
    tp = fp = fn = gold_n = 0
    best = float("inf")
    for attempt in range(max(1, repeat)):
        began = time.perf_counter()
        predicted = [segmenter(doc.text, doc.lang) for doc in docs]
        best = min(best, time.perf_counter() - began)
        if attempt:
            continue
        for doc, spans in zip(docs, predicted, strict=True):
            gold = spans_to_boundaries(doc.sentences)
            found = spans_to_boundaries(spans)
            gold_n += len(gold)
            tp += len(gold & found)
            fp += len(found - gold)
            fn += len(gold - found)
    lang = docs[0].lang if docs else ""
    return SegmentationScore(lang, tool, gold_n, tp, fp, fn, 1000 * best / max(1, len(docs)))


# ------------------------------------------------------------------------------- the tools


def ours(text: str, lang: str) -> list[Span]:
    """This package's rules, told the language (as the workbench will be, after langid)."""
    return split_sentences(text, lang)


def ours_detected(text: str, lang: str) -> list[Span]:
    """This package's rules, detecting the language itself."""
    return split_sentences(text)


def naive(text: str, lang: str) -> list[Span]:
    """The data README's regex B: a terminator (closers absorbed), then whitespace or CJK."""
    import re

    spans, begin = [], 0
    for m in re.finditer(r"[.!?।။؟][\"'”’»)]*(?=\s|$)|[。！？][\"'”’»」』)）]*", text):
        spans.append((begin, m.end()))
        begin = m.end()
        while begin < len(text) and text[begin].isspace():
            begin += 1
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


def _anchor(text: str, pieces: Iterable[str]) -> list[Span]:
    """Offsets of each piece, found in order (for tools that return strings)."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            continue
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    return spans


_PYSBD: dict[str, object] = {}


def pysbd_tool(text: str, lang: str) -> list[Span]:
    """pysbd with char_span=True (offsets as given)."""
    import pysbd

    segmenter = _PYSBD.get(lang)
    if segmenter is None:
        segmenter = _PYSBD[lang] = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return [(s.start, s.end) for s in segmenter.segment(text)]  # type: ignore[attr-defined]


def sentencex_tool(text: str, lang: str) -> list[Span]:
    import sentencex

    return _anchor(text, sentencex.segment(lang, text))


def pythainlp_tool(text: str, lang: str) -> list[Span]:
    from pythainlp.tokenize import sent_tokenize

    return _anchor(text, [str(s) for s in sent_tokenize(text, engine="crfcut")])


def available_tools(lang: str) -> dict[str, Segmenter]:
    """The segmenters to compare for ``lang``: ours, the naive regex, and installed libraries."""
    tools: dict[str, Segmenter] = {"ours": ours, "naive regex": naive}
    if lang in PYSBD_LANGS and _importable("pysbd"):
        tools["pysbd"] = pysbd_tool
    if _importable("sentencex"):
        tools["sentencex"] = sentencex_tool
    if lang == "th" and _importable("pythainlp") and _importable("pycrfsuite"):
        tools["pythainlp crfcut"] = pythainlp_tool
    return tools


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def compare_segmenters(
    docs: dict[str, list[Document]], tools: Iterable[str] | None = None, repeat: int = 1
) -> list[SegmentationScore]:
    """Every available tool (or those named) on every language's documents."""
    rows = []
    for lang, lang_docs in docs.items():
        for name, fn in available_tools(lang).items():
            if tools is not None and name not in tools:
                continue
            rows.append(score_segmenter(lang_docs, fn, name, repeat))
    return rows


def best_tool(rows: Iterable[SegmentationScore]) -> dict[str, SegmentationScore]:
    """The winner per language: highest F1, then fastest (excluding the naive baseline)."""
    winners: dict[str, SegmentationScore] = {}
    for row in rows:
        if row.tool == "naive regex":
            continue
        best = winners.get(row.lang)
        key = (round(row.f1, 4), -row.ms_per_doc)
        if best is None or key > (round(best.f1, 4), -best.ms_per_doc):
            winners[row.lang] = row
    return winners


TARGET_F1 = 0.95
ADOPT_MARGIN = 0.01


def chosen_tools(rows: Iterable[SegmentationScore]) -> dict[str, str]:
    """The tool the workbench uses per language.

    A library replaces this package's rules (and becomes a runtime dependency) only where it
    beats them by more than ``ADOPT_MARGIN`` F1 *and* reaches ``TARGET_F1``; otherwise the
    rules stay (no dependency for a difference of a few boundaries, or for a tool that misses
    the target anyway).
    """
    rows = list(rows)
    ours_f1 = {r.lang: r.f1 for r in rows if r.tool == "ours"}
    chosen = {lang: "ours" for lang in ours_f1}
    for lang, best in best_tool(rows).items():
        base = ours_f1.get(lang, 0.0)
        if best.tool != "ours" and best.f1 > base + ADOPT_MARGIN and best.f1 >= TARGET_F1:
            chosen[lang] = best.tool
    return chosen


def format_table(rows: list[SegmentationScore]) -> str:
    """A plain-text table: one line per language and tool; '*' marks the best F1 and '>' the
    tool the workbench uses (``chosen_tools``)."""
    winners = best_tool(rows)
    chosen = chosen_tools(rows)
    lines = [
        f"{'lang':4} {'tool':17} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'ms/doc':>7}",
        "-" * 57,
    ]
    last = None
    for row in rows:
        if last is not None and row.lang != last:
            lines.append("")
        last = row.lang
        mark = "*" if winners.get(row.lang) is row else " "
        use = ">" if chosen.get(row.lang) == row.tool else " "
        lines.append(
            f"{row.lang:4}{use}{row.tool:16}{mark} {row.gold:5d} {row.precision:6.3f} "
            f"{row.recall:6.3f} {row.f1:6.3f} {row.ms_per_doc:7.2f}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------- language id


@dataclass(frozen=True)
class LangidScore:
    total: int
    correct: int
    ms_per_text: float
    confusions: dict[tuple[str, str], int]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def score_langid(path: Path, detector: Callable[[str], str] | None = None) -> LangidScore:
    """Accuracy of ``detector(text) -> lang`` (default: ours) on a ``langid.jsonl`` file."""
    if detector is None:
        from claims.extraction.multilingual.langid import detect

        def detector(text: str) -> str:
            return detect(text).lang

    with Path(path).open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    detector(rows[0]["text"]) if rows else None  # load the model outside the clock
    confusions: dict[tuple[str, str], int] = {}
    correct = 0
    began = time.perf_counter()
    for row in rows:
        found = detector(row["text"])
        if found == row["lang"]:
            correct += 1
        else:
            key = (row["lang"], found)
            confusions[key] = confusions.get(key, 0) + 1
    elapsed = time.perf_counter() - began
    return LangidScore(len(rows), correct, 1000 * elapsed / max(1, len(rows)), confusions)
