"""What the list benchmarks (``bench/api.py``, ``bench/admin.py``) share: timing HTTP requests
interleaved (A B A B ...), p95, and the growth table between two table sizes."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bench._timing import MIN_ROUNDS, Summary, format_table, interleave


@dataclass
class Latency:
    """Milliseconds of one contender over the rounds."""

    samples: list[float]

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20, method="inclusive")[-1]


def time_interleaved(contenders: Mapping[str, Callable[[], object]], rounds: int) -> dict:
    """Each contender once per round, in order, ``rounds`` rounds (at least the minimum);
    wall-clock milliseconds per call (a request waits on the database: CPU time would miss
    it)."""
    runs = interleave(contenders, rounds=max(rounds, MIN_ROUNDS))
    return {name: Latency([s * 1000 for s in run.wall]) for name, run in runs.items()}


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="100,000 claims only (no 1M step)")
    parser.add_argument("--rounds", type=int, default=30, help="rounds per scenario and size")
    parser.add_argument("--small", type=int, default=100_000, help="claims in the first step")
    parser.add_argument("--large", type=int, default=1_000_000, help="claims in the second step")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="only the scenarios whose name contains TEXT (repeatable; skips the extra steps)",
    )
    return parser.parse_args()


def chosen(names: dict, only: list[str]) -> dict:
    """The scenarios of ``names`` that ``--only`` asks for (all without it)."""
    return {k: v for k, v in names.items() if not only or any(o in k for o in only)}


def growth_table(
    summary: Summary,
    what: str,
    small: dict[str, Latency],
    large: dict[str, Latency],
    sizes: tuple[int, int],
    limit: float = 1.5,
) -> str:
    """p95 at the large size ÷ p95 at the small size, per scenario, with PASS/FAIL."""
    rows = []
    for scenario, before in small.items():
        after = large[scenario]
        ratio = after.p95 / before.p95
        result = summary.add(
            "15", f"{what} {scenario}: p95 growth", f"{ratio:.2f}x", f"<= {limit}", ratio <= limit
        )
        rows.append(
            [
                scenario,
                *(f"{v:.1f}" for v in (before.p50, before.p95, after.p50, after.p95)),
                f"{ratio:.2f}",
                result,
            ]
        )
    small_n, large_n = sizes
    headers = ["scenario", f"p50 {small_n:,}", f"p95 {small_n:,}", f"p50 {large_n:,}"]
    headers += [f"p95 {large_n:,}", "growth", "result"]
    return format_table(headers, rows)
