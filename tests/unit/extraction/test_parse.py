"""The parse stage: the shipped model, run with numpy's matrix product."""

from __future__ import annotations

from thinc.api import NumpyOps

from claims.extraction.parse import MODEL_DIR, Parser, get_parser, parse_sentences
from claims.extraction.segment import split_sentences

TEXT = (
    "Local auto dealers sold 30,154 new cars in October, the second-highest volume of the "
    "year. Kentucky Democrats beat incumbent Gov. Matt Bevin in a state Trump won by 30 "
    "points in 2016, and the council has not yet said whether it would appeal."
)
SPANS = [(0, 87), (88, len(TEXT))]


def _layers(parser: Parser) -> list[object]:
    return [node for _name, component in parser.nlp.pipeline for node in component.model.walk()]


def test_every_layer_multiplies_with_numpy_not_blis() -> None:
    layers = _layers(get_parser())
    assert layers
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)  # type: ignore[attr-defined]


def test_numpy_product_gives_the_same_tree_as_blis() -> None:
    parser = Parser(MODEL_DIR)
    fast = parser.parse(TEXT, SPANS)
    blis = NumpyOps(use_blis=True)
    for node in _layers(parser):
        node.ops = blis  # type: ignore[attr-defined]
    slow = parser.parse(TEXT, SPANS)
    assert [[(t.text, t.tag, t.dep, t.head) for t in s.toks] for s in fast] == [
        [(t.text, t.tag, t.dep, t.head) for t in s.toks] for s in slow
    ]


def test_a_noun_read_as_the_verb_of_a_verbless_sentence() -> None:
    # "deny" and "seats" tagged as nouns left no verb: "The city's police deny accusations of
    # brutality" stayed glued to the "while" clause, and the stadium's relative clause and
    # its seats stayed one claim
    text = (
        "The city's police deny accusations of brutality, while protesters say officers "
        "used tear gas. The new stadium, which cost $1.2 billion, seats 65,000 fans."
    )
    police, stadium = parse_sentences(text, split_sentences(text))
    (deny,) = [t for t in police.toks if t.text == "deny"]
    assert deny.tag == "VBP" and deny.dep == "root"
    assert police.toks[deny.i - 1].dep == "nsubj"
    words = {t.text: t for t in stadium.toks}
    assert words["seats"].tag == "VBZ" and words["seats"].dep == "root"
    assert words["cost"].tag == "VBD"
    # the sentence keeps its own words and offsets
    assert [t.text for t in stadium.toks][:6] == ["The", "new", "stadium", ",", "which", "cost"]
    assert text[words["seats"].start : words["seats"].end] == "seats"


def test_a_list_with_no_verb_gets_none() -> None:
    text = "Tomatoes, peppers, onions and garlic from the market."
    (sent,) = parse_sentences(text, [(0, len(text))])
    assert not [t for t in sent.toks if t.tag.startswith("VB")]
