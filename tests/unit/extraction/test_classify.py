from claims.extraction.classify import classify, find_dates, find_numbers, find_quotes
from claims.extraction.types import Draft


def _numbers(text: str) -> list[tuple[float, str | None]]:
    return [(n["value"], n["unit"]) for n in find_numbers(text, (0, len(text)))]


def test_numbers_come_from_the_shared_quantity_parser() -> None:
    assert _numbers("could expand to 300 megawatts") == [(300, "MW")]
    assert _numbers("grew by 4.5 percent") == [(4.5, "%")]
    assert _numbers("grossed $758 million") == [(758_000_000, "USD")]
    assert _numbers("raised $13.6M from investors") == [(13_600_000, "USD")]
    assert _numbers("a fine of €20,000") == [(20_000, "EUR")]
    # dates, ordinals and labels are never numbers
    assert _numbers("on Oct. 21, in its Phase 1 deal, his fourth visit since 2021") == []


def test_dates_have_iso_values() -> None:
    text = "seized power in February 2021; released on May 30, 2014 and in 1991"
    assert [d["value"] for d in find_dates(text, (0, len(text)))] == [
        "2021-02",
        "2014-05-30",
        "1991",
    ]


def test_quote_speaker_is_the_subject_or_the_sayer() -> None:
    text = 'The minister called the plan "reckless".'
    assert find_quotes(text, (0, len(text)), "The minister")[0]["speaker"] == "The minister"
    text = '"We will win," said Anna Berg.'
    assert find_quotes(text, (0, len(text)), None)[0]["speaker"] == "Anna Berg"


def test_a_quantity_is_a_quantity_even_when_quoted() -> None:
    text = '"We are taking in billions of dollars in tariff money," the president said.'
    claim = classify(text, Draft(text, ((0, len(text)),), attribution="the president said"))
    assert claim.kind == "quantity"
    assert claim.details["attribution"]["text"] == "the president said"


def test_scare_quotes_do_not_make_a_quote_but_named_words_do() -> None:
    text = 'Officials said the "historic" deal was signed. He called Putin a "king".'
    scare = classify(text, Draft(text[:45], ((0, 45),)))
    named = classify(text, Draft(text[46:], ((46, len(text)),), subject="He"))
    assert scare.kind != "quote"
    assert named.kind == "quote"
    assert named.details["quotes"][0]["speaker"] == "He"


def test_kind_and_checkworthiness() -> None:
    text = "The plant could expand to 300 megawatts. Critics think it is a great idea."
    quantity = classify(text, Draft("The plant could expand to 300 megawatts.", ((0, 40),)))
    opinion = classify(text, Draft("Critics think it is a great idea.", ((41, 74),)))
    assert quantity.kind == "quantity"
    assert quantity.details["numbers"][0]["unit"] == "MW"
    assert "could" in quantity.details["hedges"]
    assert quantity.checkworthiness > opinion.checkworthiness
    assert 0.0 <= opinion.checkworthiness <= 1.0


def test_to_lead_is_causal_only_when_it_leads_to_something() -> None:
    def kind(text: str) -> str:
        return classify(text, Draft(text, ((0, len(text)),))).kind

    assert kind("The storm led to floods across the valley.") == "causal"
    assert kind("The cuts led the maker to close its plant.") == "causal"
    assert kind("Ruiz led the study published in the journal.") == "event"
    assert kind("The headlamps use LED strips along the grille.") == "event"
