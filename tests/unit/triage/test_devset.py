"""The labelled development set (tests/data/checkworthy/) and the acceptance figures.

The sentences are read from ../shared (``shared_path`` skips outside CI, fails in CI when
the data is missing); the repository stores page ids, offsets, SHA-1 digests and labels.
"""

import hashlib
import json
from pathlib import Path

import pytest

from claims.triage.labels import read_anchored
from claims.triage.training import evaluate, train
from tests.conftest import shared_path

STORE = Path(__file__).resolve().parents[2] / "data" / "checkworthy" / "sentences.jsonl"
EXCLUDED = [
    "702d1da63b8e",
    "1ee91d1fce65",
    "9ebb3af65694",
    "7f93c1944a41",
    "360c732d1fdb",
    "14cc2a0ca59c",
    "7a457a4f7173",
    "d0382c0d9573",
    "374ac9a59a85",
    "7916ecca969f",
    "5a822960e9a2",
    "ef4e67b66d63",
    "ea25dd7edff4",
    "8380689f358c",
    "c7e39ac49fa1",
    "eecd2575093b",
    "57d46c9d751e",
    "2c46804d9db4",
]


def split_of(page: str) -> str:
    return "heldout" if hashlib.sha1(page.encode()).hexdigest()[0] in "01234" else "dev"


def test_the_stored_set_holds_no_text_and_no_excluded_page() -> None:
    lines = [json.loads(line) for line in STORE.read_text().splitlines()]
    assert len(lines) >= 1200
    assert {tuple(sorted(line)) for line in lines} == {("label", "page", "sha1", "span")}
    pages = {line["page"] for line in lines}
    assert len(pages) >= 40
    assert not [p for p in pages if p[:12] in EXCLUDED]
    assert {line["label"] for line in lines} == {0, 1}


@pytest.fixture(scope="module")
def devset():
    truth = json.loads(
        shared_path("data", "article-pages", "ground-truth.json").read_text(encoding="utf-8")
    )
    texts = {page: item["articleBody"] for page, item in truth.items()}
    rows = read_anchored(STORE.read_text().splitlines(), texts)  # checks every SHA-1
    dev = [r for r in rows if split_of(r.group) == "dev"]
    heldout = [r for r in rows if split_of(r.group) == "heldout"]
    model = train(dev, holdout=0.2, seed=1, refit=True).model
    return dev, heldout, evaluate(model, heldout)


def test_dev_and_heldout_articles_are_separate(devset) -> None:
    dev, heldout, _ = devset
    assert not {r.group for r in dev} & {r.group for r in heldout}
    assert len({r.group for r in heldout}) >= 10 and len(heldout) >= 350


def test_the_heuristic_reaches_the_issue_bar_on_heldout_articles(devset) -> None:
    _, _, figures = devset
    assert figures["heuristic"]["roc_auc"] >= 0.72
    # measured 0.861 (AP 0.820, F1 0.692 at 0.5) when this test was written
    assert figures["heuristic"]["roc_auc"] >= 0.84


def test_the_learned_model_is_not_worse_than_the_heuristic(devset) -> None:
    _, _, figures = devset
    # measured 0.871 (AP 0.832, F1 0.731) against the heuristic's 0.861
    assert figures["model"]["roc_auc"] >= figures["heuristic"]["roc_auc"]
    assert figures["model"]["average_precision"] >= figures["heuristic"]["average_precision"]


@pytest.mark.xfail(
    strict=True,
    reason="issue 10 asks for model >= heuristic + 0.10; on 997 training sentences the "
    "learned model adds about +0.01 over a hand-weighted heuristic at 0.86",
)
def test_the_learned_model_beats_the_heuristic_by_a_tenth(devset) -> None:
    _, _, figures = devset
    assert figures["model"]["roc_auc"] >= figures["heuristic"]["roc_auc"] + 0.10
