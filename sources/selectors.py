"""Read-side of sources: every query about sources and snapshots that others need.

The admin, the API, the claims app and the services read through these, so that "the latest
snapshot" means the same everywhere: the newest by ``created_at`` (then ``id``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from sources.models import Snapshot, Source

LATEST_FIRST = ("-created_at", "-id")


def snapshot_latest(
    field: str = "pk", *, source_ref: str = "pk", status: str | None = None
) -> Subquery:
    """A subquery of ``field`` of the latest snapshot (of that ``status``, if given) of the
    source at ``source_ref``; annotate with it (``source_ref="source"`` from a row that points
    at a source) to show archive state on list pages without a query per row."""
    snapshots = Snapshot.objects.filter(source=OuterRef(source_ref))
    if status is not None:
        snapshots = snapshots.filter(status=status)
    return Subquery(snapshots.order_by(*LATEST_FIRST).values(field)[:1])


def snapshot_latest_prefetch(lookup: str = "snapshots") -> Prefetch:
    """Prefetch the latest snapshot of every source on a page in one query (a window
    function), as ``latest_snapshots`` (a list of at most one); ``snapshot_latest_of`` reads it."""
    return Prefetch(
        lookup,
        queryset=Snapshot.objects.order_by(*LATEST_FIRST)[:1],
        to_attr="latest_snapshots",
    )


def snapshot_latest_of(source: Source) -> Snapshot | None:
    """The latest snapshot of ``source``: prefetched by ``snapshot_latest_prefetch``, else
    queried."""
    prefetched = getattr(source, "latest_snapshots", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return source.snapshots.order_by(*LATEST_FIRST).first()


def snapshot_latest_succeeded(*, source_id: int) -> Snapshot | None:
    """The newest archived copy of a source (its text is what evidence is found in)."""
    return (
        Snapshot.objects.filter(source=source_id, status=Snapshot.Status.SUCCEEDED)
        .order_by(*LATEST_FIRST)
        .first()
    )


def sources_for_api() -> QuerySet[Source]:
    return Source.objects.prefetch_related(snapshot_latest_prefetch())


def snapshots_for_api(*, detail: bool) -> QuerySet[Snapshot]:
    """Snapshots; lists leave out the heavy columns (text, headers, timings)."""
    queryset = Snapshot.objects.all()
    return (
        queryset
        if detail
        else queryset.defer("text", "text_message", "response_headers", "timings")
    )


@dataclass(frozen=True)
class ArchiveState:
    succeeded: Snapshot | None  # the newest succeeded snapshot
    archiving: bool  # a snapshot is queued or being fetched


def source_archive_state(*, source_id: int) -> ArchiveState:
    """Where the archiving of a source stands (for the claims that cite it)."""
    succeeded = snapshot_latest_succeeded(source_id=source_id)
    archiving = (
        succeeded is None
        and Snapshot.objects.filter(source=source_id, status__in=Snapshot.ACTIVE_STATUSES).exists()
    )
    return ArchiveState(succeeded=succeeded, archiving=archiving)


def snapshot_status_by_source(source_ids: list[int]) -> dict[int, str]:
    """The latest snapshot's status of each of these sources (absent: never archived)."""
    rows = (
        Source.objects.filter(pk__in=source_ids)
        .annotate(latest_status=snapshot_latest("status"))
        .values_list("pk", "latest_status")
    )
    return {pk: status for pk, status in rows if status}


def snapshot_archived_by_source(source_ids: list[int]) -> dict[int, Snapshot]:
    """The newest archived (succeeded) snapshot of each of these sources, in two queries."""
    latest = (
        Source.objects.filter(pk__in=source_ids)
        .annotate(snapshot_id=snapshot_latest(status=Snapshot.Status.SUCCEEDED))
        .exclude(snapshot_id=None)
        .values_list("snapshot_id", flat=True)
    )
    return {
        snapshot.source_id: snapshot
        for snapshot in Snapshot.objects.filter(pk__in=list(latest)).only(
            "pk", "source_id", "sha256", "finished_at", "created_at"
        )
    }


def archive_health() -> dict[str, Any]:
    """Counts for the dashboard: snapshots by status, sources by live status."""
    snapshots = dict(
        Snapshot.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    live = dict(
        Source.objects.order_by()
        .values_list("live_status")
        .annotate(n=Count("pk"))
        .values_list("live_status", "n")
    )
    return {
        "snapshots": snapshots,
        "snapshots_failed": snapshots.get(Snapshot.Status.FAILED, 0),
        "snapshots_blocked": snapshots.get(Snapshot.Status.BLOCKED, 0),
        "snapshots_active": sum(snapshots.get(s, 0) for s in Snapshot.ACTIVE_STATUSES),
        "snapshots_succeeded": snapshots.get(Snapshot.Status.SUCCEEDED, 0),
        "sources_gone": live.get(Source.LiveStatus.GONE, 0),
        "sources_changed": live.get(Source.LiveStatus.CHANGED, 0),
        "sources_total": sum(live.values()),
    }


def sources_due_for_live_check(*, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Sources never checked, or last checked longer ago than the configured interval."""
    now = now or timezone.now()
    due_before = now - settings.LINKROT_INTERVAL
    return list(
        Source.objects.filter(
            Q(live_checked_at__isnull=True) | Q(live_checked_at__lt=due_before),
            snapshots__status=Snapshot.Status.SUCCEEDED,
        )
        .distinct()
        .order_by(F("live_checked_at").asc(nulls_first=True))
        .values_list("pk", flat=True)[:limit]
    )


def snapshots_text_stuck(*, now: datetime) -> list[int]:
    """Captured snapshots whose text step's lease ran out (a text worker died, a message was
    lost)."""
    return list(
        Snapshot.objects.filter(
            status=Snapshot.Status.SUCCEEDED,
            text_status=Snapshot.TextStatus.PENDING,
            lease_expires_at__lt=now,
        ).values_list("pk", flat=True)
    )


def snapshots_stuck(*, now: datetime) -> list[int]:
    """Queued or fetching snapshots whose lease ran out (a worker died, a message was lost)."""
    return list(
        Snapshot.objects.filter(
            status__in=Snapshot.ACTIVE_STATUSES, lease_expires_at__lt=now
        ).values_list("pk", flat=True)
    )
