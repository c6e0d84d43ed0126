"""Sources (one row per normalised URL) and their archive snapshots."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Source(models.Model):
    class LiveStatus(models.TextChoices):
        UNKNOWN = "unknown", "Not checked yet"
        OK = "ok", "Live, unchanged"
        CHANGED = "changed", "Live, content changed"
        GONE = "gone", "Gone (404/410 or DNS failure)"
        ERROR = "error", "Check failed"

    url = models.URLField(max_length=2048, unique=True, help_text="Normalised URL.")
    domain = models.CharField(max_length=255, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    live_status = models.CharField(
        max_length=16, choices=LiveStatus.choices, default=LiveStatus.UNKNOWN
    )
    live_checked_at = models.DateTimeField(null=True, blank=True)
    live_detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url


class Snapshot(models.Model):
    """One attempt to archive a source. Succeeded snapshots are immutable evidence."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        BLOCKED = "blocked", "Blocked"

    class WaybackStatus(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ARCHIVED = "archived", "Archived"
        FAILED = "failed", "Failed"

    class TextStatus(models.TextChoices):
        """The text step of a succeeded capture (docs/archiving.md, "Life of a snapshot")."""

        NONE = "", "Nothing captured to read"
        PENDING = "pending", "Waiting for text extraction"
        DONE = "done", "Main text extracted"
        NO_TEXT = "no_text", "No text in the capture"
        FAILED = "failed", "Text extraction failed"

    class CaptureMode(models.TextChoices):
        HTTP = "http", "Raw HTTP response"
        BROWSER = "browser", "Browser (Chromium)"

    ACTIVE_STATUSES = (Status.QUEUED, Status.FETCHING)
    FINAL_STATUSES = (Status.SUCCEEDED, Status.FAILED, Status.BLOCKED)

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A snapshot past its lease is re-queued: a queued or fetching one for its "
        "capture, a succeeded one whose text is pending for its text step.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)

    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2048, blank=True)
    redirect_chain = models.JSONField(default=list, blank=True)
    response_headers = models.JSONField(default=list, blank=True)
    content_type = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    body = models.FileField(max_length=255, blank=True)
    warc = models.FileField(max_length=255, blank=True)
    warc_sha256 = models.CharField(max_length=64, blank=True)
    title = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Main text extracted from the page.")
    page_starts = models.JSONField(
        default=list,
        blank=True,
        help_text="PDFs: the offset in text where each page starts (page 1 at 0); "
        "pages are separated by a blank line. Empty for web pages.",
    )
    published = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=16,
        blank=True,
        help_text="Language of the main text (ISO 639-1), detected as for articles "
        "(workbench.langid); empty when there is no text.",
    )
    timings = models.JSONField(default=dict, blank=True)

    # The text step, after the capture (its own queue): title, text, published, language and
    # page_starts above are written by it, once, with text_status leaving "pending".
    text_status = models.CharField(
        max_length=16, choices=TextStatus.choices, default=TextStatus.PENDING, blank=True
    )
    text_reason = models.CharField(
        max_length=64, blank=True, help_text="Why there is no text: a reason code."
    )
    text_message = models.TextField(
        blank=True, help_text="What the text step noted (why the text is empty or partial)."
    )
    text_finished_at = models.DateTimeField(null=True, blank=True)

    # How the page was captured (docs/archiving.md, "Browser capture"). A browser capture
    # keeps a screenshot and the WARC of every request the page made.
    capture_mode = models.CharField(
        max_length=16, choices=CaptureMode.choices, default=CaptureMode.HTTP, blank=True
    )
    capture_partial = models.CharField(
        max_length=64, blank=True, help_text="Why the browser capture was cut short (a budget)."
    )
    capture_note = models.TextField(
        blank=True, help_text="Why the raw capture was kept when the browser was asked for."
    )
    capture_requests = models.JSONField(
        default=dict, blank=True, help_text="Requests the page made, blocked and failed."
    )
    screenshot = models.FileField(max_length=255, blank=True)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    screenshot_width = models.PositiveIntegerField(null=True, blank=True)
    screenshot_height = models.PositiveIntegerField(null=True, blank=True)

    error_reason = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)

    # A second copy at the Wayback Machine (Save Page Now), when enabled. Bookkeeping of that
    # submission only: the capture fields above never change once the snapshot succeeded.
    wayback_status = models.CharField(
        max_length=16, choices=WaybackStatus.choices, blank=True, default=""
    )
    wayback_job_id = models.CharField(max_length=100, blank=True)
    wayback_url = models.URLField(max_length=2048, blank=True)
    wayback_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(status__in=["queued", "fetching"]),
                name="snapshot_one_active_per_source",
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | ~Q(sha256=""),
                name="snapshot_succeeded_has_sha256",
            ),
        ]
        indexes = [models.Index(fields=["source", "-created_at"])]

    def __str__(self) -> str:
        # "Snapshot 12 of 3" read as "the 12th of three": name what each number is.
        return f"Snapshot #{self.pk} of source #{self.source_id} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    @property
    def text_pending(self) -> bool:
        """Captured, and its text step has not finished yet."""
        return self.status == self.Status.SUCCEEDED and self.text_status == self.TextStatus.PENDING

    @property
    def text_settled(self) -> bool:
        """Captured, and its text step has finished (with text, without, or failed)."""
        return self.status == self.Status.SUCCEEDED and self.text_status in (
            self.TextStatus.DONE,
            self.TextStatus.NO_TEXT,
            self.TextStatus.FAILED,
        )
