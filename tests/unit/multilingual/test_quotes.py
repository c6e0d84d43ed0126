# ruff: noqa: RUF001 -- text in many scripts, on purpose
import pytest

from claims.extraction.multilingual.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "lang", "quote", "speaker"),
    [
        ("Мин Аун Хлайн назвал Путина «королём».", "ru", "королём", "Мин Аун Хлайн"),
        ("«Мы готовы», — заявил Лавров.", "ru", "Мы готовы", "Лавров"),
        (
            "По словам Лаврова, «переговоры прошли успешно».",
            "ru",
            "переговоры прошли успешно",
            "Лаврова",
        ),
        ("Лавров: „Мы готовы“.", "ru", "Мы готовы", "Лавров"),
        ("Зеленський сказав: «Ми вистоїмо».", "uk", "Ми вистоїмо", "Зеленський"),
        (
            'El presidente dijo: "No habrá más impuestos".',
            "es",
            "No habrá más impuestos",
            "El presidente",
        ),
        ("«Es un rey», afirmó Min Aung Hlaing.", "es", "Es un rey", "Min Aung Hlaing"),
        (
            'Según el ministro, "la planta costará mucho".',
            "es",
            "la planta costará mucho",
            "el ministro",
        ),
    ],
)
def test_quote_and_speaker(text, lang, quote, speaker):
    (found,) = find_quotes(text, lang)
    assert found["text"] == quote
    assert found["speaker"] == speaker
    s, e = found["span"]
    assert text[s + 1 : e - 1].strip() == quote


def test_other_languages_get_quotes_without_speakers():
    (found,) = find_quotes("他说：“我们会建核电站。”", "zh")
    assert found["text"] == "我们会建核电站。" and found["speaker"] is None
    assert find_quotes("「明日行く」と言った。", "ja")[0]["text"] == "明日行く"


def test_apostrophes_and_inch_marks_are_not_quotes():
    assert find_quotes("It's 5\" wide, isn't it", "en") == []
