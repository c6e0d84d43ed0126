"""Triage in a real browser: a reviewer dismisses match results and cites transfer rumours, an
editor presses "Retrain now" on the model card, the worker trains and switches, and the claims
list of an article nobody touched puts the rumours first."""

from __future__ import annotations

import random
import re
import time

import pytest
from playwright.sync_api import expect

from claims import selectors
from claims.models import Claim, TriageModel
from claims.triage.heuristic import heuristic_score
from tests.factories import ArticleFactory, ClaimFactory
from tests.integration.test_review_workflow_browser import _login
from tests.integration.test_triage_worker import worker_idle
from tests.unit.triage.synthetic import match_result, transfer_rumour

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RESULT = re.compile(r" (beat|drew) | scored ")


def sports_article(rng: random.Random):
    """Two transfer rumours and two match results, scored by the heuristic as extraction
    would (results, with their figures and dates, first)."""
    sentences: list[str] = []
    while len(sentences) < 4:
        sentence = transfer_rumour(rng) if len(sentences) % 2 == 0 else match_result(rng)
        if sentence not in sentences:
            sentences.append(sentence)
    body = " ".join(sentences)
    article = ArticleFactory(body=body)
    for position, sentence in enumerate(sentences):
        start = body.index(sentence)
        ClaimFactory(
            article=article,
            start=start,
            end=start + len(sentence),
            position=position,
            kind=Claim.Kind.EVENT,
            checkworthiness=round(heuristic_score(sentence), 3),
        )
    return article


def listed(page) -> list[str]:
    return page.locator("#result_list tbody th.field-short_text").all_inner_texts()


def reload_until(page, predicate, timeout: float = 120, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(1)
        page.reload()
    raise AssertionError(f"{what} not reached within {timeout}s")


def test_reviewer_decides_editor_retrains_and_the_claims_list_changes(
    live_server, celery_worker, page_server, browser, page, alice, bob
):
    selectors.checkworthiness_scorer_forget()
    rng = random.Random(5)
    decided = [sports_article(rng) for _ in range(5)]
    watched = sports_article(rng)
    claims_url = f"{live_server.url}/admin/claims/claim/"
    watched_url = f"{claims_url}?article__id__exact={watched.pk}"

    # Alice, a reviewer, sees the watched article's results first (the heuristic's order).
    _login(page, live_server, "alice")
    page.goto(watched_url)
    before = listed(page)
    assert len(before) == 4
    assert all(RESULT.search(text) for text in before[:2]), before

    # She dismisses the results of the other articles from the list, as not check-worthy...
    for article in decided:
        page.goto(f"{claims_url}?article__id__exact={article.pk}")
        rows = page.locator("#result_list tbody tr")
        for i in range(rows.count()):
            row = rows.nth(i)
            if RESULT.search(row.locator("th.field-short_text").inner_text()):
                row.locator("input.action-select").check()
        page.select_option("select[name=action]", "dismiss_not_checkworthy")
        page.click("button[name=index]")
        expect(page.locator(".messagelist")).to_contain_text("Dismissed 2 claim(s).")

    # ...and cites a source for each rumour on its claim page.
    source = page_server.add("/triage/rumour.html", "<html><title>Rumour</title><p>x</p></html>")
    rumours = Claim.objects.filter(article__in=decided, status=Claim.Status.NEW)
    assert rumours.count() == 10
    for claim in rumours:
        page.goto(f"{claims_url}{claim.pk}/change/")
        page.fill("#id_citations-0-url", source)
        page.select_option("#id_citations-0-relation", "supports")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert len(selectors.decision_labels()) == 20

    # Bob, an editor, retrains from the model card.
    bob_context = browser.new_context()
    try:
        card = bob_context.new_page()
        card.set_default_timeout(20_000)
        _login(card, live_server, "bob")
        card.goto(f"{live_server.url}/admin/claims/triagemodel/")
        expect(card.locator("#scorer-name")).to_contain_text("built-in heuristic")
        expect(card.locator("#decisions-positive")).to_have_text("10")
        expect(card.locator("#decisions-negative")).to_have_text("10")
        card.click("#retrain-now")
        expect(card.locator(".messagelist")).to_contain_text("is queued on the worker")
        reload_until(
            card,
            lambda: (
                card.locator("#model-card h2").count() > 0
                and "Active model" in card.locator("#model-card h2").inner_text()
            ),
            what="an active model on the card",
        )
        model = TriageModel.objects.get(active=True)
        assert model.trigger == TriageModel.Trigger.EDITOR and model.requested_by == bob
        expect(card.locator("#scorer-name")).to_contain_text(f"Model #{model.pk}")
        expect(card.locator("#model-outcome")).to_contain_text("Made active")
        expect(card.locator("#model-sources")).to_contain_text("reviewers' decisions")
        expect(card.locator("#model-figures")).to_contain_text("Heuristic")
        expect(card.locator("#model-decisions tbody tr")).to_have_count(20)
        expect(card.locator("#model-decisions")).to_contain_text("not check-worthy")
    finally:
        bob_context.close()

    # The worker rescored the claims: the watched article's rumours now come first.
    page.goto(watched_url)
    reload_until(
        page,
        lambda: not any(RESULT.search(text) for text in listed(page)[:2]),
        timeout=60,
        what="rumours at the top of the claims list",
    )
    after = listed(page)
    assert sorted(after) == sorted(before) and after != before
    worker_idle()
