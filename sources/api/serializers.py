"""Output serializers of the sources API (sources and snapshots are read-only here)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources.models import Snapshot, Source
from sources.selectors import snapshot_latest_of


def _path(kind: str, pk: int, suffix: str = "") -> str:
    return f"/api/v1/{kind}/{pk}{suffix}"


class SnapshotSummarySerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "api_url",
            "status",
            "http_status",
            "content_type",
            "size",
            "sha256",
            "created_at",
            "finished_at",
            "error_reason",
        ]

    def get_api_url(self, snapshot) -> str:
        return _path("snapshots", snapshot.pk)


class SnapshotSerializer(SnapshotSummarySerializer):
    source = serializers.IntegerField(source="source_id", read_only=True)  # type: ignore[assignment]  # not Field.source
    body_download = serializers.SerializerMethodField()
    warc_download = serializers.SerializerMethodField()

    class Meta(SnapshotSummarySerializer.Meta):
        fields = [
            *SnapshotSummarySerializer.Meta.fields,
            "source",
            "final_url",
            "redirect_chain",
            "warc_sha256",
            "title",
            "published",
            "language",
            "text_status",
            "text_reason",
            "text_finished_at",
            "started_at",
            "attempts",
            "error_message",
            "body_download",
            "warc_download",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_download(self, snapshot):
        return _path("snapshots", snapshot.pk, "/body") if snapshot.body else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_warc_download(self, snapshot):
        return _path("snapshots", snapshot.pk, "/warc") if snapshot.warc else None


class SnapshotDetailSerializer(SnapshotSerializer):
    class Meta(SnapshotSerializer.Meta):
        fields = [
            *SnapshotSerializer.Meta.fields,
            "response_headers",
            "text",
            "text_message",
            "timings",
        ]


class SourceSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    latest_snapshot = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "url",
            "domain",
            "created_at",
            "live_status",
            "live_checked_at",
            "live_detail",
            "latest_snapshot",
        ]

    def get_api_url(self, source) -> str:
        return _path("sources", source.pk)

    @extend_schema_field(SnapshotSummarySerializer(allow_null=True))
    def get_latest_snapshot(self, source):
        snapshot = snapshot_latest_of(source)
        return SnapshotSummarySerializer(snapshot).data if snapshot else None
