"""ClaimReview JSON-LD: parses with pyld (our own bundled context, no network) and has every
field Google's fact-check markup requires."""

import pytest
from django.test import Client

from claims import services
from claims.api.claimreview import RATING_VALUES
from claims.models import Verdict
from claims.public.paths import fact_check_path
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory
from tests.jsonld import CONTEXT, S, embedded_json_ld, expand, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(bob_client, alice, carol):
    article = ArticleFactory(
        url="https://news.example.org/plant",
        outlet="Daily Example",
        author="J. Doe",
    )
    claim = ClaimFactory(article=article)
    verdict = VerdictFactory(claim=claim, author=carol, rating=Verdict.Rating.MOSTLY_FALSE)
    assert bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish").status_code == 200
    return claim


def _check_claimreview(node, claim):
    assert node["@type"] == [S + "ClaimReview"]
    assert value(node, "claimReviewed") == claim.text
    # the public fact-check page, which anyone can open
    assert value(node, "url") == "http://testserver" + fact_check_path(claim)
    assert value(node, "datePublished")
    (author,) = node[S + "author"]
    assert author["@type"] == [S + "Organization"]
    assert value(author, "name") == "Example Fact Desk"
    assert value(author, "url") == "https://factdesk.example.org/"
    (rating,) = node[S + "reviewRating"]
    assert rating["@type"] == [S + "Rating"]
    assert value(rating, "ratingValue") == 2
    assert value(rating, "bestRating") == 7
    assert value(rating, "worstRating") == 1
    assert value(rating, "alternateName") == "Mostly false"
    (item,) = node[S + "itemReviewed"]
    assert item["@type"] == [S + "Claim"]
    (claim_author,) = item[S + "author"]
    assert value(claim_author, "name") == "J. Doe"
    assert value(item, "datePublished")
    (appearance,) = item[S + "appearance"]
    assert value(appearance, "url") == "https://news.example.org/plant"  # the article's own
    (first,) = item[S + "firstAppearance"]
    assert value(first, "url") == "https://news.example.org/plant"


def test_claimreview_of_a_published_verdict(read_client, published):
    response = read_client.get(f"/api/v1/claims/{published.pk}/claimreview")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    assert document["@context"] == "https://schema.org"
    (node,) = expand(document)
    _check_claimreview(node, published)


def test_feed_is_a_datafeed_of_claimreviews(read_client, published, alice_client):
    ClaimFactory()  # unpublished: not in the feed
    response = read_client.get("/api/v1/claimreview")
    assert response.status_code == 200
    (feed,) = expand(response.json())
    assert feed["@type"] == [S + "DataFeed"]
    (element,) = feed[S + "dataFeedElement"]
    _check_claimreview(element, published)


def test_every_term_we_emit_is_in_our_context(read_client, published):
    """Expansion drops unknown terms silently: compare what we send with what survives."""
    document = read_client.get("/api/v1/claimreview").json()

    def keys(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if not key.startswith("@"):
                    yield key
                yield from keys(item)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    assert set(keys(document)) <= set(CONTEXT["@context"]) - {"schema"}


def test_unpublished_claim_has_no_claimreview(read_client):
    claim = ClaimFactory()
    response = read_client.get(f"/api/v1/claims/{claim.pk}/claimreview")
    assert response.status_code == 404
    assert response.json()["detail"] == "This claim has no published verdict."


def test_rating_scale_is_one_to_one_on_1_to_7():
    assert sorted(RATING_VALUES.values()) == list(range(1, 8))
    assert RATING_VALUES[Verdict.Rating.FALSE] == 1
    assert RATING_VALUES[Verdict.Rating.TRUE] == 7
    assert RATING_VALUES[Verdict.Rating.UNVERIFIABLE] == 4


def test_the_api_and_the_public_page_give_the_same_claimreview(read_client, published):
    """One builder: the API's ClaimReview is the one embedded in the public page."""
    api = read_client.get(f"/api/v1/claims/{published.pk}/claimreview").json()
    page = Client().get(fact_check_path(published))
    assert page.status_code == 200
    assert embedded_json_ld(page.content.decode()) == api


def test_the_public_datafeed_is_the_apis_for_anonymous_readers(read_client, published):
    api = read_client.get("/api/v1/claimreview").json()
    public = Client().get("/fact-checks/claimreview.jsonld")
    assert public.status_code == 200
    assert public["Content-Type"] == "application/ld+json"
    document = public.json()
    assert document["dataFeedElement"] == api["dataFeedElement"]
    assert document["url"] == "http://testserver/fact-checks/claimreview.jsonld"
    (feed,) = expand(document)
    (element,) = feed[S + "dataFeedElement"]
    _check_claimreview(element, published)


def test_an_article_without_an_address_has_no_appearance(read_client, alice, bob):
    claim = ClaimFactory(article=ArticleFactory(url="", outlet="Daily Example"))
    verdict = VerdictFactory(claim=claim, author=alice)
    services.verdict_publish(verdict=verdict, by=bob)
    document = read_client.get(f"/api/v1/claims/{claim.pk}/claimreview").json()
    assert "appearance" not in document["itemReviewed"]
    assert "firstAppearance" not in document["itemReviewed"]
    assert "/api/" not in str(document)  # nothing points a reader at the internal API
    (node,) = expand(document)
    assert value(node, "url") == "http://testserver" + fact_check_path(claim)


def test_the_publishers_logo_is_in_the_claimreview(read_client, published, settings):
    settings.CLAIMREVIEW_ORG_NAME = "Faktencheck Nord"
    settings.CLAIMREVIEW_ORG_URL = "https://faktencheck.example.org/"
    settings.CLAIMREVIEW_ORG_LOGO = "https://cdn.example.org/logo.png"
    (node,) = expand(read_client.get(f"/api/v1/claims/{published.pk}/claimreview").json())
    (author,) = node[S + "author"]
    assert value(author, "name") == "Faktencheck Nord"
    assert value(author, "url") == "https://faktencheck.example.org/"
    assert value(author, "logo") == "https://cdn.example.org/logo.png"
