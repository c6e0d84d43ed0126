"""Which verdict is a claim's: one definition for the admin, the API, exports and search."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

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


def claims_rating_drift(*, ids_from: int, ids_to: int) -> list[tuple[int, str, str]]:
    """Claims with ids in ``[ids_from, ids_to)`` whose ``current_rating`` column disagrees
    with their verdicts: (id, the column, what ``verdict_current`` says; "" for none)."""
    return list(
        Claim.objects.filter(pk__gte=ids_from, pk__lt=ids_to)
        .annotate(computed=Coalesce(verdict_current(), Value("")))
        .exclude(current_rating=F("computed"))
        .order_by("pk")
        .values_list("pk", "current_rating", "computed")
    )


def awaiting_approval(*, excluding_author=None) -> Exists:
    """Whether the claim has a proposed verdict (not written by ``excluding_author``)."""
    proposed = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.PROPOSED)
    if excluding_author is not None:
        proposed = proposed.exclude(author=excluding_author)
    return Exists(proposed)


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
