from dataclasses import dataclass

import pytest

from claims.triage.features import FEATURE_NAMES, KINDS, ClaimInput, as_input, features, vector


def test_figures_names_and_attribution_from_text_alone() -> None:
    values = features("Acme Corp cut 4,000 jobs in March 2019, Chief Executive Jane Doe said.")
    assert values["numbers"] == 1  # 4,000 (the year is a date, not a figure)
    assert values["has_year"] == 1
    assert values["temporal"] >= 1  # March
    assert values["names"] >= 2  # Acme Corp, Chief Executive Jane Doe
    assert values["attribution"] == 1
    assert values["past_tense"] >= 1
    assert values["question"] == values["first_person"] == values["opinion"] == 0


def test_money_percent_and_number_words() -> None:
    values = features("Revenue rose 12% to $3.5 billion, and nearly two million users left.")
    assert values["has_percent"] == values["has_money"] == 1
    assert values["unit_quantities"] >= 2
    assert values["number_words"] >= 1  # two, million


def test_opinion_question_and_furniture() -> None:
    assert features("I think this is a great idea, honestly.")["opinion"] >= 2
    assert features("I think this is a great idea, honestly.")["first_person"] == 1
    assert features("Is this the end of the road?")["question"] == 1
    assert features("Make sure you check the dates.")["imperative"] == 1
    assert features("NISSAN SENTRA")["heading"] == 1
    assert features("(Reporting by Will Dunham; Editing by Tom Brown)")["boilerplate"] == 1
    assert features("Follow NBC Latino on Facebook, Twitter and Instagram.")["boilerplate"] == 1


def test_quotes_hedges_and_accusations() -> None:
    values = features('"We will win," the minister said, though the plan may reportedly fail.')
    assert values["starts_with_quote"] == 1
    assert values["quote_marks"] == 2
    assert 0 < values["quoted_share"] < 1
    assert values["hedges"] >= 2  # may, reportedly
    assert features("Prosecutors accused him of fraud and bribery.")["accusation"] == 2


def test_details_from_the_extractor_take_precedence() -> None:
    details = {
        "numbers": [{"value": 300, "unit": "MW"}, {"value": 2, "unit": None}],
        "quotes": [{"text": "x"}],
        "dates": [{"value": "2021"}],
        "entities": [{"text": "A"}, {"text": "B"}, {"text": "C"}],
        "attribution": "the ministry",
        "hedges": ["could"],
    }
    values = features(ClaimInput("the plant expands", kind="quantity", details=details))
    assert values["numbers"] == 2
    assert values["unit_quantities"] == 1
    assert values["quote_marks"] == 2
    assert values["has_year"] == 1
    assert values["names"] == 3
    assert values["attribution"] == 1
    assert values["hedges"] == 1
    assert values["kind_quantity"] == 1 and values["kind_unknown"] == 0


def test_kind_position_and_order() -> None:
    for kind in KINDS:
        assert features(ClaimInput("x", kind=kind))[f"kind_{kind}"] == 1
    assert features(ClaimInput("x", kind="nonsense"))["kind_unknown"] == 1
    first = features(ClaimInput("x", position=0.0))
    assert first["position"] == 0 and first["lead"] == 1 and first["position_unknown"] == 0
    assert features("x")["position_unknown"] == 1
    assert features(ClaimInput("x", position=7))["position"] == 1  # clipped
    assert len(vector("Anything at all.")) == len(FEATURE_NAMES)
    assert all(isinstance(v, int | float) for v in vector("Anything 5 at all."))


def test_as_input_reads_objects_mappings_and_strings() -> None:
    @dataclass
    class Row:
        text: str
        kind: str
        details: dict
        position: int

    assert as_input(Row("t", "event", {}, 1)) == ClaimInput("t", "event", {}, 1.0)
    assert as_input({"text": "t", "kind": "quote"}).kind == "quote"
    assert as_input("t") == ClaimInput("t")
    with pytest.raises(TypeError):
        as_input({"kind": "quote"})


def test_empty_and_odd_text_does_not_break() -> None:
    for text in ["", "   ", "?", "—", "١٢٣", "a" * 20000]:
        assert len(vector(text)) == len(FEATURE_NAMES)
