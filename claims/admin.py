"""The reviewers' workbench: articles, their claims, citations, verdicts and evidence.

Every write goes through ``claims.services``; the admin only collects input and shows state.
Reads that are more than a queryset come from ``claims.selectors``.
"""

from __future__ import annotations

import csv
import io
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors, services
from claims.highlight import Mark, render_marked
from claims.models import Article, Citation, Claim, Verdict
from sources.urls import InvalidURL, url_normalize
from workbench.errors import DomainError

STATUS_COLOURS = {
    Claim.Status.NEW: "new",
    Claim.Status.IN_REVIEW: "in-review",
    Claim.Status.VERDICT_PROPOSED: "proposed",
    Claim.Status.PUBLISHED: "published",
    Claim.Status.DISMISSED: "dismissed",
}


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History pages are an audit trail: nothing is reverted around the services."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise DjangoPermissionDenied("Reverting is disabled; history is read-only.")
        return super().history_form_view(request, object_id, version_id, extra_context)


# Articles --------------------------------------------------------------------------------


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
    fields = ["position", "text", "kind", "checkworthiness", "status", "assignee"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assignee")


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="CSV with a header (text, span_text, kind, checkworthiness) or JSON "
        "(a list of {text, span_text, …}, or an export of this workbench). Each claim's "
        "span_text (or text) must appear verbatim in the article."
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "outlet", "extraction_status", "claim_count", "added_by", "created_at"]
    list_filter = ["extraction_status", "language"]
    search_fields = ["title", "outlet", "author", "url"]
    list_select_related = ["added_by"]
    readonly_fields = [
        "body_sha256",
        "added_by",
        "created_at",
        "extraction_status",
        "extracted_at",
        "extractor",
        "extraction_error",
    ]
    inlines = [ClaimInline]
    actions = ["re_extract", "export_json", "export_csv"]
    change_form_template = "admin/claims/article/change_form.html"

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

    @admin.action(description="Export claims, verdicts and sources as JSON")
    def export_json(self, request, queryset):
        payload = [_article_export(article) for article in queryset]
        return _download(
            json.dumps(payload if len(payload) != 1 else payload[0], indent=2, ensure_ascii=False),
            "claims.json",
            "application/json",
        )

    @admin.action(description="Export claims, verdicts and sources as CSV")
    def export_csv(self, request, queryset):
        return _download(_csv_export(list(queryset)), "claims.csv", "text/csv")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/read/", view(self.reading_view), name="claims_article_read"),
            path("<int:pk>/export.<str:fmt>", view(self.export_view), name="claims_article_export"),
            path("<int:pk>/import/", view(self.import_view), name="claims_article_import"),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, pk: int) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise DjangoPermissionDenied
        return article

    def reading_view(self, request, pk: int):
        """The article's text with every claim highlighted at its span, furniture greyed."""
        article = self._article_or_404(request, pk)
        claims = selectors.article_claims_for_reading(article)
        marks, unanchored = [], []
        for claim in claims:
            pieces = _claim_pieces(claim, len(article.body))
            if not pieces:
                unanchored.append(claim)
                continue
            rating = claim.latest_rating or "none"
            label = f"#{claim.position + 1} {claim.get_status_display()}"
            if claim.latest_rating:
                label += f" · {dict(Verdict.Rating.choices)[claim.latest_rating]}"
            url = reverse("admin:claims_claim_change", args=[claim.pk])
            for index, (start, end) in enumerate(pieces):
                marks.append(
                    Mark(
                        start,
                        end,
                        css=f"claim status-{STATUS_COLOURS[claim.status]} rating-{rating}",
                        href=url,
                        title=label,
                        ident="" if index else f"claim-{claim.pk}",
                    )
                )
        furniture = selectors.furniture_spans_of(article.body)
        marks += [
            Mark(s, e, css="furniture", title="Page furniture, left out by extraction")
            for s, e in furniture
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Read: {article.title}",
            "body_html": render_marked(article.body, marks),
            "claims": claims,
            "unanchored": unanchored,
            "furniture_count": len(furniture),
            "statuses": [(STATUS_COLOURS[v], label) for v, label in Claim.Status.choices],
            "ratings": Verdict.Rating.choices,
        }
        return TemplateResponse(request, "admin/claims/article/reading.html", context)

    def export_view(self, request, pk: int, fmt: str):
        article = self._article_or_404(request, pk)
        name = slugify(article.title)[:60] or f"article-{article.pk}"
        if fmt == "json":
            text = json.dumps(_article_export(article), indent=2, ensure_ascii=False)
            return _download(text, f"{name}.json", "application/json")
        if fmt == "csv":
            return _download(_csv_export([article]), f"{name}.csv", "text/csv")
        raise Http404("Unknown export format.")

    def import_view(self, request, pk: int):
        article = self._article_or_404(request, pk)
        if not request.user.has_perm("claims.change_claim"):
            raise DjangoPermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = services.claims_rows_parse(filename=upload.name, data=upload.read())
                result = services.claims_import(article=article, rows=rows, by=request.user)
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                if result.created:
                    self.message_user(
                        request, f"Imported {len(result.created)} claim(s).", messages.SUCCESS
                    )
                for number, why in result.rejected:
                    self.message_user(request, f"Row {number} rejected: {why}.", messages.ERROR)
                if not result.rejected:
                    return HttpResponseRedirect(
                        reverse("admin:claims_article_change", args=[article.pk])
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Import claims into: {article.title}",
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/claims/article/import.html", context)


def _claim_pieces(claim: Claim, length: int) -> list[tuple[int, int]]:
    """The claim's spans in the body: its extractor pieces when they are still valid."""
    if claim.details.get("anchor") == "lost" or not 0 <= claim.start < claim.end <= length:
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


def _article_export(article: Article) -> dict:
    return {
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "body_sha256": article.body_sha256,
            "exported_at": timezone.now().isoformat(),
        },
        "claims": selectors.article_claims_export(article),
    }


