"""What the public fact-check pages read: published verdicts only, never drafts or notes.

A public page is the claim's (``/fact-checks/<claim id>-<slug>/``): a correction publishes a new
verdict at the same address. It shows the claim, its article (title, outlet, author, URL, date),
the published verdict's rating and explanation, and the citations the verdict rests on (those
added before it was published, ``citation_is_published``) with the archived copy of each
source as it stood at publication, and that copy's screenshot when the page was captured in a
browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from claims.models import Citation, Verdict
from claims.selectors.verdicts import verdicts_published
from sources.models import Snapshot


@dataclass(frozen=True)
class PublicSource:
    """One cited source as the public sees it: no reviewer's note, no internal state."""

    url: str
    relation: str  # Citation.Relation label: Supports, Refutes, Context
    snapshot_id: int | None  # the archived copy (a download), if one succeeded
    archived_at: datetime | None
    has_warc: bool
    wayback_url: str
    #: the browser capture's screenshot of the page, if that copy has one
    has_screenshot: bool = False
    screenshot_width: int | None = None
    screenshot_height: int | None = None


def fact_check_of(claim_id: int) -> Verdict | None:
    """The claim's published verdict, with its claim and article (not its text, which may be
    a megabyte); None when nothing is published."""
    return (
        verdicts_published()
        .filter(claim=claim_id)
        .defer("claim__article__body", "claim__article__not_claims", "claim__details")
        .first()
    )


def fact_check_withdrawn(claim_id: int) -> bool:
    """Whether the claim's fact-check was published once and then unpublished by an editor
    (the public page answers 410 Gone rather than 404)."""
    return Verdict.objects.filter(claim=claim_id, status=Verdict.Status.UNPUBLISHED).exists()


def fact_checks_public() -> QuerySet[Verdict]:
    """Every published fact-check, newest first, with only what the index and feed show."""
    return verdicts_published().only(
        "id",
        "rating",
        "explanation",
        "published_at",
        "supersedes",
        "claim__id",
        "claim__text",
        "claim__article__id",
        "claim__article__title",
        "claim__article__outlet",
        "claim__article__author",
        "claim__article__url",
        "claim__article__published_on",
        "claim__article__created_at",
    )


def _archived_copy(snapshots: list[Snapshot], published_at: datetime) -> Snapshot | None:
    """The newest copy archived by publication; else the first one archived after it."""
    before = [s for s in snapshots if s.created_at <= published_at]
    if before:
        return max(before, key=lambda s: (s.created_at, s.pk))
    return min(snapshots, key=lambda s: (s.created_at, s.pk), default=None)


def fact_check_sources(verdict: Verdict) -> list[PublicSource]:
    """The sources the published verdict rests on, in the order they were cited (two queries)."""
    succeeded = Snapshot.objects.filter(status=Snapshot.Status.SUCCEEDED).only(
        "id",
        "source_id",
        "created_at",
        "finished_at",
        "warc",
        "wayback_url",
        "screenshot",
        "screenshot_width",
        "screenshot_height",
    )
    citations = (
        Citation.objects.filter(claim=verdict.claim_id, created_at__lte=verdict.published_at)
        .select_related("source")
        .prefetch_related(Prefetch("source__snapshots", queryset=succeeded, to_attr="succeeded"))
        .order_by("created_at", "id")
    )
    sources = []
    assert verdict.published_at is not None
    for citation in citations:
        snapshot = _archived_copy(citation.source.succeeded, verdict.published_at)  # type: ignore[attr-defined]
        sources.append(
            PublicSource(
                url=citation.source.url,
                relation=citation.get_relation_display(),
                snapshot_id=snapshot.pk if snapshot else None,
                archived_at=(snapshot.finished_at or snapshot.created_at) if snapshot else None,
                has_warc=bool(snapshot and snapshot.warc),
                wayback_url=snapshot.wayback_url if snapshot else "",
                has_screenshot=bool(snapshot and snapshot.screenshot),
                screenshot_width=snapshot.screenshot_width if snapshot else None,
                screenshot_height=snapshot.screenshot_height if snapshot else None,
            )
        )
    return sources


def fact_check_snapshot(verdict: Verdict, snapshot_id: int) -> Snapshot | None:
    """A snapshot the public page links to (a succeeded copy of a source the published verdict
    cites); None for any other snapshot, so no other archived bytes are public."""
    for source in fact_check_sources(verdict):
        if source.snapshot_id == snapshot_id:
            return Snapshot.objects.get(pk=snapshot_id)
    return None
