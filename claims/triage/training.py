# Over 400 lines on purpose: fit, calibration and evaluation share one split.
"""Fit and evaluate check-worthiness models (needs scikit-learn; scoring does not).

    from claims.triage.training import train, evaluate
    result = train(examples, holdout=0.2, seed=7)    # examples: .text, .label (+ .group ...)
    result.model.score([...])                        # a CheckworthinessModel
    result.report["holdout"]["model"]["roc_auc"]    # held-out figures, heuristic beside
    evaluate(result.model, other_examples)           # {"model": {...}, "heuristic": {...}, ...}

An example is anything with ``text`` and ``label`` (0/1), and optionally ``group`` (rows of
one group, say one article, are never split between training and held-out rows), ``kind``,
``details``, ``position`` and ``source`` ("file", "decision", ...: counted in the stats).

Training: a stratified held-out part is kept aside (grouped when groups are given); on the
rest, the regularisation C of a class-balanced logistic regression is chosen by a 3-fold
(grouped) cross-validation on ROC-AUC, the decision threshold is the F1-optimal one on the
out-of-fold predictions of that C (training data only), and the final fit uses the whole
training part. The held-out part is touched once, for the reported figures.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claims.triage.features import ClaimInput, as_input
from claims.triage.hashing import hasher_for
from claims.triage.heuristic import THRESHOLD as HEURISTIC_THRESHOLD
from claims.triage.heuristic import Heuristic
from claims.triage.model import (
    DEFAULT_VECTORIZERS,
    NUMERIC_NAMES,
    CheckworthinessModel,
    build_document,
    load,
    numeric_matrix,
)

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
CV_FOLDS = 3
MIN_PER_CLASS = 5
TOP_FEATURES = 12


class TrainingError(ValueError):
    """Examples that cannot train a model (too few, one class only)."""


@dataclass
class TrainResult:
    """The model, its report, and which rows were held out (indices into the examples) with
    the scores the model measured on them gave (before any refit), so that a caller can
    compare another scorer on exactly those rows."""

    model: CheckworthinessModel
    report: dict[str, Any]
    heldout: list[int] = field(default_factory=list)
    heldout_scores: list[float] = field(default_factory=list)


def _claim(example: Any) -> ClaimInput:
    if isinstance(example, Mapping):
        return as_input(example)
    return ClaimInput(
        text=example.text,
        kind=getattr(example, "kind", None),
        details=getattr(example, "details", None),
        position=getattr(example, "position", None),
    )


def _get(example: Any, name: str) -> Any:
    return example.get(name) if isinstance(example, Mapping) else getattr(example, name, None)


# ----------------------------------------------------------------------------- metrics
def best_f1_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 when predicting positive for score >= threshold."""
    from sklearn.metrics import precision_recall_curve

    precision, recall, thresholds = precision_recall_curve(labels, scores)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall + 1e-12), 0)
    best = int(np.argmax(f1[:-1])) if len(thresholds) else 0
    if not len(thresholds):
        return 0.5, 0.0
    return float(thresholds[best]), float(f1[best])


def figures(labels: Sequence[int], scores: Sequence[float], threshold: float) -> dict[str, Any]:
    """ROC-AUC, average precision and F1 at `threshold` (None where one class is absent)."""
    from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

    y = np.asarray(labels, dtype=int)
    s = np.asarray(scores, dtype=float)
    both = 0 < y.sum() < len(y)
    return {
        "roc_auc": round(float(roc_auc_score(y, s)), 4) if both else None,
        "average_precision": round(float(average_precision_score(y, s)), 4) if both else None,
        "f1": round(float(f1_score(y, s >= threshold, zero_division=0)), 4),
        "threshold": round(float(threshold), 4),
    }


