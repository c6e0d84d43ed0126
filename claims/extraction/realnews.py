"""The real-news development set: gold claims of real articles, scored with ../shared's scorer.

The annotations live in ``tests/data/realnews/*.json`` (offsets, kinds, priorities; see
``docs/annotation.md``); the article texts are read from
``../shared/data/article-pages/ground-truth.json`` and never stored in the repository.

Figures (pooled over the articles of a split):

- precision and recall at Jaccard >= 0.5 (the scorer's optimal one-to-one matching);
- junk rate: the share of predicted claims matched to no gold claim at Jaccard >= 0.3;
- priority-3 recall: recall at Jaccard >= 0.5 against the priority-3 gold claims alone;
- forbidden: predicted claims overlapping a ``not_claims`` string at Jaccard >= 0.5;
- reversed: predicted claims matched (J >= 0.3) to a gold claim whose negation, modal or
  conditional words inside the predicted claim's stretch of text are missing from the
  predicted spans.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.extraction.evaluation import score
from claims.extraction.lexicon import words
from claims.extraction.types import ExtractedClaim

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "tests" / "data" / "realnews"
SPLITS = ("dev", "heldout")

Extractor = Callable[[str], list[ExtractedClaim]]

_POLARITY = words(
    """not n't never no nor neither cannot without unless if whether could may might would
    should must can will shall unable fail failed fails refuse refused denied deny denies
    difficulty nobody nothing none"""
)
_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?|n['\u2019]t")


@dataclass
class Article:
    key: str
    url: str
    split: str
    text: str
    claims: list[dict[str, Any]]
    not_claims: list[list[int]]


@dataclass
class Report:
    """Figures for one split (see the module docstring)."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    junk_rate: float = 0.0
    p3_recall: float = 0.0
    p3_gold: int = 0
    forbidden: int = 0
    reversed: int = 0
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def load(split: str, shared: Path) -> list[Article]:
    """The annotated articles of `split` with their texts (checked against the stored hash)."""
    truth = json.loads(
        (shared / "data" / "article-pages" / "ground-truth.json").read_text(encoding="utf-8")
    )
    out = []
    for path in sorted(STORE.glob("*.json")):
        stored = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and stored["split"] != split:
            continue
        text = truth[stored["page"]]["articleBody"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != stored["text_sha256"]:
            raise ValueError(f"{path.name}: the article text changed since it was annotated")
        out.append(
            Article(
                path.stem,
                stored["url"],
                stored["split"],
                text,
                stored["claims"],
                stored["not_claims"],
            )
        )
    return out


def _words(text: str, spans: Iterable[Iterable[int]]) -> set[int]:
    """Positions of alphanumeric runs covered by the spans (the scorer's span mode)."""
    out = set()
    for s, e in spans:
        for m in re.finditer(r"[^\W_]+", text[s:e]):
            out.add(s + m.start())
    return out


def _polarity_tokens(text: str, spans: Iterable[Iterable[int]]) -> set[tuple[int, str]]:
    out = set()
    for s, e in spans:
        for m in _TOKEN_RE.finditer(text, s, e):
            word = m.group().lower().replace("\u2019", "'")
            if word in _POLARITY or word == "n't":
                out.add((m.start(), word))
    return out


def reversed_claims(article: Article, predicted: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Predicted claims that leave out a polarity word of the gold claim they overlap."""
    out = []
    text = article.text
    golds = [(g, _words(text, g["spans"])) for g in article.claims]
    for claim in predicted:
        mine = _words(text, claim.spans)
        if not mine:
            continue
        best, best_j = None, 0.0
        for g, gold_words in golds:
            j = len(mine & gold_words) / len(mine | gold_words)
            if j > best_j:
                best, best_j = g, j
        if best is None or best_j < 0.3:
            continue
        lo, hi = claim.start, claim.end
        gold_pol = {p for p in _polarity_tokens(text, best["spans"]) if lo <= p[0] < hi}
        if gold_pol - _polarity_tokens(text, claim.spans):
            out.append(claim)
    return out


def _gold_line(article: Article, claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": article.key,
        "text": article.text,
        "propositions": [{"spans": c["spans"]} for c in claims],
    }


def evaluate(
    split: str, extractor: Extractor, shared: Path, scorer: Path | None = None
) -> tuple[Report, dict[str, list[ExtractedClaim]]]:
    """Score `extractor` on the articles of `split`; also return its claims per article."""
    scorer = scorer or shared / "tools" / "score_claims.py"
    articles = load(split, shared)
    predictions = {a.key: extractor(a.text) for a in articles}
    report = Report(articles=len(articles))
    with tempfile.TemporaryDirectory() as tmp:
        gold_all, gold_p3, pred = (Path(tmp) / n for n in ("all.jsonl", "p3.jsonl", "pred.jsonl"))
        with gold_all.open("w") as fa, gold_p3.open("w") as f3, pred.open("w") as fp:
            for a in articles:
                fa.write(json.dumps(_gold_line(a, a.claims)) + "\n")
                f3.write(
                    json.dumps(_gold_line(a, [c for c in a.claims if c["priority"] == 3])) + "\n"
                )
                props = [{"spans": [list(s) for s in c.spans]} for c in predictions[a.key]]
                fp.write(json.dumps({"id": a.key, "propositions": props}) + "\n")
        main = score(scorer, gold_all, pred, mode="span")
        loose = score(scorer, gold_all, pred, mode="span", threshold=0.3)
        p3 = score(scorer, gold_p3, pred, mode="span")
    fig = main["theta=0.5"]
    report.gold, report.predicted = main["n_gold"], main["n_pred"]
    report.precision, report.recall, report.f1 = fig["P"], fig["R"], fig["F1"]
    report.junk_rate = 1.0 - loose["theta=0.3"]["P"] if report.predicted else 0.0
    report.p3_gold = p3["n_gold"]
    report.p3_recall = p3["theta=0.5"]["R"]
    for a in articles:
        claims = predictions[a.key]
        forbidden = [
            c for c in claims if any(_overlaps(a.text, c.spans, [n]) for n in a.not_claims)
        ]
        flipped = reversed_claims(a, claims)
        report.forbidden += len(forbidden)
        report.reversed += len(flipped)
        report.per_article.append(
            {
                "article": a.key,
                "gold": len(a.claims),
                "predicted": len(claims),
                "forbidden": len(forbidden),
                "reversed": len(flipped),
            }
        )
    return report, predictions


def _overlaps(text: str, spans: Iterable[Iterable[int]], other: list[list[int]]) -> bool:
    a, b = _words(text, spans), _words(text, other)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5
