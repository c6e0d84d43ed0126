"""Importing claim lists into an article, anchored verbatim in its body."""

from __future__ import annotations

import csv
import io
import json
import logging
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


def claims_rows_parse(*, filename: str, data: bytes) -> list[dict]:
    """Rows of an uploaded claims list: CSV with a header (``text``, optional ``span_text``,
    ``kind``, ``checkworthiness``) or JSON (a list, or our export's ``{"claims": [...]}``)."""
    if len(data) > IMPORT_MAX_BYTES:
        raise DomainError("The file is larger than 5 MB.", code="too_large")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError("The file is not UTF-8 text.", code="bad_encoding") from exc
    if filename.lower().endswith(".json") or content.lstrip()[:1] in ("[", "{"):
        try:
            parsed = json.loads(content)
        except json.JSONDecodeError as exc:
            raise DomainError(f"Not valid JSON: {exc}", code="bad_json") from exc
        rows = parsed.get("claims") if isinstance(parsed, dict) else parsed
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DomainError("JSON must be a list of claim objects.", code="bad_json")
    else:
        reader = csv.DictReader(io.StringIO(content))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise DomainError("The CSV needs a header with a 'text' column.", code="bad_csv")
        rows = list(reader)
    if len(rows) > IMPORT_MAX_ROWS:
        raise DomainError(f"At most {IMPORT_MAX_ROWS} rows per import.", code="too_many_rows")
    return rows


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


def _anchor_in(body: str, anchor: str, hint) -> int | None:
    """Where ``anchor`` stands in ``body``: at the hinted offset if it is there, else first."""
    try:
        start = int(hint) if hint not in (None, "") else None
    except (TypeError, ValueError):
        start = None
    if start is not None and body[start : start + len(anchor)] == anchor:
        return start
    index = body.find(anchor)
    return index if index != -1 else None