def evaluate(scorer: Any, examples: Sequence[Any]) -> dict[str, Any]:
    """Figures of `scorer` (a model, the ``Heuristic`` or None) and of the heuristic on the
    same labelled rows: ``{"model": {...} | None, "heuristic": {...}, "rows": N, ...}``."""
    claims = [_claim(e) for e in examples]
    labels = [int(_get(e, "label")) for e in examples]
    heuristic = Heuristic()
    heuristic_scores = heuristic.score(claims)
    result: dict[str, Any] = {
        "model": None,
        "heuristic": figures(labels, heuristic_scores, heuristic.threshold),
        "rows": len(labels),
        "positives": int(sum(labels)),
    }
    if scorer is not None and not isinstance(scorer, Heuristic):
        result["model"] = figures(labels, scorer.score(claims), scorer.threshold)
    return result


# ----------------------------------------------------------------------------- splitting
def split_holdout(
    labels: np.ndarray, groups: Sequence[Any] | None, holdout: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, held-out indices): stratified, and grouped when groups are given."""
    from sklearn.model_selection import StratifiedGroupKFold, train_test_split

    index = np.arange(len(labels))
    if not 0 < holdout < 1:
        raise TrainingError("holdout must be between 0 and 1")
    if groups is not None and len(set(groups)) >= 2:
        n_splits = max(2, round(1 / holdout))
        if len(set(groups)) < n_splits:
            raise TrainingError(f"{len(set(groups))} groups cannot hold {holdout:.0%} out")
        folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        train_index, test_index = next(folds.split(index, labels, groups))
        return train_index, test_index
    train_index, test_index = train_test_split(
        index, test_size=holdout, stratify=labels, random_state=seed
    )
    return np.sort(train_index), np.sort(test_index)


def _cv_folds(
    labels: np.ndarray, groups: np.ndarray | None, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    index = np.arange(len(labels))
    if groups is not None and len(set(groups)) >= CV_FOLDS:
        cv: Any = StratifiedGroupKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
        return list(cv.split(index, labels, groups))
    cv = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
    return list(cv.split(index, labels))


# ----------------------------------------------------------------------------- fitting
class _Design:
    """The feature matrix of a set of claims, with the numeric part standardised."""

    def __init__(self, claims: Sequence[ClaimInput], vectorizers: Sequence[Mapping[str, Any]]):
        from scipy import sparse

        texts = [c.text for c in claims]
        self.text = sparse.hstack([hasher_for(v).matrix(texts) for v in vectorizers], format="csr")
        self.numeric = numeric_matrix(claims)

    def matrix(self, rows: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> Any:
        from scipy import sparse

        numeric = (self.numeric[rows] - mean) / scale
        return sparse.hstack([self.text[rows], sparse.csr_matrix(numeric)], format="csr")


def _standardiser(numeric: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = numeric.mean(axis=0)
    scale = numeric.std(axis=0)
    scale[scale < 1e-6] = 1.0
    # Stored as float32: standardise with the values the scorer will read back.
    return mean.astype(np.float32).astype(np.float64), scale.astype(np.float32).astype(np.float64)


def _fit(x: Any, y: np.ndarray, c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=c, class_weight="balanced", solver="newton-cg", max_iter=200, random_state=seed
    )
    return model.fit(x, y)


def _choose_c(
    design: _Design, y: np.ndarray, rows: np.ndarray, groups: np.ndarray | None, seed: int
) -> tuple[float, dict[str, float], np.ndarray]:
    """Best C by out-of-fold ROC-AUC, the scores per C and the best C's out-of-fold scores."""
    from sklearn.metrics import roc_auc_score

    folds = _cv_folds(y[rows], None if groups is None else groups[rows], seed)
    prepared = []
    for fit_part, test_part in folds:
        fit_rows, test_rows = rows[fit_part], rows[test_part]
        mean, scale = _standardiser(design.numeric[fit_rows])
        prepared.append(
            (
                design.matrix(fit_rows, mean, scale),
                y[fit_rows],
                design.matrix(test_rows, mean, scale),
                test_part,
            )
        )
    aucs: dict[str, float] = {}
    best_c, best_auc, best_oof = C_GRID[0], -1.0, np.zeros(len(rows))
    for c in C_GRID:
        oof = np.zeros(len(rows))
        for x_fit, y_fit, x_test, test_part in prepared:
            oof[test_part] = _fit(x_fit, y_fit, c, seed).decision_function(x_test)
        auc = float(roc_auc_score(y[rows], oof))
        aucs[str(c)] = round(auc, 4)
        if auc > best_auc + 1e-9:
            best_c, best_auc, best_oof = c, auc, oof
    return best_c, aucs, best_oof


