"""The inlines of the claim page: its citations (cited by URL) and its verdicts.

Their rows are saved by ``ClaimAdmin.save_formset`` through the services, never directly.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from claims import policies, selectors, services
from claims.models import Citation, Verdict
from workbench.errors import DomainError


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
        claim = getattr(self.instance, "claim", None)
        try:  # the rule of citation_add, checked early to show the error beside the field
            return services.citation_url_check(claim=claim, url=self.cleaned_data["url"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class CitationFormSet(BaseInlineFormSet):
    """The claim's citations. Those of a published verdict are frozen (published means frozen):
    only an editor changes or removes them, with the claim form's correction note."""

    may_correct = False  # set per request by ``CitationInline.get_formset``

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.may_correct or not form.instance.pk or not self._published_at:
            return
        if form.instance.created_at <= self._published_at:
            for name in ("relation", "note", "DELETE"):
                if name in form.fields:
                    form.fields[name].disabled = True

    @cached_property
    def _published_at(self):
        return selectors.claim_published_at(self.instance) if self.instance.pk else None


class CitationInline(admin.TabularInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    fields = ["url", "relation", "note", "snapshot", "evidence", "added_by", "history"]
    readonly_fields = ["snapshot", "evidence", "added_by", "history"]
    extra = 1

    may_retry = False  # set per request (an inline is made for each request)

    def get_formset(self, request, obj=None, **kwargs):
        self.may_retry = policies.is_reviewer(request.user)
        formset = super().get_formset(request, obj, **kwargs)
        may_correct = policies.may_correct_published(request.user)
        return type(formset.__name__, (formset,), {"may_correct": may_correct})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "added_by")
            .annotate(**selectors.citation_archive_annotations())
        )

    @admin.display(description="Archive")
    def snapshot(self, obj):
        """The archive's state with its reason, and Retry when it failed or was blocked (the
        button belongs to a form outside the claim's form: ``#retry-citation-<pk>``)."""
        if not obj.pk:
            return "-"
        note = selectors.citation_archive_note(obj)
        url = reverse("admin:sources_source_change", args=[obj.source_id])
        html = format_html(
            '<a href="{}" class="snapshot-status" data-status="{}">{}</a>',
            url,
            note.status,
            note.text,
        )
        if note.retry and self.may_retry:
            html += format_html(
                ' <button type="submit" class="button retry-archive" form="retry-citation-{}">'
                "Retry</button>",
                obj.pk,
            )
        return html

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
