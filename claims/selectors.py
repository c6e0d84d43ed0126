"""Read-side of claims: querysets and read models for the admin (and anyone else)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from claims.models import Article, Citation, Claim, EvidencePassage, Verdict
from sources.models import Snapshot, Source
from sources.selectors import latest_snapshot

# Annotations ----------------------------------------------------------------------------


def latest_verdict_rating():
    """The rating of the claim's current verdict (published, else the newest proposed)."""
    return Subquery(
        Verdict.objects.filter(claim=OuterRef("pk"))
        .exclude(status__in=[Verdict.Status.SUPERSEDED, Verdict.Status.REJECTED])
        .order_by("-created_at")
        .values("rating")[:1]
    )


def awaiting_approval():
    return Exists(Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.PROPOSED))


def claims_for_review(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims with what a reviewer's list shows, in a constant number of queries."""
    queryset = Claim.objects.all() if queryset is None else queryset
    return queryset.select_related("article", "assignee").annotate(
        latest_rating=latest_verdict_rating(),
        awaiting_approval=awaiting_approval(),
    )


def claims_queue(queryset: QuerySet[Claim], queue: str, user) -> QuerySet[Claim]:
    """The changelist's queues: mine, unassigned, awaiting approval (by someone else)."""
    open_statuses = [Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED]
    if queue == "mine":
        return queryset.filter(assignee=user).exclude(status=Claim.Status.DISMISSED)
    if queue == "unassigned":
        return queryset.filter(assignee__isnull=True, status__in=open_statuses)
    if queue == "awaiting":
        return queryset.filter(
            Exists(Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.PROPOSED))
        )
    if queue == "awaiting_me":
        return queryset.filter(
            Exists(
                Verdict.objects.filter(
                    claim=OuterRef("pk"), status=Verdict.Status.PROPOSED
                ).exclude(author=user)
            )
        )
    return queryset


# The claim page ---------------------------------------------------------------------------


def claim_verdicts(claim: Claim) -> list[Verdict]:
    return list(
        claim.verdicts.select_related("author", "approved_by", "supersedes").order_by("-created_at")
    )


def claim_evidence(claim: Claim) -> list[tuple[Citation, list[EvidencePassage]]]:
    """Each citation of the claim with its ranked evidence passages."""
    citations = list(
        claim.citations.select_related("source")
        .annotate(snapshot_status=latest_snapshot("status", source_ref="source"))
        .order_by("created_at")
    )
    passages: dict[int, list[EvidencePassage]] = {c.pk: [] for c in citations}
    for passage in EvidencePassage.objects.filter(citation__claim=claim).order_by(
        "citation", "rank"
    ):
        passages[passage.citation_id].append(passage)
    return [(c, passages[c.pk]) for c in citations]


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: Any
    what: str  # "Claim", "Citation …", "Verdict …"
    action: str  # Created / Changed / Deleted
    changes: list[str]
    url: str = ""


_HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
_AUDITED_FIELDS = {
    "claim": ["status", "assignee", "dismissal_reason", "dismissal_note", "text", "kind"],
    "citation": ["relation", "note"],
    "verdict": ["status", "rating", "explanation", "approved_by", "published_at", "supersedes"],
}


