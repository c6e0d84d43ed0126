"""Main-text extraction from a captured body (ORM-free, offline, never raises).

HTML goes through trafilatura (main text, with its own readability/jusText fallbacks) on an
lxml tree we build ourselves, so neither trafilatura nor htmldate ever sees a URL string they
could decide to download. The publication date comes from htmldate via trafilatura's metadata
step (markup only, ``extensive_search=False``). Plain text is returned as is. PDFs (by
content type or by the ``%PDF-`` magic) are read page by page in a bounded child process
(``sources.archiving.pdf``): the text keeps where each page starts, and a file that cannot be
read within its limits is a failure with a reason (``ExtractedPage.failure``).
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sources.archiving.pdf import PdfLimits, is_pdf, pdf_text

logger = logging.getLogger(__name__)

#: at most this many bytes of a body are fed to the extractor
MAX_EXTRACT_BYTES = 5 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)


@dataclass(frozen=True)
class ExtractedPage:
    title: str
    text: str
    published: date | None
    language: str  # primary language subtag ("en"), "" when unknown
    note: str = ""  # why text is empty or partial, for the record
    #: offsets in ``text`` where each page starts (PDFs; empty for web pages)
    page_starts: tuple[int, ...] = ()
    #: a reason code when the body could not be read within its limits (a PDF bomb, say):
    #: the capture fails with it and ``note`` as the message
    failure: str = ""


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None


def decode_body(body: bytes, charset: str | None) -> str:
    """Decode with the declared charset, else the <meta> charset, else UTF-8, else a guess.

    A declared charset that does not fit the bytes (a common server misconfiguration) is
    skipped rather than trusted.
    """
    match = _META_CHARSET_RE.search(body[:4096])
    meta = match.group(1).decode("ascii", "replace") if match else None
    candidates = [c for c in (_codec(charset), _codec(meta), "utf-8") if c]
    for codec in dict.fromkeys(candidates):
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return body.decode(best.encoding if best is not None else candidates[0], errors="replace")


def _clean_title(value: str | None) -> str:
    return " ".join((value or "").split())[:500]


def _language(tree: object) -> str:
    candidates: list[str] = []
    try:
        candidates += tree.xpath("/html/@lang | /html/@xml:lang")  # type: ignore[attr-defined]
        candidates += tree.xpath(  # type: ignore[attr-defined]
            "//meta[translate(@http-equiv,'CONTENTLAGU','contentlagu')='content-language']"
            "/@content | //meta[@property='og:locale']/@content"
        )
    except Exception:  # lxml on broken trees
        return ""
    for value in candidates:
        primary = re.split(r"[-_,; ]", str(value).strip().lower(), maxsplit=1)[0]
        if _LANG_RE.match(primary):
            return primary
    return ""


def _head_title(tree: object) -> str:
    try:
        for xpath in (
            "//meta[@property='og:title']/@content",
            "//meta[@name='twitter:title']/@content",
            "//title//text()",
        ):
            values = tree.xpath(xpath)  # type: ignore[attr-defined]
            title = _clean_title(" ".join(str(v) for v in values))
            if title:
                return title
    except Exception:
        return ""
    return ""


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parsed = datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None
    if parsed > (datetime.now(UTC) + timedelta(days=1)).date() or parsed.year < 1990:
        return None
    return parsed


def _extract_html(body: bytes, charset: str | None, url: str | None, note: str) -> ExtractedPage:
    import trafilatura
    from trafilatura.utils import load_html

    html = decode_body(body, charset)
    tree = load_html(html)
    if tree is None:
        return ExtractedPage("", "", None, "", note or "not parseable as HTML")
    head_title = _head_title(tree)
    language = _language(tree)
    # bare_extraction prunes the tree it is given, so read the head first
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%d",
            "url": url or None,
        },
    )
    if document is None:
        return ExtractedPage(head_title, "", None, language, note or "no main text found")
    title = _clean_title(getattr(document, "title", None)) or head_title
    text = (getattr(document, "text", None) or "").strip()
    published = _parse_date(getattr(document, "date", None))
    doc_lang = (getattr(document, "language", None) or "").lower()
    if not language and _LANG_RE.match(doc_lang):
        language = doc_lang
    return ExtractedPage(title, text, published, language, note if text else note or "no text")


def _extract_pdf(body: bytes, limits: PdfLimits | None) -> ExtractedPage:
    result = pdf_text(body, limits or PdfLimits.from_settings())
    if result.failure:
        return ExtractedPage("", "", None, "", result.message, failure=result.failure)
    text, starts = result.joined()
    note = result.message
    if not text.strip():
        note = note or f"no text in the PDF's {result.page_count} pages (a scan?)"
        return ExtractedPage("", "", result.published, "", note)
    title = result.title if result.title.lower() not in ("", "untitled") else ""
    title = title or _first_heading(result.pages[0] if result.pages else "")
    return ExtractedPage(title, text, result.published, "", note, page_starts=starts)


_FOLIO_RE = re.compile(r"^(?:page|p\.)?\s*\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)


def _first_heading(page: str) -> str:
    """A PDF without a title in its metadata: the first line of its first page that reads like
    a heading (two words or more, not a folio such as "Page 1" or "3 / 12")."""
    for line in page.split("\n")[:20]:
        line = _clean_title(line)
        words, letters = len(line.split()), sum(c.isalpha() for c in line)
        if words >= 2 and letters >= 6 and not _FOLIO_RE.match(line):
            return line[:200]
    return ""


def extract_text(
    body: bytes,
    content_type: str | None,
    charset: str | None,
    url: str | None = None,
    *,
    pdf_limits: PdfLimits | None = None,
) -> ExtractedPage:
    """Title, main text, publication date and language of a captured body. Never raises."""
    try:
        if not isinstance(body, bytes | bytearray):
            return ExtractedPage("", "", None, "", "body is not bytes")
        body = bytes(body)
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        if is_pdf(body, mime):
            return _extract_pdf(body, pdf_limits)
        note = ""
        if len(body) > MAX_EXTRACT_BYTES:
            body = body[:MAX_EXTRACT_BYTES]
            note = f"only the first {MAX_EXTRACT_BYTES} bytes were used for text extraction"
        if mime == "text/plain":
            text = decode_body(body, charset).replace("\r\n", "\n").strip()
            return ExtractedPage("", text, None, "", note)
        if mime in HTML_TYPES or not mime:
            return _extract_html(body, charset, url, note)
        return ExtractedPage("", "", None, "", f"no text extraction for {mime}")
    except Exception as exc:  # garbage in must never break a capture
        logger.warning("Text extraction failed for %s: %r", url, exc)
        return ExtractedPage("", "", None, "", f"extraction failed: {type(exc).__name__}")
