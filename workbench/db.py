"""Database helpers shared by the apps (no models)."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL


def commit_without_flush_crash_unsafe() -> Q | RawSQL:
    """A filter that is always true and, on PostgreSQL, makes the commit of the transaction
    it runs in skip waiting for the WAL flush (``set_config('synchronous_commit', 'off',
    true)``, which is ``SET LOCAL`` in the same round trip as the statement).

    Crash-unsafe by name: a PostgreSQL crash may lose that commit. Use it only for a write
    that nothing outside the database has been told of and that a sweep redoes if lost (the
    text step, stored evidence: docs/archiving.md, "Commits per capture"). A later
    synchronous commit flushes it with its own, since the WAL is written in order.
    """
    if connection.vendor != "postgresql":
        return Q()
    return RawSQL(
        "set_config('synchronous_commit', 'off', true) IS NOT NULL",
        [],
        output_field=BooleanField(),
    )
