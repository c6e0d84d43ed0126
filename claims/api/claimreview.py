"""schema.org ClaimReview (Google fact-check markup) for published verdicts, as JSON-LD.

Rating scale: ratingValue 1..7 (worstRating 1, bestRating 7), one value per rating, so the
mapping is invertible and ``alternateName`` carries our label:

    false 1 · mostly false 2 · misleading 3 · unverifiable 4 · half true 5 · mostly true 6 · true 7

"Unverifiable" takes the neutral midpoint (4): the evidence leans neither way. Consumers that
care should read ``alternateName`` ("Unverifiable"), which Google shows as the textual rating.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from claims.models import Verdict
from claims.public.paths import fact_check_path

SCHEMA_ORG = "https://schema.org"
WORST_RATING = 1
BEST_RATING = 7
RATING_VALUES: dict[str, int] = {
    Verdict.Rating.FALSE: 1,
    Verdict.Rating.MOSTLY_FALSE: 2,
    Verdict.Rating.MISLEADING: 3,
    Verdict.Rating.UNVERIFIABLE: 4,
    Verdict.Rating.HALF_TRUE: 5,
    Verdict.Rating.MOSTLY_TRUE: 6,
    Verdict.Rating.TRUE: 7,
}
assert set(RATING_VALUES) == set(Verdict.Rating), "every rating needs a ratingValue"


def organisation() -> dict[str, str]:
    """The publisher (``CLAIMREVIEW_ORG_NAME``, ``_URL`` and ``_LOGO``, from the environment)."""
    publisher = {
        "@type": "Organization",
        "name": settings.CLAIMREVIEW_ORG_NAME,
        "url": settings.CLAIMREVIEW_ORG_URL,
    }
    if settings.CLAIMREVIEW_ORG_LOGO:
        publisher["logo"] = settings.CLAIMREVIEW_ORG_LOGO
    return publisher


def claimreview(verdict: Verdict, *, absolute, with_context: bool = True) -> dict[str, Any]:
    """The ClaimReview of one published verdict.

    ``verdict`` must come with ``claim__article`` selected. ``absolute`` turns a path into an
    absolute URL (``request.build_absolute_uri``). ``url`` is the public fact-check page (the
    API, the public page's embedded JSON-LD and the feeds all call this one builder);
    ``appearance`` is the article's own address, left out when the article was pasted
    without one (our internal pages are no appearance a reader could open).
    """
    claim = verdict.claim
    article = claim.article
    if article.author:
        claim_author: dict[str, Any] = {"@type": "Person", "name": article.author}
    else:
        claim_author = {"@type": "Organization", "name": article.outlet or "Unknown"}
    if article.outlet and article.author:
        claim_author["affiliation"] = {"@type": "Organization", "name": article.outlet}
    appeared_on = article.published_on or timezone.localdate(article.created_at)
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": claim_author,
        "datePublished": appeared_on.isoformat(),
    }
    if article.url:
        item["appearance"] = {"@type": "CreativeWork", "url": article.url}
        item["firstAppearance"] = {"@type": "CreativeWork", "url": article.url}
    review = {
        "@type": "ClaimReview",
        "url": absolute(fact_check_path(claim)),
        "claimReviewed": claim.text,
        "datePublished": timezone.localdate(verdict.published_at).isoformat(),
        "author": organisation(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[verdict.rating],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict.get_rating_display(),
            "ratingExplanation": verdict.explanation,
        },
        "itemReviewed": item,
    }
    if with_context:
        return {"@context": SCHEMA_ORG, **review}
    return review


def claimreview_feed(verdicts, *, absolute) -> dict[str, Any]:
    """A schema.org DataFeed of ClaimReviews, newest first."""
    elements = [claimreview(v, absolute=absolute, with_context=False) for v in verdicts]
    latest = max((v.published_at for v in verdicts), default=None)
    feed: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "DataFeed",
        "name": f"{settings.CLAIMREVIEW_ORG_NAME} fact-checks",
        "url": absolute("/api/v1/claimreview"),
        "author": organisation(),
        "dataFeedElement": elements,
    }
    if latest:
        feed["dateModified"] = latest.isoformat()
    return feed


def _obj(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required}


_STRING = {"type": "string"}
_THING = _obj({"@type": _STRING, "name": _STRING, "url": _STRING, "logo": _STRING}, ["@type"])
_REVIEW_PROPERTIES = {
    "@type": {"type": "string", "enum": ["ClaimReview"]},
    "url": _STRING,
    "claimReviewed": _STRING,
    "datePublished": {"type": "string", "format": "date"},
    "author": _THING,
    "reviewRating": _obj(
        {
            "@type": _STRING,
            "ratingValue": {"type": "integer", "minimum": WORST_RATING, "maximum": BEST_RATING},
            "bestRating": {"type": "integer"},
            "worstRating": {"type": "integer"},
            "alternateName": _STRING,
            "ratingExplanation": _STRING,
        },
        ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
    ),
    "itemReviewed": _obj(
        {
            "@type": _STRING,
            "author": _THING,
            "datePublished": {"type": "string", "format": "date"},
            "appearance": _THING,
            "firstAppearance": _THING,
        },
        ["@type", "author", "datePublished"],
    ),
}
_REVIEW_REQUIRED = [
    "@type",
    "url",
    "claimReviewed",
    "datePublished",
    "author",
    "reviewRating",
    "itemReviewed",
]
CLAIMREVIEW_SCHEMA = _obj(
    {"@context": _STRING, **_REVIEW_PROPERTIES}, ["@context", *_REVIEW_REQUIRED]
)
FEED_SCHEMA = _obj(
    {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "name": _STRING,
        "url": _STRING,
        "author": _THING,
        "dateModified": {"type": "string", "format": "date-time"},
        "dataFeedElement": {
            "type": "array",
            "items": _obj(_REVIEW_PROPERTIES, _REVIEW_REQUIRED),
        },
    },
    ["@context", "@type", "dataFeedElement"],
)
