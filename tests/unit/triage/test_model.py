import base64
import copy
import json

import numpy as np
import pytest

from claims.triage.heuristic import Heuristic
from claims.triage.labels import LabelledText, read_labels
from claims.triage.model import NUMERIC_NAMES, ModelError, checksum, load
from claims.triage.training import TrainingError, evaluate, train

from .synthetic import newsroom_rows

CLAIMS = [
    "Sources say Rovers are in talks to sign Okafor.",
    "United beat City 3-1 on Saturday in 2024.",
    "Agents for Moreau have contacted Albion about a deal.",
    "Athletic drew 2-2 with Rangers in March 2023.",
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A model trained on a newsroom's CSV file, written here."""
    path = tmp_path_factory.mktemp("labels") / "desk.csv"
    lines = ["text,label,group,notes"]
    for text, label, group in newsroom_rows(240):
        lines.append(f'"{text}",{"yes" if label else "no"},{group},ignored')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return train(read_labels(path), holdout=0.25, seed=3)


def _resign(document: dict) -> dict:
    document["checksum"] = checksum(document)
    return document


def test_training_on_a_newsroom_file_changes_the_order(trained) -> None:
    heuristic = Heuristic().score(CLAIMS)
    learned = trained.model.score(CLAIMS)
    heuristic_top = sorted(range(4), key=lambda i: -heuristic[i])[:2]
    learned_top = sorted(range(4), key=lambda i: -learned[i])[:2]
    assert set(heuristic_top) == {1, 3}  # figures and dates first
    assert set(learned_top) == {0, 2}  # this desk checks transfer rumours
    holdout = trained.report["holdout"]
    assert holdout["model"]["roc_auc"] > 0.95 > holdout["heuristic"]["roc_auc"]
    assert trained.report["train"]["by_source"]["file"]["positives"] > 0
    assert trained.report["top_features"]["positive"]


def test_grouped_holdout_never_shares_an_article(trained) -> None:
    report = trained.report
    assert report["grouped"] is True
    assert report["holdout"]["groups"] >= 2
    assert report["train"]["rows"] + report["holdout"]["rows"] == 240


def test_save_and_load_round_trip(trained) -> None:
    text = trained.model.dumps()
    again = load(text)
    assert again.score(CLAIMS) == trained.model.score(CLAIMS)
    assert load(text.encode()).checksum == trained.model.checksum
    assert load(json.loads(text)).threshold == trained.model.threshold
    document = json.loads(text)
    assert document["schema"] == "workbench.checkworthiness" and document["version"] == 1
    assert document["numeric"]["names"] == list(NUMERIC_NAMES)
    assert {"trained_at", "holdout", "top_features", "c"} <= set(document["training"])


def test_scoring_is_a_dot_product_over_the_hashed_features(trained) -> None:
    from scipy import sparse

    from claims.triage.hashing import hasher_for

    model = trained.model
    text = sparse.hstack([hasher_for(v).matrix(CLAIMS) for v in model.vectorizer_settings])
    numeric = (model.numeric_matrix(CLAIMS) - model.mean) / model.scale
    z = text @ model.text_weights + numeric @ model.numeric_weights + model.intercept
    assert np.allclose(model.logits(CLAIMS), z, atol=1e-5)
    assert model.score([]) == []


def _tampered(trained, change) -> dict:
    document = copy.deepcopy(trained.model.to_dict())
    change(document)
    return document


def test_a_changed_weight_is_refused(trained) -> None:
    def change(d):
        raw = bytearray(base64.b64decode(d["weights"]["numeric"]))
        raw[0:4] = np.asarray([5.0], dtype="<f4").tobytes()
        d["weights"]["numeric"] = base64.b64encode(bytes(raw)).decode()

    with pytest.raises(ModelError, match="checksum does not match"):
        load(_tampered(trained, change))
    with pytest.raises(ModelError, match="checksum does not match"):
        load(_tampered(trained, lambda d: d.update(threshold=0.01)))


def test_a_changed_or_missing_checksum_is_refused(trained) -> None:
    with pytest.raises(ModelError, match="checksum does not match"):
        load(_tampered(trained, lambda d: d.update(checksum="sha256:" + "0" * 64)))
    with pytest.raises(ModelError, match="checksum is missing"):
        load(_tampered(trained, lambda d: d.pop("checksum")))


def test_a_truncated_or_garbled_document_is_refused(trained) -> None:
    text = trained.model.dumps()
    for broken in (text[: len(text) // 2], text[:-1], "", "[]", "null", b"\xff\xfe"):
        with pytest.raises(ModelError):
            load(broken)
    with pytest.raises(ModelError):
        load(42)  # type: ignore[arg-type]


def test_wrong_shapes_are_refused_even_with_a_valid_checksum(trained) -> None:
    def short_weights(d):
        d["weights"]["text"] = base64.b64encode(np.zeros(10, "<f4").tobytes()).decode()

    def short_numeric(d):
        d["numeric"]["mean"] = base64.b64encode(np.zeros(3, "<f4").tobytes()).decode()

    def odd_bytes(d):
        d["weights"]["numeric"] = base64.b64encode(b"\x00" * 7).decode()

    def nan_weight(d):
        raw = np.zeros(len(NUMERIC_NAMES), "<f4")
        raw[2] = np.nan
        d["weights"]["numeric"] = base64.b64encode(raw.tobytes()).decode()

    def huge_vectorizer(d):
        d["vectorizers"][0]["n_features"] = 2**20

    def renamed_feature(d):
        d["numeric"]["names"][0] = "something_else"

    def bad_hash(d):
        d["vectorizers"][1]["hash"] = "md5"

    def bad_threshold(d):
        d["threshold"] = 3

    cases = {
        short_weights: "weights.text has 10 values",
        short_numeric: "numeric.mean has 3 values",
        odd_bytes: "whole number of float32",
        nan_weight: "NaN",
        huge_vectorizer: "n_features",
        renamed_feature: "numeric feature names",
        bad_hash: "hash must be",
        bad_threshold: "threshold",
    }
    for change, message in cases.items():
        with pytest.raises(ModelError, match=message):
            load(_resign(_tampered(trained, change)))


def test_wrong_version_schema_or_features_are_refused(trained) -> None:
    for change, message in (
        (lambda d: d.update(version=2), "version 2 is not supported"),
        (lambda d: d.update(version=True), "not supported"),
        (lambda d: d.update(schema="something"), "not a check-worthiness model"),
        (lambda d: d.update(features_version=0), "features version 0"),
    ):
        with pytest.raises(ModelError, match=message):
            load(_resign(_tampered(trained, change)))


def test_evaluate_reports_model_and_heuristic_on_the_same_rows(trained) -> None:
    rows = [LabelledText(t, y) for t, y, _ in newsroom_rows(60, seed=9)]
    result = evaluate(trained.model, rows)
    assert result["rows"] == 60 and result["positives"] == 30
    assert set(result["model"]) == {"roc_auc", "average_precision", "f1", "threshold"}
    assert result["model"]["roc_auc"] > result["heuristic"]["roc_auc"]
    assert evaluate(Heuristic(), rows)["model"] is None
    assert evaluate(None, rows)["heuristic"]["threshold"] == 0.5


def test_training_needs_both_labels() -> None:
    with pytest.raises(TrainingError, match="negative"):
        train([LabelledText(f"claim {i}", 1) for i in range(40)])
    with pytest.raises(TrainingError, match="holdout"):
        train([LabelledText(f"claim {i}", i % 2) for i in range(40)], holdout=1.5)
