#!/usr/bin/env python3
"""Milliseconds per article of language identification and multilingual extraction, one core.

    python scripts/multilingual_bench.py [--repeat 3]

Runs every document of ../shared/data/multilingual through ``detect`` and
``multilingual.extract`` (language detected). ``bench/extraction.py`` can add the same row
with ``claims.extraction.multilingual.bench.bench_multilingual``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.multilingual.bench import bench_multilingual, format_bench  # noqa: E402

FOLDER = ROOT.parent / "shared" / "data" / "multilingual"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.folder.exists():
        print(f"no data: {args.folder} is missing (it ships with ../shared)")
        return 1
    print(format_bench(bench_multilingual(args.folder, args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
