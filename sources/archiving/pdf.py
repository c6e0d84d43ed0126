"""Text of a PDF, page by page, read by PDFium in a child process with hard limits.

    result = pdf_text(body, PdfLimits())
    result.failure        # "" when read, else a reason code ("pdf_too_many_pages", ...)
    result.pages          # the text of each page, in order

Why a child process: a hostile PDF (a page tree claiming millions of pages, a content stream
that inflates to gigabytes, objects nested too deep for a parser) must end as a failure with
a reason inside its budget, never as a stuck or killed archive worker. PDFium (through
``pypdfium2``, chosen by measurement: docs/archiving.md, ``bench/pdf.py``) is native code
that cannot be interrupted from Python, so it runs in ``python -I`` on this very file with
an address-space limit (``RLIMIT_AS``) and a CPU limit (``RLIMIT_CPU``) set before the file
is opened, under a wall-clock timeout the parent enforces with SIGKILL. The child also
refuses files over ``max_pages`` before reading any page, and stops at ``max_chars`` of
text. It imports nothing of the project (standard library and ``pypdfium2`` only).

ORM-free: the limits come from the caller, or from the ``PDF_TEXT_*`` settings when Django is
configured (``PdfLimits.from_settings``).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date

#: a body is read as a PDF when it starts with this within its first KiB (PDF 2.0, 7.5.2)
PDF_MAGIC = b"%PDF-"
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
#: pages are joined with a blank line, so no paragraph (and no evidence passage) spans two
PAGE_SEPARATOR = "\n\n"


def is_pdf(body: bytes, mime: str) -> bool:
    return mime in PDF_TYPES or PDF_MAGIC in body[:1024]


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_chars: int = 5_000_000
    seconds: float = 30.0
    memory_mb: int = 1024

    @classmethod
    def from_settings(cls) -> PdfLimits:
        """``PDF_TEXT_*`` from ``django.conf.settings`` when configured, else the defaults."""
        try:
            from django.conf import settings
        except ImportError:  # pragma: no cover - Django is a project dependency
            return cls()
        if not settings.configured:
            return cls()
        default = cls()
        return cls(
            max_bytes=getattr(settings, "PDF_TEXT_MAX_BYTES", default.max_bytes),
            max_pages=getattr(settings, "PDF_TEXT_MAX_PAGES", default.max_pages),
            max_chars=getattr(settings, "PDF_TEXT_MAX_CHARS", default.max_chars),
            seconds=getattr(settings, "PDF_TEXT_SECONDS", default.seconds),
            memory_mb=getattr(settings, "PDF_TEXT_MEMORY_MB", default.memory_mb),
        )


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...] = ()
    title: str = ""
    published: date | None = None
    failure: str = ""  # reason code when the file could not be read within its limits
    message: str = ""  # a sentence for the reviewer: why it failed, or what was left out
    page_count: int = 0

    def joined(self) -> tuple[str, tuple[int, ...]]:
        """The whole text and the offset in it where each page starts (page 1 at 0)."""
        starts, parts, offset = [], [], 0
        for number, page in enumerate(self.pages):
            if number:
                parts.append(PAGE_SEPARATOR)
                offset += len(PAGE_SEPARATOR)
            starts.append(offset)
            parts.append(page)
            offset += len(page)
        return "".join(parts), tuple(starts)


def _failed(reason: str, message: str) -> PdfText:
    return PdfText(failure=reason, message=message)


def pdf_text(body: bytes, limits: PdfLimits) -> PdfText:
    """The text of each page of the PDF ``body``. Never raises; failures carry a reason."""
    if len(body) > limits.max_bytes:
        return _failed(
            "pdf_too_large",
            f"The PDF is {len(body):,} bytes; text is read from PDFs of at most "
            f"{limits.max_bytes:,} bytes (PDF_TEXT_MAX_BYTES).",
        )
    config = json.dumps(
        {
            "max_pages": limits.max_pages,
            "max_chars": limits.max_chars,
            "memory_mb": limits.memory_mb,
            "cpu_seconds": max(1, int(limits.seconds) + 1),
        }
    )
    try:
        done = subprocess.run(
            [sys.executable, "-I", __file__, config],
            input=body,
            capture_output=True,
            timeout=limits.seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _failed(
            "pdf_timeout",
            f"Reading the PDF's text took longer than {limits.seconds:g} s "
            "(PDF_TEXT_SECONDS); the file may be built to exhaust readers.",
        )
    except OSError as exc:
        return _failed("pdf_reader_unavailable", f"The PDF reader could not start: {exc}.")
    if done.returncode != 0:
        return _crashed(done.returncode, done.stderr, limits)
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        return _failed("pdf_unreadable", "The PDF reader gave no usable answer.")
    if answer.get("failure"):
        return _failed(str(answer["failure"]), str(answer.get("message", "")))
    return PdfText(
        pages=tuple(answer["pages"]),
        title=str(answer.get("title", "")),
        published=_pdf_date(str(answer.get("created", ""))),
        message=str(answer.get("note", "")),
        page_count=int(answer.get("page_count", 0)),
    )


def _crashed(returncode: int, stderr: bytes, limits: PdfLimits) -> PdfText:
    tail = stderr.decode("utf-8", "replace")[-2000:]
    if returncode == -signal.SIGXCPU or "SIGXCPU" in tail:
        return _failed(
            "pdf_timeout",
            f"Reading the PDF's text used more than {limits.seconds:g} s of CPU "
            "(PDF_TEXT_SECONDS); the file may be built to exhaust readers.",
        )
    if returncode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL) or "MemoryError" in tail:
        return _failed(
            "pdf_memory",
            f"Reading the PDF's text needed more than {limits.memory_mb} MB of memory "
            "(PDF_TEXT_MEMORY_MB), or the reader stopped on a malformed file.",
        )
    return _failed("pdf_unreadable", f"The PDF reader stopped (exit status {returncode}).")


def _pdf_date(value: str) -> date | None:
    """``D:YYYYMMDD...`` (PDF 1.7, 7.9.4) to a date; None when absent or implausible."""
    digits = value.removeprefix("D:")[:8]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        parsed = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return parsed if 1990 <= parsed.year <= date.today().year else None


def clean_page(text: str) -> str:
    """PDFium's page text made plain: CRLF to LF, no control characters (a NUL would be
    refused by PostgreSQL), no trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " "
        for ch in text
        if ch not in "\ufeff\ufffe"
    )
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    return "\n".join(out).strip()


