"""The reviewer's screens fit a 1,366 px laptop screen: no horizontal scrolling on any of them,
with long claims, long unbroken URLs and long article text; inline rows are not captioned with
what their fields already show (issue 13)."""

import pytest

from claims import services
from claims.models import EvidencePassage
from sources.models import Snapshot
from tests.factories import PASSWORD, ArticleFactory, ClaimFactory, SnapshotFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LONG_URL = "https://statistics.example.org/" + "reports/" * 30 + "a" * 120 + "?q=" + "x" * 200
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6


def _screens(alice, bob):
    body = (
        f"The ministry said exports rose 12 percent to $160 billion in 2024. {LONG_WORD}. "
        "Officials described it as a 'record'. " * 40
    )
    article = ArticleFactory(title="Exports " + LONG_WORD, body=body, url=LONG_URL)
    claim = ClaimFactory(
        article=article, text=f"Exports rose 12 percent to $160 billion in 2024. {LONG_WORD}"
    )
    citation = services.citation_add(claim=claim, url=LONG_URL, by=alice)
    Snapshot.objects.filter(source=citation.source).delete()
    snapshot = SnapshotFactory(
        source=citation.source,
        status=Snapshot.Status.SUCCEEDED,
        sha256="ab" * 32,
        final_url=LONG_URL,
        title=LONG_WORD,
        text=("Exports reached $156 billion in 2024. " + LONG_WORD + " ") * 20,
    )
    EvidencePassage.objects.create(
        citation=citation,
        snapshot=snapshot,
        rank=1,
        text="Exports reached $156 billion in 2024. " + LONG_WORD,
        score=3.0,
        start=0,
        end=80,
        differences=[
            {"kind": "quantity", "claim": "$160 billion", "passage": "$156 billion",
             "start": 16, "end": 28}
        ],
    )  # fmt: skip
    return [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        f"/admin/claims/claim/{claim.pk}/history/",
        "/admin/claims/article/",
        f"/admin/claims/article/{article.pk}/change/",
        f"/admin/claims/article/{article.pk}/read/",
        "/admin/sources/source/",
        f"/admin/sources/snapshot/{snapshot.pk}/change/",
        "/admin/claims/verdict/",
    ]


#: the innermost elements that reach past the screen's right edge (named for the failure)
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 1366
               && ![...e.children].some(c => c.getBoundingClientRect().right > 1366))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')
            + ' ' + Math.round(e.getBoundingClientRect().right)
            + ' ' + e.outerHTML.slice(0, 150))"""


def test_every_reviewer_screen_fits_1366_pixels(live_server, browser, alice, bob):
    paths = _screens(alice, bob)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "alice")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        too_wide = {}
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.ok, path
            width = page.evaluate("document.documentElement.scrollWidth")
            captions = page.locator("td.original p").evaluate_all(
                "ps => ps.filter(p => p.offsetParent !== null).map(p => p.textContent.trim())"
            )
            assert captions == [], f"{path}: inline rows captioned twice: {captions}"
            if width > 1366:
                too_wide[path] = page.evaluate(WIDEST)
        assert too_wide == {}
    finally:
        context.close()
