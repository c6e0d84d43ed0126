# ruff: noqa: RUF001 -- text in many scripts, on purpose
import pytest

from claims.extraction.multilingual.numbers import find_dates, find_numbers, parse_number


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("3,5", "ru", 3.5),
        ("1.229", "es", 1229),
        ("1 229", "ru", 1229),
        ("1,229", "en", 1229),
        ("1,00,000", "hi", 100000),
        ("၁၁၀", "my", 110),
        ("१२", "hi", 12),
        ("٣٠٠", "ar", 300),
        ("٣٫٥", "ar", 3.5),
        ("１２０", "ja", 120),
    ],
)
def test_parse_number_in_any_script(raw, lang, value):
    assert parse_number(raw, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("мощностью 110 мегаватт", "ru", 110, "MW"),
        ("3,5 млрд рублей", "ru", 3.5e9, "RUB"),
        ("100 тыс. человек", "ru", 1e5, "people"),
        ("на 45 процентов", "ru", 45, "%"),
        ("10 millones de euros", "es", 1e7, "EUR"),
        ("5 mil millones de dólares", "es", 5e9, "USD"),
        ("el 45 por ciento", "es", 45, "%"),
        ("300 megavatios", "es", 300, "MW"),
        ("၁၁၀ မဂ္ဂါဝပ်", "my", 110, "MW"),
        ("၁၁၀ MW", "my", 110, "MW"),
        ("$5m", "es", 5e6, "USD"),
    ],
)
def test_find_numbers_with_multipliers_and_units(text, lang, value, unit):
    (number,) = find_numbers(text, lang)
    assert number["value"] == pytest.approx(value)
    assert number["unit"] == unit
    s, e = number["span"]
    assert text[s:e] == number["text"]


def test_dates_are_not_numbers():
    text = "12 марта 2019 года погибли 5 человек, в 2020 году — никто."
    numbers = find_numbers(text, "ru")
    assert [n["value"] for n in numbers] == [5]
    assert [d["value"] for d in find_dates(text, "ru")] == ["2019-03-12", "2020"]
    assert find_dates("el 12 de marzo de 2019", "es")[0]["value"] == "2019-03-12"
