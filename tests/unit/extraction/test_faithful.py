"""Faithfulness: no claim drops a negation, modal, condition or attribution of its sentence,
and no claim uses a word the article does not use.  Property tests over generated sentences
(every combination of polarity and structure) and the real articles of ../shared."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract
from claims.extraction.faithful import invented_words

SUBJECTS = ["The company", "Officials in Ohio", "The new minister", "Prosecutors", "The board"]
OBJECTS_1 = ["the contract", "the budget for 2020", "a new plant", "the merger"]
OBJECTS_2 = ["the old factory", "three more offices", "the border crossing", "its main rival"]
# (base, past, participle, -ing)
VERBS = [
    ("sign", "signed", "signed", "signing"),
    ("approve", "approved", "approved", "approving"),
    ("reject", "rejected", "rejected", "rejecting"),
    ("close", "closed", "closed", "closing"),
    ("open", "opened", "opened", "opening"),
    ("block", "blocked", "blocked", "blocking"),
    ("expand", "expanded", "expanded", "expanding"),
]
# auxiliary -> (the form of the verb it takes, the polarity words it carries)
AUXILIARIES = {
    "": ("past", ()),
    "did not": ("base", ("not",)),
    "has not": ("participle", ("not",)),
    "never": ("past", ("never",)),
    "could": ("base", ("could",)),
    "may": ("base", ("may",)),
    "would not": ("base", ("would", "not")),
    "will": ("base", ("will",)),
    "might not": ("base", ("might", "not")),
}
FORMS = {"base": 0, "past": 1, "participle": 2}

slots = st.fixed_dictionaries(
    {
        "subject": st.sampled_from(SUBJECTS),
        "aux": st.sampled_from(sorted(AUXILIARIES)),
        "v1": st.sampled_from(VERBS),
        "v2": st.sampled_from(VERBS),
        "o1": st.sampled_from(OBJECTS_1),
        "o2": st.sampled_from(OBJECTS_2),
    }
).filter(lambda s: s["v1"] != s["v2"])


def _words(text: str) -> list[str]:
    return text.lower().replace(",", " ").replace(".", " ").split()


def _verb(slot: dict, key: str) -> str:
    form, _ = AUXILIARIES[slot["aux"]]
    return slot[key][FORMS[form]]


def _clause(slot: dict) -> str:
    aux = f" {slot['aux']}" if slot["aux"] else ""
    return f"{slot['subject']}{aux} {_verb(slot, 'v1')} {slot['o1']}"


def _polarity(slot: dict) -> tuple[str, ...]:
    return AUXILIARIES[slot["aux"]][1]


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(slots)
def test_coordinated_predicates_keep_the_polarity_they_share(slot: dict) -> None:
    text = f"{_clause(slot)} and {_verb(slot, 'v2')} {slot['o2']}."
    for claim in extract(text):
        words = _words(claim.text)
        if slot["o2"].split()[-1] in words:
            assert all(p in words for p in _polarity(slot)), (text, claim.text)


@FAST
@given(slots)
def test_a_participle_never_leaves_a_negated_or_modal_clause(slot: dict) -> None:
    text = f"{_clause(slot)}, {slot['v2'][3]} {slot['o2']}."
    for claim in extract(text):
        words = _words(claim.text)
        if slot["v2"][3] in words:
            assert all(p in words for p in _polarity(slot)), (text, claim.text)


@FAST
@given(slots)
def test_reported_speech_keeps_its_attribution(slot: dict) -> None:
    text = f"Analysts said {_clause(slot)} and {_verb(slot, 'v2')} {slot['o2']}."
    for claim in extract(text):
        words = _words(claim.text)
        assert "said" in words, (text, claim.text)
        if slot["o2"].split()[-1] in words:
            assert all(p in words for p in _polarity(slot)), (text, claim.text)


@FAST
@given(slots)
def test_a_condition_stays_with_what_it_conditions(slot: dict) -> None:
    text = f"If the court agreed, {_clause(slot)}."
    for claim in extract(text):
        words = _words(claim.text)
        if slot["o1"].split()[-1] in words:
            assert "if" in words, (text, claim.text)
            assert all(p in words for p in _polarity(slot)), (text, claim.text)


def test_claims_of_real_articles_use_only_the_articles_words(shared_path) -> None:
    truth = json.loads(
        shared_path("data", "article-pages", "ground-truth.json").read_text(encoding="utf-8")
    )
    texts = [item["articleBody"] for item in truth.values()][:40]
    texts.append(shared_path("data", "seed", "article.txt").read_text(encoding="utf-8"))
    for text in texts:
        for claim in extract(text):
            assert not invented_words(claim.text, text), claim.text
            for s, e in claim.spans:
                assert 0 <= s < e <= len(text)
