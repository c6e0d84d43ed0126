#!/usr/bin/env python3
"""The real-news development set: build, check and show its annotations (docs/annotation.md).

    python scripts/devset.py prepare ID        # write var/devset/ID.txt (the article body)
    python scripts/devset.py build FILE...     # working file(s) -> tests/data/realnews/*.json
    python scripts/devset.py show ID           # the stored claims with the text of their spans
    python scripts/devset.py stats             # counts per article and split

Stored files hold offsets, kinds and priorities only; the article text is read from
``../shared/data/article-pages/ground-truth.json`` (never copied into the repository).
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"
STORE = ROOT / "tests" / "data" / "realnews"
WORK = ROOT / "var" / "devset"
KINDS = ("quantity", "quote", "causal", "comparison", "statement", "attribute", "event")
SPLITS = ("dev", "heldout")


def load_truth() -> dict[str, dict]:
    if not SHARED.exists():
        sys.exit(f"{SHARED} is not here: the article pages ship with ../shared only")
    return json.loads(SHARED.read_text(encoding="utf-8"))


def find_page(truth: dict[str, dict], prefix: str) -> str:
    matches = [k for k in truth if k.startswith(prefix)]
    if len(matches) != 1:
        sys.exit(f"{prefix!r} matches {len(matches)} pages")
    return matches[0]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, pieces: list[str], occurrence: int | None, where: str) -> list[list[int]]:
    """Offsets of each evidence piece; the first must be unique (or `occurrence` given)."""
    first = pieces[0]
    starts = []
    i = text.find(first)
    while i != -1:
        starts.append(i)
        i = text.find(first, i + 1)
    if not starts:
        raise ValueError(f"{where}: {first!r} is not in the text")
    if occurrence is None and len(starts) > 1:
        raise ValueError(f"{where}: {first!r} occurs {len(starts)} times; add 'occurrence'")
    index = (occurrence or 1) - 1
    if not 0 <= index < len(starts):
        raise ValueError(f"{where}: occurrence {occurrence} of {first!r} does not exist")
    spans = [[starts[index], starts[index] + len(first)]]
    for piece in pieces[1:]:
        j = text.find(piece, spans[-1][1])
        if j == -1:
            raise ValueError(f"{where}: {piece!r} is not after {spans[-1]}")
        spans.append([j, j + len(piece)])
    for span in spans:
        if text[span[0]].isspace() or text[span[1] - 1].isspace():
            raise ValueError(f"{where}: span {span} starts or ends with whitespace")
    return spans


def build(path: Path, truth: dict[str, dict]) -> Path:
    work = json.loads(path.read_text(encoding="utf-8"))
    page = find_page(truth, work["page"])
    text = truth[page]["articleBody"]
    split = work.get("split")
    if split not in SPLITS:
        raise ValueError(f"{path}: split must be one of {SPLITS}")
    claims = []
    for n, item in enumerate(work["claims"], 1):
        where = f"{path.name} claim {n}"
        pieces = item["evidence"] if isinstance(item["evidence"], list) else [item["evidence"]]
        kind, priority = item.get("kind"), item.get("priority")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind {kind!r} is not one of {KINDS}")
        if priority not in (1, 2, 3):
            raise ValueError(f"{where}: priority must be 1, 2 or 3")
        spans = locate(text, pieces, item.get("occurrence"), where)
        claims.append({"spans": spans, "kind": kind, "priority": priority})
    not_claims = []
    for n, item in enumerate(work.get("not_claims", []), 1):
        pieces = [item] if isinstance(item, str) else [item["evidence"]]
        occurrence = None if isinstance(item, str) else item.get("occurrence")
        not_claims.append(locate(text, pieces, occurrence, f"{path.name} not_claim {n}")[0])
    claims.sort(key=lambda c: (c["spans"][0][0], c["spans"][-1][1]))
    seen = set()
    for c in claims:
        key = json.dumps(c["spans"])
        if key in seen:
            raise ValueError(f"{path.name}: two claims with the same spans {key}")
        seen.add(key)
    stored = {
        "page": page,
        "url": truth[page]["url"],
        "split": split,
        "text_sha256": sha256(text),
        "claims": [{"id": f"{page[:6]}-{i:02d}", **c} for i, c in enumerate(claims, 1)],
        "not_claims": sorted(not_claims),
    }
    STORE.mkdir(parents=True, exist_ok=True)
    out = STORE / f"{page[:12]}.json"
    out.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
    return out


def show(prefix: str, truth: dict[str, dict]) -> None:
    stored = json.loads((STORE / f"{prefix[:12]}.json").read_text(encoding="utf-8"))
    text = truth[stored["page"]]["articleBody"]
    if sha256(text) != stored["text_sha256"]:
        print("warning: the article text changed since annotation", file=sys.stderr)
    print(f"{stored['url']}  ({stored['split']})")
    for c in stored["claims"]:
        pieces = " … ".join(text[s:e] for s, e in c["spans"])
        print(f"{c['id']} p{c['priority']} {c['kind']:<10} {pieces}")
    for s, e in stored["not_claims"]:
        print(f"NOT {text[s:e]!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare").add_argument("page")
    sub.add_parser("build").add_argument("files", nargs="+", type=Path)
    sub.add_parser("show").add_argument("page")
    sub.add_parser("stats")
    args = parser.parse_args(argv)
    truth = load_truth()
    if args.command == "prepare":
        page = find_page(truth, args.page)
        WORK.mkdir(parents=True, exist_ok=True)
        out = WORK / f"{page[:12]}.txt"
        out.write_text(truth[page]["articleBody"], encoding="utf-8")
        print(out)
    elif args.command == "build":
        failed = False
        for path in args.files:
            try:
                print(build(path, truth))
            except (ValueError, KeyError) as exc:
                failed = True
                print(f"error: {exc}", file=sys.stderr)
        sys.exit(1 if failed else 0)
    elif args.command == "show":
        show(args.page, truth)
    else:
        for path in sorted(STORE.glob("*.json")):
            stored = json.loads(path.read_text(encoding="utf-8"))
            p3 = sum(c["priority"] == 3 for c in stored["claims"])
            print(
                f"{path.stem} {stored['split']:<8} claims={len(stored['claims']):3d} "
                f"p3={p3:3d} not={len(stored['not_claims']):2d} {stored['url'][:70]}"
            )


if __name__ == "__main__":
    main()
