import dataclasses
import json

import pytest

from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim, extract, furniture_spans

TEXT = (
    "Joined\nJan 2, 2020\nMessages\n88\n"
    'The bridge opened in 2021, it cost $40 million. Officials called it "a triumph".\n'
)


def test_claims_are_sorted_frozen_and_serialisable() -> None:
    claims = extract(TEXT)
    assert claims and all(isinstance(c, ExtractedClaim) for c in claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claims[0].text = "x"  # type: ignore[misc]
    for c in claims:
        json.dumps(c.as_dict())
        assert c.start == c.spans[0][0] and c.end == c.spans[-1][1]


def test_no_claim_overlaps_furniture() -> None:
    furniture = furniture_spans(TEXT)
    assert furniture
    for c in extract(TEXT):
        for s, e in c.spans:
            assert not any(fs < e and s < fe for fs, fe in furniture)


def test_backend_from_settings_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.conf import settings

    monkeypatch.setattr(settings, "CLAIMS_EXTRACTOR_BACKEND", "nonsense", raising=False)
    with pytest.raises(ValueError):
        extract(TEXT)
    monkeypatch.setattr(settings, "CLAIMS_EXTRACTOR_BACKEND", "", raising=False)
    monkeypatch.setenv("CLAIMS_EXTRACTOR_BACKEND", "nonsense")
    with pytest.raises(ValueError):
        extract(TEXT)
    monkeypatch.setenv("CLAIMS_EXTRACTOR_BACKEND", "rules")
    assert extract(TEXT) == extract(TEXT, backend="rules")
    assert EXTRACTOR_VERSION.startswith("rules-")


def test_html_spans_refer_to_the_extracted_text() -> None:
    from claims.extraction import html_to_text

    html = (
        "<html><body><nav>Menu</nav><article><p>The museum reopened in March 2022 after "
        "a renovation that cost 12 million dollars, the director said visitor numbers "
        "doubled.</p></article></body></html>"
    )
    main = html_to_text(html)
    claims = extract(html)
    assert claims
    for c in claims:
        assert all(main[s:e] for s, e in c.spans)


def test_empty_and_blank_text() -> None:
    assert extract("") == []
    assert extract("   \n\n ") == []


def test_a_sentence_no_unit_takes_is_the_claim_rather_than_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a tree the tagger got wrong can leave a long sentence with no unit but a short
    # fragment: the sentence is then the claim, whole
    from claims.extraction import pipeline

    text = "The delegation visited the new harbour in March and signed three supply contracts."
    monkeypatch.setattr(pipeline, "split_units", lambda sent, open_quote: iter(()))
    assert [c.text for c in extract(text)] == [text]
    # a sentence that rules dropped, with their reason, stays dropped
    assert extract("Is the harbour open to every ship that asks for a berth this year?") == []
