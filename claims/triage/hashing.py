"""Hashed n-gram features of claim texts: word 1-2-grams and character 3-5-grams.

Two hashers, each defined by a small settings block stored in the model document:

- ``word`` (``"hash": "murmurhash3"``): scikit-learn's ``HashingVectorizer`` word analyzer
  (lowercase, tokens of 2+ word characters, 1-2-grams) and its MurmurHash3 column rule,
  counts, L2-normalised. Scoring looks each n-gram's column up in a small cache instead of
  building a sparse matrix; ``matrix`` is the HashingVectorizer itself.
- ``char`` (``"hash": "splitmix64"``): the character n-grams of scikit-learn's ``char_wb``
  analyzer (each lowercased, whitespace-separated word padded with one space; n-grams
  inside it), hashed in numpy: a polynomial over the code points, mixed with SplitMix64,
  modulo the column count. scikit-learn's own ``char_wb`` analyzer is pure Python and
  would cost 3-5 ms for an article's 40 claims; this costs a few hundred microseconds and
  gives the same n-grams (only the hash function differs, and it is fixed here).

Both give one L2-normalised row of counts per text; ``dot(texts, weights)`` is that
matrix times ``weights`` without the matrix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

HASHES = {"word": "murmurhash3", "char_wb": "splitmix64"}

_P = np.uint64(1_000_003)
_SALT = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _aggregate(
    rows: np.ndarray, cols: np.ndarray, n_texts: int, n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, L2-normalised count) of each distinct (row, column) pair."""
    if not len(cols):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    keys = rows * n_features + cols
    # int32 keys sort faster; 40 claims x 2**17 columns stay far below 2**31.
    keys = np.sort(keys.astype(np.int32) if keys.max() < 2**31 else keys)
    edges = np.flatnonzero(np.diff(keys)) + 1
    first = np.concatenate(([0], edges))
    counts = np.diff(np.concatenate((first, [len(keys)]))).astype(np.float64)
    keys = keys[first].astype(np.int64)
    row_of = keys // n_features
    norms = np.sqrt(np.bincount(row_of, weights=counts * counts, minlength=n_texts))
    return row_of, keys % n_features, counts / norms[row_of]


def _csr(rows: np.ndarray, cols: np.ndarray, n_texts: int, n_features: int) -> Any:
    from scipy import sparse

    row_of, col_of, values = _aggregate(rows, cols, n_texts, n_features)
    return sparse.csr_matrix(
        (values.astype(np.float32), (row_of, col_of)), shape=(n_texts, n_features)
    )


def _dot(
    rows: np.ndarray, cols: np.ndarray, n_texts: int, n_features: int, weights: np.ndarray
) -> np.ndarray:
    row_of, col_of, values = _aggregate(rows, cols, n_texts, n_features)
    return np.bincount(row_of, weights=values * weights[col_of], minlength=n_texts)


