"""A learned check-worthiness model stored as data (a JSON document), never as a pickle.

The model is a logistic regression over

- hashed text n-grams (``hashing.py``): word 1-2-grams (scikit-learn's
  ``HashingVectorizer``, MurmurHash3) and character 3-5-grams within word boundaries
  (``char_wb`` n-grams, hashed in numpy), 2**16 columns each, L2-normalised non-negative
  counts (``alternate_sign=False``: with a logistic regression on top a sign flip buys
  nothing and makes the top features unreadable). Stateless: the settings are all a
  hasher needs;
- the claim's numeric features (``features.FEATURE_NAMES``) standardised with the training
  mean and scale, plus the heuristic's log-odds (``heuristic.heuristic_logit``).

Scoring is a dot product of those features with the stored weights: no scikit-learn
estimator, no pickle, a few milliseconds for an article's claims.

    from claims.triage.model import load, ModelError
    model = load(json_text)                 # verifies schema, version, shapes, checksum
    model.score([claim, ...])               # -> [0.93, 0.12, ...]
    model.dumps()                           # the JSON document again

The document (``SCHEMA``, ``VERSION`` 1)::

    {"schema": "workbench.checkworthiness", "version": 1, "features_version": 1,
     "vectorizers": [{"name": "word", "analyzer": "word", "ngram_range": [1, 2],
                      "n_features": 65536, "hash": "murmurhash3"},
                     {"name": "char", "analyzer": "char_wb", "ngram_range": [3, 5],
                      "n_features": 65536, "hash": "splitmix64"}],
     "numeric": {"names": [...], "mean": B64, "scale": B64},
     "weights": {"intercept": 0.1, "text": B64, "numeric": B64},
     "threshold": 0.42, "training": {...}, "checksum": "sha256:<hex>"}

B64 is the base64 of little-endian float32 values. ``checksum`` is the SHA-256 of the
canonical JSON of every other key (sorted keys, no spaces, ASCII). ``load`` refuses
anything else with a ``ModelError`` that says what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from claims.triage.features import FEATURE_NAMES, FEATURES_VERSION, as_input, features
from claims.triage.hashing import HASHES, hasher_for
from claims.triage.heuristic import logit_of

SCHEMA = "workbench.checkworthiness"
VERSION = 1
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_TEXT_FEATURES = 2**18
HEURISTIC_FEATURE = "heuristic_logit"
NUMERIC_NAMES: tuple[str, ...] = (*FEATURE_NAMES, HEURISTIC_FEATURE)
DEFAULT_VECTORIZERS: tuple[dict[str, Any], ...] = (
    {"name": "word", "analyzer": "word", "ngram_range": [1, 2], "n_features": 2**16},
    {"name": "char", "analyzer": "char_wb", "ngram_range": [3, 5], "n_features": 2**16},
)


class ModelError(ValueError):
    """A model document that cannot be used (tampered, corrupted, truncated, too new)."""


# ----------------------------------------------------------------------------- encoding
def encode_floats(values: Sequence[float] | np.ndarray) -> str:
    """Base64 of little-endian float32."""
    return base64.b64encode(np.asarray(values, dtype="<f4").tobytes()).decode("ascii")


def decode_floats(text: Any, what: str) -> np.ndarray:
    if not isinstance(text, str):
        raise ModelError(f"{what} must be a base64 string")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ModelError(f"{what} is not valid base64") from None
    if len(raw) % 4:
        raise ModelError(f"{what} is not a whole number of float32 values (truncated?)")
    values = np.frombuffer(raw, dtype="<f4").astype(np.float64)
    if not np.all(np.isfinite(values)):
        raise ModelError(f"{what} holds NaN or infinite values")
    return values


def canonical(document: Mapping[str, Any]) -> bytes:
    """The bytes the checksum covers: every key but ``checksum``, canonical JSON."""
    body = {k: v for k, v in document.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def checksum(document: Mapping[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical(document)).hexdigest()


# ----------------------------------------------------------------------------- the model
class CheckworthinessModel:
    """A loaded, verified model: ``score`` claims, ``dumps`` the document again."""

    name = "model"

    def __init__(self, document: dict[str, Any]):
        self.document = document
        self.vectorizer_settings: list[dict[str, Any]] = document["vectorizers"]
        self.numeric_names: list[str] = document["numeric"]["names"]
        self.mean = decode_floats(document["numeric"]["mean"], "numeric.mean")
        self.scale = decode_floats(document["numeric"]["scale"], "numeric.scale")
        weights = document["weights"]
        self.intercept = float(weights["intercept"])
        self.text_weights = decode_floats(weights["text"], "weights.text")
        self.numeric_weights = decode_floats(weights["numeric"], "weights.numeric")
        self.threshold = float(document["threshold"])
        self.training: dict[str, Any] = document.get("training", {})
        offsets = np.cumsum([0] + [s["n_features"] for s in self.vectorizer_settings])
        self._blocks = [
            (hasher_for(settings), self.text_weights[a:b])
            for settings, a, b in zip(self.vectorizer_settings, offsets, offsets[1:], strict=False)
        ]

    @property
    def checksum(self) -> str:
        return str(self.document["checksum"])

    def numeric_matrix(self, claims: Sequence[Any]) -> np.ndarray:
        """Raw numeric features (before standardisation), one row per claim."""
        return numeric_matrix(claims)

    def logits(self, claims: Iterable[Any]) -> np.ndarray:
        items = [as_input(c) for c in claims]
        if not items:
            return np.zeros(0)
        texts = [c.text for c in items]
        z = np.full(len(items), self.intercept)
        for hasher, weights in self._blocks:
            z += hasher.dot(texts, weights)
        numeric = (numeric_matrix(items) - self.mean) / self.scale
        z += numeric @ self.numeric_weights
        return z

    def score(self, claims: Iterable[Any]) -> list[float]:
        """Check-worthiness in 0..1 for each claim (anything ``features.as_input`` takes)."""
        z = np.clip(self.logits(claims), -60, 60)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]

    def score_one(self, claim: Any) -> float:
        return self.score([claim])[0]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.document)

    def dumps(self) -> str:
        return json.dumps(self.document, sort_keys=True, separators=(",", ":"))


def numeric_matrix(claims: Sequence[Any]) -> np.ndarray:
    """The numeric features of the claims plus the heuristic's clipped log-odds."""
    rows = []
    for claim in claims:
        item = as_input(claim)
        values = features(item)
        row = [values[name] for name in FEATURE_NAMES]
        row.append(max(-10.0, min(10.0, logit_of(values))))
        rows.append(row)
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(NUMERIC_NAMES))


