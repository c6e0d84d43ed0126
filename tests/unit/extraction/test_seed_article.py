"""The seed article against its gold claims, scored by the project's real scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from claims.extraction import extract, furniture_spans


def _score(scorer: Path, gold: Path, pred: Path) -> dict[str, float]:
    out = pred.with_suffix(".score.json")
    subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.read_text())["theta=0.5"]


def test_seed_f1_and_recall(shared_path, tmp_path: Path) -> None:
    gold = shared_path("data", "seed", "gold.jsonl")
    scorer = shared_path("tools", "score_claims.py")
    text = shared_path("data", "seed", "article.txt").read_text(encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    props = [{"spans": [list(s) for s in c.spans]} for c in extract(text, backend="rules")]
    pred.write_text(json.dumps({"id": "seed", "propositions": props}) + "\n")
    score = _score(scorer, gold, pred)
    assert score["F1"] >= 0.95, score
    assert score["R"] >= 0.95, score


def test_seed_quantity_quote_and_furniture(shared_path) -> None:
    text = shared_path("data", "seed", "article.txt").read_text(encoding="utf-8")
    gold = json.loads(shared_path("data", "seed", "gold.json").read_text(encoding="utf-8"))
    claims = extract(text, backend="rules")

    (plant,) = [c for c in claims if "300 megawatts" in text[c.start : c.end]]
    assert plant.kind == "quantity"
    assert {"value": 300, "unit": "MW"}.items() <= plant.details["numbers"][0].items()

    (king,) = [c for c in claims if '"king"' in text[c.start : c.end]]
    assert king.kind == "quote"
    assert king.details["quotes"][0]["speaker"] == "Min Aung Hlaing"

    furniture = furniture_spans(text)
    body_start, _ = gold["body_span"]
    for name in gold["not_claims"]:
        start = text.find(name)
        while 0 <= start < body_start:
            assert any(fs <= start and start + len(name) <= fe for fs, fe in furniture), name
            start = text.find(name, start + 1)
    for claim in claims:
        for s, e in claim.spans:
            assert s >= body_start
            assert not any(fs < e and s < fe for fs, fe in furniture)
