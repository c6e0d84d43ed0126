"""A claim's parsed details (``Claim.details``, from the extractor) as a reviewer reads them:
figures with their units, quotes with their speaker, dates, names, hedges, attribution; no
offsets or JSON."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

#: unit codes the extractor stores -> how a reader writes them after the number
_UNIT_WORDS = {"%": "%", "pp": "percentage points"}


def _number(item: dict[str, Any]) -> str:
    """'5 percent' -> '5 percent (5 %)'; the figure as written, then as understood."""
    written = str(item.get("text", ""))
    value, unit = item.get("value"), item.get("unit")
    if value is None:
        return written
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    if unit:
        number = f"{number} {_UNIT_WORDS.get(unit, unit)}"
    return written if number == written else f"{written} ({number})"


def _rows(details: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if numbers := details.get("numbers"):
        rows.append(("Figures", "; ".join(_number(n) for n in numbers)))
    if quotes := details.get("quotes"):
        said = [
            f"\u201c{q.get('text', '')}\u201d"
            + (f" \u2014 {q['speaker']}" if q.get("speaker") else "")
            for q in quotes
        ]
        rows.append(("Quotes", "; ".join(said)))
    if dates := details.get("dates"):
        rows.append(
            (
                "Dates",
                "; ".join(
                    d.get("text", "")
                    + (f" ({d['value']})" if d.get("value") and d["value"] != d.get("text") else "")
                    for d in dates
                ),
            )
        )
    if entities := details.get("entities"):
        rows.append(("Names", ", ".join(dict.fromkeys(e.get("text", "") for e in entities))))
    if attribution := details.get("attribution"):
        rows.append(("Attributed to", str(attribution.get("speaker") or attribution.get("text"))))
    if hedges := details.get("hedges"):
        rows.append(("Hedged by", ", ".join(hedges)))
    if details.get("granularity") == "sentence":
        rows.append(("Granularity", "one claim per sentence (no clause rules for this language)"))
    return rows


def details_table(details: dict[str, Any] | None) -> SafeString:
    """The details as a small definition list (escaped); '-' when the extractor found none."""
    rows = _rows(details or {})
    if not rows:
        return format_html("{}", "\u2013")
    return format_html(
        '<dl class="claim-details">{}</dl>',
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
    )
