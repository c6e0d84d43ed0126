"""The part-of-speech lexicon (data/pos_lexicon.tsv) and where the tagger uses it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from claims.extraction import lexicon as lx
from claims.extraction.tokens import CAP, VBG, VBZ, N, tokenize

ROOT = Path(__file__).resolve().parents[3]


def _tags(text: str) -> dict[str, str]:
    return {t.w: t.tag for t in tokenize(text)}


def test_the_lexicon_is_small_and_well_formed() -> None:
    path = ROOT / "claims" / "extraction" / "data" / "pos_lexicon.tsv"
    assert path.stat().st_size < 150_000
    assert (path.parent / "README.md").exists()
    assert 5_000 < len(lx.POS_CLASSES) < 20_000
    assert all(c and set(c) <= set("NJRVDGZO") for c in lx.POS_CLASSES.values())
    assert lx.POS_CLASSES["uses"][0] == "Z"
    assert "N" in lx.POS_CLASSES["building"]


def test_a_plural_noun_is_not_taken_for_a_verb() -> None:
    # "problems" could be read as a verb after "design"; the lexicon knows only the noun
    assert _tags("Design problems in general hurt the plane.")["problems"] == N
    # an -s verb the lexicon knows stays a verb
    assert _tags("The film uses new effects.")["uses"] == VBZ


def test_an_adjective_after_a_determiner_is_not_an_adverb() -> None:
    assert _tags("The first flight took place in 2009.")["first"] == N
    assert _tags("He first flew in 2009.")["first"] != N


def test_unknown_capitalised_ing_words_are_names() -> None:
    tags = _tags("The Boeing 787 flew to Beijing, having crossed the Pacific.")
    assert tags["Boeing"] == CAP
    assert tags["Beijing"] == CAP
    assert tags["having"] == VBG


def test_a_sentence_does_not_open_with_an_s_verb() -> None:
    assert _tags("Delays hurt the programme.")["Delays"] != VBZ


def test_build_script_counts_open_class_readings(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_pos_lexicon", ROOT / "scripts" / "build_pos_lexicon.py"
    )
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    conllu = tmp_path / "t.conllu"
    rows = [
        ("1", "He", "PRON", "PRP"),
        ("2", "uses", "VERB", "VBZ"),
        ("3", "uses", "NOUN", "NNS"),
        ("4", "uses", "VERB", "VBZ"),
        ("5", "Boeing", "PROPN", "NNP"),
        ("6", "Boeing", "PROPN", "NNP"),
        ("7", "the", "DET", "DT"),
        ("8", "the", "DET", "DT"),
    ]
    conllu.write_text(
        "# text = x\n"
        + "".join(f"{i}\t{w}\t_\t{u}\t{x}\t_\t0\troot\t_\t_\n" for i, w, u, x in rows),
        encoding="utf-8",
    )
    lines = build.build(build.count(conllu), min_count=2, min_share=0.1)
    assert lines == ["uses\tZN"]  # proper nouns and closed classes are left out


def test_an_unknown_ed_word_opening_a_name_is_a_name() -> None:
    assert _tags("Lockheed Martin built the plane.")["Lockheed"] == CAP
    # a participle the lexicon knows stays one
    assert _tags("Founded in 1946, the club grew.")["Founded"] != CAP
