"""Input and output serializers of the claims API. Inputs validate; outputs only read.

Output serializers read annotations that the views' ``get_queryset`` adds (``published_*``,
``has_citations``, ``claim_count``, ``latest_snapshot``), so that a list costs a fixed number
of queries whatever its length.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article, Citation, Claim, EvidencePassage, Verdict
from claims.passages.figures import DIFFERENCE_KINDS
from sources.api.serializers import SnapshotSummarySerializer
from sources.selectors import snapshot_latest_of
from workbench.api.fields import HAS_WORD_NO_NUL, HTTP_URL, StrictCharField


def api_path(kind: str, pk: int, suffix: str = "") -> str:
    return f"/api/v1/{kind}/{pk}{suffix}"


def username(source: str) -> serializers.CharField:
    """The username of a nullable user foreign key (select_related by the view)."""
    return serializers.CharField(source=f"{source}.username", read_only=True, allow_null=True)


# Articles ----------------------------------------------------------------------------------


class StrictBooleanField(serializers.BooleanField):
    """JSON ``true`` or ``false`` only (DRF's field also takes 0, 1, "yes"...: the schema
    says boolean, so the API does too)."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


class ArticleCreateInputSerializer(serializers.Serializer):
    """``body``, or ``url`` alone (fetched by a worker). The schema says so with ``anyOf``
    (``claims.api.schema.require_body_or_url``)."""

    title = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    body = StrictCharField(
        trim_whitespace=False,
        required=False,
        # An article has at least one letter or digit (the service's rule; the schema says so).
        validators=[
            RegexValidator(HAS_WORD_NO_NUL, message="The text needs a letter or digit, and no NUL.")
        ],
        help_text="The article text exactly as received (spans index it); at least one letter "
        "or digit. Without it, `url` is fetched by a worker (status `fetching`, then "
        "`pending`) and its main text kept.",
    )
    url = StrictCharField(
        max_length=2048,
        required=False,
        validators=[HTTP_URL],
        help_text="Where the article was published (http or https). With no `body`, the "
        "page is fetched through the safe fetcher and its main text becomes the body.",
    )
    outlet = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    author = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    language = StrictCharField(
        max_length=16,
        required=False,
        allow_blank=True,
        default="",
        help_text="ISO 639-1 code when you are sure of it; blank or absent: detected.",
    )
    allow_duplicate = StrictBooleanField(
        required=False,
        default=False,
        help_text="Store the article even when one with exactly the same text exists (without "
        "it, that answers 409 `duplicate_article` with the existing article in "
        "`existing_article`).",
    )

    def validate(self, attrs):
        if "body" not in attrs and "url" not in attrs:
            raise serializers.ValidationError(
                {"body": "Send the article text in `body`, or its `url` to fetch it."},
                code="body_or_url",
            )
        return attrs


class ClaimSummarySerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "api_url",
            "text",
            "start",
            "end",
            "position",
            "kind",
            "checkworthiness",
            "status",
        ]

    def get_api_url(self, claim) -> str:
        return api_path("claims", claim.pk)


class ArticleSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "api_url",
            "title",
            "url",
            "outlet",
            "author",
            "published_on",
            "language",
            "extraction_status",
            "extracted_at",
            "extraction_error",
            "claim_count",
            "created_at",
            "updated_at",
        ]

    def get_api_url(self, article) -> str:
        return api_path("articles", article.pk)


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSummarySerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "claims"]


# Claims ------------------------------------------------------------------------------------


class PublishedVerdictSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Verdict.Rating.choices)
    published_at = serializers.DateTimeField()
    claimreview_url = serializers.CharField()


class ClaimSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    assignee = username("assignee")
    has_citations = serializers.BooleanField(read_only=True)
    published_verdict = serializers.SerializerMethodField()
    language = serializers.CharField(
        read_only=True, help_text="ISO 639-1 code of the article's language."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "api_url",
            "article",
            "language",
            "text",
            "span_text",
            "start",
            "end",
            "position",
            "kind",
            "checkworthiness",
            "status",
            "assignee",
            "dismissal_reason",
            "dismissal_note",
            "duplicate_of",
            "near_copy_of",
            "has_citations",
            "published_verdict",
            "created_at",
            "updated_at",
        ]

    def get_api_url(self, claim) -> str:
        return api_path("claims", claim.pk)

    @extend_schema_field(PublishedVerdictSummarySerializer(allow_null=True))
    def get_published_verdict(self, claim):
        if not getattr(claim, "published_verdict_id", None):
            return None
        return {
            "id": claim.published_verdict_id,
            "rating": claim.published_rating,
            "published_at": claim.published_at,
            "claimreview_url": api_path("claims", claim.pk, "/claimreview"),
        }


