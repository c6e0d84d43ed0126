"""The public fact-check page in a real browser (issue 13): an anonymous visitor finds a
published fact-check in the index, reads its claim, rating and sources, downloads the archived
copy (never shown as a page of ours), and nothing is wider than a 1,366 px window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from claims import services
from claims.public.paths import fact_check_path
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WINDOW = {"width": 1366, "height": 768}
LONG_URL = "https://energy.example.org/reports/" + "x" * 300 + "?edition=2026"
HOSTILE_PAGE = b"<html><body><script>document.title='pwned'</script>archived</body></html>"


@pytest.fixture
def published(alice, bob):
    article = ArticleFactory(
        title="Minister opens the plant",
        outlet="Daily Example",
        author="J. Doe",
        url="https://news.example.org/plant",
    )
    claim = ClaimFactory(article=article)
    sources = []
    for url, relation in (
        ("https://energy.example.org/report", "refutes"),
        (LONG_URL, "context"),
    ):
        citation = services.citation_add(claim=claim, url=url, relation=relation, by=alice)
        sources.append(citation.source)
    snapshot = SnapshotFactory(
        source=sources[0],
        status=Snapshot.Status.SUCCEEDED,
        sha256="d" * 64,
        body=default_storage.save("bodies/browser-public", ContentFile(HOSTILE_PAGE)),
        content_type="text/html",
        screenshot=default_storage.save("screenshots/browser-public", ContentFile(_png())),
        screenshot_width=64,
        screenshot_height=40,
    )
    verdict = services.verdict_propose(
        claim=claim,
        rating="false",
        explanation="The ministry's report describes a 110 MW plant, expandable to 330 MW.",
        by=alice,
    )
    services.verdict_publish(verdict=verdict, by=bob)
    return {"claim": claim, "snapshot": snapshot}


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 40), (17, 170, 68)).save(out, format="PNG")
    return out.getvalue()


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WINDOW["width"], f"{page.url} is {width} px wide"


def test_an_anonymous_visitor_reads_a_published_fact_check(live_server, browser, published):
    claim = published["claim"]
    context = browser.new_context(viewport=WINDOW, accept_downloads=True)
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        violations: list[str] = []
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

        page.goto(f"{live_server.url}/fact-checks/")
        entry = page.locator("#fact-checks .entry").filter(has_text=claim.text)
        expect(entry.locator(".rating")).to_have_text("False")
        _fits(page)
        entry.locator("a").click()

        expect(page).to_have_url(f"{live_server.url}{fact_check_path(claim)}")
        expect(page.locator("#claim")).to_contain_text(claim.text)
        expect(page.locator("#rating")).to_have_text("False")
        expect(page.locator("#explanation")).to_contain_text("110 MW plant")
        expect(page.locator("#article-link")).to_have_attribute(
            "href", "https://news.example.org/plant"
        )
        sources = page.locator("#sources .source")
        expect(sources).to_have_count(2)
        expect(sources.nth(0)).to_contain_text("Refutes")
        expect(sources.nth(0).locator(".source-link")).to_have_attribute(
            "href", "https://energy.example.org/report"
        )
        expect(sources.nth(1).locator(".source-link")).to_have_attribute("href", LONG_URL)
        expect(sources.nth(1)).to_contain_text("Not archived.")
        # the archived copy's screenshot: a thumbnail, loaded under the page's CSP, that
        # links to the full-size image
        thumbnail = sources.nth(0).locator("a.screenshot img")
        expect(thumbnail).to_have_count(1)
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
        )
        assert thumbnail.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [64, 40]
        full = sources.nth(0).locator("a.screenshot").get_attribute("href")
        image = context.request.get(f"{live_server.url}{full}")
        assert image.headers["content-type"] == "image/png"
        assert image.body() == _png()
        expect(sources.nth(1).locator("a.screenshot")).to_have_count(0)
        # our stylesheet loaded under the page's Content-Security-Policy
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Georgia" in font
        _fits(page)

        # The ClaimReview the browser sees points at this page.
        ld = json.loads(page.locator("script[type='application/ld+json']").text_content())
        assert ld["@type"] == "ClaimReview"
        assert ld["url"] == page.url
        assert ld["itemReviewed"]["appearance"]["url"] == "https://news.example.org/plant"

        # The archived copy is a download; its HTML never runs on our origin.
        title = page.title()
        with page.expect_download() as info:
            sources.nth(0).locator("a.archived-copy").click()
        download = info.value
        assert download.suggested_filename == f"snapshot-{published['snapshot'].pk}-body.bin"
        assert Path(download.path()).read_bytes() == HOSTILE_PAGE
        assert page.title() == title != "pwned"
        assert violations == []
    finally:
        context.close()
