"""Benchmark: claim extraction vs sentence segmentation alone (blingfire, pysbd), one core.

    python bench/extraction.py [--repeat N]

Measures articles/s and claims/s over the seed article and the PropSegmEnt documents
(../shared/data/propsegment/*_docs.jsonl).  Without ../shared it writes a small demo
text of its own and says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.backends import rules  # noqa: E402

SHARED = ROOT.parent / "shared"
DEMO = """What's new
Harbour Town Opens Its New Bridge

portwatcher
Joined
Feb 1, 2021
Messages
310
The new bridge opened on Friday, it cost 40 million dollars and took three years to build.
The mayor, who attended the ceremony, called it "a triumph", residents praised the design.
The old ferry, which carried 2,000 people a day, will stop running in March 2025.
Back
Top Bottom
"""


def _corpora() -> tuple[dict[str, list[str]], str]:
    seed = SHARED / "data" / "seed" / "article.txt"
    if not seed.exists():
        demo = Path(tempfile.gettempdir()) / "extraction-bench-demo.txt"
        demo.write_text(DEMO, encoding="utf-8")
        return {"demo article": [demo.read_text(encoding="utf-8")]}, (
            f"note: {SHARED} not found; benchmarking a demo text written to {demo}"
        )
    corpora = {"seed article": [seed.read_text(encoding="utf-8")]}
    for split in ("dev", "test"):
        docs = SHARED / "data" / "propsegment" / f"{split}_docs.jsonl"
        if docs.exists():
            with docs.open(encoding="utf-8") as f:
                corpora[f"propsegment {split}"] = [json.loads(x)["text"] for x in f if x.strip()]
    return corpora, ""


def _rate(fn: Callable[[str], int], docs: list[str], repeat: int) -> tuple[float, float, int]:
    """Best-of-`repeat` seconds per pass, and items produced per pass."""
    fn(docs[0])  # warm up (imports, caches)
    best = float("inf")
    items = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        items = sum(fn(d) for d in docs)
        best = min(best, time.perf_counter() - t0)
    return best, len(docs) / best, items


def _ends(spans: list[tuple[int, int]], text: str) -> set[int]:
    """Sentence end offsets, whitespace-normalised, the last one (end of text) left out."""
    out = set()
    for _, e in spans:
        while e > 0 and text[e - 1].isspace():
            e -= 1
        out.add(e)
    out.discard(len(text.rstrip()))
    return out


def segmentation_accuracy(segmenter: object) -> None:
    """Sentence-boundary P/R/F1 of each segmenter against PropSegmEnt's sentence spans."""
    import blingfire

    from claims.extraction.segment import split_sentences

    docs: list[dict] = []
    for split in ("dev", "test"):
        path = SHARED / "data" / "propsegment" / f"{split}_docs.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as f:
                docs.extend(json.loads(x) for x in f if x.strip())
    if not docs:
        print("note: PropSegmEnt documents not found; segmentation accuracy skipped")
        return
    contenders = {
        "blingfire": lambda t: [tuple(o) for o in blingfire.text_to_sentences_and_offsets(t)[1]],
        "pysbd": lambda t: [(s.start, s.end) for s in segmenter.segment(t)],  # type: ignore[attr-defined]
        "regex (ours)": lambda t: split_sentences(t),
    }
    print(f"\nsentence boundaries vs PropSegmEnt sentence_spans ({len(docs)} documents)")
    print(f"{'segmenter':<14} {'P':>6} {'R':>6} {'F1':>6}")
    for label, fn in contenders.items():
        tp = n_pred = n_gold = 0
        for doc in docs:
            text = doc["text"]
            gold = _ends([tuple(x) for x in doc["sentence_spans"]], text)
            pred = _ends(fn(text), text)
            tp += len(gold & pred)
            n_pred += len(pred)
            n_gold += len(gold)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:<14} {p:6.3f} {r:6.3f} {f1:6.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (../shared)")
    args = ap.parse_args()
    global SHARED
    SHARED = args.shared or SHARED

    import blingfire
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    contenders: dict[str, Callable[[str], int]] = {
        "blingfire sentences": lambda t: len(blingfire.text_to_sentences_and_offsets(t)[1]),
        "pysbd sentences": lambda t: len(segmenter.segment(t)),
        "rules extraction": lambda t: len(rules.extract(t)),
    }
    corpora, note = _corpora()
    if note:
        print(note)
    print(
        f"{'corpus':<16} {'what':<20} {'docs':>5} {'ms/doc':>8} {'docs/s':>9} "
        f"{'items/s':>9} {'x blingfire':>11}"
    )
    for name, docs in corpora.items():
        repeat = args.repeat if len(docs) == 1 else max(1, args.repeat // 5)
        base = None
        for label, fn in contenders.items():
            secs, docs_per_s, items = _rate(fn, docs, repeat)
            base = base or secs
            print(
                f"{name:<16} {label:<20} {len(docs):>5} {1000 * secs / len(docs):8.3f} "
                f"{docs_per_s:9.1f} {items / secs:9.0f} {secs / base:11.2f}"
            )
    print(
        "items = sentences for the segmenters, claims for extraction; one core, best of "
        f"{args.repeat} runs (single docs) or {max(1, args.repeat // 5)} (corpora)"
    )
    segmentation_accuracy(segmenter)


if __name__ == "__main__":
    main()
