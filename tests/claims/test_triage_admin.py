"""Triage screens: the claims list by check-worthiness with near-copies grouped, an article's
top claims, the model card, and the API's ordering."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from claims import selectors, services
from claims.models import Claim, TriageModel
from claims.roles import EDITOR
from tests.factories import ArticleFactory, ClaimFactory

from .test_triage import desk_file

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_claim_changelist"


@pytest.fixture(autouse=True)
def _fresh_scorer():
    selectors.checkworthiness_scorer_forget()
    yield
    selectors.checkworthiness_scorer_forget()


def article_with_claims(scores: list[float], texts: list[str] | None = None):
    """An article with one claim per score (distinct texts unless given)."""
    texts = texts or [f"Claim number {i} says something about topic {i * 7919}." for i in scores]
    body = " ".join(texts)
    article = ArticleFactory(body=body)
    claims = []
    offset = 0
    for position, (text, score) in enumerate(zip(texts, scores, strict=True)):
        start = body.index(text, offset)
        offset = start + len(text)
        claims.append(
            ClaimFactory(
                article=article,
                text=text,
                start=start,
                end=offset,
                position=position,
                checkworthiness=score,
            )
        )
    return article, claims


def _rows(response) -> list[int]:
    return [c.pk for c in response.context["cl"].result_list]


# The claims list --------------------------------------------------------------------------


def test_the_claims_list_shows_scores_and_sorts_by_them_in_every_queue(client, alice):
    _, claims = article_with_claims([0.2, 0.9, 0.5, 0.7])
    services.claims_assign(claims=[claims[0], claims[1], claims[3]], to=alice, by=alice)
    client.force_login(alice)
    response = client.get(reverse(CHANGELIST))
    assert _rows(response) == [claims[1].pk, claims[3].pk, claims[2].pk, claims[0].pk]
    page = response.content.decode()
    assert 'class="wb-score"' in page and "0.90" in page
    mine = client.get(reverse(CHANGELIST) + "?queue=mine")
    assert _rows(mine) == [claims[1].pk, claims[3].pk, claims[0].pk]
    # another order on request
    by_text = client.get(reverse(CHANGELIST) + "?queue=mine&o=1")
    assert set(_rows(by_text)) == set(_rows(mine))


def test_near_copies_are_grouped_behind_the_best_one(client, alice):
    quote = "Since 2008, there has not been a single year of revenue gain in newspapers."
    texts = [
        quote,
        f"“{quote}” says a veteran analyst.",
        "The paper cut 40 jobs in May.",
        quote,  # a pull quote repeating the body
    ]
    article, claims = article_with_claims([0.6, 0.8, 0.7, 0.6], texts)
    services.claims_group_near_copies(article=article)
    for claim in claims:
        claim.refresh_from_db()
    assert [c.near_copy_of_id for c in claims] == [claims[1].pk, None, None, claims[1].pk]

    client.force_login(alice)
    response = client.get(reverse(CHANGELIST))
    assert _rows(response) == [claims[1].pk, claims[2].pk]  # no copies at the top
    page = response.content.decode()
    link = f"?copies=all&amp;near_copy_of__id__exact={claims[1].pk}"
    assert link in page and "+2 near-copies" in page
    copies = client.get(reverse(CHANGELIST) + link.replace("&amp;", "&"))
    assert set(_rows(copies)) == {claims[0].pk, claims[3].pk}
    everything = client.get(reverse(CHANGELIST) + "?copies=all")
    assert len(_rows(everything)) == 4


# An article's top claims -------------------------------------------------------------------


def test_article_page_and_reading_view_show_the_top_claims_first(client, alice, settings):
    settings.TRIAGE_TOP_CLAIMS = 3
    scores = [0.1, 0.95, 0.3, 0.8, 0.05, 0.7, 0.6]
    article, claims = article_with_claims(scores)
    services.claim_dismiss(claim=claims[1], reason="not_checkworthy", by=alice)
    client.force_login(alice)

    url = reverse("admin:claims_article_change", args=[article.pk])
    page = client.get(url)
    formset = next(f for f in page.context["inline_admin_formsets"] if f.opts.model is Claim)
    shown = [form.original.pk for form in formset]
    assert shown == [claims[3].pk, claims[5].pk, claims[6].pk]  # best first, dismissed left out
    text = page.content.decode()
    assert "The top 3 of 7 claim(s) by check-worthiness" in text
    assert 'href="?claims=all" id="show-all-claims"' in text

    everything = client.get(url + "?claims=all")
    formset = next(f for f in everything.context["inline_admin_formsets"] if f.opts.model is Claim)
    assert [form.original.pk for form in formset] == [c.pk for c in claims]  # text order

    reading = reverse("admin:claims_article_read", args=[article.pk])
    top = client.get(reading).content.decode()
    assert {int(i) for i in re.findall(r'id="claim-(\d+)"', top)} == {
        claims[3].pk,
        claims[5].pk,
        claims[6].pk,
    }
    assert "Highlight all 7 claims" in top
    every = client.get(reading + "?claims=all").content.decode()
    assert len(re.findall(r'id="claim-\d+"', every)) == 7
    # the claim page links to its place in the article, all claims shown
    claim_page = client.get(reverse("admin:claims_claim_change", args=[claims[0].pk]))
    assert claim_page.context["workbench"]["reading_url"].endswith(
        f"?claims=all#claim-{claims[0].pk}"
    )


# The model card ---------------------------------------------------------------------------


def test_editors_see_the_model_card_and_reviewers_do_not(client, alice, bob, tmp_path):
    assert "claims.view_triagemodel" in EDITOR
    editors = Group.objects.get(name="Editor")
    assert editors.permissions.filter(codename="view_triagemodel").exists()
    card = reverse("admin:claims_triagemodel_changelist")

    client.force_login(alice)
    assert client.get(card).status_code in (403, 404)
    response = client.post(reverse("admin:claims_triage_retrain"))
    assert response.status_code == 302  # refused by the service, with a message
    assert not TriageModel.objects.exists()

    client.force_login(bob)
    page = client.get(card).content.decode()
    assert "The built-in heuristic (no trained model is active)" in page
    assert 'id="retrain-now"' in page

    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    model = TriageModel.objects.get(active=True)
    page = client.get(card).content.decode()
    assert f"Active model: #{model.pk}" in page
    assert 'id="model-figures"' in page and "Heuristic" in page
    assert "labelled file" in page and ">120<" in page
    assert "feature:" in page or "word:" in page or "char:" in page
    detail = client.get(reverse("admin:claims_triagemodel_change", args=[model.pk]))
    assert detail.status_code == 200 and f"#{model.pk}" in detail.content.decode()


def test_retrain_now_queues_a_training_on_the_worker(
    client, bob, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("admin:claims_triage_retrain"), follow=True)
    row = TriageModel.objects.get()
    assert row.status == TriageModel.Status.QUEUED and row.requested_by == bob
    assert len(callbacks) == 1
    page = response.content.decode()
    assert f"Training #{row.pk} is queued" in page
    assert 'id="training-pending"' in page


def test_a_refused_model_is_shown_on_the_card(client, bob, tmp_path):
    call_command(
        "train_checkworthiness", "--labels", str(desk_file(tmp_path)), stdout=io.StringIO()
    )
    TriageModel.objects.filter(active=True).update(document="{}")
    selectors.checkworthiness_scorer_forget()
    client.force_login(bob)
    page = client.get(reverse("admin:claims_triagemodel_changelist")).content.decode()
    assert 'id="scorer-refused"' in page and "not a check-worthiness model" in page


# The API ------------------------------------------------------------------------------------


def test_the_api_lists_claims_by_checkworthiness_with_the_score(client, alice):
    article, claims = article_with_claims(
        [0.3, 0.9, 0.6],
        [
            "The paper cut 40 jobs in May.",
            "Sales fell 4 percent in May, the company said.",
            "Sales fell 4 percent in May, the company said on Monday.",
        ],
    )
    services.claims_group_near_copies(article=article)
    client.force_login(alice)
    response = client.get("/api/v1/claims?ordering=-checkworthiness")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [claims[1].pk, claims[2].pk, claims[0].pk]
    assert [r["checkworthiness"] for r in results] == [0.9, 0.6, 0.3]
    assert [r["near_copy_of"] for r in results] == [None, claims[1].pk, None]
