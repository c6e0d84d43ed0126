"""Receivers of other apps' events. Connected in ``ClaimsConfig.ready``."""

from __future__ import annotations

from typing import Any

from sources.events import snapshot_finished


def on_snapshot_finished(sender: Any, *, source_id: int, **kwargs: Any) -> None:
    """A cited source was archived (or failed to be): find evidence for its citations."""
    from claims import services

    services.evidence_request_for_source(source_id=source_id)


def connect() -> None:
    snapshot_finished.connect(on_snapshot_finished, dispatch_uid="claims.evidence.snapshot")
