from collections import Counter

from claims.triage.heuristic import BIAS, WEIGHTS, Heuristic, explain, heuristic_score

VARIED = [
    "The company cut 4,000 jobs in 2019 after losses of $1.2 billion, its filings show.",
    "Police arrested the former mayor on Tuesday on charges of fraud and bribery.",
    "Unemployment fell to 3.5 percent in November, the lowest rate since 1969.",
    "The minister said the new plant would produce 300 megawatts by 2025.",
    "Prosecutors allege that the two guards falsified records on August 9.",
    "Exports to China rose 12% last year, according to the trade ministry.",
    "The senator voted against the bill in March, records show.",
    "Floods killed at least 45 people and displaced 10,000 in the region.",
    "The court ruled that the ban was illegal.",
    "Researchers found that the drug reduced deaths by a third in a trial of 2,000 patients.",
    "The city spent two million dollars on the stadium.",
    "Smith was appointed chief executive in 2018.",
    "The report was published by the university.",
    "The museum reopened to visitors after the renovation.",
    "He later joined the board of the charity.",
    "The team will play again next week.",
    "Officials declined to comment.",
    "Many residents could be affected by the change.",
    "The plan may be revised, reportedly.",
    "It's a beautiful country and we love it.",
    "I think this is a great idea, honestly.",
    "What a day!",
    "Is this really the end?",
    "Make sure you check the dates before you go.",
    "You have to try it at least once.",
    "NISSAN SENTRA",
    "(Reporting by Will Dunham; Editing by Tom Brown)",
    "Read more",
    "We had a lovely time.",
    "Honestly, it's so easy that anyone can do it.",
    "Sadly, it is what it is.",
    "Stir together and taste.",
    "The answer is yes!",
    "There is probably more to this story than you have written.",
    "This could be a turning point, perhaps.",
    "Thanks for reading.",
    "The new version gets a new rear suspension.",
    "She described the decision as a disgrace.",
    "Critics say the scheme is too expensive.",
    "The airline said 30% of flights were cancelled on Monday.",
]


def test_scores_spread_over_the_range_without_bunching() -> None:
    scores = [heuristic_score(text) for text in VARIED]
    assert max(scores) - min(scores) >= 0.7
    assert all(0.0 <= s <= 1.0 for s in scores)
    most_common = Counter(round(s, 2) for s in scores).most_common(1)[0][1]
    assert most_common <= 0.2 * len(scores)
    # the deciles are filled, not two or three steps
    assert len({int(s * 10) for s in scores}) >= 7


def test_concrete_claims_rank_above_opinion_and_furniture() -> None:
    concrete = VARIED[:10]
    soft = [
        "I think this is a great idea, honestly.",
        "What a day!",
        "Is this really the end?",
        "Make sure you check the dates before you go.",
        "NISSAN SENTRA",
        "Read more",
    ]
    assert min(heuristic_score(t) for t in concrete) > max(heuristic_score(t) for t in soft)
    assert heuristic_score(VARIED[0]) > 0.9
    assert heuristic_score("What a day!") < 0.1


def test_kind_nudges_and_explanations() -> None:
    quantity = heuristic_score({"text": "The plant expands.", "kind": "quantity"})
    attribute = heuristic_score({"text": "The plant expands.", "kind": "attribute"})
    assert quantity > attribute
    parts = dict(explain("I think it fell 12% in 2019?"))
    assert parts["question"] < 0 < parts["has_percent"]
    assert BIAS < 0 and all(isinstance(w, float) for w in WEIGHTS.values())
    assert Heuristic().score(["a", "b"]) == [heuristic_score("a"), heuristic_score("b")]
