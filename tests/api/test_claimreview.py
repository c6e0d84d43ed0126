"""ClaimReview JSON-LD: parses with pyld (our own bundled context, no network) and has every
field Google's fact-check markup requires."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

from claims.api.claimreview import RATING_VALUES
from claims.models import Verdict
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

CONTEXT = json.loads(
    (Path(__file__).resolve().parents[2] / "claims/api/schemaorg-context.jsonld").read_text()
)
S = "https://schema.org/"


def local_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test must not fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expand(document):
    return jsonld.expand(document, {"documentLoader": local_loader})


def value(node, term):
    (item,) = node[S + term]
    return item.get("@value", item.get("@id", item))


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
    assert value(node, "url").endswith(f"/api/v1/claims/{claim.pk}/claimreview")
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
    assert value(appearance, "url") == "https://news.example.org/plant"


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
