#!/usr/bin/env python3
"""Write the check-worthiness development set with its text, for ``--labels`` files.

    python scripts/checkworthy_export.py [--split dev|heldout|all] [--out var/checkworthy]

Reads ``tests/data/checkworthy/sentences.jsonl`` (page ids, offsets, SHA-1, labels) and the
article bodies in ``../shared/data/article-pages/ground-truth.json``, checks every sentence
against its SHA-1 and writes ``labels.csv`` (text,label,group) and ``labels.jsonl``
({"text", "label", "group"}) under var/ (git-ignored: the articles belong to their
publishers and never enter the repository). Both files read back with
``claims.triage.labels.read_labels``, and so with ``manage.py train_checkworthiness
--labels``. Standard library plus ``claims.triage.labels``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.triage.labels import LabelFileError, read_anchored  # noqa: E402
from workbench.csvsafe import SafeWriter  # noqa: E402

STORE = ROOT / "tests" / "data" / "checkworthy" / "sentences.jsonl"
SHARED = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"


def split_of(page: str) -> str:
    """The fixed split by article (as in scripts/checkworthy_devset.py)."""
    return "heldout" if hashlib.sha1(page.encode()).hexdigest()[0] in "01234" else "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "checkworthy")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} is not here: the article pages ship with ../shared only")
    truth = json.loads(SHARED.read_text(encoding="utf-8"))
    texts = {page: item["articleBody"] for page, item in truth.items()}
    try:
        rows = read_anchored(STORE.read_text().splitlines(), texts, name=STORE.name)
    except LabelFileError as error:
        sys.exit(str(error))
    rows = [r for r in rows if args.split == "all" or split_of(r.group or "") == args.split]
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.split == "all" else f"-{args.split}"
    csv_path = args.out / f"labels{suffix}.csv"
    jsonl_path = args.out / f"labels{suffix}.jsonl"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        writer = SafeWriter(f)  # OWASP: no spreadsheet formulas
        writer.writerow(["text", "label", "group"])
        writer.writerows((r.text, r.label, r.group) for r in rows)
    with jsonl_path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"text": r.text, "label": r.label, "group": r.group}) + "\n")
    positives = sum(r.label for r in rows)
    print(f"{len(rows)} sentences ({positives} check-worthy) -> {csv_path}, {jsonl_path}")


if __name__ == "__main__":
    main()
