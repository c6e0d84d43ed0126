"""Adding an article in the admin: its text, or only its URL (fetched by a worker through the
safe fetcher, as for the API)."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_article_add")
STORY = (
    "<html><head><title>Dam opens</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Dam opens</h1><p>The new dam on the river produces 90 megawatts, the "
    "operator said on Monday, and it cost 400 million dollars to build.</p><p>Engineers "
    "said the reservoir will take two years to fill completely.</p></article>"
    "<footer>Cookie settings</footer></body></html>"
)


@pytest.fixture
def story_url(settings, page_server):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    return page_server.add("/admin-add/story.html", STORY)


def _form(**fields) -> dict[str, str]:
    return {
        "title": "",
        "body": "",
        "url": "",
        "outlet": "",
        "author": "",
        "published_on": "",
        "language": "en",
        **fields,
    }


def test_add_article_from_its_url_keeps_the_pages_main_text(
    client, alice, story_url, page_server, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(ADD, _form(url=story_url, outlet="River Times", _continue="1"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])
    # Like the API: the form fetches nothing; a worker fetches the page after commit.
    assert article.extraction_status == Article.ExtractionStatus.FETCHING
    assert [c.func.__self__.name for c in callbacks] == ["claims.tasks.fetch_article"]
    assert page_server.hits.get("/admin-add/story.html", 0) == 0
    services.article_fetch(article_id=article.pk)  # what the worker runs
    article.refresh_from_db()
    assert (article.title, article.url, article.outlet) == ("Dam opens", story_url, "River Times")
    assert "90 megawatts" in article.body
    assert "Cookie settings" not in article.body and "Home | World" not in article.body
    assert article.added_by == alice
    assert article.extraction_status == Article.ExtractionStatus.PENDING


def test_add_article_from_a_blocked_url_fails_on_the_worker_with_the_reason(client, alice):
    client.force_login(alice)
    response = client.post(ADD, _form(url="http://169.254.169.254/"))
    assert response.status_code == 302
    article = Article.objects.get()
    services.article_fetch(article_id=article.pk)  # what the worker runs
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.FAILED
    assert "Could not fetch" in article.extraction_error
    assert article.body == "" and not article.claims.exists()


def test_add_article_needs_its_text_or_its_url(client, alice):
    client.force_login(alice)
    response = client.post(ADD, _form(title="Nothing"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Paste the article's text or give its URL."
    ]
    assert not Article.objects.exists()


def test_add_article_with_text_and_url_keeps_the_text_and_fetches_nothing(
    client, alice, story_url, page_server
):
    client.force_login(alice)
    hits = page_server.hits.get("/admin-add/story.html", 0)
    response = client.post(ADD, _form(body="The bridge is 120 metres long.", url=story_url))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.body, article.url) == ("The bridge is 120 metres long.", story_url)
    assert article.title == "The bridge is 120 metres long."
    assert page_server.hits.get("/admin-add/story.html", 0) == hits


def test_editing_an_article_still_needs_its_text(client, alice):
    article = ArticleFactory(url="https://example.org/a")
    client.force_login(alice)
    url = reverse("admin:claims_article_change", args=[article.pk])
    response = client.post(url, _form(title=article.title, url=article.url))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == ["This field is required."]
    article.refresh_from_db()
    assert article.body.startswith("The plant")


def test_pasted_html_without_text_is_a_form_error_not_a_crash(client, alice):
    client.force_login(alice)
    response = client.post(ADD, _form(body="<html><body><script>x()</script></body></html>"))
    assert response.status_code == 200
    assert "Paste the article" in response.content.decode()
    assert not Article.objects.exists()
