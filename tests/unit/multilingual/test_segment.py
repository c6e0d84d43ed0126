# ruff: noqa: RUF001 -- text in many scripts, on purpose
import pytest

from claims.extraction.multilingual.segment import split_sentences


def sentences(text, lang=None, **kw):
    return [text[s:e] for s, e in split_sentences(text, lang, **kw)]


def test_burmese_section_mark_with_or_without_a_space():
    assert sentences("ကျောင်းပိတ်တယ်။ တိုကျိုမှာ နေတယ်။", "my") == [
        "ကျောင်းပိတ်တယ်။",
        "တိုကျိုမှာ နေတယ်။",
    ]
    assert len(split_sentences("ကျောင်းပိတ်တယ်။တိုကျိုမှာ နေတယ်။", "my")) == 2


def test_burmese_little_section_is_a_comma():
    assert len(split_sentences("မနက်ခုနစ်နာရီမှာ အိပ်ရာထတယ်၊ ထမင်းစားတယ်။", "my")) == 1


def test_cjk_full_stops_need_no_space_and_keep_closing_quotes():
    assert sentences("他说：“我们会建核电站。”它主要用于发电。", "zh") == [
        "他说：“我们会建核电站。”",
        "它主要用于发电。",
    ]
    assert sentences("本当ですか?ついつい忘れる。", "ja") == ["本当ですか?", "ついつい忘れる。"]


def test_japanese_quotation_before_a_particle_goes_on():
    assert len(split_sentences("彼は「明日行く。」と言った。", "ja")) == 1


def test_devanagari_danda_and_quote_after_it():
    text = "उसने कहा, “यह सही है।” इसके बाद वह चला गया। डॉ. ली आए॥"
    assert sentences(text, "hi") == [
        "उसने कहा, “यह सही है।”",
        "इसके बाद वह चला गया।",
        "डॉ. ली आए॥",
    ]


def test_arabic_question_mark_and_comma():
    text = "هل ستبني روسيا المحطة؟ قال الوزير، في موسكو، إنها ستفعل. وانتهى الاجتماع!"
    assert len(split_sentences(text, "ar")) == 3


def test_russian_abbreviations_initials_and_years():
    text = (
        "А. С. Пушкин родился в г. Москве в 1799 г. Он писал стихи, прозу и т. д. "
        "Ср. также его письма."
    )
    assert sentences(text, "ru") == [
        "А. С. Пушкин родился в г. Москве в 1799 г.",
        "Он писал стихи, прозу и т. д.",
        "Ср. также его письма.",
    ]


def test_spanish_titles_and_inverted_marks():
    text = "El Sr. García llegó a las 10. ¿Quién lo invitó? Nadie lo sabe."
    assert sentences(text, "es") == [
        "El Sr. García llegó a las 10.",
        "¿Quién lo invitó?",
        "Nadie lo sabe.",
    ]


def test_german_ordinals_are_not_sentence_ends():
    text = "Am 3. Oktober feiert man. Die 27. Große Strafkammer tagte im 19. Jahrhundert."
    assert len(split_sentences(text, "de")) == 2


def test_lower_case_after_a_stop_continues_unless_favouring_recall():
    text = "Es muy bueno. el servicio es rápido."
    assert len(split_sentences(text, "es")) == 1
    assert len(split_sentences(text, "es", favour_recall=True)) == 2


def test_detached_quotes_and_stops_stay_with_their_sentence():
    text = 'Thanh nói : " Tôi trông ông quen quen ? " . Hùng giật mình .'
    assert sentences(text, "vi") == [
        'Thanh nói : " Tôi trông ông quen quen ? " .',
        "Hùng giật mình .",
    ]


def test_thai_splits_at_spaces_but_not_around_numbers_or_abbreviations():
    text = "แค่เดือน พ.ย. เดือนเดียว ยอดคนใช้ก็เพิ่มขึ้นเป็น 1.6 แสนคน ความรักเป็นสิ่งที่สวยงาม"
    pieces = sentences(text, "th")
    assert "1.6 แสนคน" in " ".join(pieces)
    assert all(not p.startswith("1.6") and not p.endswith("พ.ย.") for p in pieces)
    assert pieces[-1] == "ความรักเป็นสิ่งที่สวยงาม"


def test_paragraph_breaks_and_headings():
    text = "Новый мост открыт\n\nМост открыли в пятницу. Он стоил дорого.\nКоротко"
    assert sentences(text, "ru") == [
        "Новый мост открыт",
        "Мост открыли в пятницу.",
        "Он стоил дорого.",
        "Коротко",
    ]


def test_offsets_index_the_text_as_given_and_respect_start_end():
    text = "  Intro. Первое предложение. Второе предложение.  Tail."
    start = text.index("Первое")
    end = text.index("  Tail")
    spans = split_sentences(text, "ru", start, end)
    assert [text[s:e] for s, e in spans] == ["Первое предложение.", "Второе предложение."]
    assert all(start <= s < e <= end for s, e in spans)


def test_language_detected_when_not_given_and_empty_text():
    assert len(split_sentences("ကျောင်းပိတ်တယ်။ တိုကျိုမှာ နေတယ်။")) == 2
    assert split_sentences("") == []
    assert split_sentences("   ...  ") == []


TARGET = 0.95
BELOW_TARGET = {"th"}  # Thai writes no sentence mark: see docs/multilingual.md


@pytest.mark.parametrize(
    "lang", ["ru", "uk", "my", "zh", "ja", "ar", "hi", "es", "fr", "de", "id", "vi"]
)
def test_boundary_f1_on_the_shared_set(shared_documents, lang):
    from claims.extraction.multilingual.evaluation import ours, score_segmenter

    score = score_segmenter(shared_documents[lang], ours, "ours")
    assert score.f1 >= TARGET, (score.precision, score.recall)


def test_thai_boundary_f1_is_measured_not_met(shared_documents):
    """Thai misses the 0.95 target (about 0.55; pythainlp's crfcut about 0.58): a floor."""
    from claims.extraction.multilingual.evaluation import ours, score_segmenter

    score = score_segmenter(shared_documents["th"], ours, "ours")
    assert score.recall >= 0.80 and score.f1 >= 0.53


@pytest.mark.xfail(strict=True, reason="Thai sentence ends are unmarked; target not reached")
def test_thai_reaches_the_target(shared_documents):
    from claims.extraction.multilingual.evaluation import ours, score_segmenter

    assert score_segmenter(shared_documents["th"], ours, "ours").f1 >= TARGET
