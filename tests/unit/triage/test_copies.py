"""Near-identical claims of one article: grouped behind the best-scored one."""

from claims.triage.copies import THRESHOLD, content_words, near_copy_leaders, similarity


def test_a_repeated_pull_quote_and_a_quote_given_twice_are_copies() -> None:
    texts = [
        "Since 2008, there hasn't been a single year of revenue gain in the newspaper industry.",
        "“Since 2008, there hasn't been a single year of revenue gain in the newspaper "
        "industry,” says a veteran analyst.",
        "The plant could expand to 300 megawatts.",
        "Since 2008, there hasn't been a single year of revenue gain in the newspaper industry.",
    ]
    leaders = near_copy_leaders(texts, [0.6, 0.9, 0.8, 0.5])
    # the best-scored of the three versions leads; the other claim stays on its own
    assert leaders == [1, None, None, 1]


def test_one_sentence_split_per_list_item_is_one_group() -> None:
    texts = [
        "The company will build new battery plants in Ohio next year, its chief executive said.",
        "The company will build new battery plants in Texas next year, its chief executive said.",
        "The company will build new battery plants in Utah next year, its chief executive said.",
    ]
    assert near_copy_leaders(texts, [0.7, 0.7, 0.9]) == [2, 2, None]


def test_claims_on_the_same_subject_stay_apart() -> None:
    a = "WeWork agreed to a rescue by its largest shareholder, SoftBank Group Corp."
    b = "SoftBank Group Corp is its largest shareholder."
    assert similarity(content_words(a), content_words(b)) < THRESHOLD
    assert near_copy_leaders([a, b], [0.9, 0.8]) == [None, None]


def test_ties_go_to_the_earlier_claim_and_empty_texts_copy_nothing() -> None:
    assert near_copy_leaders(["Sales fell 4%.", "Sales fell 4%."], [0.5, 0.5]) == [None, 0]
    assert near_copy_leaders(["", "—"], [0.5, 0.5]) == [None, None]
    assert near_copy_leaders([], []) == []
