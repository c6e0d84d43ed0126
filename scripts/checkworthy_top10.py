#!/usr/bin/env python3
"""The top 10 claims of one article, as the workbench would list them (issue 10's acceptance).

    python scripts/checkworthy_top10.py [PAGE_PREFIX ...] [--top 10]

For each article (default: held-out articles of ``tests/data/checkworthy/``, which training
never saw): the extractor's claims, scored by the heuristic and by a model trained on the
development articles (as ``scripts/checkworthy_measure.py`` trains it), grouped into
near-copies (``claims.triage.copies``), and the top ``--top`` group leaders by score. Each line
shows the score, the claim, the highest similarity to another claim of the top list, and, when
the article is also in the real-news set (``tests/data/realnews/``), the priority (1-3) of the
gold claim it overlaps most (Jaccard of words >= 0.3), a second, independent opinion.
Judging "would a fact-checker check it" is left to the reader; docs/triage.md has ours.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthy_measure import load_split  # noqa: E402

from claims.extraction import run_extraction  # noqa: E402
from claims.triage.copies import content_words, near_copy_leaders, similarity  # noqa: E402
from claims.triage.heuristic import Heuristic  # noqa: E402
from claims.triage.training import train  # noqa: E402

REALNEWS = ROOT / "tests" / "data" / "realnews"
SHARED = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"


def words(text: str, spans) -> set[int]:
    return {s + m.start() for s, e in spans for m in re.finditer(r"[^\W_]+", text[s:e])}


def gold_priority(page: str, text: str, spans) -> str:
    path = REALNEWS / f"{page[:12]}.json"
    if not path.exists():
        return ""
    stored = json.loads(path.read_text())
    mine = words(text, spans)
    best, best_j = "", 0.0
    for claim in stored["claims"]:
        theirs = words(text, claim["spans"])
        j = len(mine & theirs) / max(1, len(mine | theirs))
        if j > best_j:
            best, best_j = str(claim["priority"]), j
    for s, e in stored["not_claims"]:
        theirs = words(text, [(s, e)])
        j = len(mine & theirs) / max(1, len(mine | theirs))
        if j > best_j:
            best, best_j = "not", j
    return best if best_j >= 0.3 else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["c58aa507c4de"])
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    truth = json.loads(SHARED.read_text(encoding="utf-8"))
    dev, heldout = load_split()
    model = train(dev, holdout=0.2, seed=1, refit=True).model
    held_pages = {r.group for r in heldout}
    for prefix in args.pages:
        page = next(p for p in truth if p.startswith(prefix))
        text = truth[page]["articleBody"]
        claims = run_extraction(text).claims
        split = "held-out" if page in held_pages else "development"
        print(f"\n{prefix} ({split} article, {truth[page]['url']}): {len(claims)} claims")
        inputs = [
            {"text": c.text, "kind": c.kind, "details": c.details, "position": c.start / len(text)}
            for c in claims
        ]
        for name, scorer in (("model", model), ("heuristic", Heuristic())):
            scores = scorer.score(inputs)
            leaders = near_copy_leaders([c.text for c in claims], scores)
            groups = sum(1 for leader in leaders if leader is not None)
            order = sorted(
                (i for i, leader in enumerate(leaders) if leader is None),
                key=lambda i: (-scores[i], i),
            )[: args.top]
            top_words = [content_words(claims[i].text) for i in order]
            print(f"\n  top {args.top} by the {name} ({groups} claims grouped as near-copies):")
            for rank, i in enumerate(order):
                nearest = max(
                    (similarity(top_words[rank], w) for k, w in enumerate(top_words) if k != rank),
                    default=0.0,
                )
                gold = gold_priority(page, text, claims[i].spans)
                print(
                    f"  {rank + 1:2d}. {scores[i]:.2f} sim {nearest:.2f} gold {gold or '?':>3s}  "
                    f"{claims[i].text}"
                )


if __name__ == "__main__":
    main()
