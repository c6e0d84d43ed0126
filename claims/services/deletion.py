"""Deleting an article: one call, in bulk, whatever its size (issue 13).

Django's generic deletion (the admin's, ``Model.delete()``) collects every claim as an object
to send its signals and record its history one row at a time: minutes for a 1 MB article
with 8,000 claims. Here the claims go in one ``DELETE``; the article's own deletion is
recorded in its history, with who deleted it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from claims import policies
from claims.models import Article, Citation, Claim, Verdict, record_history_by
from workbench.errors import Conflict, PermissionDenied


@dataclass(frozen=True)
class ArticleDeletion:
    """What deleting an article removes, or what stops it (review work is never deleted)."""

    claims: int
    citations: int
    verdicts: int

    @property
    def blocked(self) -> bool:
        return bool(self.citations or self.verdicts)

    @property
    def reason(self) -> str:
        return (
            f"It has review work: {self.citations} citation(s) and {self.verdicts} verdict(s) "
            "on its claims. Review work is never deleted with an article."
        )


def article_deletion_preview(*, article: Article) -> ArticleDeletion:
    """Counts only (three indexed queries): what ``article_delete`` would remove."""
    return ArticleDeletion(
        claims=Claim.objects.filter(article=article).count(),
        citations=Citation.objects.filter(claim__article=article).count(),
        verdicts=Verdict.objects.filter(claim__article=article).count(),
    )


def article_delete(*, article: Article, by) -> int:
    """Delete ``article`` and its claims; returns how many claims went. Editors only; refused
    while any of its claims has citations or verdicts (``PROTECT``: review work stays)."""
    if not policies.may_delete_article(by):
        raise PermissionDenied("Only editors can delete articles; ask an editor.")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        preview = article_deletion_preview(article=article)
        if preview.blocked:
            raise Conflict(f"“{article}” cannot be deleted. {preview.reason}")
        claims = Claim.objects.filter(article=article)
        # Claims of other articles that point at these ones lose the pointer (SET_NULL).
        others = Claim.objects.exclude(article=article)
        others.filter(duplicate_of__article=article).update(duplicate_of=None)
        others.filter(near_copy_of__article=article).update(near_copy_of=None)
        deleted = claims._raw_delete(claims.db)  # one DELETE: no per-claim signals or history
        record_history_by(article, by)
        article.delete()
    return deleted
