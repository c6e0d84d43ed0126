"""POST /api/v1/articles: the article size limit and duplicates, as problem+json."""

import pytest

from claims import services
from claims.models import Article

pytestmark = pytest.mark.django_db

BODY = "The plant could expand to 300 megawatts, the minister said on Monday.\n"


def test_a_5_mb_body_answers_413_with_the_limit_and_creates_nothing(rw_client):
    body = "The plant could expand to 300 megawatts. " * 125_000
    assert len(body) > 5_000_000
    response = rw_client.post("/api/v1/articles", {"body": body}, format="json")
    assert response.status_code == 413, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "too_large"
    assert "limit is 2.0 MB of text (ARTICLE_MAX_BYTES)" in problem["detail"]
    assert not Article.objects.exists()


def test_the_same_text_again_answers_409_with_the_existing_article(rw_client):
    first = services.article_create(title="Plant", body=BODY)
    response = rw_client.post("/api/v1/articles", {"body": BODY}, format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "duplicate_article"
    assert problem["existing_article"] == {
        "id": first.pk,
        "api_url": f"/api/v1/articles/{first.pk}",
    }
    assert Article.objects.count() == 1
    again = rw_client.post(
        "/api/v1/articles", {"body": BODY, "allow_duplicate": True}, format="json"
    )
    assert again.status_code == 202
    assert Article.objects.count() == 2


@pytest.mark.parametrize("value", [0, 1, "true", None])
def test_allow_duplicate_is_a_json_boolean(rw_client, value):
    response = rw_client.post(
        "/api/v1/articles", {"body": BODY, "allow_duplicate": value}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/allow_duplicate"