def build_document(
    *,
    vectorizers: Sequence[Mapping[str, Any]],
    mean: np.ndarray,
    scale: np.ndarray,
    intercept: float,
    text_weights: np.ndarray,
    numeric_weights: np.ndarray,
    threshold: float,
    training: Mapping[str, Any],
) -> dict[str, Any]:
    """A complete, checksummed model document from fitted arrays."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "features_version": FEATURES_VERSION,
        "vectorizers": [
            {
                "name": str(v["name"]),
                "analyzer": str(v["analyzer"]),
                "ngram_range": [int(n) for n in v["ngram_range"]],
                "n_features": int(v["n_features"]),
                "hash": HASHES[str(v["analyzer"])],
            }
            for v in vectorizers
        ],
        "numeric": {
            "names": list(NUMERIC_NAMES),
            "mean": encode_floats(mean),
            "scale": encode_floats(scale),
        },
        "weights": {
            "intercept": float(np.float32(intercept)),
            "text": encode_floats(text_weights),
            "numeric": encode_floats(numeric_weights),
        },
        "threshold": float(round(threshold, 6)),
        "training": json.loads(json.dumps(training)),
    }
    document["checksum"] = checksum(document)
    return document


# ----------------------------------------------------------------------------- loading
def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ModelError(message)


def _check_vectorizers(value: Any) -> int:
    _require(isinstance(value, list) and bool(value), "vectorizers must be a non-empty list")
    total = 0
    for i, v in enumerate(value):
        where = f"vectorizers[{i}]"
        _require(isinstance(v, dict), f"{where} must be an object")
        analyzer = v.get("analyzer")
        _require(analyzer in HASHES, f"{where}.analyzer must be one of {tuple(HASHES)}")
        _require(
            v.get("hash") == HASHES[analyzer],
            f"{where}.hash must be {HASHES[analyzer]!r} for the {analyzer} analyzer",
        )
        ngrams = v.get("ngram_range")
        _require(
            isinstance(ngrams, list)
            and len(ngrams) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in ngrams)
            and 1 <= ngrams[0] <= ngrams[1] <= 8,
            f"{where}.ngram_range must be [low, high] with 1 <= low <= high <= 8",
        )
        n = v.get("n_features")
        _require(
            isinstance(n, int) and not isinstance(n, bool) and 2 <= n <= MAX_TEXT_FEATURES,
            f"{where}.n_features must be an integer from 2 to {MAX_TEXT_FEATURES}",
        )
        total += n
    _require(total <= MAX_TEXT_FEATURES, f"more than {MAX_TEXT_FEATURES} hashed features")
    return total


def load(data: str | bytes | Mapping[str, Any]) -> CheckworthinessModel:
    """A verified model from its JSON document (text, bytes or the parsed object).

    Raises ``ModelError`` for anything but an intact document of this schema and version:
    invalid or truncated JSON, a wrong schema or version, features of another version,
    arrays of the wrong length or with non-finite values, or a checksum that does not match
    (a weight or setting changed after the model was written).
    """
    if isinstance(data, bytes | bytearray):
        _require(len(data) <= MAX_DOCUMENT_BYTES, "the model document is too large")
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise ModelError("the model document is not UTF-8") from None
    if isinstance(data, str):
        _require(len(data) <= MAX_DOCUMENT_BYTES, "the model document is too large")
        try:
            document = json.loads(data)
        except ValueError as error:
            raise ModelError(
                f"the model document is not valid JSON (truncated?): {error}"
            ) from None
    elif isinstance(data, Mapping):
        document = dict(data)
    else:
        raise ModelError(f"a model document is JSON text or an object, not {type(data).__name__}")
    _require(isinstance(document, dict), "the model document must be a JSON object")
    _require(
        document.get("schema") == SCHEMA, f"not a check-worthiness model (schema != {SCHEMA!r})"
    )
    version = document.get("version")
    _require(
        version == VERSION and not isinstance(version, bool),
        f"model version {version!r} is not supported (this code reads version {VERSION})",
    )
    _require(
        document.get("features_version") == FEATURES_VERSION,
        f"the model was trained on features version {document.get('features_version')!r}, "
        f"this code computes version {FEATURES_VERSION}: retrain it",
    )
    stored = document.get("checksum")
    _require(isinstance(stored, str) and stored.startswith("sha256:"), "the checksum is missing")
    _require(
        stored == checksum(document),
        "the checksum does not match the content: the model was changed or corrupted",
    )
    n_text = _check_vectorizers(document.get("vectorizers"))
    numeric = document.get("numeric")
    _require(isinstance(numeric, dict), "numeric must be an object")
    _require(
        numeric.get("names") == list(NUMERIC_NAMES),
        "the numeric feature names differ from this code's features: retrain the model",
    )
    weights = document.get("weights")
    _require(isinstance(weights, dict), "weights must be an object")
    intercept = weights.get("intercept")
    _require(
        isinstance(intercept, int | float)
        and not isinstance(intercept, bool)
        and math.isfinite(intercept),
        "weights.intercept must be a finite number",
    )
    threshold = document.get("threshold")
    _require(
        isinstance(threshold, int | float)
        and not isinstance(threshold, bool)
        and 0.0 <= threshold <= 1.0,
        "threshold must be a number from 0 to 1",
    )
    _require(isinstance(document.get("training", {}), dict), "training must be an object")
    shapes = {
        "weights.text": (weights.get("text"), n_text),
        "weights.numeric": (weights.get("numeric"), len(NUMERIC_NAMES)),
        "numeric.mean": (numeric.get("mean"), len(NUMERIC_NAMES)),
        "numeric.scale": (numeric.get("scale"), len(NUMERIC_NAMES)),
    }
    for what, (encoded, expected) in shapes.items():
        values = decode_floats(encoded, what)
        _require(len(values) == expected, f"{what} has {len(values)} values, expected {expected}")
    scale = decode_floats(numeric["scale"], "numeric.scale")
    _require(bool(np.all(scale > 0)), "numeric.scale must be positive")
    return CheckworthinessModel(document)
