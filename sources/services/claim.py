"""The claim on a snapshot row and the write of its outcome: a worker captures a row only
after moving it from queued to fetching, and writes what it found only while the row is still
fetching (the lease sweep may have given it to another worker meanwhile)."""

from __future__ import annotations

import copy
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from sources import events
from sources.models import Snapshot, Source
from workbench.db import commit_without_flush_crash_unsafe
from workbench.events import send_on_commit

logger = logging.getLogger(__name__)


def snapshot_claim(snapshot_id: int) -> Snapshot | None:
    """queued -> fetching (a conditional update), and the claimed row; None if not ours.

    On PostgreSQL this commit does not wait for its WAL to reach the disk
    (``synchronous_commit`` off for this transaction only): losing it in a database crash
    only puts the row back to "queued", where the outcome's conditional update no longer
    matches and the lease sweep re-enqueues it (docs/archiving.md, "Commits per capture").
    There it is one statement, one round trip: the update, the setting and the row with its
    source's URL.
    """
    now = timezone.now()
    lease = now + settings.ARCHIVE_LEASE
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        claimed = list(Snapshot.objects.raw(_CLAIM_SQL, [now, lease, snapshot_id]))
        if not claimed:
            return None
        snapshot = claimed[0]
        url = getattr(snapshot, "source_url", "")  # the RETURNING clause's extra column
        snapshot.source = Source.from_db(connection.alias, ["id", "url"], [snapshot.source_id, url])
        _remember_claimed(snapshot)
        return snapshot
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        claimed_count = Snapshot.objects.filter(
            pk=snapshot_id, status=Snapshot.Status.QUEUED
        ).update(
            status=Snapshot.Status.FETCHING,
            started_at=now,
            lease_expires_at=lease,
            attempts=F("attempts") + 1,
        )
        if not claimed_count:
            return None
        snapshot = Snapshot.objects.select_related("source").get(pk=snapshot_id)
        _remember_claimed(snapshot)
        return snapshot


#: the claim in one statement (PostgreSQL, autocommit): ``set_config(..., true)`` is
#: ``SET LOCAL`` for the statement's own transaction, whose commit reads it. Table names come
#: from the models; every value is a parameter.
_CLAIM_SQL = f"""
UPDATE {Snapshot._meta.db_table} AS snapshot
SET status = 'fetching', started_at = %s, lease_expires_at = %s, attempts = attempts + 1
WHERE id = %s AND status = 'queued'
  AND set_config('synchronous_commit', 'off', true) IS NOT NULL
RETURNING snapshot.*,
  (SELECT url FROM {Source._meta.db_table} WHERE id = snapshot.source_id) AS source_url
"""


#: what a capture never writes: the row's identity, who asked, and the claim's own count
_NOT_CAPTURED = frozenset({"id", "source_id", "created_at", "requested_by_id", "attempts"})


def _field_states(snapshot: Snapshot, *, kept: bool = False) -> dict[str, Any]:
    """The row's writable fields as values to compare (a file by its name); ``kept``: JSON
    values copied, for states kept while the row in hand changes."""
    states = {}
    for f in Snapshot._meta.concrete_fields:
        if f.attname in _NOT_CAPTURED:
            continue
        value = getattr(snapshot, f.attname)
        if isinstance(value, FieldFile):
            value = value.name
        elif kept and isinstance(value, list | dict):  # in case it is changed in place
            value = copy.deepcopy(value)
        states[f.attname] = value
    return states


def _remember_claimed(snapshot: Snapshot) -> None:
    """Keep the claimed row's values beside it, so that the outcome writes what changed."""
    snapshot.__dict__["_claimed_states"] = _field_states(snapshot, kept=True)


def snapshot_outcome_save(snapshot: Snapshot, *, lease: datetime | None = None) -> bool:
    """Write the outcome only if this worker still holds the claim on the row. ``lease``: that
    of the next step (the text step's), if any.

    Only the fields the capture changed since the claim are written (status and lease
    always): an error writes its five, a success its dozen, not every column of the row.

    The commit does not wait for the WAL flush unless the Wayback Machine is told next
    (docs/archiving.md, "Commits per capture"): lost in a database crash, the row is back to
    what the claim left (or queued) and the lease sweep captures it again; every message sent
    after it (the text step, the evidence) finds nothing to do on such a row, and a webhook
    delivery is recorded in a synchronous commit of its own before anything is sent, which
    flushes this one with it (the WAL is written in order).
    """
    claimed = snapshot.__dict__.get("_claimed_states", {})
    fields = {
        name: getattr(snapshot, name)
        for name, value in _field_states(snapshot).items()
        if name not in claimed or claimed[name] != value
    }
    fields["status"] = snapshot.status
    fields["lease_expires_at"] = lease
    conditions = [] if settings.WAYBACK_SPN_ENABLED else [commit_without_flush_crash_unsafe()]
    updated = Snapshot.objects.filter(
        *conditions, pk=snapshot.pk, status=Snapshot.Status.FETCHING
    ).update(**fields)
    if not updated:
        logger.warning("Snapshot %s was no longer ours to finish; outcome dropped", snapshot.pk)
        return False
    if snapshot.is_final:
        # The row as written is in hand: the event's payload is built from it, not re-read.
        arguments = events.snapshot_finished_arguments_of(snapshot, snapshot.source.url)
        send_on_commit(events.snapshot_finished, Snapshot, lambda: arguments)
    return True
