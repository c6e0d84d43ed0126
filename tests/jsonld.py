"""JSON-LD in tests: expanded with pyld against our bundled schema.org context (no network),
and read back out of an HTML page's ``<script type="application/ld+json">``."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from pyld import jsonld

CONTEXT = json.loads(
    (Path(__file__).resolve().parents[1] / "claims/api/schemaorg-context.jsonld").read_text()
)
S = "https://schema.org/"


def local_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test must not fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expand(document):
    return jsonld.expand(document, {"documentLoader": local_loader})


def value(node, term):
    (item,) = node[S + term]
    return item.get("@value", item.get("@id", item))


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs)
            self.blocks.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.blocks[-1]
            self.blocks[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def scripts_of(html: str) -> list[tuple[dict, str]]:
    """Every ``<script>`` of a page as (attributes, text), as a browser's parser splits them."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.blocks


def embedded_json_ld(html: str) -> dict:
    """The page's one JSON-LD block, parsed; fails if there are others, or other scripts."""
    blocks = scripts_of(html)
    assert [attrs.get("type") for attrs, _ in blocks] == ["application/ld+json"], blocks
    return json.loads(blocks[0][1])
