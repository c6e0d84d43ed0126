"""The evidence finder (claims/evidence.py): pure functions, no database, no network."""

import pytest

from claims.extraction import extract
from claims.passages import (
    build_query,
    find_passages,
    merge_spans,
    page_at,
    split_passages,
    stem,
)
from claims.passages.figures import parse_numbers
from tests.conftest import shared_path

REACTOR_PAGE = """Reactor deal signed

Officials of both governments met in the capital on Monday. The weather was mild.

Under the agreement Rosatom will build a 110 MW plant that could expand to 330 MW, the
ministry said. Financing has not been disclosed.

Unemployment in the region fell to 6.4 percent last year.

In a speech, the general called him a "king" and praised his leadership."""

CLAIM_300 = "A small-scale nuclear plant in Myanmar could expand to 300 megawatts."


@pytest.mark.parametrize(
    ("text", "value", "symbol"),
    [
        ("300 MW", 300e6, "MW"),
        ("300 megawatts", 300e6, "MW"),
        ("a 300-megawatt plant", 300e6, "MW"),
        ("0.3 GW", 0.3e9, "GW"),
        ("$1.2bn", 1.2e9, "USD"),
        ("1.2 billion euros", 1.2e9, "EUR"),
        ("40 per cent", 40, "%"),
        ("220-kilovolt", 220e3, "kV"),
        # a counted noun is a bare count for the shared quantity parser
        ("380,000 homes", 380_000, None),
        ("12 million", 12e6, None),
    ],
)
def test_numbers_in_any_unit_spelling(text, value, symbol):
    [quantity] = parse_numbers(text)
    assert quantity.value == pytest.approx(value)
    assert quantity.symbol == symbol


def test_spellings_of_the_same_quantity_are_equal():
    values = {parse_numbers(t)[0].value for t in ("300 MW", "300 megawatts", "300-megawatt")}
    assert values == {300e6}
    assert parse_numbers("0.3 GW")[0].value == pytest.approx(300e6)


def test_query_uses_the_claim_text_and_extractor_details():
    query = build_query(
        CLAIM_300,
        {"numbers": [{"text": "300 megawatts", "value": 300, "unit": "MW"}], "quotes": []},
    )
    assert {"plant", "expand", "nuclear", "myanmar"} <= set(query.terms)
    assert "300" not in query.terms
    assert [q.symbol for q in query.quantities] == ["MW"]
    assert "Myanmar" in query.entities


def test_stemming_matches_simple_inflections():
    assert stem("plants") == stem("plant")
    assert stem("expanding") == stem("expand")
    assert stem("countries") == "country"


def test_the_related_quantity_passage_ranks_first():
    passages = find_passages(REACTOR_PAGE, CLAIM_300)
    best = passages[0]
    assert "110 MW plant that could expand to 330 MW" in best.text
    assert REACTOR_PAGE[best.start : best.end] == best.text
    assert {"330 MW", "plant", "expand"} <= set(best.matched_terms)
    marked = [best.text[s:e] for s, e in best.highlights]
    assert "330 MW" in marked and "plant" in marked
    assert not best.verbatim_quote
    assert all("Unemployment" not in p.text for p in passages)


def test_the_same_quantity_outranks_a_near_one():
    text = "The plant will have 330 MW.\n\nThe plant will have 300 megawatts."
    passages = find_passages(text, "The plant has 300 MW.")
    assert passages[0].text == "The plant will have 300 megawatts."


def test_a_quoted_word_found_verbatim_is_flagged():
    claim = 'Min Aung Hlaing described him as a "king"'
    passages = find_passages(REACTOR_PAGE, claim, {"quotes": [{"text": "king"}]})
    assert passages[0].verbatim_quote
    assert passages[0].quotes_found == ("king",)
    assert '"king"' in passages[0].text
    assert not any(p.verbatim_quote for p in passages[1:])


def test_a_quote_is_not_verbatim_inside_another_word():
    passages = find_passages("The kingdom signed.", 'He said "king".')
    assert not any(p.verbatim_quote for p in passages)


def test_multiword_quote_tolerates_whitespace_and_curly_quotes():
    text = "She called it “the most  important\ndecision of this decade” on Tuesday."
    claim = 'Mayor called the vote "the most important decision of this decade"'
    passages = find_passages(text, claim)
    assert passages and passages[0].verbatim_quote


def test_unrelated_text_gives_no_passages():
    assert find_passages("Cats sleep most of the day.", CLAIM_300) == []
    assert find_passages("", CLAIM_300) == []


def test_long_paragraphs_are_cut_into_sentence_windows():
    sentence = "This sentence is about something else entirely, nothing to see. "
    text = sentence * 20 + "The plant could expand to 330 MW. " + sentence * 20
    spans = split_passages(text, max_chars=400)
    assert all(e - s <= 400 for s, e in spans)
    best = find_passages(text, CLAIM_300)[0]
    assert "330 MW" in best.text and len(best.text) <= 400


def test_merge_spans():
    assert merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)]) == [(0, 3), (5, 9)]


