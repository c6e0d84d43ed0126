"""A reviewer's Retry of a cited source's archive, from the claim page."""

from __future__ import annotations

from claims import policies
from claims.models import Citation
from sources.models import Snapshot
from sources.services import source_archive_retry
from workbench.errors import PermissionDenied


def citation_archive_retry(*, citation: Citation, by) -> Snapshot:
    """Archive the cited source again (reviewers and editors). Its citations wait for the new
    archive ("pending") instead of showing the old "no archived text"; when its text is read
    the ``snapshot_text_ready`` event finds their evidence."""
    if not policies.is_reviewer(by):
        raise PermissionDenied("Only reviewers and editors can retry an archive.")
    snapshot = source_archive_retry(source_id=citation.source_id, by=by)
    Citation.objects.filter(
        source=citation.source_id, evidence_status=Citation.EvidenceStatus.UNAVAILABLE
    ).update(evidence_status=Citation.EvidenceStatus.PENDING)
    return snapshot
