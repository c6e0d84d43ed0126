"""Domain events between apps: module-level ``django.dispatch.Signal`` objects, sent on commit.

An app declares its events in ``<app>/events.py`` (with the function that builds each
payload) and its services send them with ``send_on_commit``; an interested app connects its
receivers in ``AppConfig.ready()``. The sender never knows its listeners. Receivers run after
the sender's transaction committed, each isolated from the others (``send_robust``: an error is
logged, not raised).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(
    signal: Signal, sender: type, arguments: Callable[[], dict[str, Any] | None]
) -> None:
    """Send ``signal`` once the current transaction commits (at once outside a transaction).

    ``arguments`` is called then, so the payload describes committed rows; returning None
    sends nothing (the row is gone).
    """

    def send() -> None:
        kwargs = arguments()
        if kwargs is not None:
            signal.send_robust(sender, **kwargs)

    transaction.on_commit(send, robust=True)
