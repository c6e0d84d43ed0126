"""Published means frozen (issue 12, item 2): what a published ClaimReview shows (the claim's
words, the article's author, outlet, URL and date, the citations of the published verdict)
changes only by an editor's correction, recorded in the history, or after an editor
unpublishes the verdict; in the services, the admin and the API alike.

Before, a reviewer could edit the claim text in the admin (the public ClaimReview changed,
still rated "False"), edit the article's author, outlet or URL, and delete the published
verdict's citations.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from claims import services
from claims.models import Article, Citation, Claim, Verdict
from tests.factories import ArticleFactory, ClaimFactory
from workbench.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(db):
    """A second editor."""
    from tests.factories import make_user

    return make_user("carol", group="Editor")


@pytest.fixture
def published(alice, bob):
    """A claim whose "False" verdict bob published, resting on one citation alice added."""
    article = ArticleFactory(
        author="J. Doe",
        outlet="Daily Example",
        url="https://news.example.org/plant",
        published_on=dt.date(2026, 11, 20),
    )
    claim = ClaimFactory(article=article)
    citation = services.citation_add(
        claim=claim, url="https://example.org/report", relation="refutes", by=alice
    )
    verdict = services.verdict_propose(
        claim=claim, rating="false", explanation="The report says 110 MW.", by=alice
    )
    services.verdict_publish(verdict=verdict, by=bob)
    return {"claim": claim, "article": article, "citation": citation, "verdict": verdict}


def _claimreview(client, claim):
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def public(bob):
    """What the world sees: the ClaimReview of a claim, read through the API."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(bob)
    return lambda claim: _claimreview(client, claim)


# The services ------------------------------------------------------------------------------


def test_a_reviewer_cannot_change_the_words_of_a_published_claim(published, alice, public):
    claim = published["claim"]
    before = public(claim)
    with pytest.raises(PermissionDenied) as refused:
        services.claim_update(
            claim=claim, by=alice, text="Something else.", kind=claim.kind, checkworthiness=0.5
        )
    assert refused.value.code == "published"
    assert public(claim) == before
    # What is not shown stays editable.
    services.claim_update(
        claim=claim, by=alice, text=claim.text, kind="statement", checkworthiness=0.9
    )


def test_an_editors_correction_changes_them_with_a_note_in_the_history(published, bob, public):
    claim = published["claim"]
    with pytest.raises(DomainError) as refused:
        services.claim_update(
            claim=claim, by=bob, text="Corrected.", kind=claim.kind, checkworthiness=0.5
        )
    assert refused.value.code == "correction_note_required"
    services.claim_update(
        claim=claim,
        by=bob,
        text="The plant could expand to 300 megawatts, the minister said.",
        kind=claim.kind,
        checkworthiness=0.5,
        correction_note="the quote is the minister's",
    )
    assert public(claim)["claimReviewed"].endswith("the minister said.")
    record = claim.history.order_by("-history_date").first()
    assert record.history_user == bob
    assert record.history_change_reason == "Correction: the quote is the minister's"


@pytest.mark.parametrize(
    "field, value",
    [
        ("author", "Someone Else"),
        ("outlet", "Another Outlet"),
        ("url", "https://evil.example.org/"),
        ("published_on", dt.date(2020, 1, 1)),
    ],
)
def test_the_articles_published_fields_are_frozen(published, alice, bob, public, field, value):
    claim, article = published["claim"], published["article"]
    before = public(claim)
    setattr(article, field, value)
    with pytest.raises(PermissionDenied):
        services.article_save(article=article, body=article.body, by=alice)
    assert public(claim) == before
    with pytest.raises(DomainError, match="say what you correct"):
        services.article_save(article=article, body=article.body, by=bob)
    services.article_save(
        article=article, body=article.body, by=bob, correction_note="the byline was wrong"
    )
    assert public(claim) != before
    record = Article.history.filter(id=article.pk).order_by("-history_date").first()
    assert record.history_user == bob
    assert record.history_change_reason == "Correction: the byline was wrong"


def test_an_unpublished_article_edits_freely_and_its_title_always(published, alice):
    article = published["article"]
    article.title = "A better title"  # not part of the ClaimReview
    services.article_save(article=article, body=article.body, by=alice)
    other = ArticleFactory(author="A")
    other.author = "B"
    services.article_save(article=other, body=other.body, by=alice)
    assert Article.objects.get(pk=other.pk).author == "B"


def test_the_citations_of_the_published_verdict_are_frozen(published, alice, bob):
    citation = published["citation"]
    with pytest.raises(PermissionDenied):
        services.citation_remove(citation=citation, by=alice)
    with pytest.raises(PermissionDenied):
        services.citation_update(citation=citation, relation="supports", note="", by=alice)
    assert Citation.objects.filter(pk=citation.pk, relation="refutes").exists()
    # A citation added afterwards (work on a correction) is the reviewer's to change.
    later = services.citation_add(
        claim=published["claim"], url="https://example.org/new", relation="context", by=alice
    )
    services.citation_update(citation=later, relation="supports", note="x", by=alice)
    services.citation_remove(citation=later, by=alice)
    # An editor's correction removes a published citation, with the reason in its history.
    citation_id = citation.pk
    services.citation_remove(citation=citation, by=bob, correction_note="a dead link")
    record = Citation.history.filter(id=citation_id, history_type="-").get()
    assert record.history_change_reason == "Correction: a dead link"


