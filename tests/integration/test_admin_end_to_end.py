"""The vertical slice in a real browser, with a real worker and a real local web server.

A reviewer logs into the admin, pastes an article, sees its claims appear (extracted by the
worker), cites a URL served on 127.0.0.1, sees the snapshot succeed with the page's SHA-256,
and records a verdict.
"""

import hashlib
import re
import time

import pytest
from playwright.sync_api import expect

from claims.models import Article, Claim, Verdict
from sources.models import Snapshot
from tests.conftest import ROOT, SHARED
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

EVIDENCE_PAGE = """<!doctype html><html><head><title>Reactor deal signed</title></head>
<body><article><h1>Reactor deal signed</h1>
<p>The agreement covers a 110 MW small modular reactor that could later expand to 330 MW.</p>
<p>Officials of both governments signed the document in the capital on Monday.</p>
</article></body></html>"""


def _article_text() -> str:
    seed = SHARED / "data" / "seed" / "article.txt"
    path = seed if seed.exists() else ROOT / "claims" / "fixtures" / "demo_article.txt"
    return path.read_text(encoding="utf-8")


def _reload_until(page, locator_text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.get_by_text(locator_text).count():
            return
        time.sleep(0.5)
        page.reload()
    raise AssertionError(f"{locator_text!r} did not appear within {timeout}s")


def test_reviewer_pastes_article_cites_source_and_records_verdict(
    live_server, celery_worker, page_server, page, alice
):
    source_url = page_server.add("/reactor-deal.html", EVIDENCE_PAGE)
    body = _article_text()

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("alice")

    # Paste the article; extraction runs on the worker.
    page.goto(f"{live_server.url}/admin/claims/article/add/")
    page.fill("#id_body", body)
    page.click("input[name=_continue]")
    article = Article.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    _reload_until(page, "Done")
    assert article.claims.count() >= 10
    # The article page lists its top claims by check-worthiness; all are one click away.
    rows = page.locator("#claims-group tbody tr.has_original")
    assert rows.count() == min(10, article.claims.count())
    page.click("#show-all-claims")
    expect(rows).to_have_count(article.claims.count())

    # Open the claim about the plant's capacity and cite the local page.
    claim = Claim.objects.filter(article=article, span_text__icontains="megawatt").first() or (
        Claim.objects.filter(article=article).first()
    )
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.fill("#id_citations-0-url", source_url)
    page.select_option("#id_citations-0-relation", "refutes")
    page.fill("#id_citations-0-note", "The agreement says 110 MW, expandable to 330 MW.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The worker archives the page; the citation row shows the snapshot's status.
    _reload_until(page, "Archive: archived")  # "archived, looking for evidence" first, maybe
    snapshot = Snapshot.objects.get(source__url=source_url)
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    assert snapshot.sha256 == hashlib.sha256(EVIDENCE_PAGE.encode()).hexdigest()
    assert snapshot.title == "Reactor deal signed"
    assert page_server.hits["/reactor-deal.html"] == 1

    # Record a verdict.
    page.click("#verdicts-group .add-row a")
    page.select_option("#id_verdicts-0-rating", "misleading")
    page.fill("#id_verdicts-0-explanation", "The deal is for 110 MW, expandable to 330 MW.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating, verdict.status, verdict.author) == ("misleading", "proposed", alice)
    expect(page.locator("#verdicts-group")).to_contain_text(re.compile("Proposed"))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_PROPOSED
