# Over 400 lines on purpose: the claims app's tables in one module, as Django expects.
"""Articles, the atomic claims extracted from them, citations and verdicts."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from claims.extraction.types import KINDS
from sources.models import Snapshot, Source


def record_history_by(instance: models.Model, user: Any) -> None:
    """Make django-simple-history record ``user`` as the author of the next save or delete
    of ``instance`` (services set it explicitly: right from the API and the worker too)."""
    setattr(instance, "_history_user", user)  # noqa: B010 - simple-history's documented hook


class ChangedFieldsHistory(HistoricalRecords):
    """History that records a save only when it may change a tracked field: saves limited by
    ``update_fields`` to excluded fields (the article's extraction bookkeeping) leave no row."""

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


#: what a published ClaimReview shows of an article (``claims.api.claimreview``): frozen while
#: one of its claims has a published verdict, but for an editor's correction
ARTICLE_PUBLISHED_FIELDS = ("author", "outlet", "url", "published_on")


class Article(models.Model):
    class ExtractionStatus(models.TextChoices):
        FETCHING = "fetching", "Fetching the page"
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500)
    body = models.TextField(help_text="The article text exactly as received; spans index it.")
    url = models.URLField(max_length=2048, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=16,
        blank=True,
        default="",
        help_text="ISO 639-1 code (en, ru, es, my ...). Detected at extraction unless a "
        "reviewer sets it; claims are then read in that language.",
    )
    language_by_reviewer = models.BooleanField(
        default=False, help_text="The language was set by a reviewer, not detected."
    )
    body_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    extraction_status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    extraction_started_at = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    extracted_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Body hash the current claims were extracted from."
    )
    extractor = models.CharField(max_length=64, blank=True)
    extraction_error = models.TextField(blank=True)
    not_claims = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="What extraction did not take as a claim, [{span, reason}]: for reading.",
    )

    # The article's own words are its body (kept with its hash); the history is for what
    # people change about it, corrections of published fact-checks first.
    history = ChangedFieldsHistory(
        excluded_fields=[
            "body",
            "updated_at",
            "extraction_status",
            "extraction_started_at",
            "extracted_at",
            "extracted_sha256",
            "extractor",
            "extraction_error",
        ]
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="article_created"),
            models.Index(fields=["extraction_status", "-created_at"], name="article_status"),
            models.Index(fields=["language", "-created_at"], name="article_language"),
        ]

    def __str__(self) -> str:
        return self.title


