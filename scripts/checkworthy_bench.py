#!/usr/bin/env python3
"""Training and scoring cost of the check-worthiness model (no test, no database).

    python scripts/checkworthy_bench.py [--rows 20000] [--seed 3]

Generates a synthetic labelled set (check-worthy sentences with figures, names, dates and
attributions; opinion, advice, questions and furniture as negatives; 10% of the labels
flipped so the task is not trivial), writes it as CSV to var/checkworthy/synthetic.csv,
reads it back through ``claims.triage.labels``, trains with a 20% grouped hold-out on one
core, then times scoring 40 claims (synthetic ones, and the first 40 sentences of a real
article when ../shared is here) with the stored model against the heuristic: the median
wall time and the median CPU time of the calling thread (steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

# One core: the budget in the issue is for a single core.
for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(name, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.segment import split_sentences  # noqa: E402
from claims.triage.heuristic import Heuristic  # noqa: E402
from claims.triage.labels import read_labels  # noqa: E402
from claims.triage.model import load  # noqa: E402
from claims.triage.training import train  # noqa: E402
from workbench.csvsafe import SafeWriter  # noqa: E402

OUT = ROOT / "var" / "checkworthy" / "synthetic.csv"
SHARED = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"

FIRST = [
    "Maria",
    "John",
    "Wei",
    "Amina",
    "Carlos",
    "Olga",
    "Ravi",
    "Sarah",
    "Kenji",
    "Fatima",
    "Pierre",
    "Lena",
]
LAST = [
    "Garcia",
    "Smith",
    "Chen",
    "Diallo",
    "Silva",
    "Petrova",
    "Patel",
    "Jones",
    "Tanaka",
    "Haddad",
    "Dubois",
    "Berg",
]
ORGS = [
    "the Ministry of Health",
    "Acme Corp",
    "the city council",
    "the central bank",
    "the World Health Organization",
    "the teachers union",
    "Northwind Energy",
    "the Supreme Court",
    "the European Commission",
    "the state police",
]
VERBS = [
    "raised",
    "cut",
    "spent",
    "reported",
    "approved",
    "recorded",
    "lost",
    "earned",
    "closed",
    "hired",
    "fined",
]
THINGS = [
    "jobs",
    "schools",
    "hospitals",
    "flights",
    "homes",
    "tons",
    "of",
    "coal",
    "vaccines",
    "loans",
    "cases",
    "seats",
]
UNITS = ["percent", "million dollars", "billion euros", "people", "megawatts", "%"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
OPINION = [
    "I think this is a {adj} idea, honestly.",
    "What a {adj} day it was for everyone involved!",
    "Should we really care about {thing} anymore?",
    "You have to try the {thing} at least once.",
    "It's hard not to feel {adj} about the whole thing.",
    "Make sure you check the {thing} before you leave.",
    "Read more: our guide to {thing}",
    "We love how {adj} the new {thing} looks.",
    "Perhaps the {thing} could be more {adj} next time.",
]
FACT = [
    "{name} said {org} {verb} {n} {unit} in {month} {year}.",
    "{org} {verb} {n} {thing} last year, according to {name}.",
    "Police arrested {name} on {month} {d} after {org} accused him of fraud.",
    "The number of {thing} rose by {n} {unit} between {year} and {year2}, {org} reported.",
    "{name}, the head of {org}, was charged with falsifying records in {year}.",
    "{org} announced it had {verb} {n} {thing} because of the {adj} budget.",
]
ADJ = ["great", "terrible", "beautiful", "strange", "amazing", "awful", "lovely", "tight", "weird"]
FILLER = [
    "also",
    "however",
    "still",
    "then",
    "again",
    "really",
    "even",
    "just",
    "already",
    "recently",
    "quite",
    "new",
    "old",
    "local",
    "national",
    "regional",
    "annual",
]


def sentence(rng: random.Random, positive: bool) -> str:
    template = rng.choice(FACT if positive else OPINION)
    year = rng.randint(1990, 2024)
    text = template.format(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        org=rng.choice(ORGS),
        verb=rng.choice(VERBS),
        n=rng.choice([rng.randint(2, 999), f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"]),
        unit=rng.choice(UNITS),
        month=rng.choice(MONTHS),
        d=rng.randint(1, 28),
        year=year,
        year2=year + rng.randint(1, 5),
        thing=rng.choice(THINGS),
        adj=rng.choice(ADJ),
    )
    words = text.split()
    for _ in range(rng.randint(0, 4)):
        words.insert(rng.randint(1, len(words) - 1), rng.choice(FILLER))
    return " ".join(words)


def generate(rows: int, seed: int) -> list[tuple[str, int, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(rows):
        positive = rng.random() < 0.4
        label = int(positive) if rng.random() > 0.1 else int(not positive)
        out.append((sentence(rng, positive), label, f"article-{i // 30}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = SafeWriter(f)  # OWASP: no spreadsheet formulas
        writer.writerow(["text", "label", "group"])
        writer.writerows(generate(args.rows, args.seed))

    started = time.perf_counter()
    examples = read_labels(OUT)
    read_seconds = time.perf_counter() - started
    result = train(examples, holdout=0.2, seed=args.seed)
    train_seconds = time.perf_counter() - started - read_seconds
    document = result.model.dumps()
    started = time.perf_counter()
    model = load(document)
    load_seconds = time.perf_counter() - started

    workloads = {"synthetic": [e.text for e in examples[:40]]}
    if SHARED.exists():
        truth = json.loads(SHARED.read_text(encoding="utf-8"))
        body = truth[sorted(truth)[1]]["articleBody"]
        workloads["real article"] = [body[s:e] for s, e in split_sentences(body)][:40]
    heuristic = Heuristic()
    timings = {}
    for workload, claims in workloads.items():
        model.score(claims)  # warm-up (imports, the n-gram column cache)
        for name, scorer in (("model", model), ("heuristic", heuristic)):
            wall, cpu = [], []
            for _ in range(100):
                t, c = time.perf_counter(), time.thread_time()
                scorer.score(claims)
                wall.append(time.perf_counter() - t)
                cpu.append(time.thread_time() - c)
            wall.sort()
            cpu.sort()
            timings[f"{name}, {workload}"] = (wall[50] * 1000, cpu[50] * 1000, len(claims))

    holdout = result.report["holdout"]
    print(f"{'what':34s} {'value':>12s}   baseline / budget")
    print(f"{'rows (synthetic, 10% flipped)':34s} {len(examples):12,d}")
    print(f"{'read labels (s)':34s} {read_seconds:12.2f}")
    print(f"{'train incl. CV for C (s, 1 core)':34s} {train_seconds:12.2f}   budget 60")
    print(f"{'model document (KiB)':34s} {len(document) / 1024:12.0f}")
    print(f"{'load + verify (ms)':34s} {load_seconds * 1000:12.1f}")
    for name, (wall, cpu, n) in timings.items():
        label = f"score {n}: {name} (ms)"
        print(f"{label:34s} {wall:12.2f}   CPU {cpu:.2f}, budget 5")
    print(
        f"{'held-out ROC-AUC model/heuristic':34s} "
        f"{holdout['model']['roc_auc']:12.3f}   heuristic {holdout['heuristic']['roc_auc']:.3f}"
    )


if __name__ == "__main__":
    main()
