"""Timing helpers for the benchmarks: one core, interleaved rounds, budgets with PASS/FAIL.

    from bench._timing import Summary, interleave, one_core
    print(one_core())                  # before numpy or spaCy is imported
    runs = interleave({"blingfire": split, "extraction": extract}, rounds=3)
    runs["extraction"].cpu_median      # seconds of CPU time, median over the rounds

The rules (issue 15): contenders run in rounds, one call each per round in a fixed order
(A B A B ...), at least ``MIN_ROUNDS`` rounds, so that a slow minute on a shared machine
touches every contender alike; each call is timed on the process's CPU clock
(``time.process_time``, what one core spent, blind to other processes) and on the wall clock
(``time.perf_counter``); tables print the min and the median of the rounds.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MIN_ROUNDS = 3
# Thread pools of the numeric libraries: each reads its variable once, at import.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


def one_core() -> str:
    """Limit the numeric libraries to one thread and pin the process to one CPU; say so.

    Call it before numpy, scikit-learn or spaCy is imported: the thread pools read their
    variables at import."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    late = [m for m in ("numpy", "thinc", "spacy", "sklearn") if m in sys.modules]
    note = f"threads: {', '.join(THREAD_VARIABLES)} = 1"
    if late:
        note += f" (too late for {', '.join(late)}: already imported)"
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        note += f"; pinned to CPU {cpus[0]} (of {len(cpus)} allowed, {os.cpu_count()} online)"
    else:  # pragma: no cover - macOS, Windows
        note += "; CPU pinning unavailable here (CPU time still counts one process)"
    return note


@dataclass
class Runs:
    """Seconds per round of one contender, on both clocks, and what its last call returned."""

    name: str
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    result: Any = None

    @property
    def cpu_min(self) -> float:
        return min(self.cpu)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_min(self) -> float:
        return min(self.wall)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def interleave(
    contenders: Mapping[str, Callable[[], Any]], rounds: int = MIN_ROUNDS, *, warmup: bool = True
) -> dict[str, Runs]:
    """Run every contender once per round, in order, for ``max(rounds, MIN_ROUNDS)`` rounds.

    ``warmup``: call each contender once, untimed, first (pass False when the caller has
    already warmed everything up, for contenders that take minutes). Garbage is collected
    untimed: the young generations before each call (a few ms), everything before each
    round (tens of ms with the models loaded)."""
    if warmup:
        for fn in contenders.values():
            fn()
    runs = {name: Runs(name) for name in contenders}
    for _ in range(max(rounds, MIN_ROUNDS)):
        gc.collect()
        for name, fn in contenders.items():
            gc.collect(1)
            cpu, wall, result = timed(fn)
            runs[name].cpu.append(cpu)
            runs[name].wall.append(wall)
            runs[name].result = result
    return runs


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], left: int = 1) -> str:
    """A plain-text table: the first `left` columns left-aligned, the others right-aligned."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    return "\n".join([line(cells[0]), "-" * len(line(cells[0])), *map(line, cells[1:])])


@dataclass
class Budget:
    issue: str
    what: str
    measured: str
    limit: str
    ok: bool


@dataclass
class Summary:
    """Every budget a benchmark checked, printed once at the end."""

    budgets: list[Budget] = field(default_factory=list)

    def add(self, issue: str, what: str, measured: str, limit: str, ok: bool) -> str:
        self.budgets.append(Budget(issue, what, measured, limit, ok))
        return verdict(ok)

    @property
    def failed(self) -> list[Budget]:
        return [b for b in self.budgets if not b.ok]

    def render(self, title: str = "SUMMARY") -> str:
        table = format_table(
            ["issue", "budget", "measured", "limit", "result"],
            [
                [f"#{b.issue}", b.what, b.measured, b.limit, verdict(b.ok) + ("  <<<" * (not b.ok))]
                for b in self.budgets
            ],
            left=2,
        )
        failed = self.failed
        if failed:
            bar = "!" * 78
            banner = "\n".join(
                [
                    bar,
                    f"!!! FAIL: {len(failed)} of {len(self.budgets)} budgets not met:",
                    *(f"!!!   #{b.issue} {b.what}: {b.measured} (limit {b.limit})" for b in failed),
                    bar,
                ]
            )
        else:
            banner = f"PASS: all {len(self.budgets)} budgets met."
        return f"{title}\n{table}\n\n{banner}"
