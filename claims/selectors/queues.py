"""Lists of claims and citations: the review queue, the API's list, evidence to find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.text import smart_split, unescape_string_literal

from claims.models import Article, Citation, Claim, EvidencePassage, Verdict
from claims.policies import REVIEW_GROUPS
from claims.selectors.verdicts import claims_awaiting_approval, verdict_current
from sources.models import Snapshot
from sources.selectors import snapshot_latest, snapshot_latest_prefetch


def claims_for_review(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims with what a reviewer's list shows, in a constant number of queries."""
    queryset = Claim.objects.all() if queryset is None else queryset
    copies = (
        Claim.objects.filter(near_copy_of=OuterRef("pk"))
        .order_by()
        .values("near_copy_of")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.select_related("article", "assignee").annotate(
        latest_rating=F("current_rating"),  # verdict_current(), kept in a column
        near_copy_count=Subquery(copies, output_field=IntegerField()),
    )


def claims_queue(queryset: QuerySet[Claim], queue: str, user) -> QuerySet[Claim]:
    """The changelist's queues: mine, unassigned, awaiting approval (by someone else); the
    last two read the claim's verdict columns (``claims_awaiting_approval``)."""
    open_statuses = [Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED]
    if queue == "mine":
        return queryset.filter(assignee=user).exclude(status=Claim.Status.DISMISSED)
    if queue == "unassigned":
        return queryset.filter(assignee__isnull=True, status__in=open_statuses)
    if queue == "awaiting":
        return claims_awaiting_approval(queryset)
    if queue == "awaiting_me":
        return claims_awaiting_approval(queryset, excluding_author=user)
    return queryset


class ILike(Lookup):
    """``column ILIKE pattern`` (PostgreSQL): the case-insensitive match a pg_trgm index
    serves and the planner estimates from the column's statistics. Django's ``icontains``
    compares ``UPPER(column)``, which neither does."""

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


#: more article titles than this matching a search word are read as a subquery, fewer as ids
SEARCH_TITLE_IDS = 500


def claims_search(queryset: QuerySet[Claim], search: str) -> QuerySet[Claim]:
    """Claims whose text, span or article title contains each word of ``search`` (a quoted
    phrase is one word), ignoring case: the admin's search (Django's own, reshaped).

    On PostgreSQL the claim's columns are matched with ``ILIKE``, which the pg_trgm indexes
    serve (``claims_claim_text_trgm``, ``claims_claim_span_text_trgm``), and the articles
    whose title matches are looked up first (``claims_article_title_trgm``) and passed as ids:
    no join, and estimates the planner can trust. A common word then walks the list's order
    until the page is full; a rare one reads its few matches from the indexes. Django's
    ``UPPER(column) LIKE`` joined to the articles was estimated at a few rows whatever the
    word, and planned as a scan and sort of the whole table (issue 15)."""
    connection = connections[queryset.db]
    postgres = connection.vendor == "postgresql"
    for bit in smart_split(search):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if not bit:
            continue
        if postgres:
            pattern = Value(f"%{connection.ops.prep_for_like_query(bit)}%")
            matches = Q(ILike(F("text"), pattern)) | Q(ILike(F("span_text"), pattern))
            articles = Article.objects.filter(ILike(F("title"), pattern))
        else:
            matches = Q(text__icontains=bit) | Q(span_text__icontains=bit)
            articles = Article.objects.filter(title__icontains=bit)
        titles = articles.order_by().values_list("pk", flat=True)
        ids = list(titles[: SEARCH_TITLE_IDS + 1])
        if len(ids) > SEARCH_TITLE_IDS:
            matches |= Q(article__in=titles)
        elif ids:
            matches |= Q(article_id__in=ids)
        queryset = queryset.filter(matches)
    return queryset


def claims_for_api() -> QuerySet[Claim]:
    """Claims with everything the API's claim serializer reads, in a fixed number of queries.

    For one claim or a page of known ids. A list filters and pages ``claims_for_api_list``
    first and annotates only the page (``claims_for_api_page``): a correlated annotation
    beside a filter is otherwise planned over the whole table (issue 15)."""
    return Claim.objects.select_related("assignee").annotate(
        language=F("article__language"),
        has_citations=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
        published_verdict_id=verdict_current("pk", published_only=True),
        published_rating=verdict_current("rating", published_only=True),
        published_at=verdict_current("published_at", published_only=True),
    )


def claims_for_api_list() -> QuerySet[Claim]:
    """What the API's claim list filters, orders and pages: bare rows, no annotation."""
    return Claim.objects.all()


def claims_for_api_page(ids: Sequence[int]) -> list[Claim]:
    """The claims ``ids`` (one page), annotated as ``claims_for_api``, in the order given."""
    rows = {claim.pk: claim for claim in claims_for_api().filter(pk__in=list(ids))}
    return [rows[pk] for pk in ids if pk in rows]


def claims_with_published_rating(queryset: QuerySet[Claim], rating: str) -> QuerySet[Claim]:
    """Claims whose published verdict has ``rating`` (at most one published verdict each).

    A published verdict is the current one, so the claim's ``current_rating`` column (an
    index range) narrows the rows first; the EXISTS then drops those whose current verdict is
    only proposed, one index probe per candidate row."""
    published = Verdict.objects.filter(
        claim=OuterRef("pk"), status=Verdict.Status.PUBLISHED, rating=rating
    )
    return queryset.filter(Exists(published), current_rating=rating)


def claims_with_citations(queryset: QuerySet[Claim], value: bool) -> QuerySet[Claim]:
    """Claims with (``value``) or without sources."""
    cited = Exists(Citation.objects.filter(claim=OuterRef("pk")))
    return queryset.filter(cited if value else ~cited)


def claims_with_current_rating(queryset: QuerySet[Claim], rating: str) -> QuerySet[Claim]:
    """Claims whose current verdict (``verdict_current``) has ``rating``: the claim's
    ``current_rating`` column, kept by the verdict services (issue 15)."""
    return queryset.filter(current_rating=rating)


def claims_without_current_verdict(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with no published and no proposed verdict (``verdict_current`` is empty)."""
    return queryset.filter(current_rating="")


def articles_for_api(*, detail: bool) -> QuerySet[Article]:
    """Articles with their claim count; the detail also has its body and claims in order.

    The count is a correlated subquery, not a join with GROUP BY: computed for the page's rows
    only, and never grouping by the body."""
    queryset = Article.objects.annotate(claim_count=article_claim_count())
    if detail:
        return queryset.prefetch_related(
            Prefetch("claims", queryset=Claim.objects.order_by("position"))
        )
    return queryset.defer("body", "not_claims")


def article_claim_count() -> Coalesce:
    """An article's number of claims, to annotate articles with (one index range each)."""
    counted = Subquery(
        Claim.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    return Coalesce(counted, 0)


def citations_for_api() -> QuerySet[Citation]:
    """Citations with their source and its latest snapshot, in a fixed number of queries."""
    return Citation.objects.select_related("source", "added_by").prefetch_related(
        snapshot_latest_prefetch("source__snapshots"),
        Prefetch("evidence", queryset=EvidencePassage.objects.order_by("rank")),
    )


PUBLIC_VERDICT_STATUSES = (Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED)


def verdicts_for_api(*, public_only: bool) -> QuerySet[Verdict]:
    """Verdicts with their people; ``public_only``: the public record (published, superseded)."""
    queryset = Verdict.objects.select_related("author", "approved_by")
    if public_only:
        queryset = queryset.filter(status__in=PUBLIC_VERDICT_STATUSES)
    return queryset


def reviewers():
    """Active people in the Reviewer or Editor group (whom a claim may be assigned to)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=REVIEW_GROUPS)
        .distinct()
        .order_by("username")
    )


def claims_with_review_marks(article: Article) -> QuerySet[Claim]:
    """The article's claims, each marked whether it has citations or verdicts (review work)."""
    return article.claims.annotate(
        has_citations=Exists(Citation.objects.filter(claim=OuterRef("pk"))),
        has_verdicts=Exists(Verdict.objects.filter(claim=OuterRef("pk"))),
    )


def citations_of(*, claims: Iterable[Claim]) -> QuerySet[Citation]:
    return Citation.objects.filter(claim__in=list(claims))


def citation_archive_annotations() -> dict[str, Any]:
    """Annotations of citations with their source's latest archive: status, why it failed or
    was blocked, and the newest succeeded snapshot (evidence behind it: still being found)."""
    return {
        "snapshot_status": snapshot_latest("status", source_ref="source"),
        "snapshot_error_reason": snapshot_latest("error_reason", source_ref="source"),
        "snapshot_error_message": snapshot_latest("error_message", source_ref="source"),
        "snapshot_succeeded_id": snapshot_latest(
            "pk", source_ref="source", status=Snapshot.Status.SUCCEEDED
        ),
    }


@dataclass(frozen=True)
class ArchiveNote:
    """What the claim page says of a citation's archive."""

    status: str  # the latest snapshot's status, "none" when never archived
    text: str  # "blocked: address 10.0.0.1 is private", "archived, looking for evidence"...
    retry: bool  # whether archiving it again may help (failed, blocked, never archived)


def citation_archive_note(citation: Any) -> ArchiveNote:
    """For a citation annotated with ``citation_archive_annotations``."""
    status = getattr(citation, "snapshot_status", None) or "none"
    if status in (Snapshot.Status.FAILED, Snapshot.Status.BLOCKED):
        why = citation.snapshot_error_message or citation.snapshot_error_reason or "no reason"
        return ArchiveNote(status, f"{status}: {why}", retry=True)
    if status in Snapshot.ACTIVE_STATUSES:
        return ArchiveNote(status, "archiving…", retry=False)
    if status == Snapshot.Status.SUCCEEDED:
        if citation.evidence_snapshot_id != citation.snapshot_succeeded_id:
            return ArchiveNote(status, "archived, looking for evidence", retry=False)
        return ArchiveNote(status, "archived", retry=False)
    return ArchiveNote(status, "not archived", retry=True)


def claim_evidence(claim: Claim) -> list[tuple[Citation, list[EvidencePassage]]]:
    """Each citation of the claim (with ``archive``, its ``ArchiveNote``) and its ranked
    evidence passages."""
    citations = list(
        claim.citations.select_related("source")
        .annotate(
            **citation_archive_annotations(),
            # the newest archived copy's screenshot (browser captures), shown beside the passages
            archived_screenshot=snapshot_latest(
                "screenshot", source_ref="source", status=Snapshot.Status.SUCCEEDED
            ),
        )
        .order_by("created_at")
    )
    for citation in citations:
        citation.archive = citation_archive_note(citation)  # type: ignore[attr-defined]
    passages: dict[int, list[EvidencePassage]] = {c.pk: [] for c in citations}
    for passage in EvidencePassage.objects.filter(citation__claim=claim).order_by(
        "citation", "rank"
    ):
        passages[passage.citation_id].append(passage)
    return [(c, passages[c.pk]) for c in citations]


def citations_with_stale_evidence(*, limit: int = 500) -> list[int]:
    """Citations whose evidence is behind their source's archive: a newer succeeded snapshot
    than their evidence came from, or still pending although archiving failed for good."""
    newest = snapshot_latest("pk", source_ref="source", status=Snapshot.Status.SUCCEEDED)
    newest_text = snapshot_latest(
        "text_status", source_ref="source", status=Snapshot.Status.SUCCEEDED
    )
    behind = (  # a newest capture whose text is still being read is not behind yet
        Citation.objects.annotate(newest=newest, newest_text=newest_text)
        .filter(newest__isnull=False)
        .exclude(newest_text=Snapshot.TextStatus.PENDING)
        .exclude(evidence_snapshot=F("newest"))
    )
    abandoned = Citation.objects.annotate(
        latest_status=snapshot_latest("status", source_ref="source")
    ).filter(
        evidence_status=Citation.EvidenceStatus.PENDING,
        latest_status__in=[Snapshot.Status.FAILED, Snapshot.Status.BLOCKED],
    )
    ids = set(behind.values_list("pk", flat=True)[:limit])
    ids |= set(abandoned.values_list("pk", flat=True)[:limit])
    return sorted(ids)[:limit]
