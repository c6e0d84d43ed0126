"""Text extraction: own fixtures, the shared article benchmark, garbage, and no network."""

from __future__ import annotations

import gzip
import json
import re
import socket
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.archiving.text import MAX_EXTRACT_BYTES, ExtractedPage, extract_text

URL = "https://quayside.example/news/2024/03/tide-gauge"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction must be offline: any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"text extraction tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_article_fixture(fixture_bytes: dict[str, bytes]) -> None:
    page = extract_text(fixture_bytes["article.html"], "text/html", "utf-8", URL)
    assert page.title == "Harbour tide gauge replaced after forty years"
    assert page.published == date(2024, 3, 14)
    assert page.language == "en"
    assert "radar sensor mounted on the north pier" in page.text
    assert "digitise over the coming winter" in page.text
    for boilerplate in ("All rights reserved", "Most read", "Ferry timetable", "analytics"):
        assert boilerplate not in page.text


def test_charset_from_meta_and_wrong_header(fixture_bytes: dict[str, bytes]) -> None:
    body = fixture_bytes["latin1.html"]
    for header_charset in (None, "utf-8", "bogus-charset"):
        page = extract_text(body, "text/html", header_charset, None)
        assert "café crème" in page.text, header_charset
        assert "\ufffd" not in page.text
        assert page.title.startswith("Café prices")


def test_page_without_article(fixture_bytes: dict[str, bytes]) -> None:
    page = extract_text(fixture_bytes["no_article.html"], "text/html", None, None)
    assert page.title == "Login"
    assert page.published is None
    assert len(page.text) < 40


def test_plain_text_is_returned_as_is() -> None:
    page = extract_text("Line one\r\nLine twö\n".encode(), "text/plain", "utf-8", None)
    assert page == ExtractedPage("", "Line one\nLine twö", None, "", "")


def test_a_damaged_pdf_is_a_failure_with_a_reason() -> None:
    page = extract_text(b"%PDF-1.7\n...", "application/pdf", None, URL)
    assert (page.title, page.text, page.published) == ("", "", None)
    assert page.failure == "pdf_unreadable"
    assert "PDFium could not open the file" in page.note


def test_xhtml_is_html() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        b'xml:lang="fr"><head><title>Marees</title></head><body><article><p>'
        + b"La maree haute est a six heures douze ce matin au port de peche. " * 5
        + b"</p></article></body></html>"
    )
    page = extract_text(body, "application/xhtml+xml", None, None)
    assert "maree haute" in page.text
    assert page.title == "Marees"


def test_unknown_type_is_skipped() -> None:
    page = extract_text(b"\x89PNG....", "image/png", None, None)
    assert page.text == "" and "image/png" in page.note


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00\xff" * 1000, b"<", b"<html>", b"<html><body></body></html>", b"\x1f\x8b\x08"],
)
def test_garbage_never_raises(body: bytes) -> None:
    page = extract_text(body, "text/html", None, "http://x")
    assert isinstance(page, ExtractedPage)


def test_non_bytes_never_raises() -> None:
    page = extract_text("not bytes", "text/html", None, None)  # type: ignore[arg-type]
    assert page.note


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode),
    st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", None, "x/y"]),
    st.sampled_from([None, "utf-8", "latin-1", "nope", "utf-16"]),
)
def test_fuzz_never_raises(body: bytes, content_type: str | None, charset: str | None) -> None:
    assert isinstance(extract_text(body, content_type, charset, None), ExtractedPage)


def test_huge_input_is_capped_and_bounded_in_time() -> None:
    paragraph = b"<p>" + b"Sea levels were recorded every minute at the harbour. " * 20 + b"</p>"
    body = b"<html><head><title>Big</title></head><body><article>"
    body += paragraph * (8 * 1024 * 1024 // len(paragraph)) + b"</article></body></html>"
    assert len(body) > MAX_EXTRACT_BYTES
    started = time.monotonic()
    page = extract_text(body, "text/html", "utf-8", None)
    assert time.monotonic() - started < 30
    assert "bytes were used" in page.note
    assert page.title == "Big"


# ------------------------------------------------------------ shared benchmark (181 pages)


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def token_f1(predicted: str, truth: str) -> float:
    pred, gold = _tokens(predicted), _tokens(truth)
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _load(article_pages: Path) -> dict[str, dict[str, str]]:
    return json.loads((article_pages / "ground-truth.json").read_text())


def _page(article_pages: Path, page_id: str) -> bytes:
    return gzip.decompress((article_pages / "html" / f"{page_id}.html.gz").read_bytes())


def test_a_few_benchmark_pages(article_pages: Path) -> None:
    truth = _load(article_pages)
    for page_id in sorted(truth)[:5]:
        item = truth[page_id]
        page = extract_text(_page(article_pages, page_id), "text/html", "utf-8", item["url"])
        assert page.title, page_id
        assert token_f1(page.text, item["articleBody"]) > 0.6, page_id


def test_token_f1_over_all_benchmark_pages(
    article_pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Measured: mean token F1 about 0.96, median about 0.99 (trafilatura 2.3.1)."""
    truth = _load(article_pages)
    scores = []
    for page_id, item in truth.items():
        page = extract_text(_page(article_pages, page_id), "text/html", "utf-8", item["url"])
        scores.append(token_f1(page.text, item["articleBody"]))
    scores.sort()
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        print(
            f"\n[text extraction] {len(scores)} pages: mean token F1 {mean:.3f}, "
            f"median {scores[len(scores) // 2]:.3f}, worst {scores[0]:.3f}"
        )
    assert len(scores) == 181
    assert mean >= 0.90
