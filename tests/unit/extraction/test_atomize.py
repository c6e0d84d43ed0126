from claims.extraction.atomize import atomize


def _claims(text: str) -> list[tuple[str, list[str]]]:
    return [(d.text, [text[s:e] for s, e in d.spans]) for d in atomize(text, 0, len(text))]


def test_comma_splice_gives_two_claims() -> None:
    text = "The storm hit the coast on Monday, the authorities evacuated 3,000 people."
    assert [t for t, _ in _claims(text)] == [
        "The storm hit the coast on Monday.",
        "The authorities evacuated 3,000 people.",
    ]


def test_coordinated_predicate_borrows_the_subject() -> None:
    text = "The council approved the budget in May and raised local taxes by 2 percent."
    claims = _claims(text)
    assert claims[1] == (
        "The council raised local taxes by 2 percent.",
        ["The council", "raised local taxes by 2 percent"],
    )


def test_relative_clause_after_comma() -> None:
    text = "The company built a solar farm in Chile, which could expand to 500 megawatts."
    claims = _claims(text)
    assert claims[0][0] == "The company built a solar farm in Chile."
    assert claims[1][0] == "A solar farm in Chile could expand to 500 megawatts."
    assert "which could expand to 500 megawatts" in claims[1][1]


def test_participle_clause_restores_subject() -> None:
    text = "The army seized the capital in 2019, ousting the elected president."
    assert _claims(text)[1][0] == "The army ousted the elected president."


def test_lists_are_not_split_at_commas() -> None:
    text = "The fund offers economic, legal and medical support to refugees."
    assert len(_claims(text)) == 1


def test_apposition_asserts_a_fact() -> None:
    text = "The Green League, the largest opposition party, rejected the plan."
    claims = _claims(text)
    assert (
        "The Green League is the largest opposition party.",
        ["The Green League", "the largest opposition party"],
    ) in claims
    assert any(t == "The Green League rejected the plan." for t, _ in claims)


def test_introductory_phrase_attaches_to_its_clause() -> None:
    text = "Despite the rain, the match went ahead."
    assert _claims(text) == [
        ("Despite the rain, the match went ahead.", ["Despite the rain, the match went ahead"])
    ]


def test_proposition_granularity_distributes_lists_and_adjuncts() -> None:
    text = "The fund offers economic and legal support to refugees in Greece."
    claim_level = atomize(text, 0, len(text))
    props = [
        " ".join(text[s:e] for s, e in d.spans) for d in atomize(text, 0, len(text), fine=True)
    ]
    assert len(claim_level) == 1
    assert "The fund offers economic support to refugees" in props
    assert "The fund offers legal support to refugees" in props
    assert "The fund offers in Greece" in props


def test_name_lists_are_distributed_at_claim_granularity() -> None:
    text = "The film stars Angelina Jolie, Elle Fanning and Sharlto Copley."
    assert [d.text for d in atomize(text, 0, len(text))] == [
        "The film stars Angelina Jolie.",
        "The film stars Elle Fanning.",
        "The film stars Sharlto Copley.",
    ]


def _props(text: str) -> list[str]:
    return [" ".join(text[s:e] for s, e in d.spans) for d in atomize(text, 0, len(text), fine=True)]


def test_relative_clause_on_a_copular_noun_phrase_is_about_the_subject() -> None:
    text = "Javier Hernandez, born in 1988, is a Mexican footballer who plays as a forward."
    assert "Javier Hernandez plays as a forward" in _props(text)


def test_that_after_a_noun_is_a_relative_pronoun() -> None:
    text = "Python is a general-purpose language that supports functional programming."
    props = _props(text)
    assert "Python supports functional programming" in props
    assert "Python is a general-purpose language" in props


def test_such_as_examples_complete_the_verb() -> None:
    text = (
        "Python 2.0 introduced new features, such as list comprehensions and a garbage collector."
    )
    props = _props(text)
    assert "Python 2.0 introduced new features" in props
    assert "Python 2.0 introduced list comprehensions" in props
    assert "Python 2.0 introduced a garbage collector" in props


def test_a_subject_list_before_the_verb_is_distributed() -> None:
    text = "Svalbard, Bjornoya and Jan Mayen are under Norwegian autonomy."
    assert _props(text) == [
        "Svalbard are under Norwegian autonomy",
        "Bjornoya are under Norwegian autonomy",
        "Jan Mayen are under Norwegian autonomy",
    ]


