#!/usr/bin/env python3
"""Build claims/extraction/data/pos_lexicon.tsv from the UD English EWT training treebank.

    python scripts/build_pos_lexicon.py [--conllu PATH] [--out PATH] [--min-count 2]

For every lowercase word form seen at least --min-count times (proper nouns, numbers and
punctuation left out) it writes one line ``word<TAB>classes``: the word's open-class
readings, most frequent first, each kept when it covers at least --min-share of the
word's occurrences.  Classes are coarse Penn tags (XPOS):

    N noun (NN NNS)      J adjective (JJ JJR JJS)   R adverb (RB RBR RBS)
    V base or present verb (VB VBP)   D past or participle (VBD VBN)
    G -ing form (VBG)    Z 3rd person -s (VBZ)      O any closed class

so ``uses<TAB>ZN`` reads "mostly a verb in -s, sometimes a plural noun".  The output is
derived from CC BY-SA 4.0 data (see claims/extraction/data/README.md).  Stdlib only.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONLLU = ROOT.parent / "shared" / "data" / "ud-english-ewt" / "en_ewt-ud-train.conllu"
DEFAULT_OUT = ROOT / "claims" / "extraction" / "data" / "pos_lexicon.tsv"

XPOS_CLASS = {
    "NN": "N",
    "NNS": "N",
    "JJ": "J",
    "JJR": "J",
    "JJS": "J",
    "RB": "R",
    "RBR": "R",
    "RBS": "R",
    "VB": "V",
    "VBP": "V",
    "VBD": "D",
    "VBN": "D",
    "VBG": "G",
    "VBZ": "Z",
}
OPEN = frozenset("NJRVDGZ")


def _word_ok(form: str) -> bool:
    core = form.replace("-", "").replace("'", "")
    return form[:1].isalpha() and core.isalpha()


def count(conllu: Path) -> dict[str, Counter[str]]:
    """Word form (lowercased) -> Counter of coarse classes, from the word lines."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with conllu.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5 or not cols[0].isdigit():
                continue  # multiword-token ranges ("3-4") and empty nodes ("5.1")
            form, upos, xpos = cols[1], cols[3], cols[4]
            if upos == "PROPN" or not _word_ok(form):
                continue
            counts[form.lower()][XPOS_CLASS.get(xpos, "O")] += 1
    return counts


def build(counts: dict[str, Counter[str]], min_count: int, min_share: float) -> list[str]:
    lines = []
    for word in sorted(counts):
        c = counts[word]
        total = sum(c.values())
        if total < min_count:
            continue
        classes = "".join(k for k, n in c.most_common() if n >= min_share * total)
        if not set(classes) & OPEN:
            continue  # closed-class words are handled by the hand-written lists
        lines.append(f"{word}\t{classes}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.1)
    args = ap.parse_args()
    lines = build(count(args.conllu), args.min_count, args.min_share)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# word<TAB>classes (most frequent first): N noun, J adjective, R adverb, V verb, "
        "D past/participle, G -ing, Z -s verb, O closed class.\n"
        "# Built by scripts/build_pos_lexicon.py from UD English EWT r2.16 "
        "en_ewt-ud-train.conllu; CC BY-SA 4.0, see README.md.\n"
    )
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {args.out}")


if __name__ == "__main__":
    main()
