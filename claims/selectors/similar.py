"""Seen before: claims of other articles that say much the same, with their verdicts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from claims.models import Article, Claim
from claims.selectors.verdicts import verdict_current


@dataclass(frozen=True)
class SimilarClaim:
    claim: Claim
    similarity: float
    rating: str | None  # the published (or proposed) verdict's rating
    verdict_status: str | None


TRIGRAM_THRESHOLD = 0.3
JACCARD_THRESHOLD = 0.25
CANDIDATES = 400
_TOKEN_RE = re.compile(r"[^\W_]+")
_SHORT_WORDS = "a an the of to in on for and or by with is was are were it its as at be"
_SHORT = frozenset(_SHORT_WORDS.split())


def claim_tokens(text: str) -> set[str]:
    return {t for t in _TOKEN_RE.findall(text.lower()) if t not in _SHORT and len(t) > 1}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def claims_similar(claim: Claim, *, limit: int = 5) -> list[SimilarClaim]:
    """Similar claims from other articles, with their verdicts.

    PostgreSQL: trigram similarity (pg_trgm, GIN-indexed by migration 0004). SQLite: token
    Jaccard in Python over a bounded candidate set (claims sharing the rarest-looking words).
    """
    # like with like: claims read in the same language (similarity across languages would
    # only measure shared names and numbers)
    language = Article.objects.filter(pk=claim.article_id).values_list("language", flat=True)
    others = (
        Claim.objects.exclude(article=claim.article_id)
        .exclude(status=Claim.Status.DISMISSED)
        .filter(article__language__in=language)
    )
    rating = verdict_current("rating")
    verdict_status = verdict_current("status")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        rows = list(
            others.annotate(
                similarity=TrigramSimilarity("text", claim.text),
                rating=rating,
                verdict_status=verdict_status,
            )
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .select_related("article")
            .order_by("-similarity", "-pk")[:limit]
        )
        return [SimilarClaim(c, round(c.similarity, 3), c.rating, c.verdict_status) for c in rows]

    wanted = claim_tokens(claim.text)
    if not wanted:
        return []
    keys = sorted(wanted, key=len, reverse=True)[:4]  # long words say the most
    match = Q()
    for key in keys:
        match |= Q(text__icontains=key)
    candidates = list(
        others.filter(match)
        .annotate(rating=rating, verdict_status=verdict_status)
        .select_related("article")
        .order_by("-pk")[:CANDIDATES]
    )
    scored = [(jaccard(wanted, claim_tokens(c.text)), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= JACCARD_THRESHOLD]
    scored.sort(key=lambda item: (-item[0], -item[1].pk))
    return [SimilarClaim(c, round(s, 3), c.rating, c.verdict_status) for s, c in scored[:limit]]
