"""Admin for sources and snapshots.

Archived bytes are never rendered on the admin's origin: bodies and WARC files are served as
sandboxed attachments by ``download_view``.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from sources import services
from sources.archiving.reader import reader_html
from sources.downloads import snapshot_download, snapshot_screenshot, snapshot_wacz
from sources.models import Snapshot, Source
from sources.selectors import snapshot_latest

# The reader page runs the admin's own static files and nothing else.
READER_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _charset(snapshot: Snapshot) -> str | None:
    for name, value in snapshot.response_headers:
        if name.lower() == "content-type" and "charset=" in value.lower():
            return value.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    return None


def screenshot_link(snapshot: Snapshot) -> str:
    """A thumbnail of a snapshot's screenshot that opens it full size (in a new tab)."""
    url = reverse("admin:sources_snapshot_screenshot", args=[snapshot.pk])
    return format_html(
        '<a href="{}" target="_blank" rel="noopener" class="wb-screenshot">'
        '<img src="{}" alt="Screenshot of the archived page ({} by {} px)" loading="lazy" '
        'style="width:240px;height:160px;object-fit:cover;object-position:top;'
        'border:1px solid var(--hairline-color)"></a>',
        url,
        url,
        snapshot.screenshot_width or "?",
        snapshot.screenshot_height or "?",
    )


SNAPSHOT_COLUMNS = (
    "link",
    "status",
    "http_status",
    "size",
    "sha256",
    "created_at",
    "finished_at",
)


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    fields = readonly_fields = SNAPSHOT_COLUMNS
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-created_at"]

    @admin.display(description="Snapshot")
    def link(self, obj):
        url = reverse("admin:sources_snapshot_change", args=[obj.pk])
        return format_html('<a href="{}">#{}</a>', url, obj.pk)


class LatestSnapshotFilter(admin.SimpleListFilter):
    """Sources by the status of their latest snapshot (what the dashboard counts)."""

    title = "latest snapshot"
    parameter_name = "latest"

    def lookups(self, request, model_admin):
        return Snapshot.Status.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(latest_status=value) if value else queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["url", "domain", "latest_status", "live_status", "live_checked_at"]
    list_filter = [LatestSnapshotFilter, "live_status"]
    search_fields = ["url", "domain"]
    readonly_fields = [
        "url",
        "domain",
        "created_at",
        "created_by",
        "live_status",
        "live_checked_at",
        "live_detail",
    ]
    inlines = [SnapshotInline]
    actions = ["archive_now"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(latest_status=snapshot_latest("status"))

    def has_add_permission(self, request):
        return False  # sources are created by citing a URL on a claim

    @admin.display(description="Latest snapshot", ordering="latest_status")
    def latest_status(self, obj):
        return obj.latest_status or "-"

    def get_urls(self):
        retry = require_POST(self.retry_view)
        return [
            path("<int:pk>/retry/", self.admin_site.admin_view(retry), name="sources_source_retry"),
            *super().get_urls(),
        ]

    def retry_view(self, request, pk: int):
        """*Archive again* on the source's page: a new snapshot under the current settings."""
        source = get_object_or_404(Source, pk=pk)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        services.source_archive_retry(source_id=source.pk, by=request.user)
        self.message_user(request, f"Archiving {source.url} again.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:sources_source_change", args=[pk]))

    @admin.action(description="Archive now")
    def archive_now(self, request, queryset):
        for source in queryset:
            services.snapshot_request(source=source, by=request.user)
        self.message_user(
            request, f"Archiving queued for {queryset.count()} source(s).", messages.SUCCESS
        )


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "source",
        "status",
        "http_status",
        "size",
        "text_status",
        "language",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "text_status"]
    search_fields = ["source__url", "sha256", "title"]
    list_select_related = ["source"]
    exclude = ["body", "warc", "screenshot"]
    readonly_fields = [
        "source",
        "status",
        "downloads",
        "screenshot_thumbnail",
        "capture_mode",
        "capture_partial",
        "capture_note",
        "capture_requests",
        "screenshot_sha256",
        "screenshot_width",
        "screenshot_height",
        "error_reason",
        "error_message",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
        "http_status",
        "final_url",
        "redirect_chain",
        "response_headers",
        "content_type",
        "size",
        "sha256",
        "warc_sha256",
        "title",
        "published",
        "text_status",
        "text_reason",
        "text_message",
        "text_finished_at",
        "language",
        "text",
        "timings",
        "lease_expires_at",
        "wayback_status",
        "wayback_url",
        "wayback_detail",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # archived evidence is immutable

    @admin.display(description="Downloads")
    def downloads(self, obj):
        if obj.status != Snapshot.Status.SUCCEEDED:
            return "-"
        if not obj.warc:
            return format_html(
                '<a href="{}">reader view</a> · <a href="{}">raw body</a>',
                reverse("admin:sources_snapshot_reader", args=[obj.pk]),
                reverse("admin:sources_snapshot_download", args=[obj.pk, "body"]),
            )
        return format_html(
            '<a href="{}">reader view</a> · <a href="{}">raw body</a> · <a href="{}">WARC</a>'
            ' · <a href="{}" id="download-wacz">WACZ</a>',
            reverse("admin:sources_snapshot_reader", args=[obj.pk]),
            reverse("admin:sources_snapshot_download", args=[obj.pk, "body"]),
            reverse("admin:sources_snapshot_download", args=[obj.pk, "warc"]),
            reverse("admin:sources_snapshot_download", args=[obj.pk, "wacz"]),
        )

    @admin.display(description="Screenshot")
    def screenshot_thumbnail(self, obj):
        if not obj.screenshot:
            return "-"
        return screenshot_link(obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/screenshot/",
                self.admin_site.admin_view(self.screenshot_view),
                name="sources_snapshot_screenshot",
            ),
            path(
                "<int:pk>/download/<str:kind>/",
                self.admin_site.admin_view(self.download_view),
                name="sources_snapshot_download",
            ),
            path(
                "<int:pk>/reader/",
                self.admin_site.admin_view(self.reader_view),
                name="sources_snapshot_reader",
            ),
            *super().get_urls(),
        ]

    def reader_view(self, request, pk: int):
        """The page's main content as sanitised HTML, under a CSP that loads nothing remote."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        snapshot = get_object_or_404(
            Snapshot.objects.select_related("source"), pk=pk, status=Snapshot.Status.SUCCEEDED
        )
        with snapshot.body.open("rb") as body:
            html = reader_html(body.read(), _charset(snapshot), snapshot.final_url)
        context = {
            **self.admin_site.each_context(request),
            "snapshot": snapshot,
            "reader_html": html,
            "title": f"Reader view of snapshot {snapshot.pk}",
        }
        response = TemplateResponse(request, "admin/sources/snapshot/reader.html", context)
        response["Content-Security-Policy"] = READER_CSP
        return response

    def screenshot_view(self, request, pk: int):
        """The capture's screenshot: an image (``image/png``, nosniff, a CSP of its own)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        snapshot = get_object_or_404(Snapshot, pk=pk, status=Snapshot.Status.SUCCEEDED)
        return snapshot_screenshot(snapshot)

    def download_view(self, request, pk: int, kind: str):
        if not self.has_view_permission(request):
            raise PermissionDenied
        snapshot = get_object_or_404(
            Snapshot.objects.select_related("source"), pk=pk, status=Snapshot.Status.SUCCEEDED
        )
        if kind == "wacz":
            return snapshot_wacz(snapshot)
        return snapshot_download(snapshot, kind)
