"""The claims API: thin views (input serializer → service → output serializer).

Who may write what is declared per action in ``write_rules`` and enforced by
``workbench.api.permissions.IsAuthenticatedAndScoped``; services enforce the domain rules
(four eyes, reviewers assign only themselves...) and raise ``DomainError``, mapped to
problem+json.
"""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors, services
from claims.api import claimreview
from claims.api.filters import ArticleFilter, ClaimFilter, StableOrderingFilter, VerdictFilter
from claims.api.serializers import (
    ArticleCreateInputSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    CitationCreateInputSerializer,
    CitationSerializer,
    ClaimSerializer,
    ClaimUpdateInputSerializer,
    VerdictCreateInputSerializer,
    VerdictSerializer,
    api_path,
)
from workbench.api.errors import (
    PROBLEM_CONTENT_TYPE,
    READ_ERRORS,
    WRITE_ERRORS,
    problem,
    problem_responses,
)
from workbench.api.filters import StrictQueryParams
from workbench.api.permissions import WriteRule, request_token
from workbench.api.renderers import JsonLdRenderer

# Articles ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Submitted articles with their extraction status and "
        "claim count (not their text). Filter by extraction status or language.",
        responses={200: ArticleSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="An article with its text and claims (in text order)",
        description="One article: its text exactly as received, its language, where it was "
        "published, and every claim with its span (`start`/`end` index the text).",
        responses={200: ArticleDetailSerializer, **problem_responses(*READ_ERRORS)},
    ),
    create=extend_schema(
        summary="Submit an article; claims are extracted in the background",
        description="Answers 202 Accepted at once: poll the article (Location header) until "
        "`extraction_status` is `done`. With `url` and no `body`, a worker first fetches the "
        "page (`fetching`); a page that cannot be fetched ends `failed` with the reason in "
        "`extraction_error`. A `body` over `ARTICLE_MAX_BYTES` (2 MB of text by default) "
        "answers 413 `too_large`; the same text as an existing article answers 409 "
        "`duplicate_article` with `existing_article` (its `id` and `api_url`) unless "
        "`allow_duplicate` is true. Control characters are removed from the text.",
        request=ArticleCreateInputSerializer,
        responses={202: ArticleSerializer, **problem_responses(*WRITE_ERRORS)},
    ),
)
class ArticleViewSet(
    StrictQueryParams,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ArticleFilter
    write_rules = {"create": WriteRule(perms=("claims.add_article",), token=True)}

    def get_queryset(self):
        return selectors.articles_for_api(detail=self.action == "retrieve")

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def create(self, request, *args, **kwargs):
        data = ArticleCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        allow_duplicate = fields.pop("allow_duplicate")
        article: Any
        if "body" in fields:
            try:
                article = services.article_create(
                    by=request.user, allow_duplicate=allow_duplicate, **fields
                )
            except services.ArticleDuplicate as exc:
                return duplicate_problem(exc)
        else:
            article = services.article_submit_url(by=request.user, **fields)
        article.claim_count = 0  # what the serializer reads; a new article has no claims yet
        output = ArticleSerializer(article).data
        return Response(
            output, status=status.HTTP_202_ACCEPTED, headers={"Location": output["api_url"]}
        )


def duplicate_problem(exc: services.ArticleDuplicate) -> Response:
    """409 problem+json naming the article that already has this text."""
    existing = exc.existing
    body = problem(409, exc.message, code=exc.code)
    body["existing_article"] = {"id": existing.pk, "api_url": api_path("articles", existing.pk)}
    return Response(body, status=409, content_type=PROBLEM_CONTENT_TYPE)


# Claims ------------------------------------------------------------------------------------


_CLAIM_LIST_DESCRIPTION = (
    "Cursor-paginated (`next`/`previous` links; `page_size` up to 100). `ordering` accepts "
    "id, checkworthiness, created_at, updated_at, position (prefix `-` for descending): "
    "`ordering=-checkworthiness` lists the best candidates first. `checkworthiness` (0..1) is "
    "the active model's score (the built-in heuristic's without one); `near_copy_of` is the "
    "better-scored claim of the same article this one nearly repeats."
)


@extend_schema_view(
    list=extend_schema(
        summary="List claims (filters, full-text search, ordering)",
        description=_CLAIM_LIST_DESCRIPTION,
        responses={200: ClaimSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A claim",
        description="One claim: its standalone text, the span of the article it is anchored "
        "to, its kind, parsed details (figures, quotes, dates), check-worthiness, workflow "
        "status, assignee and current verdict.",
        responses={200: ClaimSerializer, **problem_responses(*READ_ERRORS)},
    ),
    partial_update=extend_schema(
        summary="Take, assign, dismiss or reopen a claim (reviewers and editors)",
        description="Change `status` (with `dismissal_reason` when dismissing) or `assignee`. "
        "The same rules as the admin: a claim assigned to someone else is theirs, a published "
        "claim is frozen; a refused transition answers 400 or 403 with the reason.",
        request=ClaimUpdateInputSerializer,
        responses={200: ClaimSerializer, **problem_responses(*WRITE_ERRORS)},
    ),
)
class ClaimViewSet(
    StrictQueryParams, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    filterset_class = ClaimFilter
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    ordering_fields = ["id", "checkworthiness", "created_at", "updated_at", "position"]
    ordering = ["-id"]
    serializer_class = ClaimSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_rules = {
        "partial_update": WriteRule(perms=("claims.change_claim",)),
        "citations": WriteRule(perms=("claims.add_citation",), token=True),
    }

    def get_queryset(self):
        if self.action == "list":
            return selectors.claims_for_api_list()
        return selectors.claims_for_api()

    def list(self, request, *args, **kwargs):
        """Ids first: filter, order and page bare rows (the ordering's columns only), then
        annotate just the page's claims. Same results as annotating before filtering, but the
        cost follows the page, not the table (issue 15)."""
        queryset = self.filter_queryset(self.get_queryset())
        columns = {str(key).lstrip("-") for key in queryset.query.order_by} | {"id"}
        page = self.paginate_queryset(queryset.only(*sorted(columns)))
        assert page is not None  # the list is always paginated (CursorPage)
        claims = selectors.claims_for_api_page([claim.pk for claim in page])
        return self.get_paginated_response(self.get_serializer(claims, many=True).data)

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        data = ClaimUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.claim_triage(claim=claim, by=request.user, **data.validated_data)
        return Response(ClaimSerializer(self.get_queryset().get(pk=claim.pk)).data)

    @extend_schema(
        methods=["GET"],
        summary="The claim's citations, each with its source's latest snapshot",
        description="Each cited source with its relation (supports, refutes, context), its "
        "latest archive attempt, `evidence_status` and `evidence`: the passages of the archived "
        "text that bear on the claim, with highlights, PDF page and `differences` (a figure or "
        "date the passage gives another value).",
        responses={200: CitationSerializer(many=True), **problem_responses(*READ_ERRORS)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Cite a source URL for the claim; archiving starts after commit",
        description="Registers the URL (normalised; one source per URL) and queues its "
        "archive unless an archived copy exists. 409 when the claim already cites it.",
        request=CitationCreateInputSerializer,
        responses={201: CitationSerializer, **problem_responses(*WRITE_ERRORS)},
        examples=[
            OpenApiExample(
                "Cite a report",
                value={"url": "https://example.org/report", "relation": "supports", "note": ""},
                request_only=True,
            )
        ],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=None,
        filterset_class=None,
        filter_backends=[],
    )
    def citations(self, request, pk=None):
        claim = self.get_object()
        if request.method == "POST":
            data = CitationCreateInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            citation = services.citation_add(claim=claim, by=request.user, **data.validated_data)
            citation = self._citations().get(pk=citation.pk)
            return Response(CitationSerializer(citation).data, status=status.HTTP_201_CREATED)
        citations = self._citations().filter(claim=claim).order_by("created_at", "id")
        return Response(CitationSerializer(citations, many=True).data)

    def _citations(self):
        return selectors.citations_for_api()

    @extend_schema(
        summary="The claim's published fact-check as schema.org ClaimReview (JSON-LD)",
        description="404 when the claim has no published verdict. Rating scale: see "
        "docs/api.md (ratingValue 1..7, alternateName is the label).",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                response=claimreview.CLAIMREVIEW_SCHEMA,
                description="A schema.org ClaimReview.",
            ),
            **problem_responses(*READ_ERRORS),
        },
    )
    @action(
        detail=True,
        renderer_classes=[JsonLdRenderer, JSONRenderer],
        pagination_class=None,
        filterset_class=None,
        filter_backends=[],
    )
    def claimreview(self, request, pk=None):
        verdict = selectors.verdict_published_of(self.get_object())
        if verdict is None:
            raise NotFound("This claim has no published verdict.")
        return Response(claimreview.claimreview(verdict, absolute=request.build_absolute_uri))


# Verdicts ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List verdicts (tokens see published and superseded ones only)",
        description="Verdicts with their rating, explanation, author, approver "
        "and what each supersedes. Filter by claim, status or rating.",
        responses={200: VerdictSerializer, **problem_responses(*READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary="A verdict",
        description="One verdict: rating, explanation, status (proposed, published, "
        "superseded, rejected), who wrote and who approved it, and when it was published.",
        responses={200: VerdictSerializer, **problem_responses(*READ_ERRORS)},
    ),
    create=extend_schema(
        summary="Propose a verdict (reviewers and editors; not API tokens)",
        description="A rating and explanation for a claim, waiting for an editor who did "
        "not write it. Proposing on a published claim starts a correction.",
        request=VerdictCreateInputSerializer,
        responses={201: VerdictSerializer, **problem_responses(*WRITE_ERRORS)},
    ),
)
class VerdictViewSet(
    StrictQueryParams,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = VerdictFilter
    serializer_class = VerdictSerializer
    write_rules = {
        "create": WriteRule(perms=("claims.add_verdict",)),
        "publish": WriteRule(perms=("claims.change_verdict",)),
    }

    def get_queryset(self):
        # Integrations see the public record, never drafts or rejected verdicts.
        return selectors.verdicts_for_api(public_only=request_token(self.request) is not None)

    def create(self, request, *args, **kwargs):
        data = VerdictCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = services.verdict_propose(by=request.user, **data.validated_data)
        return Response(VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Publish a proposed verdict (editors; four eyes: not its author)",
        description="Publishes the verdict (it supersedes the claim's earlier published one) "
        "and sends the `verdict.published` webhook. Refused for its own author and for "
        "anything but a proposed verdict.",
        request=None,
        responses={200: VerdictSerializer, **problem_responses(*WRITE_ERRORS)},
    )
    @action(detail=True, methods=["post"], filterset_class=None, filter_backends=[])
    def publish(self, request, pk=None):
        verdict = services.verdict_publish(verdict=self.get_object(), by=request.user)
        return Response(VerdictSerializer(self.get_queryset().get(pk=verdict.pk)).data)


# ClaimReview feed --------------------------------------------------------------------------


class ClaimReviewFeedView(StrictQueryParams, APIView):
    renderer_classes = [JsonLdRenderer, JSONRenderer]

    @extend_schema(
        summary="Every published fact-check as a schema.org DataFeed of ClaimReview",
        description="For search engines and fact-check aggregators: one ClaimReview per "
        "published verdict (its `url` the public fact-check page), as JSON-LD.",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                response=claimreview.FEED_SCHEMA,
                description="A schema.org DataFeed whose dataFeedElement are ClaimReviews.",
            ),
            **problem_responses(401, 403, 405, 406, 429),
        },
    )
    def get(self, request):
        verdicts = list(selectors.verdicts_published())
        return Response(claimreview.claimreview_feed(verdicts, absolute=request.build_absolute_uri))
