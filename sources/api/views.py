"""Read-only API of sources and their snapshots, with sandboxed downloads of archived bytes."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer

from sources import selectors
from sources.api.filters import SnapshotFilter, SourceFilter
from sources.api.serializers import SnapshotDetailSerializer, SnapshotSerializer, SourceSerializer
from sources.downloads import snapshot_download
from workbench.api.errors import READ_ERRORS, problem_responses
from workbench.api.filters import StrictQueryParams
from workbench.api.renderers import BinaryRenderer


@extend_schema_view(
    list=extend_schema(
        summary="List cited sources",
        description="Every URL cited by a claim, once per normalised URL, with its live status "
        "(whether the page still answers) and its latest snapshot. Filter by domain or status.",
        responses={200: SourceSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A source with its latest snapshot",
        description="One cited URL: when it was first cited, its live status and its latest "
        "archive attempt (status, hash, time).",
        responses={200: SourceSerializer, **problem_responses(*READ_ERRORS)},
    ),
)
class SourceViewSet(StrictQueryParams, viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return selectors.sources_for_api()


_DOWNLOAD_RESPONSES = {
    (200, "application/octet-stream"): OpenApiResponse(
        response=OpenApiTypes.BINARY,
        description="The archived bytes as an attachment (never rendered: "
        "Content-Security-Policy sandbox, nosniff).",
    ),
    **problem_responses(*READ_ERRORS),
}


@extend_schema_view(
    list=extend_schema(
        summary="List snapshots (archive attempts)",
        description="Every archive attempt of every source, newest first: status (queued, "
        "fetching, succeeded, failed, blocked), HTTP status, SHA-256 of the body and the "
        "reason of a failure. Filter by source or status.",
        responses={200: SnapshotSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A snapshot with its extracted text",
        description="One archive attempt in full: response headers, redirect chain, timings, "
        "the page's title and the main text extracted from it (what evidence is found in).",
        responses={200: SnapshotDetailSerializer, **problem_responses(*READ_ERRORS)},
    ),
)
class SnapshotViewSet(
    StrictQueryParams, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    filterset_class = SnapshotFilter

    def get_queryset(self):
        return selectors.snapshots_for_api(detail=self.action != "list")

    def get_serializer_class(self):
        return SnapshotDetailSerializer if self.action == "retrieve" else SnapshotSerializer

    @extend_schema(
        summary="Download the archived response body",
        description="The bytes the server sent, exactly as archived (their SHA-256 is the "
        "snapshot's sha256), as an attachment that is never rendered by the workbench.",
        responses=_DOWNLOAD_RESPONSES,
    )
    @action(
        detail=True,
        renderer_classes=[BinaryRenderer, JSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def body(self, request, pk=None):
        return snapshot_download(self.get_object(), "body")

    @extend_schema(
        summary="Download the WARC record (gzip)",
        description="The capture as a gzipped WARC file (request, response and metadata "
        "records), readable by any web-archive tool; its SHA-256 is the snapshot's warc_sha256.",
        responses=_DOWNLOAD_RESPONSES,
    )
    @action(
        detail=True,
        renderer_classes=[BinaryRenderer, JSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def warc(self, request, pk=None):
        return snapshot_download(self.get_object(), "warc")