def claim_audit_trail(claim: Claim) -> list[AuditEntry]:
    """Everything done to a claim, its citations and its verdicts, newest first.

    Deleted citations and superseded or rejected verdicts stay in the trail: simple-history
    keeps a record for every save and delete.
    """
    entries: list[AuditEntry] = []
    groups = [
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
    users = {}
    for kind, records, label in groups:
        records = list(records.select_related("history_user").order_by("history_date"))
        previous: dict[int, Any] = {}
        for record in records:
            changes = _changes(kind, previous.get(record.id), record, users)
            previous[record.id] = record
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


# Seen before ------------------------------------------------------------------------------


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
    others = Claim.objects.exclude(article=claim.article_id).exclude(status=Claim.Status.DISMISSED)
    rating = Subquery(
        Verdict.objects.filter(
            claim=OuterRef("pk"), status__in=[Verdict.Status.PUBLISHED, Verdict.Status.PROPOSED]
        )
        .order_by("-published_at", "-created_at")
        .values("rating")[:1]
    )
    verdict_status = Subquery(
        Verdict.objects.filter(
            claim=OuterRef("pk"), status__in=[Verdict.Status.PUBLISHED, Verdict.Status.PROPOSED]
        )
        .order_by("-published_at", "-created_at")
        .values("status")[:1]
    )
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


# The article reading view -----------------------------------------------------------------


def article_claims_for_reading(article: Article) -> list[Claim]:
    return list(article.claims.annotate(latest_rating=latest_verdict_rating()).order_by("position"))


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


# The dashboard ----------------------------------------------------------------------------


def dashboard_stats() -> dict[str, Any]:
    """Counts for the admin index: claims by status and verdict, and the archive's health."""
    by_status = dict(
        Claim.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_rating = dict(
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
        .order_by()
        .values_list("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    snapshots = dict(
        Snapshot.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    live = dict(
        Source.objects.order_by()
        .values_list("live_status")
        .annotate(n=Count("pk"))
        .values_list("live_status", "n")
    )
    awaiting = Verdict.objects.filter(status=Verdict.Status.PROPOSED).count()
    statuses = [(value, label, by_status.get(value, 0)) for value, label in Claim.Status.choices]
    ratings = [(value, label, by_rating.get(value, 0)) for value, label in Verdict.Rating.choices]
    return {
        "claims_total": sum(by_status.values()),
        "statuses": _bars(statuses),
        "ratings": _bars(ratings),
        "awaiting_approval": awaiting,
        "snapshots": snapshots,
        "snapshots_failed": snapshots.get(Snapshot.Status.FAILED, 0),
        "snapshots_blocked": snapshots.get(Snapshot.Status.BLOCKED, 0),
        "snapshots_active": sum(snapshots.get(s, 0) for s in Snapshot.ACTIVE_STATUSES),
        "snapshots_succeeded": snapshots.get(Snapshot.Status.SUCCEEDED, 0),
        "sources_gone": live.get(Source.LiveStatus.GONE, 0),
        "sources_changed": live.get(Source.LiveStatus.CHANGED, 0),
        "sources_total": sum(live.values()),
        "articles_failed": Article.objects.filter(
            extraction_status=Article.ExtractionStatus.FAILED
        ).count(),
        "unassigned_open": Claim.objects.filter(
            assignee__isnull=True,
            status__in=[Claim.Status.NEW, Claim.Status.IN_REVIEW],
        ).count(),
        "citations_without_evidence": Citation.objects.filter(
            evidence_status__in=[Citation.EvidenceStatus.NONE, Citation.EvidenceStatus.UNAVAILABLE]
        ).count(),
    }


def _bars(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    top = max((n for _, _, n in rows), default=0) or 1
    return [
        {"value": value, "label": label, "count": n, "percent": round(100 * n / top)}
        for value, label, n in rows
    ]


# Export -----------------------------------------------------------------------------------


def article_claims_export(article: Article) -> list[dict[str, Any]]:
    """An article's claims with their verdicts (all, oldest first) and cited sources."""
    claims = list(
        article.claims.order_by("position").prefetch_related(
            "citations__source", "verdicts__author", "verdicts__approved_by"
        )
    )
    status_by_source = dict(
        Snapshot.objects.filter(source__citations__claim__article=article)
        .order_by("source", "created_at")  # the newest snapshot of each source wins
        .values_list("source", "status")
    )
    rows = []
    for claim in claims:
        verdicts = sorted(claim.verdicts.all(), key=lambda v: v.created_at)
        current = next(
            (v for v in reversed(verdicts) if v.status == Verdict.Status.PUBLISHED), None
        )
        rows.append(
            {
                "position": claim.position,
                "text": claim.text,
                "span_text": claim.span_text,
                "start": claim.start,
                "end": claim.end,
                "kind": claim.kind,
                "checkworthiness": claim.checkworthiness,
                "status": claim.status,
                "dismissal_reason": claim.dismissal_reason,
                "verdict": current.rating if current else "",
                "verdict_explanation": current.explanation if current else "",
                "verdicts": [
                    {
                        "rating": v.rating,
                        "status": v.status,
                        "explanation": v.explanation,
                        "author": v.author.get_username(),
                        "approved_by": v.approved_by.get_username() if v.approved_by else "",
                        "published_at": v.published_at.isoformat() if v.published_at else "",
                        "supersedes": v.supersedes_id,
                        "id": v.pk,
                    }
                    for v in verdicts
                ],
                "sources": [
                    {
                        "url": c.source.url,
                        "relation": c.relation,
                        "note": c.note,
                        "archive": status_by_source.get(c.source_id, ""),
                    }
                    for c in claim.citations.all()
                ],
            }
        )
    return rows


def article_export(article: Article) -> dict[str, Any]:
    """One article with its claims, verdicts and sources: the JSON export (and import) shape."""
    return {
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "body_sha256": article.body_sha256,
            "exported_at": timezone.now().isoformat(),
        },
        "claims": article_claims_export(article),
    }


EXPORT_CSV_COLUMNS = [
    "article_id",
    "position",
    "text",
    "span_text",
    "start",
    "end",
    "kind",
    "checkworthiness",
    "status",
    "dismissal_reason",
    "verdict",
    "verdict_explanation",
    "verdict_author",
    "verdict_approved_by",
    "verdict_published_at",
    "earlier_verdicts",
    "sources",
]


def articles_export_csv(articles: Iterable[Article]) -> str:
    """One CSV row per claim: its published verdict, earlier verdicts and sources flattened."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for article in articles:
        for row in article_claims_export(article):
            current = next(
                (v for v in row["verdicts"] if v["status"] == Verdict.Status.PUBLISHED), {}
            )
            earlier = [v for v in row["verdicts"] if v is not current]
            writer.writerow(
                {
                    **row,
                    "article_id": article.pk,
                    "verdict_author": current.get("author", ""),
                    "verdict_approved_by": current.get("approved_by", ""),
                    "verdict_published_at": current.get("published_at", ""),
                    "earlier_verdicts": "; ".join(
                        f"{v['rating']} ({v['status']}, by {v['author']})" for v in earlier
                    ),
                    "sources": " | ".join(f"{s['relation']}: {s['url']}" for s in row["sources"]),
                }
            )
    return out.getvalue()