# The child process ------------------------------------------------------------------------


def _child(config: dict[str, int]) -> dict[str, object]:
    import resource

    memory = config["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (config["cpu_seconds"], config["cpu_seconds"] + 1))
    body = sys.stdin.buffer.read()

    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            return {"failure": "pdf_encrypted", "message": "The PDF is protected by a password."}
        detail = str(exc).removeprefix("Failed to load document ").strip("(). ")
        detail = "" if detail.endswith("Success") else f" ({detail})"
        return {
            "failure": "pdf_unreadable",
            "message": f"PDFium could not open the file{detail}: it is damaged, or its page "
            "tree is built to defeat readers.",
        }
    count = len(document)
    if count > config["max_pages"]:
        return {
            "failure": "pdf_too_many_pages",
            "message": f"The PDF has {count:,} pages; text is read from PDFs of at most "
            f"{config['max_pages']:,} pages (PDF_TEXT_MAX_PAGES).",
        }
    pages: list[str] = []
    broken: list[int] = []
    total, note = 0, ""
    for index in range(count):
        try:
            page = document[index]
        except pdfium.PdfiumError:
            broken.append(index + 1)
            pages.append("")
            continue
        textpage = page.get_textpage()
        text = clean_page(textpage.get_text_bounded())
        textpage.close()
        page.close()
        if total + len(text) > config["max_chars"]:
            note = (
                f"Text kept up to page {index} of {count}: the rest is over the "
                f"{config['max_chars']:,}-character limit (PDF_TEXT_MAX_CHARS)."
            )
            break
        total += len(text)
        pages.append(text)
    if broken and len(broken) == count:
        return {
            "failure": "pdf_unreadable",
            "message": f"PDFium could not load any page of the PDF ({count:,} in all): its page "
            "tree is damaged or built to defeat readers (nested too deep, say).",
        }
    if broken:
        shown = ", ".join(map(str, broken[:10])) + (", ..." if len(broken) > 10 else "")
        note = " ".join([f"Pages {shown} could not be read.", note]).strip()
    metadata = document.get_metadata_dict(skip_empty=True)
    title = " ".join(str(metadata.get("Title", "")).split())[:500]
    return {
        "pages": pages,
        "page_count": count,
        "title": title,
        "created": str(metadata.get("CreationDate", "")),
        "note": note,
    }


def _main() -> None:  # pragma: no cover - runs in the child process
    try:
        answer = _child(json.loads(sys.argv[1]))
    except MemoryError:
        sys.stderr.write("MemoryError\n")
        sys.exit(3)
    except RecursionError:
        answer = {"failure": "pdf_unreadable", "message": "The PDF is nested too deep to read."}
    except Exception as exc:  # a reader's surprise is this file's failure, with its name
        answer = {
            "failure": "pdf_unreadable",
            "message": f"The PDF could not be read ({type(exc).__name__}: {exc})."[:500],
        }
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    _main()
