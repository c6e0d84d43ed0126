"""Addresses of the public pages: one place, for the views, the feed and ClaimReview's ``url``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.text import slugify

SLUG_LENGTH = 60


def fact_check_slug(text: str) -> str:
    """A readable, ASCII slug of the claim's words, cut at a word boundary."""
    slug = slugify(text)
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "claim"


def fact_check_path(claim: Any) -> str:
    """The public page of the claim's fact-check: ``/fact-checks/<claim id>-<slug>/``. The id
    makes it stable (a correction is published at the same address); a changed slug
    redirects."""
    return reverse(
        "public:fact-check", kwargs={"pk": claim.pk, "slug": fact_check_slug(claim.text)}
    )


def fact_check_index_path() -> str:
    return reverse("public:index")
