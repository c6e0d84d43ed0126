"""Render untrusted text with marked spans as safe HTML. ORM-free.

Used by the admin's article reading view (claims and page furniture) and by the evidence
panel (matched words). Every character of the text is escaped; only our own tags are added.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str = "hit"
    href: str = ""  # marks with a link become <a>; the innermost one wins where links nest
    title: str = ""
    ident: str = ""  # id of the element where this mark begins (an anchor to jump to)


def render_marked(text: str, marks: Iterable[Mark]) -> SafeString:
    """``text`` escaped, each stretch wrapped in the marks that cover it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not marks:
        return mark_safe(escape(text))  # escaped just now
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    started: set[str] = set()
    # A sweep over the cuts: the marks open at each stretch, in their given order (linear in
    # the marks, not marks x stretches: 8,000 claims of a 1 MB article render in well under
    # a second).
    by_start = sorted(enumerate(marks), key=lambda item: item[1].start)
    opened = 0
    active: list[tuple[int, Mark]] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        while opened < len(by_start) and by_start[opened][1].start <= a:
            active.append(by_start[opened])
            opened += 1
        active = [item for item in active if b <= item[1].end]
        covering = [m for _, m in sorted(active, key=lambda item: item[0])]
        if not covering:
            out.append(piece)
            continue
        links = sorted((m for m in covering if m.href), key=lambda m: m.end - m.start)
        plain = [m for m in covering if not m.href]
        css = " ".join(dict.fromkeys(c for m in covering for c in m.css.split()))
        title = " | ".join(dict.fromkeys(m.title for m in covering if m.title))
        ident = ""
        for m in covering:
            if m.ident and m.start == a and m.ident not in started:
                started.add(m.ident)
                ident = m.ident
        if links:
            out.append(
                format_html(
                    '<a href="{}" class="{}" title="{}"{}>{}</a>',
                    links[0].href,
                    css,
                    title,
                    _id(ident),
                    piece,
                )
            )
        elif plain:
            out.append(
                format_html(
                    '<mark class="{}" title="{}"{}>{}</mark>', css, title, _id(ident), piece
                )
            )
    return mark_safe("".join(out))  # every piece escaped


def _id(ident: str) -> SafeString:
    return format_html(' id="{}"', ident) if ident else mark_safe("")
