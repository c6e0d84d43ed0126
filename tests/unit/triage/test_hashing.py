import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from claims.triage.hashing import CharHasher, WordHasher

TEXTS = [
    "The company cut 4,000 jobs in 2019, its filings show.",
    "“We will win,” said Anna Berg — naïve, perhaps.",
    "a  b\tc\nd",
    "",
    "x",
    "ÉCOLE 北京 ١٢٣",
]
CHAR = {"analyzer": "char_wb", "ngram_range": [3, 5], "n_features": 2**12}
WORD = {"analyzer": "word", "ngram_range": [1, 2], "n_features": 2**12}


def test_char_grams_are_scikit_learns_char_wb_grams() -> None:
    reference = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    hasher = CharHasher(CHAR)
    for text in TEXTS:
        assert sorted(g for g, _ in hasher.grams(text)) == sorted(reference(text))


def test_vectorised_char_hashing_matches_the_slow_path() -> None:
    hasher = CharHasher(CHAR)
    matrix = hasher.matrix(TEXTS).toarray()
    for i, text in enumerate(TEXTS):
        counts = np.zeros(CHAR["n_features"])
        for _, column in hasher.grams(text):
            counts[column] += 1
        norm = np.linalg.norm(counts)
        expected = counts / norm if norm else counts
        assert np.allclose(matrix[i], expected, atol=1e-6)


def test_word_hashing_is_scikit_learns_hashing_vectorizer() -> None:
    hasher = WordHasher(WORD)
    reference = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), n_features=2**12, alternate_sign=False
    )
    weights = np.random.default_rng(0).normal(size=2**12)
    assert np.allclose(hasher.dot(TEXTS, weights), reference.transform(TEXTS) @ weights)
    assert np.allclose(hasher.dot(TEXTS, weights), hasher.dot(TEXTS, weights))  # cached


def test_dot_equals_the_matrix_product() -> None:
    weights = np.random.default_rng(1).normal(size=2**12)
    for hasher in (CharHasher(CHAR), WordHasher(WORD)):
        assert np.allclose(hasher.dot(TEXTS, weights), hasher.matrix(TEXTS) @ weights)
        assert hasher.dot([], weights).shape == (0,)