def _names_of_hashed(
    texts: Sequence[str],
    text_matrix: Any,
    vectorizers: Sequence[Mapping[str, Any]],
    wanted: set[int],
    per_column: int = 20,
) -> dict[int, str]:
    """A readable n-gram for each wanted hashed column: its most frequent n-gram among a
    few training texts that hit the column."""
    offsets = np.cumsum([0] + [v["n_features"] for v in vectorizers])
    hashers = [hasher_for(v) for v in vectorizers]
    columns = text_matrix.tocsc()
    names: dict[int, str] = {}
    for column in wanted:
        block = int(np.searchsorted(offsets, column, side="right")) - 1
        local = column - offsets[block]
        counts: Counter[str] = Counter()
        for row in columns[:, column].nonzero()[0][:per_column]:
            counts.update(g for g, c in hashers[block].grams(texts[row]) if c == local)
        if counts:
            names[column] = f"{vectorizers[block]['name']}:{counts.most_common(1)[0][0]}"
    return names


def _top_features(
    texts: Sequence[str],
    text_matrix: Any,
    vectorizers: Sequence[Mapping[str, Any]],
    text_weights: np.ndarray,
    numeric_weights: np.ndarray,
) -> dict[str, list[dict[str, Any]]]:
    order = np.argsort(text_weights)
    wanted = {int(i) for i in order[:TOP_FEATURES]} | {int(i) for i in order[-TOP_FEATURES:]}
    names = _names_of_hashed(texts, text_matrix, vectorizers, wanted)
    items = [(names.get(int(i), f"hash:{int(i)}"), float(text_weights[i])) for i in wanted]
    items += [
        (f"feature:{n}", float(w)) for n, w in zip(NUMERIC_NAMES, numeric_weights, strict=True)
    ]
    items.sort(key=lambda item: item[1])
    return {
        "positive": [{"name": n, "weight": round(w, 4)} for n, w in items[::-1][:TOP_FEATURES]],
        "negative": [{"name": n, "weight": round(w, 4)} for n, w in items[:TOP_FEATURES]],
    }


def _counts(labels: np.ndarray, sources: Sequence[str], rows: np.ndarray) -> dict[str, Any]:
    by_source: dict[str, dict[str, int]] = {}
    for i in rows:
        entry = by_source.setdefault(sources[i], {"positives": 0, "negatives": 0})
        entry["positives" if labels[i] else "negatives"] += 1
    return {
        "rows": len(rows),
        "positives": int(labels[rows].sum()),
        "negatives": int(len(rows) - labels[rows].sum()),
        "by_source": by_source,
    }


def _sklearn_version() -> str:
    import sklearn

    return str(sklearn.__version__)