CSV_COLUMNS = [
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


def _csv_export(articles: list[Article]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for article in articles:
        for row in selectors.article_claims_export(article):
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


def _download(text: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Claims ----------------------------------------------------------------------------------


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
    fields = ["url", "relation", "note", "snapshot", "evidence", "added_by", "history"]
    readonly_fields = ["snapshot", "evidence", "added_by", "history"]
    extra = 1

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "added_by")
            .annotate(snapshot_status=selectors.latest_snapshot_status())
        )

    @admin.display(description="Archive")
    def snapshot(self, obj):
        if not obj.pk:
            return "-"
        status = obj.snapshot_status or "none"
        url = reverse("admin:sources_source_change", args=[obj.source_id])
        return format_html('<a href="{}" class="snapshot-status">{}</a>', url, status)

    @admin.display(description="Evidence")
    def evidence(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="#evidence-{}" class="evidence-status">{}</a>',
            obj.pk,
            obj.get_evidence_status_display(),
        )

    @admin.display(description="History")
    def history(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("admin:claims_citation_history", args=[obj.pk])
        return format_html('<a href="{}">history</a>', url)


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
        return ["status", "author", "approved_by", "published_at", "supersedes", "created_at"]

    def has_change_permission(self, request, obj=None):
        # Verdicts are never edited in place: a correction is a new verdict.
        return False


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("mine", "My claims"),
            ("unassigned", "Unassigned (open)"),
            ("awaiting", "Awaiting approval"),
            ("awaiting_me", "Awaiting approval, not mine"),
        ]

    def queryset(self, request, queryset):
        if self.value():
            return selectors.claims_queue(queryset, self.value(), request.user)
        return queryset


class RatingFilter(admin.SimpleListFilter):
    title = "verdict"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [*Verdict.Rating.choices, ("none", "No verdict yet")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(latest_rating__isnull=True)
        if self.value():
            return queryset.filter(latest_rating=self.value())
        return queryset


def _reviewers():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=services.REVIEW_GROUPS)
        .distinct()
        .order_by("username")
    )


