"""Which verdict is a claim's: one definition for the admin, the API, exports and search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact

from claims.models import Article, Citation, Claim, Verdict


def verdict_current(field: str = "rating", *, published_only: bool = False) -> Subquery:
    """``field`` of the claim's current verdict: the published one, else (unless
    ``published_only``) the newest proposed one. Annotate claims with it (a page of them: a
    correlated subquery). The current rating is also kept in ``Claim.current_rating`` by the
    verdict services, which lists filter and order by."""
    statuses = [Verdict.Status.PUBLISHED]
    if not published_only:
        statuses.append(Verdict.Status.PROPOSED)
    return Subquery(
        Verdict.objects.filter(claim=OuterRef("pk"), status__in=statuses)
        .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-id")
        .values(field)[:1]
    )


def verdict_columns() -> dict[str, Any]:
    """What the claim's denormalised verdict columns hold, as expressions over its verdicts
    (annotate or update claims with them). The verdict services write them
    (``claims_verdict_columns_refresh``); ``check_denormalised`` compares them:

    - ``current_rating``: the current verdict's rating (``verdict_current``), "" for none;
    - ``awaiting_approval``: it has a proposed verdict (a correction of a published one too);
    - ``proposed_by``: the author of its proposed verdicts when they are all one person's,
      else None (none, or several people's). With ``awaiting_approval`` it answers "awaiting
      approval, not mine" without reading verdicts (``claims_awaiting_approval``)."""
    proposed = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.PROPOSED)
    one_author = (
        proposed.order_by()
        .values("claim")
        .annotate(authors=Count("author", distinct=True), first=Min("author"))
        .filter(authors=1)
        .values("first")
    )
    return {
        "current_rating": Coalesce(verdict_current(), Value("")),
        "awaiting_approval": Exists(proposed),
        "proposed_by": Subquery(one_author),
    }


def claims_verdict_columns_drift(*, ids_from: int, ids_to: int) -> list[tuple[int, str, Any, Any]]:
    """Claims with ids in ``[ids_from, ids_to)`` whose verdict columns (``verdict_columns``)
    disagree with their verdicts: (id, column, stored value, what the verdicts say), one
    tuple per column that disagrees."""
    columns = verdict_columns()
    names = list(columns)
    differs = Q()
    for name in names:
        stored: Any = F(name)
        computed: Any = F(f"computed_{name}")
        if name == "proposed_by":  # nullable: compare with None as 0 (no user has id 0)
            stored, computed = Coalesce(stored, 0), Coalesce(computed, 0)
        differs |= ~Q(Exact(stored, computed))
    rows = (
        Claim.objects.filter(pk__gte=ids_from, pk__lt=ids_to)
        .annotate(**{f"computed_{name}": value for name, value in columns.items()})
        .filter(differs)
        .order_by("pk")
        .values_list("pk", *names, *(f"computed_{name}" for name in names))
    )
    drift = []
    for pk, *values in rows:
        stored_values, computed_values = values[: len(names)], values[len(names) :]
        for name, have, want in zip(names, stored_values, computed_values, strict=True):
            if have != want:
                drift.append((pk, name, have, want))
    return drift


def claims_awaiting_approval(
    queryset: QuerySet[Claim], *, excluding_author: Any = None
) -> QuerySet[Claim]:
    """Claims with a proposed verdict (one not written by ``excluding_author``: someone else's
    work to approve), read from the claim's own columns (``verdict_columns``, kept by the
    verdict services): an index range, never a subquery per claim (issue 15)."""
    queryset = queryset.filter(awaiting_approval=True)
    if excluding_author is not None:  # proposed_by None: several authors, someone else too
        queryset = queryset.exclude(proposed_by=excluding_author)
    return queryset


def claim_verdicts(claim: Claim) -> list[Verdict]:
    """Every verdict of a claim, newest first (the verdict trail)."""
    return list(
        claim.verdicts.select_related("author", "approved_by", "supersedes").order_by("-created_at")
    )


def verdict_published_of(claim: Claim) -> Verdict | None:
    """The claim's published verdict, with what its ClaimReview needs."""
    return verdicts_published().filter(claim=claim).first()


def verdicts_published() -> QuerySet[Verdict]:
    """Every published verdict, newest first (the ClaimReview feed)."""
    return (
        Verdict.objects.select_related("claim__article")
        .filter(status=Verdict.Status.PUBLISHED)
        .order_by("-published_at", "-id")
    )


def claim_published_at(claim: Claim) -> datetime | None:
    """When the claim's current fact-check was published (None: nothing published)."""
    return (
        Verdict.objects.filter(claim=claim, status=Verdict.Status.PUBLISHED)
        .values_list("published_at", flat=True)
        .first()
    )


def article_has_published_claims(article: Article) -> bool:
    """Whether a published ClaimReview shows this article (its author, outlet, URL, date)."""
    return Verdict.objects.filter(claim__article=article, status=Verdict.Status.PUBLISHED).exists()


def citation_is_published(citation: Citation) -> bool:
    """A citation of the claim's published verdict: there before the verdict was published."""
    published_at = claim_published_at(citation.claim)
    return published_at is not None and citation.created_at <= published_at
