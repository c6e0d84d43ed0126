"""A reader view of an archived page: its main content as sanitised HTML (ORM-free).

Only structural tags survive (paragraphs, headings, lists, quotes, emphasis, tables, links);
no scripts, styles, event handlers, forms, frames or images, so viewing an archived page
cannot run its code or fetch anything from its servers. Links keep http(s) targets only and
open with ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import logging

import nh3

from sources.archiving.text import MAX_EXTRACT_BYTES, decode_body

logger = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset(
    {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "em",
     "strong", "b", "i", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a"}
)  # fmt: skip


def reader_html(body: bytes, charset: str | None, url: str | None = None) -> str:
    """Sanitised HTML of the page's main content; empty when there is none. Never raises."""
    try:
        import trafilatura

        html = decode_body(bytes(body[:MAX_EXTRACT_BYTES]), charset)
        extracted = trafilatura.extract(
            html,
            url=url or None,
            output_format="html",
            include_images=False,
            include_links=True,
            include_tables=True,
            include_comments=False,
        )
    except Exception:  # a reader view is a convenience: never fail the admin page
        logger.exception("reader view extraction failed")
        return ""
    if not extracted:
        return ""
    return nh3.clean(
        extracted,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