def test_an_editor_unpublishes_with_a_reason_and_the_claim_thaws(published, alice, bob, carol):
    claim, verdict = published["claim"], published["verdict"]
    with pytest.raises(PermissionDenied):
        services.verdict_unpublish(verdict=verdict, by=alice, reason="wrong")
    with pytest.raises(DomainError, match="Say why"):
        services.verdict_unpublish(verdict=verdict, by=carol, reason=" ")
    services.verdict_unpublish(verdict=verdict, by=carol, reason="the source was retracted")
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert verdict.status == Verdict.Status.UNPUBLISHED
    assert claim.status == Claim.Status.IN_REVIEW
    assert verdict.history.order_by("-history_date").first().history_change_reason == (
        "Unpublished: the source was retracted"
    )
    with pytest.raises(DomainError):
        services.verdict_unpublish(verdict=verdict, by=carol, reason="again")
    # Nothing is published now: the claim's words are the reviewer's again.
    services.claim_update(
        claim=claim, by=alice, text="Reworded.", kind=claim.kind, checkworthiness=0.5
    )


# The admin ---------------------------------------------------------------------------------


def _post_data(page) -> dict:
    """The POST data of an admin change page as it stands: its form and its inlines."""
    data: dict = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is not None:
                data[key] = str(value)
            else:
                data[key] = ""
            del field

    add(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def _claim_page(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def _article_page(article):
    return reverse("admin:claims_article_change", args=[article.pk])


def test_the_admin_does_not_let_a_reviewer_change_a_published_claim(
    client, published, alice, public
):
    claim, citation = published["claim"], published["citation"]
    before = public(claim)
    client.force_login(alice)
    page = client.get(_claim_page(claim))
    assert "text" not in page.context["adminform"].form.fields  # shown read-only
    data = _post_data(page)
    data["text"] = "Reworded by a reviewer."
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-DELETE"] = "on"
    data[f"{prefix}-0-relation"] = "supports"
    client.post(_claim_page(claim), data)
    assert public(claim) == before
    assert Citation.objects.filter(pk=citation.pk, relation="refutes").exists()
    assert Claim.objects.get(pk=claim.pk).text == claim.text


def test_the_admin_does_not_let_a_reviewer_change_a_published_article(
    client, published, alice, public
):
    claim, article = published["claim"], published["article"]
    before = public(claim)
    client.force_login(alice)
    page = client.get(_article_page(article))
    data = _post_data(page)
    data.update(author="Someone Else", outlet="Another", url="https://evil.example.org/")
    client.post(_article_page(article), data)
    assert public(claim) == before
    article.refresh_from_db()
    assert (article.author, article.outlet) == ("J. Doe", "Daily Example")


def test_an_editor_corrects_in_the_admin_with_a_note(client, published, bob, public):
    claim, article = published["claim"], published["article"]
    client.force_login(bob)
    page = client.get(_claim_page(claim))
    data = _post_data(page)
    data["text"] = "Corrected by an editor."
    refused = client.post(_claim_page(claim), data)
    assert refused.status_code == 200  # the form says why; nothing is saved
    assert "say what you correct and why" in refused.content.decode()
    assert public(claim)["claimReviewed"] == claim.text
    data["correction_note"] = "the claim was misquoted"
    assert client.post(_claim_page(claim), data).status_code == 302
    assert public(claim)["claimReviewed"] == "Corrected by an editor."

    page = client.get(_article_page(article))
    data = _post_data(page)
    data.update(outlet="Daily Example (Sunday)", correction_note="the Sunday edition")
    assert client.post(_article_page(article), data).status_code == 302
    author = public(claim)["itemReviewed"]["author"]
    assert author["affiliation"]["name"] == "Daily Example (Sunday)"
    history = client.get(reverse("admin:claims_article_history", args=[article.pk]))
    assert "Correction: the Sunday edition" in history.content.decode()


def test_an_editor_unpublishes_from_the_claim_page(client, published, alice, bob):
    claim, verdict = published["claim"], published["verdict"]
    client.force_login(alice)
    assert b"unpublish-form" not in client.get(_claim_page(claim)).content
    client.post(
        reverse("admin:claims_claim_workflow", args=[claim.pk, "unpublish"]),
        {"verdict": verdict.pk, "reason": "no"},
    )
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.PUBLISHED
    client.force_login(bob)
    assert b"unpublish-form" in client.get(_claim_page(claim)).content
    client.post(
        reverse("admin:claims_claim_workflow", args=[claim.pk, "unpublish"]),
        {"verdict": verdict.pk, "reason": "the report was retracted"},
    )
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.UNPUBLISHED
    history = client.get(reverse("admin:claims_claim_history", args=[claim.pk])).content
    assert b"Unpublished: the report was retracted" in history


# The API -------------------------------------------------------------------------------------


def test_nothing_in_the_api_changes_a_published_fact_check(published, public, alice, bob):
    from rest_framework.test import APIClient

    from integrations.services import api_token_create

    claim, article = published["claim"], published["article"]
    before = public(claim)
    clients = []
    for user in (alice, bob):
        client = APIClient()
        client.force_login(user)
        clients.append(client)
    token = APIClient()
    token.credentials(
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(name='CMS', scope='read_write')[1]}"
    )
    for client in [*clients, token]:
        client.patch(
            f"/api/v1/claims/{claim.pk}",
            {"text": "Changed through the API.", "status": "in_review"},
            format="json",
        )
        client.patch(f"/api/v1/articles/{article.pk}", {"author": "X"}, format="json")
        client.put(f"/api/v1/articles/{article.pk}", {"author": "X"}, format="json")
        client.delete(f"/api/v1/claims/{claim.pk}/citations")
    assert public(claim) == before
    assert Citation.objects.filter(claim=claim).count() == 1
