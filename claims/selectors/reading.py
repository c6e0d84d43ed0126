"""The article reading view: claims at their spans, page furniture greyed out."""

from __future__ import annotations

from collections.abc import Iterable

from claims.models import Article, Claim
from claims.selectors.verdicts import verdict_current


def article_claims_for_reading(article: Article, ids: Iterable[int] | None = None) -> list[Claim]:
    """The article's claims (only ``ids`` when given) in text order, with their verdict."""
    claims = article.claims.all() if ids is None else article.claims.filter(pk__in=list(ids))
    return list(claims.annotate(latest_rating=verdict_current()).order_by("position"))


def claim_pieces(claim: Claim, body_length: int) -> list[tuple[int, int]]:
    """The claim's spans in its article's body: the extractor's pieces while still valid,
    else its whole span; none when its anchor is lost."""
    if claim.details.get("anchor") == "lost" or not 0 <= claim.start < claim.end <= body_length:
        return []
    pieces = []
    for piece in claim.details.get("spans") or []:
        try:
            start, end = int(piece[0]), int(piece[1])
        except (TypeError, ValueError, IndexError):
            return [(claim.start, claim.end)]
        if not claim.start <= start < end <= claim.end:
            return [(claim.start, claim.end)]  # stale pieces (re-anchored claim)
        pieces.append((start, end))
    return pieces or [(claim.start, claim.end)]


def not_claims_of(article: Article) -> list[tuple[int, int, str, str]]:
    """What extraction left out of the article, as (start, end, css class, reason): stored at
    extraction; for an article extracted before that was stored, its page furniture."""
    from claims.extraction.screen import FURNITURE

    stored = [
        (int(item["span"][0]), int(item["span"][1]), str(item["reason"]))
        for item in article.not_claims or []
        if isinstance(item, dict) and "span" in item
    ]
    if not stored:
        stored = [(s, e, FURNITURE) for s, e in furniture_spans_of(article.body)]
    length = len(article.body)
    return [
        (s, e, "furniture" if reason == FURNITURE else "not-claim", f"Not a claim: {reason}")
        for s, e, reason in stored
        if 0 <= s < e <= length
    ]


def furniture_spans_of(text: str) -> list[tuple[int, int]]:
    """Spans stripped as page furniture by extraction; empty if extraction cannot say."""
    try:
        from claims.extraction import furniture_spans
    except ImportError:
        return []
    try:
        return [(int(a), int(b)) for a, b in furniture_spans(text)]
    except Exception:  # a bug in a helper's heuristics must not break the reading view
        return []
