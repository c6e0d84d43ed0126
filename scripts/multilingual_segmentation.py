#!/usr/bin/env python3
"""Sentence-boundary precision, recall and F1 per language on the shared multilingual set.

    python scripts/multilingual_segmentation.py [--tools ours,pysbd] [--langs ru,my] [--repeat 3]

Compares this package's rules with the naive regex of the data's README and every installed
library (pysbd where it has the language, sentencex, pythainlp's crfcut for Thai); '*' marks
the best F1 per language and '>' the tool the workbench uses. Importable: ``run(folder)``
returns the rows and ``main()`` prints them (for ``manage.py evaluate_extraction
--segmentation``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.multilingual.evaluation import (  # noqa: E402
    LANGUAGES,
    TARGET_F1,
    SegmentationScore,
    chosen_tools,
    compare_segmenters,
    format_table,
    load_documents,
)

FOLDER = ROOT.parent / "shared" / "data" / "multilingual"


def run(
    folder: Path = FOLDER,
    tools: list[str] | None = None,
    langs: list[str] | None = None,
    repeat: int = 1,
) -> list[SegmentationScore]:
    """Every tool on every language of ``folder`` (an empty list when the folder is missing)."""
    if not Path(folder).exists():
        return []
    return compare_segmenters(load_documents(Path(folder), langs or LANGUAGES), tools, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--tools", help="comma-separated: ours, naive regex, pysbd, sentencex")
    parser.add_argument("--langs", help="comma-separated ISO 639-1 codes")
    parser.add_argument("--repeat", type=int, default=1, help="best of N for the timings")
    args = parser.parse_args(argv)
    rows = run(
        args.folder,
        args.tools.split(",") if args.tools else None,
        args.langs.split(",") if args.langs else None,
        args.repeat,
    )
    if not rows:
        print(f"no data: {args.folder} is missing (it ships with ../shared)")
        return 1
    print(format_table(rows))
    chosen = chosen_tools(rows)
    ours = {r.lang: r for r in rows if r.tool == "ours"}
    below = [lang for lang, r in ours.items() if r.f1 < TARGET_F1]
    print()
    print("used: " + ", ".join(f"{lang} {tool}" for lang, tool in chosen.items()))
    print(f"below the {TARGET_F1} target: {', '.join(below) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
