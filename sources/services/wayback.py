"""Save Page Now (a second copy at the Wayback Machine) of succeeded snapshots; re-exported
by ``sources.services``, which the tasks call."""

from __future__ import annotations

from django.conf import settings

from sources.archiving.wayback import SpnConfig, WaybackError, spn_status, spn_submit
from sources.fetching import FetchPolicy
from sources.models import Snapshot


def snapshot_wayback_step(*, snapshot_id: int) -> bool:
    """Advance the Save Page Now submission of a succeeded snapshot by one step.

    Returns True when there is nothing more to do (archived, failed, or not applicable) and
    False while the job is pending. Transient trouble raises ``WaybackError`` for a retry.
    """
    snapshot = (
        Snapshot.objects.select_related("source")
        .filter(pk=snapshot_id, status=Snapshot.Status.SUCCEEDED)
        .first()
    )
    done = (Snapshot.WaybackStatus.ARCHIVED, Snapshot.WaybackStatus.FAILED)
    if snapshot is None or snapshot.wayback_status in done:
        return True
    config = SpnConfig(
        endpoint=settings.WAYBACK_SPN_URL,
        access_key=settings.WAYBACK_SPN_ACCESS_KEY,
        secret=settings.WAYBACK_SPN_SECRET,
        replay_prefix=settings.WAYBACK_REPLAY_URL,
    )
    policy = FetchPolicy.from_settings()
    try:
        if not snapshot.wayback_job_id:
            job_id = spn_submit(snapshot.source.url, config=config, policy=policy)
            Snapshot.objects.filter(pk=snapshot_id, wayback_job_id="").update(
                wayback_status=Snapshot.WaybackStatus.SUBMITTED, wayback_job_id=job_id[:100]
            )
            return False
        status = spn_status(snapshot.wayback_job_id, config=config, policy=policy)
    except WaybackError as exc:
        if exc.transient:
            raise
        snapshot_wayback_fail(snapshot_id=snapshot_id, detail=exc.message)
        return True
    if status.state == "success":
        Snapshot.objects.filter(pk=snapshot_id).update(
            wayback_status=Snapshot.WaybackStatus.ARCHIVED,
            wayback_url=status.archived_url[:2048],
            wayback_detail="",
        )
        return True
    if status.state == "error":
        snapshot_wayback_fail(snapshot_id=snapshot_id, detail=status.message)
        return True
    return False


def snapshot_wayback_fail(*, snapshot_id: int, detail: str) -> None:
    Snapshot.objects.filter(pk=snapshot_id).update(
        wayback_status=Snapshot.WaybackStatus.FAILED, wayback_detail=detail
    )
