"""The reviewers' admin: articles, their claims, citations and verdicts.

Every write goes through ``claims.services``; the admin only collects input and shows state.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims import services
from claims.models import Article, Citation, Claim, Verdict
from sources.models import Snapshot
from sources.urls import InvalidURL, url_normalize
from workbench.errors import DomainError


def latest_snapshot_status(source_ref: str = "source"):
    return Subquery(
        Snapshot.objects.filter(source=OuterRef(source_ref))
        .order_by("-created_at")
        .values("status")[:1]
    )


def latest_verdict_rating():
    return Subquery(
        Verdict.objects.filter(claim=OuterRef("pk"))
        .exclude(status__in=[Verdict.Status.SUPERSEDED, Verdict.Status.REJECTED])
        .order_by("-created_at")
        .values("rating")[:1]
    )


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "body", "url", "outlet", "author", "published_on", "language"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "Left empty, the first line of the text is used."
        self.fields["body"].help_text = "Paste the article as received; extraction starts on save."


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["position", "text", "kind", "checkworthiness", "status"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "outlet", "extraction_status", "claim_count", "added_by", "created_at"]
    list_filter = ["extraction_status", "language"]
    search_fields = ["title", "outlet", "author", "url"]
    list_select_related = ["added_by"]
    readonly_fields = [
        "body_sha256", "added_by", "created_at", "extraction_status", "extracted_at",
        "extractor", "extraction_error",
    ]
    inlines = [ClaimInline]
    actions = ["re_extract"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count", description="Claims")
    def claim_count(self, obj):
        return obj.claim_count

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, body=form.cleaned_data["body"], by=request.user)

    @admin.action(description="Re-extract claims (keeps reviewed claims)")
    def re_extract(self, request, queryset):
        for article in queryset:
            services.article_request_extraction(article=article)
        self.message_user(request, f"Extraction queued for {queryset.count()} article(s).")


class CitationForm(forms.ModelForm):
    url = forms.CharField(
        label="Source URL", max_length=2048, widget=forms.URLInput(attrs={"size": 60})
    )

    class Meta:
        model = Citation
        fields = ["url", "relation", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["url"].initial = self.instance.source.url
            self.fields["url"].disabled = True
            self.fields["url"].required = False

    def clean_url(self):
        if self.instance.pk:
            return self.instance.source.url
        try:
            url = url_normalize(self.cleaned_data["url"])
        except InvalidURL as exc:
            raise forms.ValidationError(exc.message) from exc
        claim = getattr(self.instance, "claim", None)
        if claim is not None and claim.citations.filter(source__url=url).exists():
            raise forms.ValidationError("This claim already cites that source.")
        return url


class CitationInline(admin.TabularInline):
    model = Citation
    form = CitationForm
    fields = ["url", "relation", "note", "snapshot", "added_by"]
    readonly_fields = ["snapshot", "added_by"]
    extra = 1

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "added_by")
            .annotate(snapshot_status=latest_snapshot_status())
        )

    @admin.display(description="Archive")
    def snapshot(self, obj):
        if not obj.pk:
            return "-"
        status = obj.snapshot_status or "none"
        url = reverse("admin:sources_source_change", args=[obj.source_id])
        return format_html('<a href="{}" class="snapshot-status">{}</a>', url, status)


class VerdictForm(forms.ModelForm):
    class Meta:
        model = Verdict
        fields = ["rating", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3, "cols": 50})}


class VerdictInline(admin.StackedInline):
    model = Verdict
    form = VerdictForm
    extra = 0
    can_delete = False
    fk_name = "claim"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "approved_by")

    def get_readonly_fields(self, request, obj=None):
        return ["status", "author", "approved_by", "published_at", "created_at"]

    def has_change_permission(self, request, obj=None):
        # Verdicts are never edited in place: a correction is a new verdict.
        return False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = [
        "short_text", "article", "kind", "checkworthiness", "status", "verdict", "assignee",
    ]
    list_filter = ["status", "kind", "verdicts__rating", "article"]
    search_fields = ["text", "span_text", "article__title"]
    list_select_related = ["article", "assignee"]
    raw_id_fields = ["article", "assignee"]
    fields = [
        "article", "text", "span_text", "start", "end", "position", "kind", "checkworthiness",
        "status", "assignee", "details", "extractor",
    ]
    readonly_fields = ["article", "span_text", "start", "end", "position", "extractor"]
    inlines = [CitationInline, VerdictInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(latest_rating=latest_verdict_rating())

    @admin.display(description="Claim", ordering="text")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description="Verdict", ordering="latest_rating")
    def verdict(self, obj):
        return dict(Verdict.Rating.choices).get(obj.latest_rating, "-")

    def save_formset(self, request, form, formset, change):
        if formset.model is Citation:
            self._save_citations(request, form.instance, formset)
        elif formset.model is Verdict:
            self._save_verdicts(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    def _save_citations(self, request, claim, formset):
        formset.save(commit=False)  # fills new/changed/deleted_objects; new rows go below
        for citation in formset.deleted_objects:
            citation.delete()
        for citation, _fields in formset.changed_objects:
            citation.save(update_fields=["relation", "note"])
        formset.new_objects = [
            citation
            for citation_form in formset.extra_forms
            if citation_form.has_changed() and not citation_form.cleaned_data.get("DELETE")
            and (
                citation := self._call(
                    request,
                    services.citation_add,
                    claim=claim,
                    url=citation_form.cleaned_data["url"],
                    relation=citation_form.cleaned_data["relation"],
                    note=citation_form.cleaned_data.get("note", ""),
                    by=request.user,
                )
            )
        ]

    def _save_verdicts(self, request, claim, formset):
        formset.changed_objects, formset.deleted_objects = [], []
        formset.new_objects = [
            verdict
            for verdict_form in formset.extra_forms
            if verdict_form.has_changed()
            and (
                verdict := self._call(
                    request,
                    services.verdict_propose,
                    claim=claim,
                    rating=verdict_form.cleaned_data["rating"],
                    explanation=verdict_form.cleaned_data["explanation"],
                    by=request.user,
                )
            )
        ]

    def _call(self, request, service, **kwargs):
        try:
            return service(**kwargs)
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return None


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "rating", "status", "author", "approved_by", "created_at"]
    list_filter = ["status", "rating"]
    search_fields = ["claim__text", "explanation"]
    list_select_related = ["claim", "author", "approved_by"]
    readonly_fields = [
        "claim", "rating", "explanation", "author", "status", "approved_by", "published_at",
        "supersedes", "created_at",
    ]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # verdicts are proposed from the claim page

    @admin.action(description="Publish selected verdicts (editors; not your own)")
    def publish(self, request, queryset):
        published = 0
        for verdict in queryset:
            try:
                services.verdict_publish(verdict=verdict, by=request.user)
                published += 1
            except DomainError as exc:
                self.message_user(request, f"{verdict.claim}: {exc.message}", messages.ERROR)
        if published:
            self.message_user(request, f"Published {published} verdict(s).", messages.SUCCESS)
