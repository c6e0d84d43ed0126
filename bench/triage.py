"""Benchmark: training the check-worthiness model on 20,000 labelled sentences, on one core.

    python bench/triage.py [--rows 20000] [--skip-command]

Builds a labelled file of ``--rows`` English sentences from ../shared (the article pages'
bodies split by the workbench's splitter, then the UD English EWT sentences), each labelled
1 with the probability the heuristic gives it (seeded: a realistic class balance with label
noise; the figures of a model trained on it mean nothing, its time does), and writes it to
``var/bench/triage-<rows>.csv``. Then it times, pinned to one CPU (``taskset -c 0``):

- ``manage.py train_checkworthiness --labels FILE`` end to end (Django start-up, reading the
  file, hashing, choosing C by 3-fold cross-validation over 5 values, the held-out figures,
  the refit on every row, storing the model) against a throwaway SQLite database;
- the baseline the issue names: a plain scikit-learn ``TfidfVectorizer`` (word 1-2-grams) and
  ``LogisticRegression`` fitted once on the same rows;
- scoring: sentences per second through the stored model and through the heuristic.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "var" / "bench"


def sentences() -> list[tuple[str, str]]:
    """(sentence, group) pairs from the article pages, then UD EWT."""
    from claims.extraction.segment import split_sentences

    out: list[tuple[str, str]] = []
    truth = json.loads((SHARED / "article-pages" / "ground-truth.json").read_text("utf-8"))
    for page, item in sorted(truth.items()):
        text = item["articleBody"]
        for s, e in split_sentences(text):
            for line in text[s:e].split("\n"):
                line = line.strip()
                if len(line) >= 3 and re.search(r"\w", line):
                    out.append((line, page[:12]))
    for path in sorted((SHARED / "ud-english-ewt").glob("*.conllu")):
        doc = ""
        for raw in path.read_text("utf-8").splitlines():
            if raw.startswith("# newdoc id ="):
                doc = raw.split("=", 1)[1].strip()
            elif raw.startswith("# text ="):
                out.append((raw.split("=", 1)[1].strip(), f"ewt:{doc or path.stem}"))
    return out


def labelled_file(rows: int) -> Path:
    from claims.triage.heuristic import heuristic_score
    from workbench.csvsafe import SafeWriter

    path = OUT / f"triage-{rows}.csv"
    if path.exists():
        return path
    pool = list(dict.fromkeys(sentences()))
    if len(pool) < rows:
        sys.exit(f"only {len(pool)} sentences in ../shared; ask for fewer --rows")
    rng = random.Random(20)
    rng.shuffle(pool)
    OUT.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = SafeWriter(f)
        writer.writerow(["text", "label", "group"])
        for text, group in pool[:rows]:
            writer.writerow([text, int(rng.random() < heuristic_score(text)), group])
    return path


def time_command(path: Path) -> tuple[float, str]:
    db = OUT / "triage-bench.sqlite3"
    db.unlink(missing_ok=True)
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}"}
    env.pop("REDIS_URL", None)
    env["CELERY_BROKER_DIR"] = str(OUT / "broker")
    python = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*python, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    pin = ["taskset", "-c", "0"] if _has_taskset() else []
    started = time.perf_counter()
    done = subprocess.run(
        [*pin, *python, "train_checkworthiness", "--labels", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(done.stderr)
    return seconds, done.stdout


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


def time_baseline(path: Path) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from claims.triage.labels import read_labels

    rows = read_labels(path)
    started = time.perf_counter()
    x = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit_transform([r.text for r in rows])
    LogisticRegression(max_iter=1000).fit(x, [r.label for r in rows])
    return time.perf_counter() - started


def time_scoring(path: Path) -> tuple[float, float]:
    from claims.triage.heuristic import Heuristic
    from claims.triage.labels import read_labels
    from claims.triage.training import train

    rows = read_labels(path)[:2000]
    model = train(rows, holdout=0.2, seed=0).model
    texts = [r.text for r in rows]
    rates = []
    for scorer in (model, Heuristic()):
        started = time.perf_counter()
        scorer.score(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--skip-command", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "article-pages").exists():
        print(f"note: {SHARED} not found; the triage benchmark needs its sentences (skipped)")
        return
    if _has_taskset():
        os.sched_setaffinity(0, {0})
    path = labelled_file(args.rows)
    print(f"labelled file: {path.relative_to(ROOT)} ({args.rows:,} sentences), one core\n")
    print(f"{'what':58s} {'seconds':>8s}")
    if not args.skip_command:
        seconds, output = time_command(path)
        print(f"{'manage.py train_checkworthiness --labels FILE (all of it)':58s} {seconds:8.1f}")
    baseline = time_baseline(path)
    print(f"{'baseline: TfidfVectorizer + LogisticRegression, one fit':58s} {baseline:8.1f}")
    model_rate, heuristic_rate = time_scoring(path)
    print(
        f"\nscoring: {model_rate:,.0f} sentences/s with the model, "
        f"{heuristic_rate:,.0f} with the heuristic"
    )
    if not args.skip_command:
        print("\n" + output)


if __name__ == "__main__":
    main()
