from claims.extraction.segment import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_with_offsets() -> None:
    text = "  Mr. Smith met Dr. Jones in the U.S. capital. They talked! Did it work? Yes. "
    assert _sentences(text) == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "They talked!",
        "Did it work?",
        "Yes.",
    ]


def test_initials_and_numbers_do_not_split() -> None:
    text = "John F. Kennedy was born in 1917. Python 3.0 was released in 2008."
    assert _sentences(text) == [
        "John F. Kennedy was born in 1917.",
        "Python 3.0 was released in 2008.",
    ]


def test_region_bounds_are_respected() -> None:
    text = "Ignore me. Keep this one. And this."
    assert split_sentences(text, 11) == [(11, 25), (26, 35)]


def test_a_hyphenated_word_ending_like_an_abbreviation_ends_its_sentence() -> None:
    # "op-ed." was read as the abbreviation "ed.": two sentences became one claim
    text = "She cited his testimony and a separate op-ed. The mayor agreed that costs rose."
    assert _sentences(text) == [
        "She cited his testimony and a separate op-ed.",
        "The mayor agreed that costs rose.",
    ]


def test_no_abbreviates_number_only_before_one() -> None:
    text = "She kept telling me no. When she let me go, I left. He wore No. 23 for them."
    assert _sentences(text) == [
        "She kept telling me no.",
        "When she let me go, I left.",
        "He wore No. 23 for them.",
    ]


def test_ranks_and_plural_titles_are_abbreviations() -> None:
    # "Cmdr." and "Sens." ended sentences: "Cmdr." became a sentence of its own and "Have
    # struggled to gain momentum ..." a claim with no subject
    text = (
        "Cmdr. Ana Ruiz, a navy spokeswoman, denied the report. Two rivals in the race "
        "\u2014 Sens. Ann Lee and Tom Cho \u2014 have struggled. Det. Sgt. Bo Park left."
    )
    assert _sentences(text) == [
        "Cmdr. Ana Ruiz, a navy spokeswoman, denied the report.",
        "Two rivals in the race \u2014 Sens. Ann Lee and Tom Cho \u2014 have struggled.",
        "Det. Sgt. Bo Park left.",
    ]


def test_a_sentence_may_open_with_a_name_in_lower_case() -> None:
    # "iPhone 11 and ..." ran on from the sentence before: one claim of two sentences
    text = "The phones shipped in May. iPhone 11 and iPhone 11 Pro sold out. eBay took a cut."
    assert _sentences(text) == [
        "The phones shipped in May.",
        "iPhone 11 and iPhone 11 Pro sold out.",
        "eBay took a cut.",
    ]
    # a lower-case word is no sentence start: "e.g. the next"
    assert _sentences("It cost about 5 p.m. tickets, e.g. the next show.") == [
        "It cost about 5 p.m. tickets, e.g. the next show."
    ]


def test_a_space_lost_after_a_period_still_ends_the_sentence() -> None:
    # scraped text: "... on Monday.The crash ..."; an abbreviation glued to a name is none
    text = "The agency reported it on Monday.The crash happened at noon. Gen.Smith arrived."
    assert _sentences(text) == [
        "The agency reported it on Monday.",
        "The crash happened at noon.",
        "Gen.Smith arrived.",
    ]


def test_an_address_with_a_capital_after_its_dot_is_no_boundary() -> None:
    text = "Write to www.HarborNews.org or to jane.Doe@example.org before Friday."
    assert _sentences(text) == [text]