class ClaimActionForm(helpers.ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=_reviewers(), required=False, label="Assign to", empty_label="(me)"
    )


class DismissForm(forms.Form):
    reason = forms.ChoiceField(choices=Claim.DismissalReason.choices)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.TextInput(attrs={"placeholder": "note"})
    )
    duplicate_of = forms.IntegerField(required=False, min_value=1, label="Duplicate of (claim id)")


class ClaimChangeList(ChangeList):
    """Annotates only the rows shown: a deep page (OFFSET 50,000) would otherwise compute the
    verdict subqueries for every row it skips. One extra query, whatever the page size."""

    def get_results(self, request):
        super().get_results(request)
        ids = list(self.result_list.values_list("pk", flat=True))
        rows = {c.pk: c for c in selectors.claims_for_review(Claim.objects.filter(pk__in=ids))}
        self.result_list = [rows[pk] for pk in ids if pk in rows]


WORKFLOW_ACTIONS = ("assign_me", "unassign", "dismiss", "reopen", "publish", "reject")


@admin.register(Claim)
class ClaimAdmin(NoRevertHistoryAdmin):
    list_display = [
        "short_text",
        "article",
        "kind",
        "status_badge",
        "verdict",
        "approval",
        "assignee",
    ]
    # No "article" filter: listing every article on each page does not scale; the article
    # page links to ?article__id__exact=<id> instead (allowed in lookup_allowed below).
    list_filter = [QueueFilter, "status", RatingFilter, "kind"]
    search_fields = ["text", "span_text", "article__title"]
    list_select_related = ["article", "assignee"]
    list_per_page = 100
    show_full_result_count = False  # no second COUNT(*) over 100,000 claims per page view
    raw_id_fields = ["article"]
    fields = [
        "article",
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
        "details",
        "extractor",
    ]
    readonly_fields = [
        "article",
        "span_text",
        "start",
        "end",
        "position",
        "extractor",
        "status",
        "assignee",
        "dismissal_reason",
        "dismissal_note",
        "duplicate_of",
        "details",
    ]
    inlines = [CitationInline, VerdictInline]
    actions = [
        "assign_to",
        "unassign",
        "dismiss_not_checkworthy",
        "find_evidence_again",
    ]
    action_form = ClaimActionForm
    change_form_template = "admin/claims/claim/change_form.html"
    object_history_template = "admin/claims/claim/object_history.html"

    def get_queryset(self, request):
        return selectors.claims_for_review(super().get_queryset(request))

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in ("article__id__exact", "assignee__id__exact") or super().lookup_allowed(
            lookup, value, request
        )

    @admin.display(description="Claim", ordering="text")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="claim-badge status-{}">{}</span>',
            STATUS_COLOURS[obj.status],
            obj.get_status_display(),
        )

    @admin.display(description="Verdict", ordering="latest_rating")
    def verdict(self, obj):
        return dict(Verdict.Rating.choices).get(obj.latest_rating, "-")

    @admin.display(description="Approval", ordering="awaiting_approval")
    def approval(self, obj):
        if not obj.awaiting_approval:
            return ""
        return format_html('<span class="claim-badge status-proposed">{}</span>', "awaiting")

    # Bulk actions ---------------------------------------------------------------------------

    @admin.action(
        description="Assign selected claims to… (the user chosen below; empty: me)",
        permissions=["change"],
    )
    def assign_to(self, request, queryset):
        try:
            chosen = ClaimActionForm.base_fields["assignee"].clean(
                request.POST.get("assignee") or None
            )
        except ValidationError:
            self.message_user(request, "Choose a reviewer or an editor.", messages.ERROR)
            return
        to = chosen or request.user
        self._bulk(
            request,
            lambda: services.claims_assign(claims=queryset, to=to, by=request.user),
            f"Assigned {{}} claim(s) to {to}.",
        )

    @admin.action(description="Unassign selected claims", permissions=["change"])
    def unassign(self, request, queryset):
        self._bulk(
            request,
            lambda: services.claims_assign(claims=queryset, to=None, by=request.user),
            "Unassigned {} claim(s).",
        )

    @admin.action(description="Dismiss selected claims as not check-worthy", permissions=["change"])
    def dismiss_not_checkworthy(self, request, queryset):
        done = 0
        for claim in queryset:
            if self._call(
                request,
                services.claim_dismiss,
                claim=claim,
                reason=Claim.DismissalReason.NOT_CHECKWORTHY,
                by=request.user,
                prefix=f"{claim}: ",
            ):
                done += 1
        if done:
            self.message_user(request, f"Dismissed {done} claim(s).", messages.SUCCESS)

    @admin.action(description="Find evidence again in the cited sources", permissions=["change"])
    def find_evidence_again(self, request, queryset):
        count = services.evidence_refresh(claims=queryset)
        self.message_user(request, f"Evidence search queued for {count} citation(s).")

    def _bulk(self, request, run, message: str):
        try:
            count = run()
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(request, message.format(count), messages.SUCCESS)

    # The claim page ------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/workflow/<str:action>/",
                self.admin_site.admin_view(require_POST(self.workflow_view)),
                name="claims_claim_workflow",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if claim is not None:
            extra_context["workbench"] = self._panels(request, claim)
        return super().change_view(request, object_id, form_url, extra_context)

    def _panels(self, request, claim: Claim) -> dict:
        user = request.user
        can_publish = services.user_can_publish(user)
        can_review = services.user_can_review(user)
        verdicts = selectors.claim_verdicts(claim)
        for verdict in verdicts:
            proposed = verdict.status == Verdict.Status.PROPOSED
            verdict.can_publish = can_publish and proposed and verdict.author_id != user.pk
            verdict.can_reject = proposed and (can_publish or verdict.author_id == user.pk)
        evidence = []
        for citation, passages in selectors.claim_evidence(claim):
            evidence.append(
                {
                    "citation": citation,
                    "passages": [
                        {
                            "passage": p,
                            "html": render_marked(
                                p.text, [Mark(s, e, css="hit") for s, e in p.highlights]
                            ),
                        }
                        for p in passages
                    ],
                }
            )
        reading_url = reverse("admin:claims_article_read", args=[claim.article_id])
        return {
            "can_review": can_review,
            "can_publish": can_publish,
            "status_class": STATUS_COLOURS[claim.status],
            "verdicts": verdicts,
            "evidence": evidence,
            "similar": selectors.claims_similar(claim),
            "dismiss_form": DismissForm(),
            "reading_url": f"{reading_url}#claim-{claim.pk}",
            "is_mine": claim.assignee_id == user.pk,
        }

    def workflow_view(self, request, pk: int, action: str):
        claim = get_object_or_404(Claim, pk=pk)
        if action not in WORKFLOW_ACTIONS or not self.has_view_permission(request, claim):
            raise Http404("Unknown workflow action.")
        user = request.user
        done = None
        if action == "assign_me":
            done = self._call(request, services.claim_assign, claim=claim, to=user, by=user)
            message = "The claim is yours."
        elif action == "unassign":
            done = self._call(request, services.claim_assign, claim=claim, to=None, by=user)
            message = "The claim is unassigned."
        elif action == "reopen":
            done = self._call(request, services.claim_reopen, claim=claim, by=user)
            message = "The claim is back in review."
        elif action == "dismiss":
            form = DismissForm(request.POST)
            if not form.is_valid():
                self.message_user(request, "Choose a reason to dismiss.", messages.ERROR)
            else:
                duplicate_id = form.cleaned_data.get("duplicate_of")
                duplicate = Claim.objects.filter(pk=duplicate_id).first() if duplicate_id else None
                if duplicate_id and duplicate is None:
                    self.message_user(request, f"No claim #{duplicate_id}.", messages.ERROR)
                else:
                    done = self._call(
                        request,
                        services.claim_dismiss,
                        claim=claim,
                        reason=form.cleaned_data["reason"],
                        note=form.cleaned_data["note"],
                        duplicate_of=duplicate,
                        by=user,
                    )
            message = "The claim is dismissed."
        else:  # publish / reject a verdict of this claim
            verdict = get_object_or_404(Verdict, pk=request.POST.get("verdict") or 0, claim=claim)
            service = services.verdict_publish if action == "publish" else services.verdict_reject
            done = self._call(request, service, verdict=verdict, by=user)
            message = (
                f"Verdict “{verdict.get_rating_display()}” published."
                if action == "publish"
                else "Verdict rejected; it stays in the history."
            )
        if done is not None:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))

    def history_view(self, request, object_id, extra_context=None):
        claim = Claim.objects.filter(pk=object_id).first()
        extra_context = extra_context or {}
        if claim is not None:
            extra_context["audit_trail"] = selectors.claim_audit_trail(claim)
        return super().history_view(request, object_id, extra_context)

    # Inline saves go through the services ------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        elif form.changed_data:
            obj._history_user = request.user
            obj.save(update_fields=[*form.changed_data, "updated_at"])

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
            citation._history_user = request.user
            citation.delete()
        for citation, _fields in formset.changed_objects:
            citation._history_user = request.user
            citation.save(update_fields=["relation", "note"])
        formset.new_objects = [
            citation
            for citation_form in formset.extra_forms
            if citation_form.has_changed()
            and not citation_form.cleaned_data.get("DELETE")
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

    def _call(self, request, service, prefix: str = "", **kwargs):
        try:
            return service(**kwargs)
        except DomainError as exc:
            self.message_user(request, f"{prefix}{exc.message}", level=messages.ERROR)
            return None


# Citations and verdicts --------------------------------------------------------------------


@admin.register(Citation)
class CitationAdmin(NoRevertHistoryAdmin):
    """Read-only: citations are added and edited on their claim's page."""

    list_display = ["claim", "source", "relation", "evidence_status", "added_by", "created_at"]
    list_filter = ["relation", "evidence_status"]
    search_fields = ["claim__text", "source__url", "note"]
    list_select_related = ["claim", "source", "added_by"]
    readonly_fields = [
        "claim",
        "source",
        "relation",
        "note",
        "added_by",
        "created_at",
        "evidence_status",
        "evidence_snapshot",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verdict)
class VerdictAdmin(NoRevertHistoryAdmin):
    list_display = [
        "claim",
        "rating",
        "status",
        "author",
        "approved_by",
        "published_at",
        "created_at",
    ]
    list_filter = ["status", "rating"]
    search_fields = ["claim__text", "explanation"]
    list_select_related = ["claim", "author", "approved_by"]
    readonly_fields = [
        "claim",
        "rating",
        "explanation",
        "author",
        "status",
        "approved_by",
        "published_at",
        "supersedes",
        "created_at",
    ]
    actions = ["publish", "reject"]

    change_form_template = "admin/claims/verdict/change_form.html"

    def has_add_permission(self, request):
        return False  # verdicts are proposed from the claim page

    def has_delete_permission(self, request, obj=None):
        return False  # nothing a reviewer did is ever lost

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verdict = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_publish_this": verdict is not None
            and verdict.status == Verdict.Status.PROPOSED
            and verdict.author_id != request.user.pk
            and services.user_can_publish(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description="Publish selected verdicts (editors; not your own)", permissions=["change"]
    )
    def publish(self, request, queryset):
        self._each(request, queryset, services.verdict_publish, "Published {} verdict(s).")

    @admin.action(description="Reject selected proposed verdicts", permissions=["change"])
    def reject(self, request, queryset):
        self._each(request, queryset, services.verdict_reject, "Rejected {} verdict(s).")

    def _each(self, request, queryset, service, message: str):
        done = 0
        for verdict in queryset:
            try:
                service(verdict=verdict, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{verdict.claim}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, message.format(done), messages.SUCCESS)
