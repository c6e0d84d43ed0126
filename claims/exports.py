"""Exports of an article's claims, verdicts and sources (JSON and CSV; the JSON is also what
``claims.services.claims_import`` reads back)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Citation, Claim, Verdict
from claims.selectors import verdict_current
from sources.models import Snapshot
from sources.selectors import snapshot_archived_by_source, snapshot_status_by_source
from workbench.csvsafe import SafeDictWriter


def article_claims_export(article: Article) -> list[dict[str, Any]]:
    """An article's claims with their verdicts (all, oldest first) and cited sources."""
    claims = list(
        article.claims.order_by("position")
        .annotate(published_verdict_id=verdict_current("pk", published_only=True))
        .prefetch_related("citations__source", "verdicts__author", "verdicts__approved_by")
    )
    source_ids = [c.source_id for claim in claims for c in claim.citations.all()]
    status_by_source = snapshot_status_by_source(source_ids)
    archived_by_source = snapshot_archived_by_source(source_ids)
    rows = []
    for claim in claims:
        verdicts = sorted(claim.verdicts.all(), key=lambda v: v.created_at)
        current: Verdict | None = next(
            (v for v in verdicts if v.pk == claim.published_verdict_id), None
        )
        rows.append(
            {
                "position": claim.position,
                "text": claim.text,
                "span_text": claim.span_text,
                "start": claim.start,
                "end": claim.end,
                "kind": claim.kind,
                "checkworthiness": claim.checkworthiness,
                "status": claim.status,
                "dismissal_reason": claim.dismissal_reason,
                "verdict": current.rating if current else "",
                "verdict_explanation": current.explanation if current else "",
                "verdicts": [
                    {
                        "rating": v.rating,
                        "status": v.status,
                        "explanation": v.explanation,
                        "author": v.author.get_username(),
                        "approved_by": v.approved_by.get_username() if v.approved_by else "",
                        "published_at": v.published_at.isoformat() if v.published_at else "",
                        "supersedes": v.supersedes_id,
                        "id": v.pk,
                    }
                    for v in verdicts
                ],
                "sources": [
                    {
                        "url": c.source.url,
                        "relation": c.relation,
                        "note": c.note,
                        "archive": status_by_source.get(c.source_id, ""),
                        **_archived_copy(archived_by_source.get(c.source_id)),
                    }
                    for c in claim.citations.all()
                ],
            }
        )
    return rows


def _archived_copy(snapshot: Snapshot | None) -> dict[str, str]:
    """What proves the cited page: the archived copy's hash, time and where to download it
    (absolute when ``WORKBENCH_BASE_URL`` is set; downloads need a login)."""
    if snapshot is None:
        return {"archived_at": "", "sha256": "", "download": ""}
    path = reverse("admin:sources_snapshot_download", args=[snapshot.pk, "body"])
    archived_at = snapshot.finished_at or snapshot.created_at
    return {
        "archived_at": archived_at.isoformat(),
        "sha256": snapshot.sha256,
        "download": settings.WORKBENCH_BASE_URL.rstrip("/") + path,
    }


def article_export(article: Article) -> dict[str, Any]:
    """One article with its claims, verdicts and sources: the JSON export (and import) shape."""
    return {
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "body_sha256": article.body_sha256,
            "exported_at": timezone.now().isoformat(),
        },
        "claims": article_claims_export(article),
    }


EXPORT_CSV_COLUMNS = [
    "article_id",
    "position",
    "text",
    "span_text",
    "start",
    "end",
    "kind",
    "checkworthiness",
    "status",
    "dismissal_reason",
    "verdict",
    "verdict_explanation",
    "verdict_author",
    "verdict_approved_by",
    "verdict_published_at",
    "earlier_verdicts",
    "sources",
    "source_archived_at",
    "source_sha256",
    "source_download",
]

#: Per-citation columns hold one value per source, in the order of ``sources``.
_SOURCE_SEPARATOR = " | "


#: CSV is read by people in a spreadsheet: choices as their labels ("Mostly false", "Not
#: check-worthy"), where the JSON export keeps the codes that programs read.
_LABELS = {
    "status": dict(Claim.Status.choices),
    "kind": dict(Claim.Kind.choices),
    "dismissal_reason": dict(Claim.DismissalReason.choices),
    "verdict": dict(Verdict.Rating.choices),
}
_RELATIONS = dict(Citation.Relation.choices)
_RATINGS, _VERDICT_STATUSES = dict(Verdict.Rating.choices), dict(Verdict.Status.choices)


def _labelled(row: dict[str, Any]) -> dict[str, Any]:
    labelled = dict(row)
    for key, labels in _LABELS.items():
        labelled[key] = labels.get(row[key], row[key])
    return labelled


def articles_export_csv(articles: Iterable[Article]) -> str:
    """One CSV row per claim: its published verdict, earlier verdicts and sources flattened;
    per source its archived copy's time, SHA-256 and download link, in the same order.

    Starts with a byte-order mark, so that spreadsheets read the text as UTF-8 (names, quotes
    and currency signs intact). Cells that a spreadsheet would run as a formula are
    neutralised (``workbench.csvsafe``)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = SafeDictWriter(out, fieldnames=EXPORT_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for article in articles:
        for row in article_claims_export(article):
            current: dict[str, Any] = next(
                (v for v in row["verdicts"] if v["status"] == Verdict.Status.PUBLISHED), {}
            )
            earlier = [v for v in row["verdicts"] if v is not current]
            writer.writerow(
                {
                    **_labelled(row),
                    "article_id": article.pk,
                    "verdict_author": current.get("author", ""),
                    "verdict_approved_by": current.get("approved_by", ""),
                    "verdict_published_at": current.get("published_at", ""),
                    "earlier_verdicts": "; ".join(
                        f"{_RATINGS.get(v['rating'], v['rating'])} "
                        f"({_VERDICT_STATUSES.get(v['status'], v['status']).lower()}, "
                        f"by {v['author']})"
                        for v in earlier
                    ),
                    "sources": _SOURCE_SEPARATOR.join(
                        f"{_RELATIONS.get(s['relation'], s['relation'])}: {s['url']}"
                        for s in row["sources"]
                    ),
                    **{
                        f"source_{key}": _SOURCE_SEPARATOR.join(s[key] for s in row["sources"])
                        for key in ("archived_at", "sha256", "download")
                    },
                }
            )
    return out.getvalue()
