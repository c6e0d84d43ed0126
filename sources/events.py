"""Events of the sources app (see ``workbench.events``).

``snapshot_finished``: a snapshot reached succeeded, failed or blocked. Sent by
``sources.services`` after the commit that made it final, with the keyword arguments
``snapshot_id``, ``source_id``, ``status`` and ``payload`` (JSON-ready; ``links`` are paths).
Receivers: the claims evidence finder (failed and blocked ones) and the integrations webhooks.
A succeeded snapshot's text comes later, from the text step:

``snapshot_text_ready``: a succeeded snapshot's text step settled (``text_status`` done,
no_text or failed). Sent after the commit that settled it, with ``snapshot_id``,
``source_id``, ``text_status`` and ``snapshot``: the row as that step wrote it, text included,
for a receiver in the same process to use instead of reading it back (it is not the newest
snapshot of its source if a newer capture succeeded meanwhile). Receiver: the claims
evidence finder.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from sources.models import Snapshot

snapshot_finished = Signal()
snapshot_text_ready = Signal()


def snapshot_finished_arguments(snapshot_id: int) -> dict[str, Any] | None:
    """The arguments of ``snapshot_finished`` for a final snapshot (None: nothing to say)."""
    snapshot = Snapshot.objects.select_related("source").filter(pk=snapshot_id).first()
    if snapshot is None or not snapshot.is_final:
        return None
    return snapshot_finished_arguments_of(snapshot, snapshot.source.url)


def snapshot_finished_arguments_of(snapshot: Snapshot, source_url: str) -> dict[str, Any]:
    """The same arguments from a snapshot in hand (the worker that just wrote it)."""
    payload = {
        "snapshot": {
            "id": snapshot.pk,
            "status": snapshot.status,
            "http_status": snapshot.http_status,
            "sha256": snapshot.sha256,
            "finished_at": snapshot.finished_at,
            "error_reason": snapshot.error_reason,
        },
        "source": {"id": snapshot.source_id, "url": source_url},
        "links": {"snapshot": f"/api/v1/snapshots/{snapshot.pk}"},
    }
    return {
        "snapshot_id": snapshot.pk,
        "source_id": snapshot.source_id,
        "status": snapshot.status,
        "payload": payload,
    }


def snapshot_text_ready_arguments_of(snapshot: Snapshot) -> dict[str, Any]:
    """The arguments of ``snapshot_text_ready`` from the row the text step just wrote."""
    return {
        "snapshot_id": snapshot.pk,
        "source_id": snapshot.source_id,
        "text_status": snapshot.text_status,
        "snapshot": snapshot,
    }
