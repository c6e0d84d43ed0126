#!/usr/bin/env python3
"""Acceptance figures of check-worthiness triage on the development set (issue 10).

    python scripts/checkworthy_measure.py [--seed 1] [--top PAGE_PREFIX]

Trains on the development articles of ``tests/data/checkworthy/`` (C and threshold chosen
inside them; then refit on all of them) and evaluates the learned model and the heuristic
on the held-out articles, which neither training nor the heuristic's hand weights saw.
Prints ROC-AUC, average precision and F1 for both, and the top 10 sentences of one held-out
article by model score with their labels. Needs ../shared (the article texts).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthy_export import SHARED, STORE, split_of  # noqa: E402

from claims.triage.heuristic import Heuristic  # noqa: E402
from claims.triage.labels import read_anchored  # noqa: E402
from claims.triage.training import evaluate, train  # noqa: E402


def load_split() -> tuple[list, list]:
    truth = json.loads(SHARED.read_text(encoding="utf-8"))
    texts = {page: item["articleBody"] for page, item in truth.items()}
    rows = read_anchored(STORE.read_text().splitlines(), texts)
    dev = [r for r in rows if split_of(r.group) == "dev"]
    heldout = [r for r in rows if split_of(r.group) == "heldout"]
    return dev, heldout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", default="c58aa507c4de", help="held-out page id prefix")
    args = parser.parse_args()
    dev, heldout = load_split()
    started = time.perf_counter()
    result = train(dev, holdout=0.2, seed=args.seed, refit=True)
    seconds = time.perf_counter() - started
    figures = evaluate(result.model, heldout)
    pages = len({r.group for r in heldout})
    print(
        f"train: {len(dev)} sentences of {len({r.group for r in dev})} dev articles, "
        f"C={result.report['c']}, {seconds:.1f} s"
    )
    print(
        f"held out: {figures['rows']} sentences of {pages} articles, "
        f"{figures['positives']} check-worthy"
    )
    print(f"{'':10s} {'ROC-AUC':>8s} {'AP':>8s} {'F1':>8s} {'thresh':>8s}")
    for name in ("model", "heuristic"):
        f = figures[name]
        print(
            f"{name:10s} {f['roc_auc']:8.3f} {f['average_precision']:8.3f} "
            f"{f['f1']:8.3f} {f['threshold']:8.3f}"
        )
    gain = figures["model"]["roc_auc"] - figures["heuristic"]["roc_auc"]
    print(f"model - heuristic ROC-AUC: {gain:+.3f} (issue: >= +0.10; heuristic >= 0.72)")

    article = [r for r in heldout if r.group.startswith(args.top)]
    if article:
        model_scores = result.model.score(article)
        heuristic_scores = Heuristic().score(article)
        for name, scores in (("model", model_scores), ("heuristic", heuristic_scores)):
            order = sorted(range(len(article)), key=lambda i: -scores[i])[:10]
            hits = sum(article[i].label for i in order)
            print(f"\ntop 10 of {args.top} by {name}: {hits}/10 labelled check-worthy")
            for i in order:
                print(f"  {scores[i]:.2f} {article[i].label} {article[i].text[:90]}")


if __name__ == "__main__":
    main()
