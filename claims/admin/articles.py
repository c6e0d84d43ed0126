# Over 400 lines on purpose: one ModelAdmin with its views (reading, export, import, delete).
"""The article pages: adding an article (its text, or its URL to fetch), the reading view
with claims highlighted, and import and export of claims."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify

from claims import exports, policies, selectors, services
from claims.admin.base import (
    STATUS_COLOURS,
    CorrectionNoteMixin,
    NoRevertHistoryAdmin,
    download,
)
from claims.admin.changelist import ArticleChangeList, FlatListMixin
from claims.highlight import Mark, render_marked
from claims.models import ARTICLE_PUBLISHED_FIELDS, Article, Claim, Verdict
from workbench.errors import DomainError


class ArticleForm(forms.ModelForm):
    """An article's text; when adding, its URL alone will do: a worker fetches the page through
    the safe fetcher and keeps its main text, as for the API. With both, the pasted text wins.
    No network call here: validating the form never waits for a page."""

    class Meta:
        model = Article
        fields = ["title", "body", "url", "outlet", "author", "published_on", "language"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    allow_duplicate = forms.BooleanField(
        required=False,
        label="Import anyway",
        help_text="Keep a second article with exactly the same text as an existing one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "Left empty, the text's headline is used."
        self.fields["body"].help_text = (
            "Paste the article as received; extraction starts on save. At most "
            f"{services.article_limit_text()}."
        )
        self.fields["body"].widget.attrs.update(
            {
                "data-max-bytes": settings.ARTICLE_MAX_BYTES,
                "data-max-label": services.article_limit_text(),
            }
        )
        if self.instance.pk is None:
            self.fields["body"].required = False
            self.fields["body"].help_text += " Or leave it empty and give the article's URL."
            self.fields["title"].help_text = "Left empty, the page's or text's headline is used."
        else:
            del self.fields["allow_duplicate"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        raw = cleaned.get("body") or ""
        try:
            body = cleaned["body"] = services.article_text(raw)
        except DomainError as exc:  # too large: the form shows the text again with the limit
            self.add_error("body", exc.message)
            return cleaned
        if body.strip() and not (cleaned.get("title") or "").strip():
            # the headline of pasted HTML is in the HTML, which the stored text no longer has
            cleaned["title"] = services.article_title_guess(raw=raw, text=body)
        if body.strip() or (self.instance.pk is not None and "body" in self.errors):
            if self.instance.pk is None and not cleaned.get("allow_duplicate"):
                self._refuse_duplicate(body)
            return cleaned
        if self.instance.pk is not None:
            self.add_error("body", "The article has no text.")
        elif not cleaned.get("url") and "url" not in self.errors:
            raise forms.ValidationError(
                "Paste the article's text or give its URL.", code="body_or_url"
            )
        return cleaned  # a URL alone: fetched by a worker once saved (save_model)

    def _refuse_duplicate(self, body: str) -> None:
        existing = services.article_duplicate_of(body=body)
        if existing is not None:
            link = reverse("admin:claims_article_change", args=[existing.pk])
            self.add_error(
                "body",
                format_html(
                    'The same text is already the article <a href="{}">{}</a>. Open it, or tick '
                    "“Import anyway” to keep a second copy.",
                    link,
                    existing.title,
                ),
            )


class ArticleCorrectionForm(CorrectionNoteMixin, ArticleForm):
    """An editor's form of an article that a published fact-check shows: its author, outlet,
    URL and date change with a correction note."""

    frozen_fields = ARTICLE_PUBLISHED_FIELDS


CLAIM_COLUMNS = (
    "position",
    "text",
    "kind",
    "checkworthiness",
    "status",
    "assignee",
)


#: claims per page with ``?claims=all`` (issue 13: an article of 1 MB has 8,000 claims): on the
#: article's page, where each is a row of read-only inline fields (about 10 ms a row), and in
#: the reading view, where each is a highlight (a tenth of that)
ARTICLE_CLAIMS_PAGE = 50
READING_CLAIMS_PAGE = 500


def show_all_claims(request) -> bool:
    """Article pages show the top claims by check-worthiness unless ``?claims=all``."""
    return request.GET.get("claims") == "all"


def top_claims(request, article: Article, per_page: int | None = None) -> dict[str, Any]:
    """Which claims an article page shows: the top ``TRIAGE_TOP_CLAIMS`` by check-worthiness
    (one per near-copy group, none dismissed), or with ``?claims=all`` every claim in text
    order, ``per_page`` at a time (``&page=N``; default ``ARTICLE_CLAIMS_PAGE``)."""
    per_page = per_page or ARTICLE_CLAIMS_PAGE
    limit = settings.TRIAGE_TOP_CLAIMS
    everything = show_all_claims(request)
    total = article.claims.count()
    shown: dict[str, Any] = {"all": everything, "limit": limit, "total": total}
    if not everything:
        shown["ids"] = selectors.article_top_claim_ids(article, limit)
        return shown
    pages = max(1, -(-total // per_page))
    page = request.GET.get("page", "1")
    page = min(max(int(page), 1), pages) if page.isdigit() else 1
    first = (page - 1) * per_page
    shown["ids"] = list(
        article.claims.order_by("position").values_list("pk", flat=True)[first : first + per_page]
    )
    shown.update(
        page=page,
        pages=pages,
        first=first + 1,
        last=first + len(shown["ids"]),
        previous=f"?claims=all&page={page - 1}" if page > 1 else "",
        next=f"?claims=all&page={page + 1}" if page < pages else "",
    )
    return shown


class ClaimInline(admin.TabularInline):
    """The article's claims: the top ones by check-worthiness (best first), or all of them in
    text order with ``?claims=all`` (``ArticleAdmin.get_formset_kwargs``)."""

    model = Claim
    fields = readonly_fields = CLAIM_COLUMNS
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
class ArticleAdmin(FlatListMixin, NoRevertHistoryAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "outlet",
        "language",
        "extraction_status",
        "claim_count",
        "added_by",
        "created_at",
    ]
    list_filter = ["extraction_status", "language"]
    search_fields = ["title", "outlet", "author", "url"]
    list_select_related = ["added_by"]
    readonly_fields = [
        "body_sha256",
        "language_by_reviewer",
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
        return super().get_queryset(request).annotate(claim_count=selectors.article_claim_count())

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    @admin.display(ordering="claim_count", description="Claims")
    def claim_count(self, obj):
        return obj.claim_count

    def _frozen(self, obj) -> bool:
        return obj is not None and selectors.article_has_published_claims(obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if self._frozen(obj) and not policies.may_correct_published(request.user):
            return [*self.readonly_fields, *ARTICLE_PUBLISHED_FIELDS]
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._frozen(obj) and policies.may_correct_published(request.user):
            kwargs["form"] = ArticleCorrectionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj is None else [f for f in fields if f != "allow_duplicate"]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ClaimInline) and obj is not None:
            shown = getattr(request, "_claims_shown", None) or top_claims(request, obj)
            order = ("position",) if shown["all"] else ("-checkworthiness", "position")
            kwargs["queryset"] = kwargs["queryset"].filter(pk__in=shown["ids"]).order_by(*order)
        return kwargs

    def response_add(self, request, obj, post_url_continue=None):
        """Land on the new article: its claims appear there as the worker extracts them."""
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            format_html(
                "The article “{}” was added. Its claims appear below as soon as the worker has "
                "extracted them.",
                obj,
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:claims_article_change", args=[obj.pk]))

    def extraction_view(self, request, pk: int):
        """The article's extraction status and claim count, polled by its page while claims are
        being extracted (no body loaded)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        status = Article.objects.filter(pk=pk).values_list("extraction_status", flat=True).first()
        if status is None:
            raise Http404
        claims = Claim.objects.filter(article=pk).count()
        return JsonResponse({"status": status, "claims": claims})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            extra_context["shown"] = request._claims_shown = top_claims(request, article)
        return super().change_view(request, object_id, form_url, extra_context)

    # Deleting: one service call in bulk, a summary instead of every claim listed ------------

    def get_deleted_objects(self, objs, request):
        """What the confirmation page lists: counts, not 8,000 claims walked one by one."""
        summary: list[Any] = []
        protected = []
        claims = 0
        for article in objs:
            preview = services.article_deletion_preview(article=article)
            claims += preview.claims
            summary += [f"Article: {article}", [f"{preview.claims:,} claim(s)"]]
            if preview.blocked:
                protected.append(f"{article}: {preview.reason}")
        perms_needed = set() if policies.may_delete_article(request.user) else {"article"}
        counts = {"articles": len(objs), "claims": claims}
        return summary, counts, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        if not policies.may_delete_article(request.user):
            self.message_user(
                request,
                "Only editors can delete articles; ask an editor if this one should go.",
                messages.ERROR,
            )
            url = reverse("admin:claims_article_change", args=[object_id])
            return HttpResponseRedirect(url if object_id.isdigit() else "../")
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article, by=request.user)

    def save_model(self, request, obj, form, change):
        body = form.cleaned_data["body"]
        language_changed = "language" in form.changed_data
        if language_changed:  # a reviewer's choice (blank: detect again)
            obj.language = obj.language.strip().lower()
            obj.language_by_reviewer = bool(obj.language)
        if change or body.strip():
            try:
                services.article_save(
                    article=obj,
                    body=body,
                    by=request.user,
                    correction_note=form.cleaned_data.get("correction_note", ""),
                    language_changed=change and language_changed,
                )
            except DomainError as exc:  # a verdict was published since the form was shown
                self.message_user(request, f"Not saved: {exc.message}", messages.ERROR)
        else:
            services.article_fetch_request(article=obj, by=request.user)

    @admin.action(description="Re-extract claims (keeps reviewed claims)")
    def re_extract(self, request, queryset):
        for article in queryset:
            services.article_request_extraction(article=article)
        self.message_user(request, f"Extraction queued for {queryset.count()} article(s).")

    @admin.action(description="Export claims, verdicts and sources as JSON")
    def export_json(self, request, queryset):
        payload = [exports.article_export(article) for article in queryset]
        return download(
            json.dumps(payload if len(payload) != 1 else payload[0], indent=2, ensure_ascii=False),
            "claims.json",
            "application/json",
        )

    @admin.action(description="Export claims, verdicts and sources as CSV")
    def export_csv(self, request, queryset):
        return download(exports.articles_export_csv(list(queryset)), "claims.csv", "text/csv")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/read/", view(self.reading_view), name="claims_article_read"),
            path("<int:pk>/export.<str:fmt>", view(self.export_view), name="claims_article_export"),
            path("<int:pk>/import/", view(self.import_view), name="claims_article_import"),
            path(
                "<int:pk>/extraction/",
                view(self.extraction_view),
                name="claims_article_extraction",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, pk: int) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def reading_view(self, request, pk: int):
        """The article's text with every claim highlighted at its span, furniture greyed."""
        article = self._article_or_404(request, pk)
        shown = top_claims(request, article, READING_CLAIMS_PAGE)
        claims: list[Any] = selectors.article_claims_for_reading(article, shown["ids"])
        marks, unanchored = [], []
        for claim in claims:
            pieces = selectors.claim_pieces(claim, len(article.body))
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
        not_claims = selectors.not_claims_of(article)
        marks += [Mark(s, e, css=css, title=reason) for s, e, css, reason in not_claims]
        furniture = [n for n in not_claims if n[2] == "furniture"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Read: {article.title}",
            "body_html": render_marked(article.body, marks),
            "claims": claims,
            "shown": shown,
            "unanchored": unanchored,
            "furniture_count": len(furniture),
            "not_claim_count": len(not_claims) - len(furniture),
            "statuses": [(STATUS_COLOURS[v], label) for v, label in Claim.Status.choices],
            "ratings": Verdict.Rating.choices,
        }
        return TemplateResponse(request, "admin/claims/article/reading.html", context)

    def export_view(self, request, pk: int, fmt: str):
        article = self._article_or_404(request, pk)
        name = slugify(article.title)[:60] or f"article-{article.pk}"
        if fmt == "json":
            text = json.dumps(exports.article_export(article), indent=2, ensure_ascii=False)
            return download(text, f"{name}.json", "application/json")
        if fmt == "csv":
            return download(exports.articles_export_csv([article]), f"{name}.csv", "text/csv")
        raise Http404("Unknown export format.")

    def import_view(self, request, pk: int):
        article = self._article_or_404(request, pk)
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        refused = False  # a malformed file or row: 400, the reasons on the page
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = services.claims_rows_parse(filename=upload.name, data=upload.read())
                result = services.claims_import(article=article, rows=rows, by=request.user)
            except DomainError as exc:
                form.add_error("file", exc.message)
                refused = True
            else:
                refused = bool(result.rejected)
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
        return TemplateResponse(
            request, "admin/claims/article/import.html", context, status=400 if refused else 200
        )
