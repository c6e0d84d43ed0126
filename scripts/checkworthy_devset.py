#!/usr/bin/env python3
"""The check-worthiness development set: prepare sentences for labelling, build, check.

    python scripts/checkworthy_devset.py prepare        # var/checkworthy/<page>.txt, numbered
    python scripts/checkworthy_devset.py build          # var/checkworthy/labels/<page>.txt
                                                        # -> tests/data/checkworthy/*.jsonl
    python scripts/checkworthy_devset.py stats          # counts per article and split

A labels file holds one ``0``/``1`` per sentence of the prepared file, in order (spaces and
newlines are ignored, ``#`` starts a comment). The stored set holds page ids, offsets, a SHA-1
of each sentence and its label only; the article text is read from
``../shared/data/article-pages/ground-truth.json`` and never copied into the repository.
Standard library plus ``claims.extraction.segment`` (the workbench's own sentence splitter).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.segment import split_sentences  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"
STORE = ROOT / "tests" / "data" / "checkworthy" / "sentences.jsonl"
WORK = ROOT / "var" / "checkworthy"
MAX_SENTENCES = 45  # the first sentences of a long article; enough of its kind

# English articles of varied topics (politics, courts, business, science, health, sport,
# entertainment, opinion, reviews, recipes, advice). The pages of the extraction development
# set (tests/data/realnews/ and the other set named in the issue) are excluded.
PAGES = [
    "04a6711caa7c",
    "05844573ca7e",
    "06e5123e4ef7",
    "076f4f33bf75",
    "08f793762792",
    "098bb3e96c0a",
    "0d46122928b6",
    "156770d676ce",
    "1f765c487806",
    "2f42ef1d3ea0",
    "359fee228518",
    "39d5c43beb60",
    "3c5bf8db4272",
    "42aad16bde92",
    "4219d096902d",
    "51d066b0602c",
    "5caf91b8a442",
    "5f9c5ed5d64d",
    "5fa3154ec031",
    "65408257dbe4",
    "686bb170effe",
    "70cb2d5bca75",
    "7a664e40d256",
    "7bb1ca903543",
    "7de5241947a5",
    "833caf3bdba5",
    "87438a0dacbe",
    "87bf60570e6e",
    "8634d1211c3f",
    "9e8c9f082a8d",
    "a1fca19b884e",
    "abd9d6291b6b",
    "b0cf2bbf0192",
    "b6906ca016bb",
    "bc13ff87b263",
    "c467d507551a",
    "c58aa507c4de",
    "c90731f051d0",
    "e4c6a3b48240",
    "e7994d550087",
    "f8ff621a0b9b",
    "63db31a161b3",
    "e593d7fe88f9",
    "8b1945303082",
    "eb62ac8425e5",
]
EXCLUDED = [
    "702d1da63b8e",
    "1ee91d1fce65",
    "9ebb3af65694",
    "7f93c1944a41",
    "360c732d1fdb",
    "14cc2a0ca59c",
    "7a457a4f7173",
    "d0382c0d9573",
    "374ac9a59a85",
    "7916ecca969f",
    "5a822960e9a2",
    "ef4e67b66d63",
    "ea25dd7edff4",
    "8380689f358c",
    "c7e39ac49fa1",
    "eecd2575093b",
    "57d46c9d751e",
    "2c46804d9db4",
]


def split_of(page: str) -> str:
    """A fixed, label-blind split by article: about a third of the pages are held out."""
    return "heldout" if hashlib.sha1(page.encode()).hexdigest()[0] in "01234" else "dev"


def load_truth() -> dict[str, dict]:
    if not SHARED.exists():
        sys.exit(f"{SHARED} is not here: the article pages ship with ../shared only")
    return json.loads(SHARED.read_text(encoding="utf-8"))


def full_id(truth: dict[str, dict], prefix: str) -> str:
    matches = [k for k in truth if k.startswith(prefix)]
    if len(matches) != 1:
        sys.exit(f"{prefix!r} matches {len(matches)} pages")
    return matches[0]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: the workbench splitter, then every line break ends a sentence too."""
    out = []
    for s, e in split_sentences(text):
        for m in re.finditer(r"[^\n]+", text[s:e]):
            a, b = s + m.start(), s + m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a and re.search(r"\w", text[a:b]):
                out.append((a, b))
    return out[:MAX_SENTENCES]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def prepare(truth: dict[str, dict]) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    for prefix in PAGES:
        page = full_id(truth, prefix)
        text = truth[page]["articleBody"]
        lines = [f"# {page} {truth[page]['url']}"]
        lines += [f"{i:3d} {text[s:e]}" for i, (s, e) in enumerate(sentences(text))]
        (WORK / f"{prefix}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(PAGES)} files to {WORK}")


def read_labels(path: Path) -> list[int]:
    digits = "".join(re.sub(r"#.*", "", line) for line in path.read_text().splitlines())
    digits = re.sub(r"\s", "", digits)
    if set(digits) - {"0", "1"}:
        sys.exit(f"{path}: only 0 and 1 are labels")
    return [int(c) for c in digits]


def build(truth: dict[str, dict]) -> None:
    rows = []
    for prefix in PAGES:
        if prefix in EXCLUDED:
            sys.exit(f"{prefix} belongs to the extraction development set")
        path = WORK / "labels" / f"{prefix}.txt"
        if not path.exists():
            print(f"skip {prefix}: no labels yet")
            continue
        page = full_id(truth, prefix)
        text = truth[page]["articleBody"]
        spans = sentences(text)
        labels = read_labels(path)
        if len(labels) != len(spans):
            sys.exit(f"{path}: {len(labels)} labels for {len(spans)} sentences")
        for (s, e), label in zip(spans, labels, strict=True):
            rows.append({"page": page, "span": [s, e], "sha1": sha1(text[s:e]), "label": label})
    STORE.parent.mkdir(parents=True, exist_ok=True)
    with STORE.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    print(f"wrote {len(rows)} sentences to {STORE.relative_to(ROOT)}")


def stats() -> None:
    rows = [json.loads(line) for line in STORE.read_text().splitlines()]
    by_page: dict[str, list[int]] = {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row["label"])
    totals = {"dev": [0, 0, 0], "heldout": [0, 0, 0]}
    for page, labels in by_page.items():
        split = split_of(page)
        totals[split][0] += 1
        totals[split][1] += len(labels)
        totals[split][2] += sum(labels)
        print(f"{page[:12]} {split:7s} {len(labels):3d} sentences {sum(labels):3d} positive")
    for split, (pages, n, pos) in totals.items():
        print(f"{split:7s} {pages} articles, {n} sentences, {pos} positive ({pos / n:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "build", "stats"])
    args = parser.parse_args()
    if args.command == "stats":
        stats()
        return
    truth = load_truth()
    (prepare if args.command == "prepare" else build)(truth)


if __name__ == "__main__":
    main()