def train(
    examples: Sequence[Any],
    holdout: float = 0.2,
    seed: int = 0,
    *,
    vectorizers: Sequence[Mapping[str, Any]] = DEFAULT_VECTORIZERS,
    refit: bool = False,
) -> TrainResult:
    """Train a model on labelled examples; report held-out figures beside the heuristic's.

    With ``refit=True`` the returned model is fitted again on every row (same C and
    threshold) once the held-out figures are taken; the report says so.

    Runs on one core: the solver's BLAS calls are limited to one thread (``threadpoolctl``,
    a scikit-learn dependency). On small sparse problems more threads only contend: 997
    sentences took 18 s with two OpenBLAS threads and 6 s with one on the 2-core machine.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(examples, holdout, seed, vectorizers=vectorizers, refit=refit)


def _train(
    examples: Sequence[Any],
    holdout: float,
    seed: int,
    *,
    vectorizers: Sequence[Mapping[str, Any]],
    refit: bool,
) -> TrainResult:
    started = time.perf_counter()
    claims = [_claim(e) for e in examples]
    labels = np.asarray([int(_get(e, "label")) for e in examples], dtype=int)
    if set(np.unique(labels)) - {0, 1}:
        raise TrainingError("labels must be 0 or 1")
    for value, name in ((1, "positive"), (0, "negative")):
        if int((labels == value).sum()) < MIN_PER_CLASS:
            raise TrainingError(f"at least {MIN_PER_CLASS} {name} examples are needed")
    raw_groups = [_get(e, "group") for e in examples]
    groups = None
    if any(g is not None for g in raw_groups):
        groups = np.asarray(
            [str(g) if g is not None else f"row:{i}" for i, g in enumerate(raw_groups)]
        )
    sources = [str(_get(e, "source") or "file") for e in examples]

    train_rows, test_rows = split_holdout(
        labels, None if groups is None else list(groups), holdout, seed
    )
    if len(set(labels[test_rows])) < 2 or len(set(labels[train_rows])) < 2:
        raise TrainingError("the held-out part needs both labels: add examples or groups")
    design = _Design(claims, vectorizers)
    c, cv_aucs, oof = _choose_c(design, labels, train_rows, groups, seed)
    threshold_logit, _ = best_f1_threshold(labels[train_rows], oof)

    mean, scale = _standardiser(design.numeric[train_rows])
    fitted = _fit(design.matrix(train_rows, mean, scale), labels[train_rows], c, seed)
    n_text = design.text.shape[1]
    coef = fitted.coef_[0]
    intercept = float(fitted.intercept_[0])
    threshold = float(1.0 / (1.0 + np.exp(-threshold_logit)))

    test_claims = [claims[i] for i in test_rows]
    heuristic = Heuristic()
    train_heuristic = heuristic.score([claims[i] for i in train_rows])
    heuristic_threshold, _ = best_f1_threshold(labels[train_rows], np.asarray(train_heuristic))

    def document_for(
        coef: np.ndarray, intercept: float, mean: Any, scale: Any, extra: dict[str, Any]
    ) -> dict[str, Any]:
        return build_document(
            vectorizers=vectorizers,
            mean=mean,
            scale=scale,
            intercept=intercept,
            text_weights=coef[:n_text],
            numeric_weights=coef[n_text:],
            threshold=threshold,
            training=extra,
        )

    provisional = load(document_for(coef, intercept, mean, scale, {}))
    test_scores = provisional.score(test_claims)
    held_out = {
        "model": figures(labels[test_rows], test_scores, threshold),
        "heuristic": figures(labels[test_rows], heuristic.score(test_claims), heuristic_threshold),
        "heuristic_default_threshold": figures(
            labels[test_rows], heuristic.score(test_claims), HEURISTIC_THRESHOLD
        ),
        "rows": len(test_rows),
        "positives": int(labels[test_rows].sum()),
        "groups": len(set(groups[test_rows])) if groups is not None else None,
    }
    fit_rows = train_rows
    if refit:
        fit_rows = np.arange(len(labels))
        mean, scale = _standardiser(design.numeric)
        fitted = _fit(design.matrix(fit_rows, mean, scale), labels, c, seed)
        coef, intercept = fitted.coef_[0], float(fitted.intercept_[0])
    report: dict[str, Any] = {
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "holdout_share": holdout,
        "grouped": groups is not None,
        "train": _counts(labels, sources, train_rows),
        "fitted_on": _counts(labels, sources, fit_rows),
        "refit_on_all_rows": refit,
        "c": c,
        "cv_roc_auc_by_c": cv_aucs,
        "holdout": held_out,
        "top_features": _top_features(
            [claims[i].text for i in fit_rows],
            design.text[fit_rows],
            vectorizers,
            coef[:n_text],
            coef[n_text:],
        ),
        "seconds": round(time.perf_counter() - started, 2),
        "scikit_learn": _sklearn_version(),
    }
    model = load(document_for(coef, intercept, mean, scale, report))
    return TrainResult(
        model=model,
        report=report,
        heldout=[int(i) for i in test_rows],
        heldout_scores=[float(s) for s in test_scores],
    )
