#!/usr/bin/env python3
"""Language identification on ../shared/data/multilingual/langid.jsonl: accuracy and ms per text.

    python scripts/multilingual_langid.py [--alternatives]

Prints the workbench's detector (script first, then py3langid among that script's
languages) and, with ``--alternatives``, the libraries it was measured against when they are
installed: lingua-language-detector (all 75 languages, high and low accuracy modes),
py3langid over all its languages, and langdetect. Also ms per article on the shared
documents.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.multilingual.evaluation import load_documents, score_langid  # noqa: E402
from claims.extraction.multilingual.langid import detect  # noqa: E402

FOLDER = ROOT.parent / "shared" / "data" / "multilingual"


def _alternatives() -> dict[str, Callable[[], Callable[[str], str | None]]]:
    def lingua(low: bool) -> Callable[[], Callable[[str], str | None]]:
        def build() -> Callable[[str], str | None]:
            from lingua import LanguageDetectorBuilder

            builder = LanguageDetectorBuilder.from_all_languages()
            if low:
                builder = builder.with_low_accuracy_mode()
            detector = builder.with_preloaded_language_models().build()

            def run(text: str) -> str | None:
                found = detector.detect_language_of(text)
                return found.iso_code_639_1.name.lower() if found else None

            return run

        return build

    def py3langid_all() -> Callable[[str], str | None]:
        import py3langid

        return lambda text: py3langid.classify(text)[0]

    def langdetect_() -> Callable[[str], str | None]:
        import langdetect

        langdetect.DetectorFactory.seed = 0

        def run(text: str) -> str | None:
            try:
                return langdetect.detect(text).split("-")[0]
            except langdetect.LangDetectException:
                return None

        return run

    return {
        "lingua (all, high accuracy)": lingua(False),
        "lingua (all, low accuracy)": lingua(True),
        "py3langid (all languages)": py3langid_all,
        "langdetect": langdetect_,
    }


def _per_article(fn: Callable[[str], object], texts: list[str]) -> float:
    fn(texts[0])
    began = time.perf_counter()
    for text in texts:
        fn(text)
    return 1000 * (time.perf_counter() - began) / len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--alternatives", action="store_true")
    args = parser.parse_args(argv)
    path = args.folder / "langid.jsonl"
    if not path.exists():
        print(f"no data: {path} is missing (it ships with ../shared)")
        return 1
    docs = load_documents(args.folder)
    articles = [d.text for lang_docs in docs.values() for d in lang_docs]
    candidates: dict[str, Callable[[], Callable[[str], str | None]]] = {
        "workbench (script + py3langid)": lambda: lambda text: detect(text).lang
    }
    if args.alternatives:
        candidates.update(_alternatives())
    print(f"{'detector':32} {'accuracy':>8} {'ms/text':>8} {'ms/article':>10}  top confusions")
    for name, build in candidates.items():
        try:
            fn = build()
        except ImportError:
            print(f"{name:32} not installed")
            continue
        score = score_langid(path, fn)
        worst = sorted(score.confusions.items(), key=lambda kv: -kv[1])[:4]
        confusions = ", ".join(f"{a}->{b} {n}" for (a, b), n in worst)
        print(
            f"{name:32} {score.accuracy:8.4f} {score.ms_per_text:8.3f} "
            f"{_per_article(fn, articles):10.3f}  {confusions}"
        )
    per_lang = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            ok, n = per_lang.get(row["lang"], (0, 0))
            per_lang[row["lang"]] = (ok + (detect(row["text"]).lang == row["lang"]), n + 1)
    print()
    print(
        "workbench per language: " + ", ".join(f"{k} {a / n:.3f}" for k, (a, n) in per_lang.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
