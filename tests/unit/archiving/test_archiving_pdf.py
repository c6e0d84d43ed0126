"""PDF text, page by page, in a bounded child process (sources.archiving.pdf), on PDFs made
here: a reportlab report, a scan without text, and hostile files written by hand."""

from __future__ import annotations

import pytest

from sources.archiving.pdf import PdfLimits, clean_page, is_pdf, pdf_text
from sources.archiving.text import extract_text
from tests import pdfs

#: a small memory budget so that the bombs end fast, and a wall-clock budget generous enough
#: that a loaded machine never turns a memory failure into a timeout (defaults: PDF_TEXT_*)
LIMITS = PdfLimits(seconds=60, memory_mb=512)


def test_the_text_of_each_page_is_kept_with_where_it_starts() -> None:
    page = extract_text(pdfs.report_pdf(), "application/pdf", None, "https://example.org/r.pdf")
    assert page.failure == ""
    assert page.title == "Annual Energy Review"
    assert len(page.page_starts) == len(pdfs.REPORT_PAGES) and page.page_starts[0] == 0
    for number, paragraphs in enumerate(pdfs.REPORT_PAGES):
        start = page.page_starts[number]
        end = page.page_starts[number + 1] if number + 1 < len(page.page_starts) else None
        on_page = " ".join(page.text[start:end].split())
        assert paragraphs[0] in on_page
        assert f"Page {number + 1}" in on_page
    assert " ".join(page.text.split()).count("450 megawatts in March 2025") == 1
    # pages are apart by a blank line: no paragraph, hence no passage, spans two
    assert all(page.text[s - 2 : s] == "\n\n" for s in page.page_starts[1:])


def test_without_a_title_in_its_metadata_the_first_heading_is_the_title() -> None:
    body = pdfs.report_pdf(title="")
    page = extract_text(body, "application/pdf", None, None)
    assert page.title == "Annual Energy Review 2025"  # not the footer "Page 1" above it


def test_a_pdf_is_known_by_its_magic_whatever_its_content_type() -> None:
    body = pdfs.minimal_pdf("Served as text/html by mistake.")
    assert is_pdf(body, "text/html") and not is_pdf(b"<html>", "text/html")
    page = extract_text(body, "text/html", "utf-8", None)
    assert page.text == "Served as text/html by mistake." and page.page_starts == (0,)


def test_a_scan_without_text_is_read_but_has_none() -> None:
    page = extract_text(pdfs.image_only_pdf(pages=3), "application/pdf", None, None)
    assert (page.failure, page.text, page.title, page.page_starts) == ("", "", "", ())
    assert "no text in the PDF's 3 pages" in page.note


def test_a_page_count_over_the_limit_fails_before_any_page_is_read() -> None:
    result = pdf_text(pdfs.page_count_bomb(levels=4), LIMITS)  # 10,000 pages, 1 KB
    assert result.failure == "pdf_too_many_pages"
    assert "10,000 pages" in result.message and "PDF_TEXT_MAX_PAGES" in result.message


def test_a_page_tree_claiming_ten_million_pages_fails_with_a_reason() -> None:
    result = pdf_text(pdfs.page_count_bomb(levels=7), LIMITS)
    assert result.failure == "pdf_unreadable" and result.pages == ()
    assert "page tree" in result.message


def test_a_page_tree_nested_too_deep_fails_with_a_reason() -> None:
    result = pdf_text(pdfs.deep_tree_bomb(depth=20_000), LIMITS)
    assert result.failure == "pdf_unreadable"
    assert "could not load any page" in result.message


def test_objects_nested_a_hundred_thousand_deep_do_not_reach_the_text() -> None:
    result = pdf_text(pdfs.nesting_bomb(depth=100_000), LIMITS)
    assert result.failure == "" and result.pages == ("Deep inside.",)


def test_a_decompression_bomb_hits_the_memory_limit() -> None:
    result = pdf_text(pdfs.decompression_bomb(megabytes=64), LIMITS)
    assert result.failure == "pdf_memory"
    assert "512 MB" in result.message


def test_a_decompression_bomb_hits_the_time_limit_when_memory_is_plenty() -> None:
    limits = PdfLimits(seconds=1.5, memory_mb=4096)
    result = pdf_text(pdfs.decompression_bomb(megabytes=64), limits)
    assert result.failure == "pdf_timeout"
    assert "1.5 s" in result.message


def test_a_password_is_a_failure_but_owner_only_protection_is_read() -> None:
    locked = pdf_text(pdfs.encrypted_pdf("secret"), LIMITS)
    assert (locked.failure, locked.message) == (
        "pdf_encrypted",
        "The PDF is protected by a password.",
    )
    assert pdf_text(pdfs.encrypted_pdf(""), LIMITS).pages == ("Locked text.",)


def test_a_file_over_the_byte_limit_is_refused_without_reading() -> None:
    result = pdf_text(pdfs.report_pdf(), PdfLimits(max_bytes=1000))
    assert result.failure == "pdf_too_large" and "PDF_TEXT_MAX_BYTES" in result.message


def test_text_past_the_character_limit_is_left_out_with_a_note() -> None:
    result = pdf_text(pdfs.long_report_pdf(12), PdfLimits(max_chars=1500))
    assert result.failure == "" and 1 <= len(result.pages) < 12
    assert sum(map(len, result.pages)) <= 1500
    assert "PDF_TEXT_MAX_CHARS" in result.message


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("nul\x00here\x07", "nul here"),
        ("x  \n\n\n\ny\n", "x\n\ny"),
    ],
)
def test_page_text_is_made_plain(raw: str, clean: str) -> None:
    assert clean_page(raw) == clean
