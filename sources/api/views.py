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
        responses={200: SourceSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A source with its latest snapshot",
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
        responses={200: SnapshotSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A snapshot with its extracted text",
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

    @extend_schema(summary="Download the archived response body", responses=_DOWNLOAD_RESPONSES)
    @action(
        detail=True,
        renderer_classes=[BinaryRenderer, JSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def body(self, request, pk=None):
        return snapshot_download(self.get_object(), "body")

    @extend_schema(summary="Download the WARC record (gzip)", responses=_DOWNLOAD_RESPONSES)
    @action(
        detail=True,
        renderer_classes=[BinaryRenderer, JSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def warc(self, request, pk=None):
        return snapshot_download(self.get_object(), "warc")
