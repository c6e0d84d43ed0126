"""The quantity parser: units, multipliers, words, ranges, and what is never a quantity.

The sentences here are written for the tests; the real-news set is read from ../shared
(``tests/data/quantities.jsonl`` holds offsets and hashes only).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.quantities import (
    Quantity,
    find_dates,
    find_ordinals,
    parse_quantities,
    scan,
)
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[2] / "data" / "quantities.jsonl"


def one(text: str) -> Quantity:
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


def values(text: str) -> list[tuple[float, str]]:
    return [(round(q.value, 4), q.unit) for q in parse_quantities(text)]


# -------------------------------------------------------------------------- multipliers


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The startup raised $13.6M last week.", 13.6e6, "USD"),
        ("The video passed 25k views.", 25e3, ""),
        ("The club paid £2.7m for him.", 2.7e6, "GBP"),
        ("Sales reached €3 mn this year.", 3e6, "EUR"),
        ("A $5bn deal was signed.", 5e9, "USD"),
        ("The fund holds $5b in bonds.", 5e9, "USD"),
        ("Debt hit $1.2tn by then.", 1.2e12, "USD"),
        ("It is worth 1.2 trillion yen.", 1.2e12, "JPY"),
        ("The state spent Rs 5 crore on it.", 5e7, "INR"),
        ("He was paid ₹50 lakh.", 5e6, "INR"),
        ("They gave out 2 lakhs masks.", 2e5, ""),
        ("Half a million people marched.", 5e5, "people"),
        ("The firm lost 4.5 billion dollars.", 4.5e9, "USD"),
        ("About 3 thousand signatures were collected.", 3e3, ""),
        ("The budget is Rs 1.2 lakh crore.", 1.2e12, "INR"),
    ],
)
def test_multipliers(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert math.isclose(q.value, value), q
    assert q.unit == unit


def test_bare_m_is_metres_unless_money_or_people() -> None:
    assert values("He ran the 100m in 9.58 seconds.") == [(100, "m"), (9.58, "s")]
    assert values("The deal is worth 5m euros.") == [(5e6, "EUR")]
    assert values("About 5m people live there.") == [(5e6, "people")]


def test_4k_is_a_display_label_but_4k_dollars_is_money() -> None:
    assert values("a 65-inch 4K TV") == [(65, "in")]
    assert values("It costs $4K.") == [(4000, "USD")]


# ------------------------------------------------------------------- spelled-out numbers


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Three people were hurt.", 3, "people"),
        ("The vote took twenty-five minutes.", 25, "min"),
        ("She bought a dozen eggs.", 12, ""),
        ("It lasted two dozen days.", 24, "day"),
        ("One hundred and five delegates came.", 105, ""),
        ("He won by five-and-a-half points.", 5.5, ""),
        ("It took two and a half years.", 2.5, "year"),
        ("Fifty-one percent agree.", 51, "%"),
        ("Some seven thousand voters were turned away.", 7000, "people"),
        ("The town has three million residents.", 3e6, "people"),
        ("It weighs ninety-nine kilograms.", 99, "kg"),
    ],
)
def test_spelled_numbers(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert math.isclose(q.value, value), q
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Two-thirds of voters agree.", 200 / 3),
        ("Half of the homes lost power.", 50),
        ("About half the budget went on salaries.", 50),
        ("A third of the staff left.", 100 / 3),
        ("A quarter of adults smoke.", 25),
        ("Three-quarters of the land is desert.", 75),
        ("One in five children is poor.", 20),
        ("Eight out of ten dentists agree.", 80),
        ("1 in 4 adults has it.", 25),
        ("One-third of the budget was cut.", 100 / 3),
    ],
)
def test_fractions_and_ratios_are_percentages(text: str, value: float) -> None:
    q = one(text)
    assert math.isclose(q.value, value), q
    assert (q.unit, q.dimension) == ("%", "percent")


def test_one_is_a_determiner_unless_it_measures() -> None:
    assert parse_quantities("No one was hurt, and one of the guards left.") == []
    assert parse_quantities("It was a one-game suspension.") == []
    assert values("He served one year in prison.") == [(1, "year")]
    assert values("We would love to one day visit.") == []
    assert values("The strike lasted one day.") == [(1, "day")]


def test_vague_plurals_are_lower_bounds() -> None:
    q = one("Dozens of protesters were arrested.")
    assert (q.value, q.unit, q.approx) == (24, "people", "at_least")
    q = one("Thousands of employees lost their jobs.")
    assert (q.value, q.unit, q.approx) == (2000, "people", "at_least")
    q = one("Tens of thousands of people marched.")
    assert (q.value, q.unit, q.approx) == (20000, "people", "at_least")
    q = one("Hundreds of millions of dollars were lost.")
    assert (q.value, q.approx) == (2e8, "at_least")


def test_first_half_is_an_ordinal_not_fifty_percent() -> None:
    assert parse_quantities("They scored in the first half of the game.") == []
    assert [o.value for o in find_ordinals("They scored in the first half.")] == [1]


# ----------------------------------------------------------------------------- currency


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It cost US$5 million.", 5e6, "USD"),
        ("It cost C$12.", 12, "CAD"),
        ("It cost A$300.", 300, "AUD"),
        ("It cost HK$9.9bn.", 9.9e9, "HKD"),
        ("It cost S$40.", 40, "SGD"),
        ("It cost NZ$8.", 8, "NZD"),
        ("It cost R$70.", 70, "BRL"),
        ("It cost $70.", 70, "USD"),
        ("It cost €70.", 70, "EUR"),
        ("It cost £70.", 70, "GBP"),
        ("It cost ¥7,000.", 7000, "JPY"),
        ("It cost ₹70.", 70, "INR"),
        ("It cost ₽70.", 70, "RUB"),
        ("It cost Rs 300.", 300, "INR"),
        ("It cost Rs. 300.", 300, "INR"),
        ("It cost 300 rupees.", 300, "INR"),
        ("It cost 300 yuan.", 300, "CNY"),
        ("It cost 300 renminbi.", 300, "CNY"),
        ("It cost 300 roubles.", 300, "RUB"),
        ("It cost 300 rubles.", 300, "RUB"),
        ("It cost 300 kyat.", 300, "MMK"),
        ("It cost USD 5m.", 5e6, "USD"),
        ("It cost 5 million euros.", 5e6, "EUR"),
        ("It cost 5 million USD.", 5e6, "USD"),
        ("It cost 2,000 Canadian dollars.", 2000, "CAD"),
    ],
)
def test_currencies(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert math.isclose(q.value, value), q
    assert (q.unit, q.dimension) == (unit, "currency")


def test_dollar_sign_follows_the_dollar_the_text_names() -> None:
    text = "Prices are in Canadian dollars. A ticket costs $45 and a pass $300."
    assert values(text) == [(45, "CAD"), (300, "CAD")]
    assert values("A ticket costs $45.") == [(45, "USD")]
    text = "The loan, in Australian dollars, was $2bn; the US tranche was US$1bn."
    assert values(text) == [(2e9, "AUD"), (1e9, "USD")]


def test_yen_sign_means_yuan_in_a_text_about_yuan() -> None:
    assert values("The yuan fell; a meal costs ¥50.") == [(50, "CNY")]
    assert values("A meal costs ¥500.") == [(500, "JPY")]


def test_pounds_weight_or_sterling() -> None:
    assert values("The linebacker weighs 243 pounds.") == [(243, "lb")]
    assert one("The linebacker weighs 243 pounds.").dimension == "mass"
    assert values("Police seized 40 pounds of cocaine.") == [(40, "lb")]
    assert values("The fee was £243.") == [(243, "GBP")]
    assert values("She was paid 243 pounds sterling.") == [(243, "GBP")]
    assert values("The club paid 30 million pounds for him.") == [(3e7, "GBP")]
    assert values("Tickets cost 20 pounds each.") == [(20, "GBP")]


# ---------------------------------------------------------------------------- percentages


def test_percent_spellings_and_points_kept_distinct() -> None:
    assert values("Unemployment is 4.2%.") == [(4.2, "%")]
    assert values("Unemployment is 4.2 percent.") == [(4.2, "%")]
    assert values("Unemployment is 4.2 per cent.") == [(4.2, "%")]
    assert values("Unemployment is 4.2pc.") == [(4.2, "%")]
    assert values("Unemployment is 4.2 pc.") == [(4.2, "%")]
    q = one("It rose 3 percentage points.")
    assert (q.unit, q.dimension) == ("pp", "percentage_points")
    assert values("Rates rose 25 basis points.") == [(25, "bp")]


# ---------------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Sentences run 3-5 years.", 3, 5, "year"),
        ("It fell between 10 and 20 percent.", 10, 20, "%"),
        ("It fell 10 to 20 percent.", 10, 20, "%"),
        ("It is worth $5bn\u2013$6bn.", 5e9, 6e9, "USD"),
        ("It is worth $5bn to $6bn.", 5e9, 6e9, "USD"),
        ("Some 5 to 10 million people fled.", 5e6, 1e7, "people"),
        ("The session lasts 10-15 minutes.", 10, 15, "min"),
        ("It uses 80% to 90% pure oxygen.", 80, 90, "%"),
        ("Expect four to six services.", 4, 6, ""),
        ("It goes 0-60 mph in 5 seconds.", 0, 60, "mph"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    q = parse_quantities(text)[0]
    assert (q.low, q.high, q.unit) == (low, high, unit), q
    assert q.value == low


def test_from_x_to_y_is_a_change_not_a_range() -> None:
    found = parse_quantities("Capacity grows from 175 gigawatts to 450 gigawatts.")
    assert [(q.value, q.unit, q.low) for q in found] == [(175, "GW", None), (450, "GW", None)]
    found = parse_quantities("It goes from zero to 60 mph.")
    assert [(q.value, q.unit) for q in found] == [(0, "mph"), (60, "mph")]


def test_range_span_covers_both_ends() -> None:
    text = "They expect 3-5 years."
    q = one(text)
    assert text[q.start : q.end] == "3-5 years" == q.text


# ------------------------------------------------------------------------- approximations


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("about 300 people", "approx"),
        ("around 300 people", "approx"),
        ("roughly 300 people", "approx"),
        ("approximately 300 people", "approx"),
        ("some 300 people", "approx"),
        ("an estimated 300 people", "approx"),
        ("nearly 300 people", "approx"),
        ("almost 300 people", "approx"),
        ("more than 300 people", "more_than"),
        ("over 300 people", "more_than"),
        ("less than 300 people", "less_than"),
        ("fewer than 300 people", "less_than"),
        ("under 300 people", "less_than"),
        ("at least 300 people", "at_least"),
        ("300+ people", "at_least"),
        ("300 people or more", "at_least"),
        ("at most 300 people", "at_most"),
        ("no more than 300 people", "at_most"),
        ("up to 300 people", "up_to"),
        ("as many as 300 people", "up_to"),
        ("300 people", None),
    ],
)
def test_approximate_markers(text: str, approx: str | None) -> None:
    q = one(f"Officials said {text} attended.")
    assert (q.value, q.unit, q.approx) == (300, "people", approx)


# ----------------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("text", "value", "unit", "dimension"),
    [
        ("a 300 MW plant", 300, "MW", "power"),
        ("a 300-megawatt plant", 300, "MW", "power"),
        ("it uses 82 kWh", 82, "kWh", "energy"),
        ("a 2 GWh battery", 2, "GWh", "energy"),
        ("it weighs 5 kg", 5, "kg", "mass"),
        ("it weighs 12 lbs", 12, "lb", "mass"),
        ("3.7 metric tons of explosives", 3.7, "t", "mass"),
        ("a 300 km road", 300, "km", "length"),
        ("a 300-mile road", 300, "mi", "length"),
        ("a 15.6-inch screen", 15.6, "in", "length"),
        ('a 34" monitor', 34, "in", "length"),
        ("it covers 40 km2", 40, "km2", "area"),
        ("it covers 40 square kilometres", 40, "km2", "area"),
        ("a 200-hectare farm", 200, "ha", "area"),
        ("it holds 5 litres", 5, "L", "volume"),
        ("1.2 million barrels a day", 1.2e6, "bbl", "volume"),
        ("it reached 40°C", 40, "°C", "temperature"),
        ("it reached 104 degrees Fahrenheit", 104, "°F", "temperature"),
        ("it was -5°C overnight", -5, "°C", "temperature"),
        ("a top speed of 109 mph", 109, "mph", "speed"),
        ("it hit 97 km/h", 97, "km/h", "speed"),
        ("it lasted 90 minutes", 90, "min", "duration"),
        ("a 25-year partnership", 25, "year", "duration"),
        ("a 17-year-old girl", 17, "year", "duration"),
        ("two decades of war", 2, "decade", "duration"),
        ("3 weeks later", 3, "week", "duration"),
        ("210 people were arrested", 210, "people", "people"),
        ("400,000 state residents", 4e5, "people", "people"),
        ("9 million premature deaths", 9e6, "people", "people"),
        ("2.5 million of these deaths", 2.5e6, "people", "people"),
        ("4,000 jobs", 4000, "", "count"),
        ("a 512GB drive", 512, "GB", "data"),
        ("a 120Hz display", 120, "Hz", "frequency"),
        ("406 lb-ft of torque", 406, "lb-ft", "torque"),
        ("a 149 horsepower engine", 149, "hp", "power"),
    ],
)
def test_units(text: str, value: float, unit: str, dimension: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.dimension) == (value, unit, dimension), q


# ------------------------------------------------------------------ digits and separators


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It has 1,229 members.", 1229),
        ("It has 1.229.000 members.", 1229000),
        ("It has 1 229 000 members.", 1229000),
        ("It has 1 229 employees.", 1229),
        ("It cost \u20ac1 229.", 1229),
        ("It has 1\u202f229 members.", 1229),
        ("It costs €1.229,50.", 1229.5),
        ("It is 3.5 times larger.", 3.5),
        ("It has 1,229.75 units.", 1229.75),
        ("It has 1.000 lights.", 1000),
    ],
)
def test_separators(text: str, value: float) -> None:
    assert math.isclose(parse_quantities(text)[0].value, value)


@pytest.mark.parametrize(
    ("native", "ascii_"),
    [
        ("\u1041\u1041\u1040", "110"),  # Burmese
        ("\u0967\u0968", "12"),  # Devanagari
        ("\u0663\u0660\u0660", "300"),  # Arabic-Indic
        ("\u09e7\u09eb", "15"),  # Bengali
        ("\u0e55\u0e50", "50"),  # Thai
        ("\uff11\uff12", "12"),  # full-width
    ],
)
def test_digits_of_any_script(native: str, ascii_: str) -> None:
    a = one(f"They counted {native} people.")
    b = one(f"They counted {ascii_} people.")
    assert (a.value, a.unit) == (b.value, b.unit) == (float(ascii_), "people")


def test_arabic_separators() -> None:
    assert one("It costs \u0661\u066c\u0662\u0660\u0660 dollars.").value == 1200
    assert one("It grew \u0663\u066b\u0665 percent.").value == 3.5


# ----------------------------------------------------------------------- never quantities


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The talks begin Oct. 21.", "--10-21"),
        ("The attacks of September 11 changed it.", "--09-11"),
        ("On 11 September 2001 it changed.", "2001-09-11"),
        ("It opened in 2019.", "2019"),
        ("Back in the 1990s it grew.", "199X"),
        ("The vote is on Nov. 8.", "--11-08"),
        ("It happened on October 21, 2019, at noon.", "2019-10-21"),
        ("It happened on 2019-10-21.", "2019-10-21"),
        ("It happened on 10/21/2019.", "2019-10-21"),
        ("It happened in March 2018.", "2018-03"),
        ("Vote on November 5th!", "--11-05"),
        ("The 2019-20 season", "2019/2020"),
        ("After 9/11 the rules changed.", "--09-11"),
        ("the early 2000s", "200X"),
    ],
)
def test_dates_are_found_and_never_quantities(text: str, iso: str) -> None:
    assert parse_quantities(text) == []
    assert [d.value for d in find_dates(text)] == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 3:30 p.m. sharp.",
        "Doors open at 10am.",
        "Doors open at 10 a.m.",
        "It ended close to 2 a.m. local time (0100 GMT).",
        "He scored at 7:14 of the first period.",
        "It was his fourth visit.",
        "It is the 21st century.",
        "Phase 1 trials began.",
        "Section 230 protects them.",
        "Article 5 was invoked.",
        "Route 66 is long.",
        "Super Bowl LIV was played.",
        "COVID-19 spread fast.",
        "The F-35 is late.",
        "A Boeing 787 landed.",
        "The iPhone 11 sold well.",
        "The G20 met.",
        "Windows 10 is old.",
        "Call 555-123-4567 today.",
        "Call (555) 123-4567 today.",
        "Call +44 20 7946 0958 today.",
        "Update to iOS 13.2.3 now.",
        "Send it to Austin, TX 78701.",
        "They live at 221 Baker Street.",
        "Visit https://example.com/2019/11/19/story-123 now.",
        "The Lakers won 112-107.",
        "He beat Nadal 6-4, 7-6 (5).",
        "It ranks No. 1 in the league.",
        "It ranks #1 in the league.",
        "They moved the Week 13 rematch.",
        "the Fortune 500 companies",
        "a 16:9 display",
        "a 3440x1440 panel",
        "the 1080p stream",
        "a 5G phone",
    ],
)
def test_never_quantities(text: str) -> None:
    assert parse_quantities(text) == [], parse_quantities(text)


def test_years_never_count_but_a_counted_2000_does() -> None:
    assert parse_quantities("In 2019 it rained; the 2020 model is new.") == []
    assert values("About 2000 people came.") == [(2000, "people")]
    assert values("It cost $2019.") == [(2019, "USD")]


def test_scores_and_count_ranges() -> None:
    skipped = scan("Spain won 2-1 and then lost 3-6, 6-3.").skipped
    assert [s.kind for s in skipped] == ["score", "score", "score"]
    assert values("Expect 4-5 more storms.") == [(4, "")]


def test_clock_readings_and_spans_of_hours_are_times() -> None:
    for text in ("We meet from 2 to 3 p.m.", "at 12 noon", "She won in 2:14:04."):
        mentions = scan(text)
        assert mentions.quantities == []
        assert [s.kind for s in mentions.skipped] == ["time"]


def test_records_labels_and_years_in_context() -> None:
    assert [s.kind for s in scan("The Jets (2-8) lost; he went 3-for-5.").skipped] == [
        "score",
        "score",
    ]
    assert parse_quantities("A 30-something man wrote it 24/7 on a 16:9 screen.") == []
    assert parse_quantities("In 2019 voters chose change.") == []
    assert values("The 2000 voters chose change.") == [(2000, "people")]


def test_range_verbs_make_from_to_a_range() -> None:
    q = one("Ticket prices range from $50 to $200.")
    assert (q.low, q.high, q.unit) == (50, 200, "USD")


def test_negative_figures_only_where_they_make_sense() -> None:
    assert values("Output fell -2.5% as it hit -5°C.") == [(-2.5, "%"), (-5, "°C")]
    assert values("The score was 3 -5 today.") == [(3, ""), (5, "")]


def test_bare_celsius_needs_temperature_words() -> None:
    assert values("Temperatures reached 40C in Madrid.") == [(40, "°C")]
    assert parse_quantities("The iPhone 5C sold well.") == []


def test_slash_fraction_and_angle() -> None:
    assert values("About 1/3 of homes flooded.") == [(round(100 / 3, 4), "%")]
    q = one("The ship turned 180 degrees.")
    assert (q.unit, q.dimension) == ("°", "angle")
    q = one("The temperature was 45 degrees.")
    assert (q.unit, q.dimension) == ("°", "temperature")


def test_citations_list_numbers_and_mixed_fractions() -> None:
    text = "Fasting helps (9). Others disagree (32, 33).\n4. Eat slowly for 1-1/2 hours."
    assert values(text) == [(1.5, "h")]
    assert [s.kind for s in scan(text).skipped] == ["reference", "reference", "label"]
    assert values("It took 2\u00bd days.") == [(2.5, "day")]


def test_ordinals_are_listed_apart() -> None:
    text = "It was her fourth visit and the 21st meeting; they were ranked No. 3 and twenty-first."
    assert [(o.text, o.value) for o in find_ordinals(text)] == [
        ("fourth", 4),
        ("21st", 21),
        ("No. 3", 3),
        ("twenty-first", 21),
    ]
    assert parse_quantities(text) == []


def test_a_second_is_an_ordinal_but_five_seconds_a_duration() -> None:
    assert values("A second motor adds 80 hp in five seconds.") == [(80, "hp"), (5, "s")]
    assert [o.value for o in find_ordinals("A second motor.")] == [2]


def test_start_and_end_limit_the_scan_but_offsets_index_the_text() -> None:
    text = "Ignore 5 km. Count 7 km here. Ignore 9 km."
    found = parse_quantities(text, 13, 29)
    assert [(q.value, text[q.start : q.end]) for q in found] == [(7, "7 km")]


def test_as_dict() -> None:
    d = one("about $5bn").as_dict()
    assert d == {
        "start": 6,
        "end": 10,
        "text": "$5bn",
        "value": 5e9,
        "unit": "USD",
        "dimension": "currency",
        "approx": "approx",
        "low": None,
        "high": None,
    }


# ------------------------------------------------------------------------------ properties

_PIECES = [
    "The", "army", "paid", "$", "€", "£", "5", "13.6", "1,229", "2019", "Oct.", "21", "M",
    "bn", "million", "percent", "%", "people", "three", "twenty-five", "half", "of", "a",
    "dozen", "-", "to", "between", "and", "about", "more than", "km", "pounds", "3:30", "p.m.",
    "Phase", "1", "No.", "(", ")", ",", ".", "\u1041\u1040", "\u0661\u066c\u0662\u0660",
    "\u2019", '"', "\n", "one", "in", "five", "6-4", "x", "K", "4K", "#", "+", "/", "Rs",
    "crore", "lakh", "°C", "-year-old", "\u2019s", "C", "from", "range", "noon", "1/3",
]  # fmt: skip
prose = st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join)
joined = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(prose, joined, st.text(max_size=80)))
def test_offsets_always_index_the_text(text: str) -> None:
    mentions = scan(text)
    spans = []
    for item in (*mentions.quantities, *mentions.dates, *mentions.ordinals, *mentions.skipped):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        spans.append((item.start, item.end))
    spans.sort()
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2  # no two mentions overlap


@settings(max_examples=200, deadline=None)
@given(st.one_of(prose, joined), st.integers(0, 60), st.integers(0, 60))
def test_window_offsets_stay_inside(text: str, a: int, b: int) -> None:
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    mentions = scan(text, lo, hi)
    for item in (*mentions.quantities, *mentions.dates, *mentions.ordinals, *mentions.skipped):
        assert lo <= item.start < item.end <= hi
        assert text[item.start : item.end] == item.text


_MONTHS = ["January", "Feb.", "March", "Apr.", "May", "June", "Jul.", "August", "Sept.",
           "October", "Nov.", "December"]  # fmt: skip


@st.composite
def date_strings(draw: st.DrawFn) -> str:
    month = draw(st.sampled_from(_MONTHS))
    day = draw(st.integers(1, 28))
    year = draw(st.integers(1900, 2099))
    suffix = draw(st.sampled_from(["", "th"])) if day > 3 else ""
    forms = [
        f"{month} {day}{suffix}",
        f"{month} {day}, {year}",
        f"{day} {month} {year}",
        f"{month} {year}",
        f"{year}",
        f"the {year // 10 * 10}s",
        f"{year}-{draw(st.integers(1, 12)):02d}-{day:02d}",
        f"{draw(st.integers(1, 12))}/{day}/{year}",
    ]
    return draw(st.sampled_from(forms))


@settings(max_examples=300, deadline=None)
@given(date_strings(), st.sampled_from(["On {}, it rained.", "{}", "It began {} and ended."]))
def test_a_date_never_yields_a_quantity(date: str, frame: str) -> None:
    text = frame.format(date)
    assert parse_quantities(text) == []
    assert find_dates(text), text


_SCRIPTS = [0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1040, 0xFF10]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10**9),
    st.sampled_from(_SCRIPTS),
    st.sampled_from(["{} people", "${}", "{} km", "{} percent", "about {} MW", "{}"]),
)
def test_any_script_reads_like_ascii(n: int, zero: int, frame: str) -> None:
    ascii_text = "They counted " + frame.format(n) + " in all."
    native = "".join(chr(zero + int(c)) for c in str(n))
    native_text = "They counted " + frame.format(native) + " in all."
    a = [(q.value, q.unit, q.approx) for q in parse_quantities(ascii_text)]
    b = [(q.value, q.unit, q.approx) for q in parse_quantities(native_text)]
    assert a == b


# ------------------------------------------------------------------------ real sentences


def _load_set() -> tuple[list[dict], dict[str, dict]]:
    truth = json.loads(
        shared_path("data", "article-pages", "ground-truth.json").read_text(encoding="utf-8")
    )
    lines = [json.loads(raw) for raw in DATA.read_text(encoding="utf-8").splitlines()]
    return lines, truth


def _matches(found: Quantity, gold: dict) -> bool:
    if found.unit != gold["unit"] or not math.isclose(found.value, gold["value"], rel_tol=1e-6):
        return False
    if "low" in gold:
        return (
            found.low is not None
            and found.high is not None
            and math.isclose(found.low, gold["low"])
            and math.isclose(found.high, gold["high"])
        )
    return True


def test_real_news_sentences() -> None:
    """Value and unit right for >= 95% of gold quantities; no date counted as a quantity."""
    lines, truth = _load_set()
    score = {"dev": [0, 0], "heldout": [0, 0]}
    hits = {"date": 0, "other": 0}
    nots = {"date": 0, "other": 0}
    dates_found = approx_right = extra = 0
    words = 0
    elapsed = 0.0
    for line in lines:
        body = truth[line["page"]]["articleBody"]
        s, e = line["sentence"]
        assert hashlib.sha1(body[s:e].encode("utf-8")).hexdigest() == line["sha1"], line
        t0 = time.perf_counter()
        mentions = scan(body, s, e)
        elapsed += time.perf_counter() - t0
        found = mentions.quantities
        words += len(body[s:e].split())
        seen: set[int] = set()
        for gold in line["quantities"]:
            gs, ge = gold["span"]
            overlapping = [i for i, q in enumerate(found) if q.start < ge and gs < q.end]
            seen.update(overlapping)
            right = [found[i] for i in overlapping if _matches(found[i], gold)]
            score[line["split"]][1] += 1
            score[line["split"]][0] += bool(right)
            approx_right += bool(right) and right[0].approx == gold.get("approx")
        for a, b, kind in line["not_quantities"]:
            key = "date" if kind == "date" else "other"
            nots[key] += 1
            bad = [i for i, q in enumerate(found) if q.start < b and a < q.end]
            hits[key] += bool(bad)
            seen.update(bad)
            if kind == "date":
                dates_found += any(d.start < b and a < d.end for d in mentions.dates)
        extra += len(found) - len(seen)
    right = sum(r for r, _ in score.values())
    total = sum(t for _, t in score.values())
    for split, (r, t) in score.items():
        print(f"{split}: value and unit right for {r}/{t} = {r / t:.3f}")
    print(f"all: {right}/{total} = {right / total:.3f}; approx marker right too: {approx_right}")
    print(f"dates counted as quantities: {hits['date']}/{nots['date']}")
    print(f"dates found by find_dates: {dates_found}/{nots['date']}")
    print(f"other non-quantities counted: {hits['other']}/{nots['other']}")
    print(f"quantities found outside the gold: {extra}")
    print(
        f"speed: {elapsed / words * 1e9:.0f} us per 1,000 words of these (number-dense) sentences"
    )
    assert right / total >= 0.95
    assert hits["date"] == 0
    assert dates_found == nots["date"]