class WordHasher:
    """scikit-learn's HashingVectorizer word n-grams (MurmurHash3), cached for scoring."""

    MAX_CACHE = 500_000

    def __init__(self, settings: Mapping[str, Any]):
        from sklearn.feature_extraction.text import HashingVectorizer

        self.n_features = int(settings["n_features"])
        self.vectorizer = HashingVectorizer(
            analyzer="word",
            ngram_range=tuple(settings["ngram_range"]),
            n_features=self.n_features,
            lowercase=True,
            alternate_sign=False,
            norm="l2",
            dtype=np.float32,
        )
        self.analyze = self.vectorizer.build_analyzer()
        self._columns: dict[str, int] = {}

    def column(self, gram: str) -> int:
        from sklearn.utils import murmurhash3_32

        h = murmurhash3_32(gram, seed=0)
        # FeatureHasher's rule, with its edge case for the most negative hash.
        if h == -2147483648:
            column = 2147483647 - (self.n_features - 1)
        else:
            column = abs(h) % self.n_features
        if len(self._columns) >= self.MAX_CACHE:
            self._columns.clear()
        self._columns[gram] = column
        return column

    def _pairs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        columns = self._columns
        rows: list[int] = []
        cols: list[int] = []
        for i, text in enumerate(texts):
            grams = self.analyze(text)
            cols.extend([columns[g] if g in columns else self.column(g) for g in grams])
            rows.extend([i] * len(grams))
        return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)

    def matrix(self, texts: Sequence[str]) -> Any:
        return self.vectorizer.transform(texts)

    def dot(self, texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
        rows, cols = self._pairs(texts)
        return _dot(rows, cols, len(texts), self.n_features, weights)

    def grams(self, text: str) -> Iterator[tuple[str, int]]:
        for gram in self.analyze(text):
            yield gram, self.column(gram)


class CharHasher:
    """Character n-grams within padded words (``char_wb``), hashed in numpy (SplitMix64)."""

    def __init__(self, settings: Mapping[str, Any]):
        self.n_features = int(settings["n_features"])
        self.low, self.high = (int(n) for n in settings["ngram_range"])

    def _pairs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        padded = []
        starts = []
        length = 0
        for text in texts:
            words = text.lower().split()
            piece = " " + "  ".join(words) + " " if words else ""
            starts.append(length)
            padded.append(piece)
            length += len(piece)
        if not length:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32)
        codes = codes.astype(np.uint64)
        space = codes == 32
        # A padded word starts at position 0 and wherever a space follows a space; every
        # n-gram lies inside one padded word (texts end and start with a space too).
        segment = np.cumsum(np.concatenate(([True], space[1:] & space[:-1])))
        rows_out = []
        cols_out = []
        text_starts = np.asarray(starts, dtype=np.int64)
        h = np.zeros(len(codes), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for n in range(1, self.high + 1):
                width = len(codes) - n + 1
                if width <= 0:
                    break
                h = h[:width] * _P + codes[n - 1 : n - 1 + width]
                if n < self.low:
                    continue
                valid = np.flatnonzero(segment[:width] == segment[n - 1 : n - 1 + width])
                x = h[valid] + np.uint64(n) * _SALT
                x = (x ^ (x >> np.uint64(30))) * _M1
                x = (x ^ (x >> np.uint64(27))) * _M2
                x = x ^ (x >> np.uint64(31))
                cols_out.append((x % np.uint64(self.n_features)).astype(np.int64))
                rows_out.append(np.searchsorted(text_starts, valid, side="right") - 1)
        return np.concatenate(rows_out), np.concatenate(cols_out)

    def matrix(self, texts: Sequence[str]) -> Any:
        rows, cols = self._pairs(texts)
        return _csr(rows, cols, len(texts), self.n_features)

    def dot(self, texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
        rows, cols = self._pairs(texts)
        return _dot(rows, cols, len(texts), self.n_features, weights)

    def grams(self, text: str) -> Iterator[tuple[str, int]]:
        """Each n-gram of `text` with its column (for naming top features; slow path)."""
        for word in text.lower().split():
            padded = f" {word} "
            for n in range(self.low, self.high + 1):
                for i in range(len(padded) - n + 1):
                    gram = padded[i : i + n]
                    yield gram, self._column_of(gram)

    def _column_of(self, gram: str) -> int:
        h = np.uint64(0)
        with np.errstate(over="ignore"):
            for ch in gram:
                h = h * _P + np.uint64(ord(ch))
            x = h + np.uint64(len(gram)) * _SALT
            x = (x ^ (x >> np.uint64(30))) * _M1
            x = (x ^ (x >> np.uint64(27))) * _M2
            x = x ^ (x >> np.uint64(31))
        return int(x % np.uint64(self.n_features))


def hasher_for(settings: Mapping[str, Any]) -> WordHasher | CharHasher:
    """The hasher a stored settings block describes."""
    if settings["analyzer"] == "word":
        return WordHasher(settings)
    return CharHasher(settings)
