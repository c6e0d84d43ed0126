"""Read-side of sources: query helpers shared by the admin, the API and the claims app."""

from django.db.models import OuterRef, Subquery

from sources.models import Snapshot


def latest_snapshot(field: str, *, source_ref: str = "pk") -> Subquery:
    """A subquery of ``field`` of the newest snapshot of the source at ``source_ref``.

    Annotate a queryset with it (``source_ref="source"`` from a row that points at a source)
    to show archive status on list pages without one query per row.
    """
    return Subquery(
        Snapshot.objects.filter(source=OuterRef(source_ref))
        .order_by("-created_at")
        .values(field)[:1]
    )