def test_seed_article_claims_find_their_passages():
    article = shared_path("data", "seed", "article.txt").read_text(encoding="utf-8")
    claims = extract(article, backend="rules")
    megawatts = next(c for c in claims if "300 megawatts" in c.text)
    king = next(c for c in claims if "king" in c.text)
    best = find_passages(REACTOR_PAGE, megawatts.text, megawatts.details)[0]
    assert "could expand to 330 MW" in best.text
    flagged = find_passages(REACTOR_PAGE, king.text, king.details)[0]
    assert flagged.verbatim_quote and "king" in flagged.text


# Differences: a figure or date the passage states with another value ----------------------

TARIFF_PAGE = (
    "The administration imposed tariffs on $156 billion of Chinese goods on Sept. 1, 2019, "
    "officials said.\n\nThe talks resumed in October."
)


def _differences(claim: str, text: str) -> list[tuple[str, str, str]]:
    passages = find_passages(text, claim)
    assert passages, "the passage should still be found: a difference is evidence too"
    return [(d.kind, d.claim, d.passage) for d in passages[0].differences]


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # the case: the passage is found and says another figure
        (
            "Tariffs were imposed on $160 billion of Chinese goods.",
            TARIFF_PAGE,
            [("quantity", "$160 billion", "$156 billion")],
        ),
        # "about" adds little to a figure's own rounding: still a difference
        (
            "Tariffs were imposed on $160 billion of Chinese goods.",
            "Tariffs were imposed on about $156 billion of Chinese goods.",
            [("quantity", "$160 billion", "$156 billion")],
        ),
        (
            "The plant could expand to 300 megawatts.",
            "The plant could expand to 330 MW, the ministry said.",
            [("quantity", "300 megawatts", "330 MW")],
        ),
        (
            "The tariffs took effect on Sept. 2, 2019 on Chinese goods.",
            TARIFF_PAGE,
            [("date", "Sept. 2, 2019", "Sept. 1, 2019")],
        ),
        (
            "The plant opened in 2015 in the region.",
            "The plant opened in 2017 in the region.",
            [("date", "2015", "2017")],
        ),
    ],
)
def test_a_passage_that_states_another_value_differs(claim, text, expected):
    assert _differences(claim, text) == expected


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        # the same value in another unit or spelling
        ("The plant could expand to 300 megawatts.", "The plant could expand to 0.3 GW."),
        ("Tariffs hit $160 billion of goods.", "Tariffs hit $160bn of goods."),
        # within the rounding the claim itself uses ("6 percent" covers 6.4)
        ("Unemployment fell to 6 percent.", "Unemployment fell to 6.4 percent last year."),
        ("The deal is worth $1.2bn.", "The deal is worth $1.23 billion."),
        # the claim's hedge or range admits the passage's value
        ("Unemployment is more than 6 percent.", "Unemployment fell to 6.4 percent."),
        ("Between 10 and 20 percent of voters stayed home.", "Some 14 percent of voters stayed."),
        # the passage also states the claim's figure: no difference, whatever else it says
        (
            "The plant could expand to 300 megawatts.",
            "A 110 MW plant could expand to 300 MW later.",
        ),
        # another kind of quantity is not a rival (money against power, bare numbers)
        ("The plant will cost $300 million.", "The plant of 330 MW will cost $300 million."),
        ("He has 3 sons and the plant cost $5 million.", "He had 4 sons; it cost $5 million."),
        # dates: a year agrees with a full date in it; a decade admits its years
        ("The tariffs took effect in 2019 on Chinese goods.", TARIFF_PAGE),
        ("The plant opened in the 1990s.", "The plant opened in 1994."),
    ],
)
def test_a_passage_that_agrees_is_no_difference(claim, text):
    assert _differences(claim, text) == []


def test_a_difference_points_at_the_passage_figure():
    passage = find_passages(TARIFF_PAGE, "Tariffs hit $160 billion of Chinese goods.")[0]
    (difference,) = passage.differences
    assert passage.text[difference.start : difference.end] == "$156 billion"


def test_long_paragraphs_are_never_cut_after_an_abbreviation():
    sentence = "Officials met on Sept. 3 in Washington with Mr. Liu and Gen. Smith present. "
    text = sentence * 12
    for start, end in split_passages(text, max_chars=200):
        assert not text[start:end].endswith(("Sept.", "Mr.", "Gen."))


def test_page_at_maps_an_offset_to_the_page_it_falls_on():
    starts = [0, 120, 300]
    assert [page_at(o, starts) for o in (0, 119, 120, 299, 300, 10_000)] == [1, 1, 2, 2, 3, 3]
    assert page_at(50, []) is None  # a web page has no pages


def test_passages_of_a_paged_text_never_span_two_pages():
    pages = ["The wind farm reached 450 megawatts.", "It produced 1.3 terawatt-hours of power."]
    text = "\n\n".join(pages)
    starts = [0, len(pages[0]) + 2]
    found = find_passages(text, "The wind farm has 450 megawatts and 1.3 terawatt-hours.")
    assert {(p.text, page_at(p.start, starts)) for p in found} == {(pages[0], 1), (pages[1], 2)}
