# ruff: noqa: RUF001 -- text in many scripts, on purpose
import itertools

from claims.extraction.multilingual.scripts import (
    dominant_script,
    script_counts,
    script_of,
    script_runs,
)


def test_script_of_letters_marks_and_common():
    assert script_of("မ") == "Myanmar"
    assert script_of("ြ") == "Myanmar"  # a vowel sign belongs to its script
    assert script_of("ก") == "Thai"
    assert script_of("ж") == "Cyrillic"
    assert script_of("ب") == "Arabic"
    assert script_of("क") == "Devanagari"
    assert script_of("の") == "Kana"
    assert script_of("漢") == "Han"
    assert script_of("한") == "Hangul"
    assert script_of("၁") == "Common"  # digits have no script here
    assert script_of("。") == "Common"


def test_kana_makes_japanese_even_when_han_dominates():
    counts = script_counts("日本政府は発表した")
    assert dominant_script(counts) == "Kana"
    assert dominant_script(script_counts("中华人民共和国")) == "Han"
    assert dominant_script(script_counts("123 !")) == "Common"


def test_script_runs_cover_the_text_and_cut_before_opening_quotes():
    text = "Путин said «hello». 他说：“日本語です”"
    runs = script_runs(text)
    assert runs[0].start == 0 and runs[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(runs))
    assert [r.script for r in runs] == ["Cyrillic", "Latin", "Kana"]
    assert text[runs[0].start : runs[0].end] == "Путин "


def test_script_runs_of_a_slice_use_offsets_into_the_text():
    text = "xx မြန်မာ yy"
    runs = script_runs(text, 3, 9)
    assert runs[0].start == 3 and runs[-1].end == 9
