"""What the claims admin pages share: a read-only history, status colours, downloads."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim

STATUS_COLOURS: dict[str, str] = {
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
            raise PermissionDenied("Reverting is disabled; history is read-only.")
        return super().history_form_view(request, object_id, version_id, extra_context)


def score_bar(score: float):
    """A check-worthiness score as a small bar with its value (0..1)."""
    return format_html(
        '<span class="wb-score" title="check-worthiness {}">'
        '<span class="wb-score-bar" style="width: {}px"></span> {}</span>',
        f"{score:.3f}",
        round(40 * max(0.0, min(1.0, score))),
        f"{score:.2f}",
    )


def download(text: str, filename: str, content_type: str) -> HttpResponse:
    """``text`` as an attachment that browsers neither render nor sniff."""
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class CorrectionNoteMixin(forms.Form):
    """A form of something a published fact-check shows (published means frozen): an editor
    changes it with a note saying what is corrected and why, kept in the history. The
    services check the same rule (``claims.services.published``)."""

    correction_note = forms.CharField(
        required=False,
        max_length=500,
        label="Correction note",
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="This is part of a published fact-check: to change it, say what you correct "
        "and why (kept in the history).",
    )
    #: the fields whose change needs the note
    frozen_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        changed = [name for name in self.frozen_fields if name in self.changed_data]
        if changed and not (self.cleaned_data.get("correction_note") or "").strip():
            self.add_error(
                "correction_note",
                "This changes a published fact-check: say what you correct and why.",
            )
        return cleaned
