"""The parse stage: the shipped model, run with numpy's matrix product."""

from __future__ import annotations

from thinc.api import NumpyOps

from claims.extraction.parse import MODEL_DIR, Parser, get_parser

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
