"""What an article's text may be before it is stored: its size, its encoding, its title, and
whether the same text is already an article.

One place for the admin, the API and the commands: ``article_text`` (``articles.py``) calls
``article_size_check`` and ``text_clean``; the command decodes files with ``bytes_decode``.
"""

from __future__ import annotations

import hashlib
import re
from html import unescape

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from claims.extraction import looks_like_html
from claims.extraction.clean import classify_lines
from claims.models import Article
from workbench.errors import Conflict, DomainError

#: a title longer than this is cut at a word boundary (an ellipsis marks the cut)
TITLE_MAX_CHARS = 120


class ArticleTooLarge(DomainError):
    """The text is over ``ARTICLE_MAX_BYTES``; nothing was stored."""

    code = "too_large"
    status_code = 413


class ArticleDuplicate(Conflict):
    """The same text (SHA-256 of what would be stored) is already an article."""

    code = "duplicate_article"

    def __init__(self, existing: Article) -> None:
        super().__init__(
            f"The same text is already article {existing.pk} (“{existing.title}”); "
            "import it anyway to keep a second copy."
        )
        self.existing = existing


def size_text(size: int) -> str:
    """``2.0 MB``: Django's file size wording, with a plain space (commands, JSON)."""
    return filesizeformat(size).replace("\xa0", " ")


def article_limit_text() -> str:
    return f"{size_text(settings.ARTICLE_MAX_BYTES)} of text (ARTICLE_MAX_BYTES)"


def article_size_check(*, size: int) -> None:
    """Refuse ``size`` bytes of article text over ``settings.ARTICLE_MAX_BYTES``."""
    if size > settings.ARTICLE_MAX_BYTES:
        raise ArticleTooLarge(
            f"The article is {size_text(size)}; the limit is {article_limit_text()}. "
            "Split it, or ask an administrator to raise ARTICLE_MAX_BYTES.",
        )


# Bytes and characters ---------------------------------------------------------------------

# C0 controls but tab, newline and carriage return; DEL and the C1 controls; lone surrogates
# (JSON can carry "\ud800", which no database can store). PostgreSQL refuses NUL in text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_READABLE = re.compile(r"[^\W_]")


def text_clean(text: str) -> str:
    """``text`` without NUL and other control characters (a form feed becomes a line break)."""
    return _CONTROLS.sub("", text.replace("\x0c", "\n"))


def text_readable_check(text: str, *, what: str = "The article") -> None:
    if not _READABLE.search(text):
        raise DomainError(
            f"{what} contains no readable text (no letter or digit: only punctuation, control "
            "characters, NUL bytes or white space).",
            code="empty_article",
        )


def bytes_decode(data: bytes, *, name: str = "The file") -> str:
    """Text of a file: UTF-8 (with or without BOM), else the encoding detected by
    ``charset-normalizer`` (Latin-1, Windows-1252, UTF-16...). Raises ``DomainError``
    naming the problem when no encoding fits or nothing readable remains."""
    article_size_check(size=len(data))
    text: str | None = None
    if b"\x00" not in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    if text is None:
        best = _detected(data)
        if best is not None:
            text = best
        elif not data.strip(b"\x00"):
            text = ""
        else:
            raise DomainError(
                f"{name} is not text in an encoding we can recognise (tried UTF-8, then "
                "detection); save it as UTF-8 and import it again.",
                code="bad_encoding",
            )
    text = text_clean(text)
    text_readable_check(text, what=name)
    return text


#: Western European text, the common case, wins a tie with the encodings that decode the same
#: bytes equally well (short Latin-1 files are as plausible in Windows-1250 to the detector)
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250")


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    for preferred in _PREFERRED:
        for match in matches:
            if match.chaos <= best + 0.01 and preferred in match.could_be_from_charset:
                return data.decode(preferred.replace("_", "-"), errors="replace")
    return str(matches[0])


# Titles -----------------------------------------------------------------------------------

_META_TITLE = re.compile(
    r"""<meta\b[^>]*?(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG_TEXT = {
    tag: re.compile(rf"<{tag}\b[^>]*>(.*?)</{tag}\s*>", re.IGNORECASE | re.DOTALL)
    for tag in ("h1", "title")
}
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# " | Outlet", " - Outlet", " — Outlet": a site name after the headline in <title> (the
# usual order; the rare "Outlet | Headline" keeps the outlet)
_SITE_SUFFIX = re.compile(r"\s+(?:\||\u2013|\u2014|-|::|\u00b7)\s+")


def _clean_title(value: str) -> str:
    return _SPACES.sub(" ", unescape(_TAGS.sub(" ", value))).strip()


def html_title(html: str) -> str:
    """The headline an HTML page declares: ``og:title``, else its ``<h1>``, else ``<title>``
    without a site name after a separator."""
    for tag in _META_TITLE.finditer(html):
        content = _CONTENT.search(tag.group())
        if content and _clean_title(content.group(1) or content.group(2) or ""):
            return _clean_title(content.group(1) or content.group(2) or "")
    for name in ("h1", "title"):
        match = _TAG_TEXT[name].search(html)
        value = _clean_title(match.group(1)) if match else ""
        if value and name == "title":
            parts = _SITE_SUFFIX.split(value)
            value = parts[0] if len(parts) > 1 and len(parts[0]) >= 4 else value
        if value:
            return value
    return ""


def title_shorten(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """``title`` on one line, cut at the last word boundary before ``limit`` characters."""
    title = _SPACES.sub(" ", title).strip()
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-\u2013\u2014") + "…"


def text_title(text: str) -> str:
    """An article's headline from its text: the first heading line before the prose starts
    (never page furniture such as "What's new", "Menu", a byline or a date); without one,
    the first sentence of the prose, shortened."""
    first_body = ""
    for line in classify_lines(text[:20_000]):
        value = text[line.start : line.end]
        if line.label == "heading":
            return title_shorten(value)
        if line.label == "body":
            first_body = value
            break
    if not first_body:
        return ""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'])", first_body, maxsplit=1)[0]
    return title_shorten(sentence)


def article_title_guess(*, raw: str, text: str) -> str:
    """The title for an article given without one: from the HTML's declarations when
    ``raw`` (what was pasted) is HTML, else from the stored ``text``."""
    title = html_title(raw[:200_000]) if looks_like_html(raw) else ""
    return title_shorten(title) if title else (text_title(text) or "Untitled article")


# Duplicates -------------------------------------------------------------------------------


def article_duplicate_of(*, body: str, exclude_pk: int | None = None) -> Article | None:
    """The oldest article whose stored text is ``body`` (SHA-256), up to line endings and
    the white space around it (a form strips it, a file ends with a line break)."""
    unix = body.replace("\r\n", "\n")
    variants = {body, unix, unix.strip(), unix.strip() + "\n", body.strip(), body.strip() + "\r\n"}
    hashes = [hashlib.sha256(v.encode("utf-8")).hexdigest() for v in variants]
    same = Article.objects.filter(body_sha256__in=hashes).exclude(body="")
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    return same.order_by("pk").only("pk", "title").first()
