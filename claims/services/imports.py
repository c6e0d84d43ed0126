"""Importing claim lists into an article, anchored verbatim in its body."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from dataclasses import dataclass, field

from django.db import transaction

from claims import policies
from claims.models import Article, Claim, record_history_by
from workbench.errors import DomainError, PermissionDenied

logger = logging.getLogger(__name__)


# Import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[Claim] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, why)


IMPORT_MAX_ROWS = 2000
IMPORT_MAX_BYTES = 5 * 1024 * 1024
#: a claim's text or span: a sentence or a paragraph, never a whole file
IMPORT_MAX_FIELD_CHARS = 10_000
#: our own export nests five levels (article, claims, a claim, its verdicts, a verdict)
IMPORT_MAX_JSON_DEPTH = 10


def claims_rows_parse(*, filename: str, data: bytes) -> list[dict]:
    """Rows of an uploaded claims list: CSV with a header (``text``, optional ``span_text``,
    ``kind``, ``checkworthiness``, ``start``) or JSON (a list, or our export's
    ``{"claims": [...]}``). A file that cannot be read raises ``DomainError`` saying why, and
    at which row or line when it can tell; never anything else."""
    if len(data) > IMPORT_MAX_BYTES:
        raise DomainError("The file is larger than 5 MB.", code="too_large")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError("The file is not UTF-8 text.", code="bad_encoding") from exc
    if filename.lower().endswith(".json") or content.lstrip()[:1] in ("[", "{"):
        rows = _json_rows(content)
    else:
        rows = _csv_rows(content)
    if len(rows) > IMPORT_MAX_ROWS:
        raise DomainError(f"At most {IMPORT_MAX_ROWS} rows per import.", code="too_many_rows")
    return rows


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_NESTING = re.compile(r"[\[\]{}\n]")


def _json_too_deep(content: str) -> int | None:
    """The line where ``content`` nests deeper than ``IMPORT_MAX_JSON_DEPTH``, if it does
    (one linear scan, before the recursive parser could run out of stack)."""
    depth, line = 0, 1
    for match in _JSON_NESTING.finditer(_JSON_STRING.sub('""', content)):
        char = match.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > IMPORT_MAX_JSON_DEPTH:
                return line
        else:
            depth -= 1
    return None


def _json_rows(content: str) -> list[dict]:
    deep_at = _json_too_deep(content)
    if deep_at is not None:
        raise DomainError(
            f"Not a claims list: the JSON nests deeper than {IMPORT_MAX_JSON_DEPTH} levels "
            f"(line {deep_at}).",
            code="bad_json",
        )
    try:
        parsed = json.loads(content)
    except json.JSONDecodeError as exc:
        raise DomainError(f"Not valid JSON: {exc}", code="bad_json") from exc
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; nesting, just in case
        raise DomainError(f"Not a claims list: {exc}", code="bad_json") from exc
    rows = parsed.get("claims") if isinstance(parsed, dict) else parsed
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise DomainError("JSON must be a list of claim objects.", code="bad_json")
    return rows


def _csv_rows(content: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(content, newline=""))
    rows: list[dict] = []
    try:
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise DomainError("The CSV needs a header with a 'text' column.", code="bad_csv")
        for row in reader:
            rows.append(row)
            if len(rows) > IMPORT_MAX_ROWS:
                break
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte...
        raise DomainError(
            f"Row {len(rows) + 1} (line {reader.line_num}) cannot be read: {_csv_reason(exc)}.",
            code="bad_csv",
        ) from exc
    return rows


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    if "NUL" in text:
        return "it contains a NUL character"
    return text


def claims_import(*, article: Article, rows: list[dict], by) -> ImportResult:
    """Add claims from a list, each anchored verbatim in the article's text.

    A row whose ``span_text`` (or, without one, ``text``) is not found word for word in the
    article is rejected with its row number; the other rows are imported.
    """
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can import claims.")
    result = ImportResult()
    body = article.body
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        taken = set(article.claims.values_list("start", "end"))
        for number, row in enumerate(rows, start=1):
            problem = _row_problem(row, len(body))
            if problem:
                result.rejected.append((number, problem))
                continue
            text = str(row.get("text") or "").strip()
            anchor = str(row.get("span_text") or "").strip() or text
            if not text:
                result.rejected.append((number, "the row has no claim text"))
                continue
            start = _anchor_in(body, anchor, row.get("start"))
            if start is None:
                shown = anchor if len(anchor) <= 80 else anchor[:77] + "…"
                result.rejected.append(
                    (number, f"“{shown}” does not appear verbatim in the article")
                )
                continue
            end = start + len(anchor)
            if (start, end) in taken:
                result.rejected.append((number, "a claim already sits on exactly that text"))
                continue
            kind = str(row.get("kind") or Claim.Kind.STATEMENT)
            if kind not in Claim.Kind.values:
                result.rejected.append((number, f"unknown kind {kind!r}"))
                continue
            try:
                worth = float(row.get("checkworthiness") or 0.5)
            except (TypeError, ValueError):
                worth = -1.0
            if not 0 <= worth <= 1:
                result.rejected.append((number, "checkworthiness must be between 0 and 1"))
                continue
            claim = Claim(
                article=article,
                text=text,
                start=start,
                end=end,
                span_text=anchor,
                position=0,
                kind=kind,
                checkworthiness=worth,
                details={"spans": [[start, end]], "imported": True},
                extractor="import",
            )
            record_history_by(claim, by)
            claim.save()
            taken.add((start, end))
            result.created.append(claim)
        claims = list(article.claims.order_by("start", "end"))
        for position, claim in enumerate(claims):
            claim.position = position
        Claim.objects.bulk_update(claims, ["position"])
    return result


_TEXT_FIELDS = ("text", "span_text", "kind")


def _row_problem(row: dict, body_length: int) -> str:
    """Why a row cannot be imported as it is (empty when it can be tried)."""
    for name in _TEXT_FIELDS:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            return f"{name} must be text"
        if value is not None and len(value) > IMPORT_MAX_FIELD_CHARS:
            return f"{name} is longer than {IMPORT_MAX_FIELD_CHARS:,} characters"
        if value is not None and "\x00" in value:
            return f"{name} contains a NUL character"
    worth = row.get("checkworthiness")
    if (worth is not None and not isinstance(worth, str | int | float)) or isinstance(worth, bool):
        return "checkworthiness must be a number between 0 and 1"
    start = row.get("start")
    if start in (None, ""):
        return ""
    if isinstance(start, bool) or not isinstance(start, str | int):
        return "start must be a whole number, 0 or more"
    if isinstance(start, str) and not (start.strip().isascii() and start.strip().isdigit()):
        return "start must be a whole number, 0 or more"
    if int(start) < 0:
        return "start must be a whole number, 0 or more"
    if int(start) >= max(body_length, 1):
        return f"start is past the end of the article ({body_length:,} characters)"
    return ""


def _anchor_in(body: str, anchor: str, hint) -> int | None:
    """Where ``anchor`` stands in ``body``: at the hinted offset (checked by ``_row_problem``:
    a whole number inside the body) if it is there, else first."""
    start = int(hint) if hint not in (None, "") else None
    if start is not None and body[start : start + len(anchor)] == anchor:
        return start
    index = body.find(anchor)
    return index if index != -1 else None
