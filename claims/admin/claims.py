# Over 400 lines on purpose: the claim page's inlines and workflow buttons are one admin.
"""The claim pages: the review queue, the claim page with its citations, verdicts and
evidence, and the workflow buttons (assign, dismiss, reopen, publish, reject)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims import policies, selectors, services
from claims.admin.archive_retry import citation_retry_view
from claims.admin.articles import READING_CLAIMS_PAGE
from claims.admin.base import STATUS_COLOURS, CorrectionNoteMixin, NoRevertHistoryAdmin, score_bar
from claims.admin.changelist import (
    ClaimActionForm,
    ClaimChangeList,
    DismissForm,
    FlatListMixin,
    NearCopyFilter,
    QueueFilter,
    RatingFilter,
)
from claims.admin.details import details_table
from claims.admin.inlines import CitationInline, VerdictInline
from claims.highlight import Mark, render_marked
from claims.models import Citation, Claim, Verdict
from claims.public.paths import fact_check_path
from workbench.errors import DomainError

WORKFLOW_ACTIONS = (
    "assign_me",
    "unassign",
    "dismiss",
    "reopen",
    "publish",
    "reject",
    "unpublish",
)


def differs(difference: dict[str, Any]) -> str:
    """A stored evidence difference as the reviewer reads it."""
    what = "date" if difference.get("kind") == "date" else "figure"
    return (
        f"Differs: the claim's {what} is {difference.get('claim')}, "
        f"the source says {difference.get('passage')}"
    )


class ClaimCorrectionForm(CorrectionNoteMixin, forms.ModelForm):
    """An editor's form of a claim with a published verdict: its words change with a note."""

    frozen_fields = ("text",)