class Claim(models.Model):
    # One vocabulary of kinds: the extractor's (quantity, quote, event, statement...).
    Kind = models.TextChoices("Kind", [(kind.upper(), kind) for kind in KINDS])  # type: ignore[call-overload]  # django-stubs types the class syntax only

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        VERDICT_PROPOSED = "verdict_proposed", "Verdict proposed"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"

    class DismissalReason(models.TextChoices):
        NOT_CHECKWORTHY = "not_checkworthy", "Not check-worthy"
        DUPLICATE = "duplicate", "Duplicate of another claim"
        OUT_OF_SCOPE = "out_of_scope", "Out of scope"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(help_text="The claim as a standalone sentence.")
    start = models.PositiveIntegerField(help_text="Offset of the span's first character.")
    end = models.PositiveIntegerField(help_text="Offset just past the span's last character.")
    span_text = models.TextField(help_text="article.body[start:end], kept to re-anchor on edits.")
    position = models.PositiveIntegerField(help_text="Order of the claim in the article.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STATEMENT)
    checkworthiness = models.FloatField(default=0.5)
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    extractor = models.CharField(max_length=64, blank=True)
    dismissal_reason = models.CharField(max_length=20, choices=DismissalReason.choices, blank=True)
    dismissal_note = models.TextField(blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # Set by triage (claims.services.triage), not by people: the better-scored claim of the same
    # article that this one nearly repeats (claims.triage.copies). Lists show the leader first.
    near_copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_copies",
        help_text="A claim of the same article that this one nearly repeats (set by triage).",
    )
    # Kept by the verdict services (claims.services.verdicts), not by people: the rating of the
    # claim's current verdict (``verdict_current``: the published one, else the newest
    # proposed one), "" for none. The lists filter and order by it (issue 15); ``manage.py
    # check_denormalised`` finds and repairs drift.
    current_rating = models.CharField(
        max_length=16,
        blank=True,
        default="",
        editable=False,
        help_text="Rating of the current verdict (published, else newest proposed); empty: none.",
    )
    # Kept by the same services, for the "awaiting approval" queues (issue 15): whether the
    # claim has a proposed verdict, and whose it is when all its proposed verdicts are one
    # person's (None: none, or several people's). See ``claims.selectors.verdict_columns``.
    awaiting_approval = models.BooleanField(
        default=False, editable=False, help_text="It has a proposed verdict."
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,  # never happens: a verdict's author is protected
        related_name="+",
        db_index=False,  # read only beside awaiting_approval, from its indexes
        help_text="Author of its proposed verdicts when they are one person's; empty otherwise.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "near_copy_of",
            "current_rating",
            "awaiting_approval",
            "proposed_by",
        ]
    )

    class Meta:
        ordering = ["article_id", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismissal_reason=""),
                name="claim_dismissed_has_reason",
            ),
        ]
        # One index per filter and ordering the lists offer (issue 15): the admin orders by
        # check-worthiness (best first), the API by id unless asked otherwise.
        indexes = [
            models.Index(fields=["article", "position"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["-checkworthiness", "-id"], name="claim_triage_order"),
            models.Index(
                fields=["-checkworthiness", "-id"],
                condition=Q(near_copy_of__isnull=True),
                name="claim_leaders_order",
            ),
            models.Index(fields=["status", "-checkworthiness", "-id"], name="claim_status_order"),
            models.Index(fields=["kind", "-checkworthiness", "-id"], name="claim_kind_order"),
            # The default (grouped) list's kind filter: its capped count is an index-only
            # range, not a scan of the table until ten thousand rows of that kind turn up.
            models.Index(
                fields=["kind", "-checkworthiness", "-id"],
                condition=Q(near_copy_of__isnull=True),
                name="claim_kind_leaders",
            ),
            models.Index(
                fields=["current_rating", "-checkworthiness", "-id"], name="claim_rating_order"
            ),
            # The default (grouped) list's verdict filter: its capped count and its page are
            # one index-only range, however many claims have that rating.
            models.Index(
                fields=["current_rating", "-checkworthiness", "-id"],
                condition=Q(near_copy_of__isnull=True),
                name="claim_rating_leaders",
            ),
            # The "awaiting approval" queues (a tenth of the claims or fewer): their page and
            # capped count are one range of a small index (partial: only awaiting rows), with
            # proposed_by in it for "not mine" (the count reads no table row).
            models.Index(
                fields=["-checkworthiness", "-id", "proposed_by"],
                condition=Q(awaiting_approval=True),
                name="claim_awaiting_order",
            ),
            models.Index(
                fields=["-checkworthiness", "-id", "proposed_by"],
                condition=Q(awaiting_approval=True, near_copy_of__isnull=True),
                name="claim_awaiting_leaders",
            ),
            models.Index(fields=["assignee", "-checkworthiness", "-id"], name="claim_mine_order"),
            models.Index(fields=["status", "id"], name="claim_status_id"),
            models.Index(fields=["kind", "id"], name="claim_kind_id"),
            models.Index(fields=["current_rating", "id"], name="claim_rating_id"),
            models.Index(fields=["assignee", "id"], name="claim_assignee_id"),
            models.Index(fields=["created_at", "id"], name="claim_created"),
            models.Index(fields=["updated_at", "id"], name="claim_updated"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."


class Citation(models.Model):
    class Relation(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    class EvidenceStatus(models.TextChoices):
        PENDING = "pending", "Waiting for the archive"
        DONE = "done", "Passages found"
        NONE = "none", "No matching passage"
        UNAVAILABLE = "unavailable", "No archived text"
        NO_TEXT = "no_text", "No text could be extracted from this source"

    # PROTECT: review work is never deleted along with a claim or its article.
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    relation = models.CharField(max_length=16, choices=Relation.choices, default=Relation.CONTEXT)
    note = models.TextField(blank=True, help_text="Why this source matters, or an excerpt.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bookkeeping of the evidence finder (claims.tasks.find_evidence), not reviewer input.
    evidence_status = models.CharField(
        max_length=16, choices=EvidenceStatus.choices, default=EvidenceStatus.PENDING
    )
    evidence_snapshot = models.ForeignKey(
        Snapshot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The snapshot whose text the stored evidence passages come from.",
    )

    evidence_language = models.CharField(
        max_length=16,
        blank=True,
        help_text="Language of the archived text the evidence was looked for in (detected).",
    )
    history = HistoricalRecords(
        excluded_fields=["evidence_status", "evidence_snapshot", "evidence_language"]
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="citation_unique_source")
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.source.url}"


class Verdict(models.Model):
    class Rating(models.TextChoices):
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        HALF_TRUE = "half_true", "Half true"
        MISLEADING = "misleading", "Misleading"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        FALSE = "false", "False"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded by a correction"
        REJECTED = "rejected", "Rejected"
        UNPUBLISHED = "unpublished", "Unpublished by an editor"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    rating = models.CharField(max_length=16, choices=Rating.choices)
    explanation = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["rating", "status"], name="verdict_rating")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status="published"),
                name="verdict_one_published_per_claim",
            ),
            # Four eyes: whoever publishes a verdict did not write it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("author")),
                name="verdict_approver_is_not_author",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(approved_by__isnull=False) & Q(published_at__isnull=False)),
                name="verdict_published_is_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class EvidencePassage(models.Model):
    """A passage of a cited source's archived text that bears on the citing claim.

    Computed by ``claims.passages`` (ranked BM25 plus number/quote/entity matches); replaced
    as a whole whenever evidence is found again for a newer snapshot.
    """

    citation = models.ForeignKey(Citation, on_delete=models.CASCADE, related_name="evidence")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the passage in Snapshot.text.")
    end = models.PositiveIntegerField()
    page = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Page of the source where the passage starts (PDFs); empty for web pages.",
    )
    matched_terms = models.JSONField(default=list, blank=True)
    highlights = models.JSONField(
        default=list, blank=True, help_text="[start, end] pairs of matches, relative to text."
    )
    verbatim_quote = models.BooleanField(
        default=False, help_text="A quote of the claim appears word for word in this passage."
    )
    differences = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Figures and dates the passage states with another value than the claim: "
            '[{"kind", "claim", "passage", "start", "end"}], offsets relative to text.'
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["citation", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["citation", "rank"], name="evidence_unique_rank"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} for citation {self.citation_id} ({self.score:.2f})"


