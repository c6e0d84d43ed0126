"""Published means frozen.

What a published ClaimReview shows (``claims.api.claimreview``): the claim's words, the
article's author, outlet, URL and date (``ARTICLE_PUBLISHED_FIELDS``), and the citations the
published verdict rests on, changes only by an editor's correction, whose reason is recorded
in the history, or after an editor unpublishes the verdict (``verdict_unpublish``). The
services that write those fields (``claim_update``, ``article_save``, ``citation_update``,
``citation_remove``) call ``correction_reason`` when they would change a published one; the
admin asks ``policies.may_correct_published`` which fields to offer.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from claims import policies
from workbench.errors import DomainError, PermissionDenied

#: simple-history keeps 100 characters of a change's reason
REASON_LENGTH = 100


def correction_reason(*, by: Any, note: str, what: str) -> str:
    """The history's reason for an editor's correction of ``what``; refuses everyone else,
    and a correction without a note."""
    if not policies.may_correct_published(by):
        raise PermissionDenied(
            f"{what} is part of a published fact-check: only an editor's correction changes it "
            "(or an editor unpublishes the verdict first).",
            code="published",
        )
    if not note.strip():
        raise DomainError(
            "This changes a published fact-check: say what you correct and why.",
            code="correction_note_required",
        )
    return history_reason(f"Correction: {note.strip()}")


def history_reason(text: str) -> str:
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def record_reason(instance: models.Model, reason: str) -> None:
    """Make django-simple-history record ``reason`` with the next save or delete."""
    setattr(instance, "_change_reason", reason)  # noqa: B010 - simple-history's documented hook