@admin.register(Claim)
class ClaimAdmin(FlatListMixin, NoRevertHistoryAdmin):
    list_display = [
        "short_text",
        "score",
        "article",
        "kind",
        "status_badge",
        "verdict",
        "approval",
        "assignee",
    ]
    # No "article" filter: listing every article on each page does not scale; the article
    # page links to ?article__id__exact=<id> instead (allowed in lookup_allowed below).
    list_filter = [QueueFilter, "status", RatingFilter, "kind", NearCopyFilter, "article__language"]
    # The best candidates first, in every queue (docs/triage.md); id breaks ties stably.
    ordering = ["-checkworthiness", "-id"]
    search_fields = ["text", "span_text", "article__title"]  # by selectors.claims_search
    list_select_related = ["article", "assignee"]
    list_per_page = 100
    raw_id_fields = ["article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "text",
                    "span_text",
                    "kind",
                    "details_readable",
                    "checkworthiness",
                    "status",
                    "assignee",
                    "dismissal_reason",
                    "dismissal_note",
                    "duplicate_of",
                ]
            },
        ),
        # Where the claim sits and how it was made: for the rare reader who needs it.
        (
            "Position in the article and raw details",
            {
                "classes": ["collapse"],
                "fields": ["start", "end", "position", "extractor", "details"],
            },
        ),
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
        "details_readable",
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

    def get_search_results(self, request, queryset, search_term):
        """The search fields, matched as ``claims_search`` does: flat with the table."""
        if not search_term:
            return queryset, False
        return selectors.claims_search(queryset, search_term), False

    # Published means frozen: the claim's words, for everyone but an editor's correction --

    def _frozen(self, obj) -> bool:
        return obj is not None and selectors.claim_published_at(obj) is not None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._frozen(obj) and not policies.may_correct_published(request.user):
            readonly.append("text")
        return readonly

    def get_fieldsets(self, request, obj=None):
        if not (self._frozen(obj) and policies.may_correct_published(request.user)):
            return self.fieldsets
        (name, options), *rest = self.fieldsets
        fields = list(options["fields"])
        fields.insert(fields.index("text") + 1, "correction_note")
        return [(name, {**options, "fields": fields}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._frozen(obj) and policies.may_correct_published(request.user):
            kwargs["form"] = ClaimCorrectionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def lookup_allowed(self, lookup, value, request=None):
        allowed = ("article__id__exact", "assignee__id__exact", "near_copy_of__id__exact")
        return lookup in allowed or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Figures, quotes, dates")
    def details_readable(self, obj):
        return details_table(obj.details)

    @admin.display(description="Claim", ordering="text")
    def short_text(self, obj):
        copies = getattr(obj, "near_copy_count", 0)
        if not copies:
            return str(obj)
        url = reverse("admin:claims_claim_changelist")
        return format_html(
            '{} <a class="wb-copies" href="{}?copies=all&amp;near_copy_of__id__exact={}" '
            'title="Near-identical claims of the same article">+{} near-{}</a>',
            str(obj),
            url,
            obj.pk,
            copies,
            "copy" if copies == 1 else "copies",
        )

    @admin.display(description="Check-worthiness", ordering="checkworthiness")
    def score(self, obj):
        return score_bar(obj.checkworthiness)

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
            path(
                "<int:pk>/citations/<int:citation_pk>/retry/",
                self.admin_site.admin_view(require_POST(partial(citation_retry_view, self))),
                name="claims_citation_retry",
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
        verdicts: list[Any] = selectors.claim_verdicts(claim)  # with the buttons each may show
        for verdict in verdicts:
            proposed = verdict.status == Verdict.Status.PROPOSED
            verdict.can_publish = proposed and policies.may_publish(user, verdict)
            verdict.can_reject = proposed and policies.may_reject(user, verdict)
            verdict.can_unpublish = verdict.status == Verdict.Status.PUBLISHED and (
                policies.may_unpublish(user, verdict)
            )
        evidence = []
        for citation, passages in selectors.claim_evidence(claim):
            evidence.append(
                {
                    "citation": citation,
                    "passages": [
                        {
                            "passage": p,
                            "html": render_marked(
                                p.text,
                                [Mark(s, e, css="hit") for s, e in p.highlights]
                                + [
                                    Mark(d["start"], d["end"], css="differs", title=differs(d))
                                    for d in p.differences
                                ],
                            ),
                            "differences": [{**d, "label": differs(d)} for d in p.differences],
                        }
                        for p in passages
                    ],
                }
            )
        reading_url = reverse("admin:claims_article_read", args=[claim.article_id]) + "?claims=all"
        before = Claim.objects.filter(article_id=claim.article_id, position__lt=claim.position)
        page = before.count() // READING_CLAIMS_PAGE + 1  # the reading view's page of the claim
        if page > 1:
            reading_url += f"&page={page}"
        return {
            "can_triage": policies.may_triage(user, claim),
            "status_class": STATUS_COLOURS[claim.status],
            "verdicts": verdicts,
            "evidence": evidence,
            "similar": selectors.claims_similar(claim),
            "dismiss_form": DismissForm(),
            "reading_url": f"{reading_url}#claim-{claim.pk}",
            "is_mine": claim.assignee_id == user.pk,
            "public_url": fact_check_path(claim),  # shown beside the published verdict
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
        elif action == "unpublish":
            verdict = get_object_or_404(Verdict, pk=request.POST.get("verdict") or 0, claim=claim)
            done = self._call(
                request,
                services.verdict_unpublish,
                verdict=verdict,
                by=user,
                reason=request.POST.get("reason", ""),
            )
            message = "The fact-check is unpublished; the claim is back in review."
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

    def has_add_permission(self, request):
        return False  # claims come from extraction and imports

    def save_model(self, request, obj, form, change):
        if set(form.changed_data) - {"correction_note"}:
            self._call(
                request,
                services.claim_update,
                claim=obj,
                by=request.user,
                text=obj.text,
                kind=obj.kind,
                checkworthiness=obj.checkworthiness,
                correction_note=form.cleaned_data.get("correction_note", ""),
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is Citation:
            note = form.cleaned_data.get("correction_note", "")
            self._save_citations(request, form.instance, formset, correction_note=note)
        elif formset.model is Verdict:
            self._save_verdicts(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    def _save_citations(self, request, claim, formset, correction_note: str = ""):
        formset.save(commit=False)  # fills new/changed/deleted_objects; new rows go below
        for citation in formset.deleted_objects:
            self._call(
                request,
                services.citation_remove,
                citation=citation,
                by=request.user,
                correction_note=correction_note,
            )
        for citation, _fields in formset.changed_objects:
            self._call(
                request,
                services.citation_update,
                citation=citation,
                relation=citation.relation,
                note=citation.note,
                by=request.user,
                correction_note=correction_note,
            )
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
