"""PDFs made on the spot for tests and benchmarks: a report with known text on each page
(reportlab), an image-only scan, and hostile files written by hand (a page tree claiming
millions of pages, objects nested a hundred thousand deep, a decompression bomb).

Never used by production code. Every text here is written for this module.
"""

from __future__ import annotations

import functools
import io
import zlib

#: the report's paragraphs, page by page: numbers, names and dates an evidence finder matches
REPORT_PAGES: tuple[tuple[str, ...], ...] = (
    (
        "Annual Energy Review 2025",
        "This review describes the electricity system of the province during the year.",
        "Demand grew steadily through the winter months, driven by heat pumps and new "
        "industrial customers in the northern districts.",
    ),
    (
        "Wind generation",
        "The Northfield wind farm reached a capacity of 450 megawatts in March 2025, making "
        "it the largest wind project in the province.",
        "Its turbines produced 1.3 terawatt-hours over the year, about 11 percent of the "
        "province's consumption.",
    ),
    (
        "Public finances",
        "The grid operator spent 156 billion dollars on transmission upgrades between 2020 "
        "and 2025, according to the audited accounts.",
        'Minister Clara Okafor said the programme was "on time and on budget" when she '
        "presented the accounts to the assembly.",
    ),
    (
        "Outlook",
        "Storage capacity is expected to double by 2028 as three battery sites come online.",
        "The next review will be published in the spring of 2026.",
    ),
)


def report_pdf(
    pages: tuple[tuple[str, ...], ...] = REPORT_PAGES,
    *,
    compress: bool = True,
    title: str = "Annual Energy Review",
) -> bytes:
    """A report with ``pages[i]`` on page i + 1 (a heading, then wrapped paragraphs), a
    running footer with the page number, made by reportlab's page-layout engine."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[object] = []
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        heading, *body = paragraphs
        story.append(Paragraph(heading, styles["Heading1"]))
        story += [Paragraph(text.replace("&", "&amp;"), styles["BodyText"]) for text in body]

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(72, 30, f"Page {doc.page}")  # type: ignore[attr-defined]

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, title=title, pageCompression=int(compress))
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def long_report_pdf(pages: int) -> bytes:
    """``pages`` pages of the report's paragraphs over and over (a longer document)."""
    cycle = REPORT_PAGES[1:] * (pages // 3 + 1)
    return report_pdf((REPORT_PAGES[0], *cycle[: pages - 1]))


def image_only_pdf(pages: int = 2) -> bytes:
    """A "scan": every page is a picture (grey bars where lines of text would be), no text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        for line in range(30):
            page.setFillGray(0.3 + (line % 3) / 10)
            page.rect(72, 760 - line * 22, 300 + (line * 37) % 150, 10, stroke=0, fill=1)
        page.showPage()
    page.save()
    return out.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """One line of text, encrypted; readable without a password when ``user_password`` is ""
    (only the owner's rights are protected, as in many published reports)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    encrypt = pdfencrypt.StandardEncryption(user_password, "owner", canPrint=0)
    page = canvas.Canvas(out, encrypt=encrypt)
    page.drawString(72, 720, "Locked text.")
    page.showPage()
    page.save()
    return out.getvalue()


# Hand-written files ----------------------------------------------------------------------


def _assemble(objects: list[bytes], root: int = 1) -> bytes:
    """A classic PDF file from the bodies of objects 1..n, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, *, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def minimal_pdf(text: str = "Hello from a hand-written PDF.") -> bytes:
    """One page with one line of text: the smallest well-formed file."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            _FONT,
        ]
    )


def page_count_bomb(levels: int = 7, fanout: int = 10) -> bytes:
    """A page tree whose every node lists the same child ``fanout`` times: ``fanout**levels``
    pages (ten million by default) from a file of a few kilobytes."""
    count = fanout**levels
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        number = 2 + level
        kids = b" ".join([b"%d 0 R" % (number + 1)] * fanout)
        count_here = fanout ** (levels - level)
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count_here))
    leaf = 2 + levels
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
        % (leaf - 1, leaf + 2, leaf + 1)
    )
    objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (Again and again.) Tj ET"))
    objects.append(_FONT)
    assert count == fanout**levels
    return _assemble(objects)


def nesting_bomb(depth: int = 100_000) -> bytes:
    """A page whose resources hold an array nested ``depth`` deep (parsers that recurse)."""
    nested = b"[" * depth + b"]" * depth
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Nested 6 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> /Deep 6 0 R >> /Contents 4 0 R >>",
            _stream(b"BT /F1 12 Tf 72 720 Td (Deep inside.) Tj ET"),
            _FONT,
            nested,
        ]
    )


def deep_tree_bomb(depth: int = 50_000) -> bytes:
    """A page tree ``depth`` levels deep (each node has one child node): readers that walk
    the tree recursively run out of stack."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (number + 1))
    leaf = 2 + depth
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
        % (leaf - 1, leaf + 2, leaf + 1)
    )
    objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (At the bottom.) Tj ET"))
    objects.append(_FONT)
    return _assemble(objects)


@functools.cache
def decompression_bomb(megabytes: int = 1024) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of text-drawing operators
    (about a thousandfold from a compressed file of about a megabyte)."""
    line = b"BT /F1 12 Tf 72 720 Td (Inflated text that never ends.) Tj ET\n"
    chunk = line * (1024 * 1024 // len(line))
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    stream = (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
    )
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream,
            _FONT,
        ]
    )
