"""The admin's lists and a big article's pages stay fast (issues 13 and 15): no body in a
list, capped counts, a cheap checkbox, claims shown a page at a time, deletion in bulk."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin import articles as article_admin
from claims.models import Article, Citation, Claim
from tests.factories import ArticleFactory, SourceFactory, make_user

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")
ARTICLES = reverse("admin:claims_article_changelist")


def _claims(n: int, article=None):
    article = article or ArticleFactory(body="The body of the article. " * 400)
    Claim.objects.bulk_create(
        Claim(article=article, text=f"Claim {i}", span_text="x", start=i, end=i + 1, position=i)
        for i in range(n)
    )
    return article


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("url", [CLAIMS, f"{CLAIMS}?status__exact=new", ARTICLES])
def test_lists_never_fetch_an_articles_body(client, alice, url):
    _claims(3)
    client.force_login(alice)
    response, sql = _get(client, url)
    assert b"Claim 1" in response.content or b"Article" in response.content
    assert not [q for q in sql if '"claims_article"."body"' in q]
    assert not [q for q in sql if "GROUP BY" in q.split("(SELECT", 1)[0]]


def test_the_count_stops_at_the_cap(client, alice, settings):
    settings.ADMIN_COUNT_CAP = 3
    _claims(5)
    client.force_login(alice)
    response, sql = _get(client, CLAIMS)
    assert "3+ claims" in response.content.decode()
    assert [q for q in sql if "COUNT(" in q and "LIMIT 4" in q]  # at most cap + 1 rows read
    settings.ADMIN_COUNT_CAP = 10
    response, _ = _get(client, CLAIMS)
    assert "5 claims" in response.content.decode()
    assert "5+ claims" not in response.content.decode()


def test_the_action_checkbox_is_still_a_working_checkbox(client, alice):
    article = _claims(2)
    client.force_login(alice)
    response, _ = _get(client, CLAIMS)
    claim = article.claims.first()
    assert (
        f'<input type="checkbox" name="_selected_action" value="{claim.pk}" '
        f'class="action-select" aria-label="Select this object for an action - {claim}">'
    ) in response.content.decode()
    response = client.post(
        CLAIMS, {"action": "assign_to", "_selected_action": [claim.pk], "assignee": ""}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.assignee == alice


def test_an_articles_page_shows_its_claims_a_page_at_a_time(client, alice, monkeypatch):
    monkeypatch.setattr(article_admin, "ARTICLE_CLAIMS_PAGE", 4)
    monkeypatch.setattr(article_admin, "READING_CLAIMS_PAGE", 4)
    article = _claims(10)
    client.force_login(alice)
    change = reverse("admin:claims_article_change", args=[article.pk])
    read = reverse("admin:claims_article_read", args=[article.pk])
    response, _ = _get(client, f"{change}?claims=all&page=2")
    text = response.content.decode()
    assert "Claims 5\u20138 of 10" in text and 'id="claims-next"' in text
    assert "Claim 4<" in text and "Claim 8<" not in text and "Claim 3<" not in text
    response, _ = _get(client, f"{read}?claims=all&page=3")
    text = response.content.decode()
    assert "Claims 9\u201310 of 10" in text and 'id="claims-next"' not in text
    assert text.count('class="claim status-') == 2


def test_deleting_a_big_article_is_one_bulk_call(client, django_assert_max_num_queries):
    editor = make_user("bob", group="Editor")
    small, big = _claims(3), _claims(600)
    other = _claims(1)
    copy = other.claims.get()
    copy.duplicate_of = big.claims.first()
    copy.save()
    client.force_login(editor)
    url = reverse("admin:claims_article_delete", args=[big.pk])
    confirm, _ = _get(client, url)
    assert "600 claim(s)" in confirm.content.decode()
    with CaptureQueriesContext(connection) as few:
        client.post(reverse("admin:claims_article_delete", args=[small.pk]), {"post": "yes"})
    with django_assert_max_num_queries(len(few.captured_queries)):  # not one per claim
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk__in=[small.pk, big.pk]).exists()
    assert not Claim.objects.filter(article_id__in=[small.pk, big.pk]).exists()
    copy.refresh_from_db()
    assert copy.duplicate_of is None  # SET_NULL kept
    deletion = Article.history.filter(id=big.pk, history_type="-").get()
    assert deletion.history_user == editor


def test_review_work_stops_a_deletion_with_the_reason(client):
    editor = make_user("bob", group="Editor")
    article = _claims(2)
    Citation.objects.create(claim=article.claims.first(), source=SourceFactory())
    client.force_login(editor)
    url = reverse("admin:claims_article_delete", args=[article.pk])
    response = client.post(url, {"post": "yes"})
    assert "review work" in response.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
    assert article.claims.count() == 2


def test_a_reviewer_is_told_why_they_may_not_delete(client, alice):
    article = _claims(2)
    client.force_login(alice)
    response = client.post(
        reverse("admin:claims_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Only editors can delete articles; ask an editor if this one should go."]
    assert Article.objects.filter(pk=article.pk).exists()


def test_row_links_keep_the_lists_filters(client, alice):
    article = _claims(2)
    claim = article.claims.first()
    client.force_login(alice)
    response, _ = _get(client, CLAIMS)
    assert f'href="/admin/claims/claim/{claim.pk}/change/"' in response.content.decode()
    response, _ = _get(client, f"{CLAIMS}?status__exact=new")
    link = f"/admin/claims/claim/{claim.pk}/change/?_changelist_filters=status__exact%3Dnew"
    assert f'href="{link}"' in response.content.decode()
