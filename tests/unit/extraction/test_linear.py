"""Extraction does work linear in the length of its input, whatever the input.

Counted, not timed (the suite never times anything): the number of Python function calls
the extractor makes, through ``cProfile``, for an adversarial text of n and of 2n units.
Doubling the input may at most double the work, plus a margin for fixed costs; a quadratic
step would multiply it by four.  Wall-clock figures for the same inputs are printed by
``bench/extraction.py`` ("pathological" table).
"""

from __future__ import annotations

import cProfile
import pstats

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract

FAMILIES = {
    "verbless run": lambda n: "The " + "apple " * n + "rose 5 percent.",
    "combining marks": lambda n: "a" + "\u0301" * (8 * n) + " is here.",
    "abbreviations": lambda n: "Mr. Dr. St. U.S. e.g. i.e. " * n,
    "numbers and units": lambda n: "5 % 3 km " * n,
    "nested quotes and brackets": lambda n: '"(' * n + "x" + ')"' * n,
    "comma list": lambda n: "Paris, " * n + "is big.",
    "coordination": lambda n: "The man " + "and the woman " * n + "came.",
    "many short sentences": lambda n: "The army seized power, and the king fled. " * (n // 8 + 1),
    "one long clause chain": lambda n: "He said that " * n + "it rained.",
}


def _calls(text: str, granularity: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    extract(text, granularity=granularity)
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract("The parser is loaded once.")  # model loading is not part of the count


@pytest.mark.parametrize("granularity", ["claim", "proposition"])
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_doubling_the_input_at_most_doubles_the_work(family: str, granularity: str) -> None:
    make = FAMILIES[family]
    small, large = _calls(make(2000), granularity), _calls(make(4000), granularity)
    assert large <= 2.3 * small + 5000, (family, small, large)


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The", "apple", "Mr.", "5", "%", "km", ",", "and", '"', "(", ")", "said"]),
        min_size=50,
        max_size=50,
    )
)
def test_random_token_soup_stays_linear(words: list[str]) -> None:
    unit = " ".join(words) + " "
    small, large = _calls(unit * 40, "claim"), _calls(unit * 80, "claim")
    assert large <= 2.3 * small + 5000, (unit, small, large)
