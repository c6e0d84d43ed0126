"""POST and GET /api/v1/articles."""

import pytest

from claims import services
from claims.models import Article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "The plant could expand to 300 megawatts. The minister said it was 'safe'.\n"


def test_post_article_is_accepted_and_queues_extraction(
    rw_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = rw_client.post(
            "/api/v1/articles",
            {"title": "Plant", "body": BODY, "url": "https://news.example.org/plant"},
            format="json",
        )
    assert response.status_code == 202, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert response["Location"] == f"/api/v1/articles/{article.pk}" == data["api_url"]
    assert data["extraction_status"] == "pending"
    assert article.body == BODY
    assert article.added_by.username == "integration:cms-importer"
    assert len(callbacks) == 1  # extraction is enqueued after commit, not before


def test_url_without_body_is_fetched_by_a_worker(
    rw_client, settings, page_server, django_capture_on_commit_callbacks
):
    from claims import services

    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    url = page_server.add(
        "/api-plant.html",
        "<html><head><title>Plant deal</title></head><body><article><p>The agreement covers "
        "a 110 MW reactor that could later expand to 330 MW, officials said on Monday in the "
        "capital.</p></article></body></html>",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = rw_client.post("/api/v1/articles", {"url": url}, format="json")
    assert response.status_code == 202
    assert response.json()["extraction_status"] == "fetching"
    assert len(callbacks) == 1  # fetch_article, after commit
    article = Article.objects.get()
    assert article.body == "" and page_server.hits.get("/api-plant.html") is None

    with django_capture_on_commit_callbacks() as callbacks:
        services.article_fetch(article_id=article.pk)  # what the worker does
    article.refresh_from_db()
    assert (article.title, article.extraction_status) == ("Plant deal", "pending")
    assert "110 MW" in article.body
    assert len(callbacks) == 1  # claim extraction, after commit
    assert services.article_fetch(article_id=article.pk) is None  # done is done


def test_url_that_cannot_be_fetched_ends_failed_with_the_reason(
    rw_client, django_capture_on_commit_callbacks
):
    from claims import services

    with django_capture_on_commit_callbacks():
        response = rw_client.post(
            "/api/v1/articles", {"url": "http://169.254.169.254/latest"}, format="json"
        )
    assert response.status_code == 202
    article = Article.objects.get()
    services.article_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.extraction_status == "failed"
    assert "non-public address" in article.extraction_error


def test_neither_body_nor_url_is_a_clear_problem(rw_client):
    response = rw_client.post("/api/v1/articles", {"title": "Nothing"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["pointer"] == "#/body"
    assert problem["errors"][0]["code"] == "body_or_url"
    assert not Article.objects.exists()


def test_blank_body_is_refused(alice_client):
    response = alice_client.post("/api/v1/articles", {"body": "   "}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/body"


@pytest.mark.parametrize("body", ["+", "— … !", "\u00a0?\u00a0"])
def test_a_body_without_a_letter_or_digit_is_refused_as_the_schema_says(alice_client, body):
    response = alice_client.post("/api/v1/articles", {"body": body}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/body"
    assert not Article.objects.exists()
    import yaml

    schema = yaml.safe_load(alice_client.get("/api/schema/").content)
    pattern = schema["components"]["schemas"]["ArticleCreateInputRequest"]["properties"]["body"]
    assert pattern["pattern"] == r"^[^\u0000]*[^\W_][^\u0000]*$"  # one letter or digit, no NUL


def test_a_body_in_any_script_is_accepted(alice_client):
    response = alice_client.post("/api/v1/articles", {"body": "မြန်မာ ၁၁၀"}, format="json")
    assert response.status_code == 202, response.content


def test_list_and_detail_with_claims_in_text_order(read_client):
    article = ArticleFactory()
    ClaimFactory(article=article, position=1, start=41, end=len(article.body))
    ClaimFactory(article=article, position=0)
    listed = read_client.get("/api/v1/articles").json()
    assert [a["id"] for a in listed["results"]] == [article.pk]
    assert listed["results"][0]["claim_count"] == 2
    assert "body" not in listed["results"][0]
    detail = read_client.get(f"/api/v1/articles/{article.pk}").json()
    assert detail["body"] == article.body
    assert [c["position"] for c in detail["claims"]] == [0, 1]


def test_extraction_status_filter(read_client):
    done = ArticleFactory(extraction_status=Article.ExtractionStatus.DONE)
    ArticleFactory()
    response = read_client.get("/api/v1/articles", {"extraction_status": "done"})
    assert [a["id"] for a in response.json()["results"]] == [done.pk]


def test_unknown_article_is_a_problem(read_client):
    response = read_client.get("/api/v1/articles/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_service_is_used(monkeypatch, alice_client):
    calls = []
    original = services.article_create

    def spy(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, "article_create", spy)
    alice_client.post("/api/v1/articles", {"body": BODY}, format="json")
    assert calls and calls[0]["body"] == BODY
