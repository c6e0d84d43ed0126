"""The audit trail of a claim: its history, its citations' and its verdicts', newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claims.models import Article, Citation, Claim, Verdict
from sources.models import Source


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: Any
    what: str  # "Article", "Claim", "Citation …", "Verdict …"
    action: str  # Created / Changed / Deleted
    changes: list[str]
    url: str = ""


_HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
_AUDITED_FIELDS = {
    "article": ["author", "outlet", "url", "published_on"],  # what its ClaimReview shows
    "claim": ["status", "assignee", "dismissal_reason", "dismissal_note", "text", "kind"],
    "citation": ["relation", "note"],
    "verdict": ["status", "rating", "explanation", "approved_by", "published_at", "supersedes"],
}


def claim_audit_trail(claim: Claim) -> list[AuditEntry]:
    """Everything done to a claim, its citations and its verdicts, newest first, and the
    corrections of its article (what its ClaimReview shows of the article).

    Deleted citations and superseded or rejected verdicts stay in the trail: simple-history
    keeps a record for every save and delete.
    """
    entries: list[AuditEntry] = []
    groups = [
        ("article", Article.history.filter(id=claim.article_id), lambda r: "Article"),
        ("claim", Claim.history.filter(id=claim.pk), lambda r: "Claim"),
        (
            "citation",
            Citation.history.filter(claim_id=claim.pk).select_related("source"),
            lambda r: f"Citation #{r.id} ({_source_url(r)})",
        ),
        (
            "verdict",
            Verdict.history.filter(claim_id=claim.pk),
            lambda r: f"Verdict #{r.id} ({r.get_rating_display()})",
        ),
    ]
    users: dict[Any, Any] = {}
    for kind, records, label in groups:
        records = list(records.select_related("history_user").order_by("history_date"))
        previous: dict[int, Any] = {}
        for record in records:
            changes = _changes(kind, previous.get(record.id), record, users)
            previous[record.id] = record
            if record.history_change_reason:  # a correction, an unpublishing: why
                changes.append(record.history_change_reason)
            elif kind == "article" and not changes:
                continue  # the article's own edits are on its page; here what ClaimReview shows
            entries.append(
                AuditEntry(
                    when=record.history_date,
                    who=record.history_user,
                    what=label(record),
                    action=_HISTORY_TYPES.get(record.history_type, record.history_type),
                    changes=changes,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _source_url(record) -> str:
    try:
        return record.source.url
    except Source.DoesNotExist:
        return "deleted source"


def _changes(kind: str, before, after, users) -> list[str]:
    out = []
    for name in _AUDITED_FIELDS[kind]:
        field = after._meta.get_field(name)
        old = getattr(before, field.attname) if before is not None else None
        new = getattr(after, field.attname)
        if before is not None and old == new:
            continue
        if before is None and new in (None, ""):
            continue
        shown = _display(field, new, users)
        if before is not None:
            shown = f"{_display(field, old, users)} → {shown}"
        out.append(f"{field.verbose_name}: {shown}")
    return out


def _display(field, value, users) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        model = field.related_model
        if model._meta.model_name == "user" or hasattr(model, "USERNAME_FIELD"):
            if value not in users:
                users[value] = model.objects.filter(pk=value).first()
            return str(users[value] or f"user #{value}")
        return f"#{value}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
