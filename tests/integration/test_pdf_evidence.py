"""Cited PDFs through the real path: ``citation_add`` → a real ``celery worker`` archives the
PDF served by a real loopback server → ``snapshot_finished`` → the worker finds evidence →
the claim page and the API show it with page numbers, or say why there is none."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims import services
from claims.models import Citation
from sources.models import Snapshot
from tests import pdfs
from tests.conftest import wait_for
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PDF = "application/pdf"


def _claim(text):
    return ClaimFactory(article=ArticleFactory(body=text), text=text)


def _settled(citation, timeout=90):
    """The citation once the worker has archived its source and looked for evidence."""
    return wait_for(
        lambda: (
            Citation.objects.filter(pk=citation.pk)
            .exclude(evidence_status=Citation.EvidenceStatus.PENDING)
            .first()
        ),
        timeout=timeout,
    )


def _api_citations(user, claim):
    client = APIClient()
    client.force_login(user)
    response = client.get(f"/api/v1/claims/{claim.pk}/citations")
    assert response.status_code == 200
    return response.json()


def _claim_page(client, user, claim):
    client.force_login(user)
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def test_a_bombs_text_fails_with_its_reason_then_a_cited_report_yields_evidence_by_page(
    celery_worker, page_server, alice, client
):
    # First a bomb the worker must survive: a content stream that inflates without end.
    bomb_claim = _claim("The inflated report says nothing at all.")
    bomb_url = page_server.add(
        "/inflated.pdf", pdfs.decompression_bomb(megabytes=256), content_type=PDF
    )
    bomb_citation = services.citation_add(claim=bomb_claim, url=bomb_url, by=alice)
    # the file is archived as served; its text step fails with the reason
    failed = wait_for(
        lambda: Snapshot.objects.filter(source__url=bomb_url, text_status="failed").first(),
        timeout=90,
    )
    assert failed.status == "succeeded" and failed.text == ""
    assert failed.text_reason in {"pdf_memory", "pdf_timeout"}
    assert "PDF_TEXT_" in failed.text_message
    assert _settled(bomb_citation).evidence_status == Citation.EvidenceStatus.NO_TEXT
    assert celery_worker.proc.poll() is None  # the worker itself never ran the reader

    # The same worker then archives a real report and finds evidence on the right pages.
    url = page_server.add("/energy-review.pdf", pdfs.report_pdf(), content_type=PDF)
    wind = _claim("The Northfield wind farm has a capacity of 450 megawatts.")
    money = _claim("The grid operator spent 160 billion dollars on transmission upgrades.")
    cited = [services.citation_add(claim=c, url=url, by=alice) for c in (wind, money)]
    for citation in cited:
        assert _settled(citation).evidence_status == Citation.EvidenceStatus.DONE
    snapshot = Snapshot.objects.get(source__url=url)
    assert snapshot.status == "succeeded" and len(snapshot.page_starts) == 4
    assert page_server.hits["/energy-review.pdf"] == 1

    (wind_api,) = _api_citations(alice, wind)
    assert wind_api["evidence_status"] == "done"
    best = wind_api["evidence"][0]
    assert "450 megawatts" in " ".join(best["text"].split()) and best["page"] == 2
    assert all(p["page"] in {1, 2, 3, 4} for p in wind_api["evidence"])

    (money_api,) = _api_citations(alice, money)
    best = money_api["evidence"][0]
    assert "156 billion dollars" in " ".join(best["text"].split()) and best["page"] == 3
    assert best["differences"][0]["passage"] == "156 billion dollars"

    page = _claim_page(client, alice, money)
    assert '<span class="passage-page">p. 3</span>' in page


def test_a_pdf_of_scans_shows_that_no_text_could_be_extracted(
    celery_worker, page_server, alice, client
):
    url = page_server.add("/scanned.pdf", pdfs.image_only_pdf(pages=2), content_type=PDF)
    claim = _claim("The scanned letter says the plant will close in 2030.")
    citation = services.citation_add(claim=claim, url=url, by=alice)
    assert _settled(citation).evidence_status == Citation.EvidenceStatus.NO_TEXT
    snapshot = Snapshot.objects.get(source__url=url)
    assert (snapshot.status, snapshot.text) == ("succeeded", "")

    (data,) = _api_citations(alice, claim)
    assert data["evidence_status"] == "no_text" and data["evidence"] == []

    page = _claim_page(client, alice, claim)
    assert "No text could be extracted from this source" in page
    assert "No matching passage" not in page


def test_a_page_tree_bombs_text_fails_with_its_reason_on_the_worker(
    celery_worker, page_server, alice
):
    url = page_server.add("/pages.pdf", pdfs.page_count_bomb(levels=7), content_type=PDF)
    claim = _claim("The report has ten million pages.")
    citation = services.citation_add(claim=claim, url=url, by=alice)
    failed = wait_for(
        lambda: Snapshot.objects.filter(source__url=url, text_status="failed").first()
    )
    assert failed.status == "succeeded"
    assert failed.text_reason == "pdf_unreadable" and "page tree" in failed.text_message
    assert _settled(citation).evidence_status == Citation.EvidenceStatus.NO_TEXT
