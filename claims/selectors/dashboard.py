"""The admin index's dashboard: claims by status and verdict, and the archive's health."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from claims.models import Article, Citation, Claim, Verdict
from sources.models import Snapshot, Source
from sources.selectors import archive_health, snapshot_latest


def dashboard_stats() -> dict[str, Any]:
    """Counts for the admin index: claims by status and verdict, and the archive's health."""
    by_status = dict(
        Claim.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_rating = dict(
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
        .order_by()
        .values_list("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    awaiting = Verdict.objects.filter(status=Verdict.Status.PROPOSED).count()
    statuses = [(value, label, by_status.get(value, 0)) for value, label in Claim.Status.choices]
    ratings = [(value, label, by_rating.get(value, 0)) for value, label in Verdict.Rating.choices]
    return {
        "claims_total": sum(by_status.values()),
        "statuses": _bars(statuses),
        "ratings": _bars(ratings),
        "awaiting_approval": awaiting,
        **archive_health(),
        **sources_by_latest_state(),
        "articles_failed": Article.objects.filter(
            extraction_status=Article.ExtractionStatus.FAILED
        ).count(),
        "unassigned_open": Claim.objects.filter(
            assignee__isnull=True,
            status__in=[Claim.Status.NEW, Claim.Status.IN_REVIEW],
        ).count(),
        "citations_without_evidence": Citation.objects.filter(
            evidence_status__in=[
                Citation.EvidenceStatus.NONE,
                Citation.EvidenceStatus.UNAVAILABLE,
                Citation.EvidenceStatus.NO_TEXT,
            ]
        ).count(),
    }


def sources_by_latest_state() -> dict[str, int]:
    """Sources counted by their latest snapshot only: a source that was blocked and then
    archived counts as archived, not as blocked (``sources_<status>``; ``sources_active``:
    queued or fetching)."""
    counts = dict(
        Source.objects.annotate(latest=snapshot_latest("status"))
        .filter(latest__isnull=False)
        .order_by()
        .values_list("latest")
        .annotate(n=Count("pk"))
        .values_list("latest", "n")
    )
    stats = {f"sources_{status}": counts.get(status, 0) for status in Snapshot.Status.values}
    stats["sources_active"] = sum(counts.get(s, 0) for s in Snapshot.ACTIVE_STATUSES)
    return stats


def _bars(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    top = max((n for _, _, n in rows), default=0) or 1
    return [
        {"value": value, "label": label, "count": n, "percent": round(100 * n / top)}
        for value, label, n in rows
    ]