class TriageModel(models.Model):
    """One training of the check-worthiness model (``claims.triage``) and what came of it.

    The row is the state machine of the job (queued → training → trained / failed). A trained
    row keeps the model as its JSON document (weights as data, SHA-256-checksummed; loaded
    only through ``claims.triage.model.load``, never unpickled), its held-out figures beside
    the heuristic's and the previous model's, what it learned from and its top features. At
    most one row is ``active``: the scorer of new claims. Older rows stay, to switch back.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        TRAINING = "training", "Training"
        TRAINED = "trained", "Trained"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        DECISIONS = "decisions", "Enough new decisions (beat)"
        EDITOR = "editor", "An editor (retrain now)"
        COMMAND = "command", "manage.py train_checkworthiness"

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    trigger = models.CharField(max_length=16, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    document = models.TextField(
        blank=True, help_text="The model as a JSON document (claims.triage.model), checksummed."
    )
    checksum = models.CharField(max_length=80, blank=True)
    holdout = models.FloatField(default=0.2, help_text="Share of the examples held out.")
    labels_file = models.CharField(max_length=500, blank=True)
    counts = models.JSONField(
        default=dict, blank=True, help_text="Examples by source and label (training part)."
    )
    figures = models.JSONField(
        default=dict,
        blank=True,
        help_text="Held-out ROC-AUC, AP, F1: this model, the heuristic, the previous model.",
    )
    top_features = models.JSONField(default=dict, blank=True)
    decisions = models.JSONField(
        default=dict,
        blank=True,
        help_text='The decisions it learned from: {"positive": [claim ids], "negative": [...]}.',
    )
    outcome = models.TextField(blank=True, help_text="Why it was (not) made the active model.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "check-worthiness model"
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="triage_one_active_model"
            ),
            models.CheckConstraint(
                condition=Q(active=False) | (Q(status="trained") & ~Q(document="")),
                name="triage_active_is_trained",
            ),
        ]

    def __str__(self) -> str:
        return f"Model #{self.pk} ({self.get_status_display().lower()})"

    @property
    def roc_auc(self) -> float | None:
        return (self.figures.get("model") or {}).get("roc_auc")

    @property
    def decision_count(self) -> int:
        return len(self.decisions.get("positive", [])) + len(self.decisions.get("negative", []))
