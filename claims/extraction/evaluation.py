"""Evaluation helpers: predictions in the scorer's format and a run of the external scorer.

The scorer (``../shared/tools/score_claims.py``) is run as a subprocess, never copied.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claims.extraction.types import ExtractedClaim

Extractor = Callable[[str], list[ExtractedClaim]]


def write_predictions(gold: Path, out: Path, extractor: Extractor) -> int:
    """Run `extractor` on every gold line's text; write one prediction line per id."""
    n = 0
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            item = json.loads(line)
            props = [{"spans": [list(s) for s in c.spans]} for c in extractor(item["text"])]
            dst.write(json.dumps({"id": item["id"], "propositions": props}) + "\n")
            n += len(props)
    return n


def score(
    scorer: Path, gold: Path, pred: Path, *, mode: str = "auto", threshold: float = 0.5
) -> dict[str, Any]:
    """Run the scorer; return its JSON figures plus the printed table under "report"."""
    with tempfile.TemporaryDirectory() as tmp:
        result_path = Path(tmp) / "score.json"
        cmd = [
            sys.executable,
            str(scorer),
            str(gold),
            str(pred),
            "--mode",
            mode,
            "--threshold",
            str(threshold),
            "--json",
            str(result_path),
        ]
        proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
        result: dict[str, Any] = json.loads(result_path.read_text())
    result["report"] = proc.stdout
    return result


def evaluate(
    scorer: Path, gold: Path, extractor: Extractor, *, mode: str = "auto"
) -> dict[str, Any]:
    """Predict on `gold` into a temporary file and score it."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        write_predictions(gold, pred, extractor)
        return score(scorer, gold, pred, mode=mode)
