"""Retry on the claim page: archive a cited source again, now that the configuration may
permit it (``services.citation_archive_retry``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from claims import services
from claims.models import Citation
from workbench.errors import DomainError


def citation_retry_view(model_admin, request, pk: int, citation_pk: int):
    """POST only (``require_POST`` in ``ClaimAdmin.get_urls``); back to the claim page."""
    citation = get_object_or_404(Citation.objects.select_related("claim", "source"), pk=citation_pk)
    if citation.claim_id != pk or not model_admin.has_view_permission(request, citation.claim):
        raise Http404("No such citation on this claim.")
    try:
        services.citation_archive_retry(citation=citation, by=request.user)
    except DomainError as exc:
        model_admin.message_user(request, f"Not retried: {exc.message}", messages.ERROR)
    else:
        model_admin.message_user(
            request,
            f"Archiving {citation.source.url} again; its evidence follows when it succeeds.",
            messages.SUCCESS,
        )
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[pk]) + "#evidence")
