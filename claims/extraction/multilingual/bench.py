"""Timing of the multilingual path, for bench/extraction.py and scripts/multilingual_bench.py.

    rows = bench_multilingual(folder)     # one BenchRow per language of the shared set
    print(format_bench(rows))

Per language: articles (the shared documents), ms per article for language identification
alone and for ``multilingual.extract`` with the language detected (identification included),
and claims per article. Best of ``repeat`` passes, one core, models loaded before the clock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from claims.extraction.multilingual import detect, extract
from claims.extraction.multilingual.evaluation import load_documents


@dataclass(frozen=True)
class BenchRow:
    lang: str
    articles: int
    chars_per_article: float
    langid_ms: float
    extract_ms: float
    claims_per_article: float


def bench_multilingual(folder: Path, repeat: int = 3) -> list[BenchRow]:
    """Time langid and extraction over every ``<code>.jsonl`` document of ``folder``."""
    docs = load_documents(Path(folder))
    detect("warm up the model.")
    rows = []
    for lang, lang_docs in docs.items():
        texts = [d.text for d in lang_docs]
        langid_s = _best(lambda texts=texts: [detect(t) for t in texts], repeat)
        extract_s = _best(lambda texts=texts: [extract(t) for t in texts], repeat)
        claims = sum(len(extract(t)[1]) for t in texts)
        n = len(texts)
        rows.append(
            BenchRow(
                lang,
                n,
                sum(map(len, texts)) / n,
                1000 * langid_s / n,
                1000 * extract_s / n,
                claims / n,
            )
        )
    return rows


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    return best


def format_bench(rows: list[BenchRow]) -> str:
    lines = [
        f"{'lang':4} {'articles':>8} {'chars':>6} {'langid ms':>9} {'extract ms':>10} "
        f"{'claims':>6}",
        "-" * 50,
    ]
    for r in rows:
        lines.append(
            f"{r.lang:4} {r.articles:8d} {r.chars_per_article:6.0f} {r.langid_ms:9.3f} "
            f"{r.extract_ms:10.2f} {r.claims_per_article:6.1f}"
        )
    total = sum(r.articles for r in rows) or 1
    lines.append(
        f"{'all':4} {total:8d} {'':6} "
        f"{sum(r.langid_ms * r.articles for r in rows) / total:9.3f} "
        f"{sum(r.extract_ms * r.articles for r in rows) / total:10.2f}"
    )
    return "\n".join(lines)