class ClaimUpdateInputSerializer(serializers.Serializer):
    """PATCH: take, hand over or drop a claim; dismiss it or reopen it."""

    STATUS_CHOICES = [Claim.Status.IN_REVIEW.value, Claim.Status.DISMISSED.value]

    status = serializers.ChoiceField(
        choices=STATUS_CHOICES,
        required=False,
        help_text="`dismissed` (with `dismissal_reason`) or `in_review` to reopen a dismissed "
        "claim. Other statuses follow from verdicts.",
    )
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Username of a reviewer or editor; null to unassign. Reviewers may only take "
        "claims themselves; editors assign anyone.",
    )
    dismissal_reason = serializers.ChoiceField(
        choices=Claim.DismissalReason.choices, required=False
    )
    dismissal_note = StrictCharField(required=False, allow_blank=True, default="")
    duplicate_of = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), required=False, allow_null=True, default=None
    )

    def validate(self, attrs):
        if "status" not in attrs and "assignee" not in attrs:
            raise serializers.ValidationError("Send `status`, `assignee` or both.")
        if attrs.get("status") == Claim.Status.DISMISSED and not attrs.get("dismissal_reason"):
            raise serializers.ValidationError(
                {"dismissal_reason": serializers.ErrorDetail("Say why.", code="required")}
            )
        return attrs


# Citations ---------------------------------------------------------------------------------


class CitationCreateInputSerializer(serializers.Serializer):
    url = StrictCharField(
        max_length=2048, validators=[HTTP_URL], help_text="http(s) URL of the source."
    )
    relation = serializers.ChoiceField(
        choices=Citation.Relation.choices, default=Citation.Relation.CONTEXT
    )
    note = StrictCharField(required=False, allow_blank=True, default="")


class DifferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DIFFERENCE_KINDS)
    claim = serializers.CharField(help_text="The claim's figure or date, as written.")
    passage = serializers.CharField(help_text="The passage's, as written.")
    start = serializers.IntegerField(help_text="Offset of the passage's figure in its text.")
    end = serializers.IntegerField()


class EvidencePassageSerializer(serializers.ModelSerializer):
    differences = DifferenceSerializer(many=True, read_only=True)

    class Meta:
        model = EvidencePassage
        fields = [
            "rank",
            "score",
            "text",
            "start",
            "end",
            "page",
            "matched_terms",
            "highlights",
            "verbatim_quote",
            "differences",
        ]


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.SerializerMethodField()  # type: ignore[assignment]  # not Field.source
    added_by = username("added_by")
    latest_snapshot = serializers.SerializerMethodField()
    evidence = EvidencePassageSerializer(many=True, read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "claim",
            "source",
            "relation",
            "note",
            "added_by",
            "created_at",
            "latest_snapshot",
            "evidence_status",
            "evidence",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "url": {"type": "string"},
                "api_url": {"type": "string"},
            },
            "required": ["id", "url", "api_url"],
        }
    )
    def get_source(self, citation):
        return {
            "id": citation.source_id,
            "url": citation.source.url,
            "api_url": api_path("sources", citation.source_id),
        }

    @extend_schema_field(SnapshotSummarySerializer(allow_null=True))
    def get_latest_snapshot(self, citation):
        snapshot = snapshot_latest_of(citation.source)
        return SnapshotSummarySerializer(snapshot).data if snapshot else None


# Verdicts ----------------------------------------------------------------------------------


class VerdictCreateInputSerializer(serializers.Serializer):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    rating = serializers.ChoiceField(choices=Verdict.Rating.choices)
    explanation = StrictCharField()


class VerdictSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    author = serializers.CharField(source="author.username", read_only=True)
    approved_by = username("approved_by")

    class Meta:
        model = Verdict
        fields = [
            "id",
            "api_url",
            "claim",
            "rating",
            "explanation",
            "status",
            "author",
            "approved_by",
            "created_at",
            "published_at",
            "supersedes",
        ]

    def get_api_url(self, verdict) -> str:
        return api_path("verdicts", verdict.pk)