def test_a_long_introduction_is_kept_and_dropped() -> None:
    text = "In addition to the mainland, the kingdom includes the Svalbard archipelago."
    assert _props(text) == [
        "the kingdom includes the Svalbard archipelago",
        "In addition to the mainland the kingdom includes the Svalbard archipelago",
    ]
    # the claim granularity keeps the introduction with its clause
    assert len(atomize(text, 0, len(text))) == 1


def test_appositive_modifiers_are_distributed_like_copular_ones() -> None:
    text = "Boeing 787 Dreamliner - a medium-size, wide-body, long-range airliner."
    props = _props(text)
    assert "Boeing 787 Dreamliner a wide-body airliner" in props
    assert "Boeing 787 Dreamliner a long-range airliner" in props
    # a single modifier stays: "X, a male actor" is one proposition
    text = "The prize went to Heath Ledger, a young actor."
    assert "Heath Ledger a young actor" in _props(text)


def test_role_names_need_a_role_noun() -> None:
    assert "coach Walsh" in _props("The title was won by coach Walsh.")
    assert "first Super Bowl" not in _props("The team won the first Super Bowl in 2018.")


def test_a_long_complement_also_gives_the_shorter_proposition() -> None:
    text = "The club signed a new contract for the rest of the season with its coach."
    assert _props(text) == [
        "The club signed a new contract for the rest of the season with its coach",
        "The club signed a new contract",
    ]
    # a short one stays whole
    assert _props("The club signed a new contract for a year.") == [
        "The club signed a new contract for a year"
    ]


def test_brackets_after_an_abbreviation_belong_to_the_name() -> None:
    text = "James Earl Carter Jr. (born October 1, 1924) is an American politician."
    props = _props(text)
    assert "James Earl Carter Jr (born October 1, 1924)" in props
    assert "James Earl Carter Jr is an American politician" in props


def test_names_with_acronyms_are_list_items() -> None:
    text = (
        "The certificate from the Aviation Administration (FAA) and the Aviation Safety "
        "Agency (EASA) was received in 2011."
    )
    assert _props(text) == [
        "The certificate from the Aviation Administration (FAA) was received in 2011",
        "The certificate from the Aviation Safety Agency (EASA) was received in 2011",
    ]


def test_a_bracketed_year_belongs_to_the_whole_title() -> None:
    text = "She starred in the comedy film Cage for Birds (1996)."
    assert "Cage for Birds (1996)" in _props(text)


def test_being_after_a_comma_is_a_participle() -> None:
    text = "He played for Manchester United, being one of the team's top scorers."
    claims = atomize(text, 0, len(text), fine=True)
    assert claims[-1].text == "He was one of the team's top scorers."


def test_coordinated_predicate_nouns_keep_their_modifiers_apart() -> None:
    text = "Dennis Quaid is an American actor and director."
    assert _props(text) == [
        "Dennis Quaid is an actor",
        "Dennis Quaid is an American actor",
        "Dennis Quaid is an director",
    ]


def test_a_list_after_a_colon_completes_the_claim() -> None:
    text = "The aircraft was designed in three versions: the F-35A, the F-35B and the F-35C."
    assert _props(text) == [
        "The aircraft was designed in three versions",
        "The aircraft was designed in the F-35A",
        "The aircraft was designed in the F-35B",
        "The aircraft was designed in the F-35C",
    ]


def test_adjuncts_are_found_on_both_sides_of_a_bracketed_aside() -> None:
    text = (
        "The plane was unveiled at a ceremony on July 8, 2007 (a lucky date) at the Boeing plant."
    )
    props = _props(text)
    assert "The plane was unveiled at a ceremony" in props
    assert "The plane was unveiled on July 8, 2007" in props
    assert "The plane was unveiled at the Boeing plant" in props


def test_a_participle_with_by_after_a_noun_is_about_that_noun() -> None:
    text = "The F-35 is the descendant of the X-35 introduced by Lockheed in the JSF program."
    assert "the X-35 introduced by Lockheed" in _props(text)
    # after the noun phrase of a copula it is about the subject
    text = "The Departed is a 2006 crime film directed by Martin Scorsese."
    assert "The Departed directed by Martin Scorsese" in _props(text)
