# ruff: noqa: RUF001 -- text in many scripts, on purpose
import time

import pytest

from claims.extraction.multilingual.langid import detect, detect_runs


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("ရုရှားသည် မြန်မာနိုင်ငံတွင် အဏုမြူဓာတ်အားပေးစက်ရုံ တည်ဆောက်မည်။", "my", "Myanmar"),
        ("รัสเซียจะสร้างโรงไฟฟ้านิวเคลียร์ในเมียนมา", "th", "Thai"),
        ("ロシアはミャンマーに原子力発電所を建設する。", "ja", "Kana"),
        ("俄罗斯将在缅甸建造核电站。", "zh", "Han"),
        ("러시아는 미얀마에 원자력 발전소를 건설할 것이다.", "ko", "Hangul"),
        ("Η Ρωσία θα κατασκευάσει πυρηνικό σταθμό στη Μιανμάρ.", "el", "Greek"),
        ("Россия построит в Мьянме атомную электростанцию.", "ru", "Cyrillic"),
        (
            "Росія побудує в М'янмі атомну електростанцію, повідомили у міністерстві.",
            "uk",
            "Cyrillic",
        ),
        ("Rusia construirá una central nuclear en Myanmar, dijo el ministro.", "es", "Latin"),
        ("Russland wird in Myanmar ein Kernkraftwerk bauen, sagte der Minister.", "de", "Latin"),
        ("روسيا ستبني محطة للطاقة النووية في ميانمار.", "ar", "Arabic"),
        ("रूस म्यांमार में परमाणु बिजली संयंत्र बनाएगा।", "hi", "Devanagari"),
    ],
)
def test_detect(text, lang, script):
    found = detect(text)
    assert (found.lang, found.script) == (lang, script)
    assert 0 < found.confidence <= 1


def test_alphabet_rules_out_russian_for_ukrainian_letters():
    assert detect("Їх було п'ятеро, і всі вони прийшли.").lang == "uk"


def test_no_letters_is_undetermined():
    found = detect("123 — 456 !!!")
    assert found.lang == "und" and found.confidence == 0


def test_detect_runs_splits_a_chinese_text_quoting_english():
    text = "他在会上说：“We will build the plant next year.”然后他离开了会场。"
    runs = detect_runs(text)
    assert [r.lang for r in runs] == ["zh", "en", "zh"]
    assert runs[0].start == 0 and runs[-1].end == len(text)


def test_detect_runs_keeps_a_short_foreign_name_in_its_run():
    runs = detect_runs("ミャンマーのiPhone販売が増えた。")
    assert [r.lang for r in runs] == ["ja"]


def test_accuracy_on_the_shared_list(multilingual_folder):
    from claims.extraction.multilingual.evaluation import score_langid

    score = score_langid(multilingual_folder / "langid.jsonl")
    assert score.total >= 3000
    assert score.accuracy >= 0.97, score.confusions


def test_at_most_two_ms_per_article(shared_documents):
    texts = [d.text for docs in shared_documents.values() for d in docs]
    detect(texts[0])
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        for text in texts:
            detect(text)
        best = min(best, (time.perf_counter() - began) / len(texts))
    assert best * 1000 <= 2.0
