"""Adding an article in a real browser: the reviewer lands on the new article and its claims
appear there, extracted by the real worker, without reloading the page by hand (issue 13)."""

import pytest
from playwright.sync_api import expect

from claims.models import Article
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TEXT = (
    "Harbour report\n\n"
    "The port authority said on Tuesday that container traffic rose 14 percent in 2025. "
    "The new quay cost 85 million euros, according to the city's budget office. "
    'Mayor Ana Ruiz called the expansion "the best investment of the decade".'
)


def test_a_new_article_opens_and_shows_its_claims_when_they_are_extracted(
    live_server, celery_worker, page, alice
):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/claims/article/add/")
    page.fill("#id_body", TEXT)
    page.click("input[name=_save]")

    article = Article.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("Its claims appear below")
    # No reload by the test: the page updates itself when the worker is done.
    rows = page.locator("#claims-group tbody tr.has_original")
    expect(rows.first).to_be_visible(timeout=90_000)
    expect(page.locator("#extraction-progress")).to_have_count(0)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.DONE
    assert rows.count() == min(article.claims.count(), 10)
    expect(page.locator("#claims-group")).to_contain_text("85 million euros")


def test_the_status_endpoint_answers_without_the_body(client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleFactory

    article = ArticleFactory(body="x " * 100_000)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/claims/article/{article.pk}/extraction/")
    assert response.json() == {"status": article.extraction_status, "claims": 0}
    assert not any('"body"' in q["sql"] for q in queries.captured_queries)
    assert client.get("/admin/claims/article/999999/extraction/").status_code == 404
