"""The admin's claim search stays flat with the table (issue 15): each word is matched in the
claim's text, its span and its article's title, ignoring case, without a join, with ILIKE
that PostgreSQL's trigram indexes serve; a search counts to ``ADMIN_SEARCH_COUNT_CAP``."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")
POSTGRES = connection.vendor == "postgresql"


def _claim(article, n: int, text: str, span: str = "x") -> Claim:
    return Claim.objects.create(
        article=article, text=text, span_text=span, start=n, end=n + 1, position=n
    )


@pytest.fixture
def claims():
    plant = ArticleFactory(title="The Reactor Deal", body="x" * 100)
    other = ArticleFactory(title="Tuesday news", body="x" * 100)
    return {
        "text": _claim(other, 0, "The plant produced 4,500 MEGAWATTS in 2023."),
        "span": _claim(other, 1, "Output rose.", span="megawatts were produced"),
        "title": _claim(plant, 0, "Output rose again."),
        "phrase": _claim(other, 2, "Wages rose by 5% in the council's budget."),
        "neither": _claim(other, 3, "Unemployment fell."),
    }


def _search(client, query: str):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(CLAIMS, {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    ids = {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', page)}
    return ids, page, [q["sql"] for q in ctx.captured_queries]


def test_search_matches_text_span_and_title_ignoring_case(client, alice, claims):
    client.force_login(alice)

    def found(query):
        ids, _page, _sql = _search(client, query)
        return {name for name, claim in claims.items() if claim.pk in ids}

    assert found("megawatts") == {"text", "span"}
    assert found("reactor") == {"title"}
    assert found("rose") == {"span", "title", "phrase"}
    assert found("rose budget") == {"phrase"}  # every word, each in any field
    assert found('"council\'s budget"') == {"phrase"}  # a quoted phrase is one word
    assert found("5%") == {"phrase"}  # LIKE's wildcards are plain characters
    assert found("4_500") == set()


def test_search_reads_claims_without_a_join(client, alice, claims):
    client.force_login(alice)
    _ids, _page, sql = _search(client, "megawatts")
    listing = [q for q in sql if q.startswith("SELECT") and "%megawatts%" in q]
    claim_queries = [q for q in listing if '"claims_claim"' in q.split(" WHERE ")[0]]
    assert len(claim_queries) == 2  # the capped count and the page
    for query in claim_queries:
        assert "JOIN" not in query.split(" WHERE ")[0]  # the titles were looked up apart
        if POSTGRES:  # the match the trigram indexes serve, not UPPER(...) LIKE
            assert '"claims_claim"."text" ILIKE' in query and "UPPER(" not in query


@pytest.mark.skipif(not POSTGRES, reason="trigram indexes are PostgreSQL's")
def test_the_searched_columns_have_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes "
            "WHERE indexdef LIKE '%%gin_trgm_ops%%' AND tablename LIKE 'claims_%%'"
        )
        indexed = {(table, re.search(r"\((\w+) gin_trgm_ops", d)[1]) for table, d in cursor}
    assert {
        ("claims_claim", "text"),
        ("claims_claim", "span_text"),
        ("claims_article", "title"),
    } <= indexed


def test_a_search_counts_to_its_own_cap(client, alice, claims, settings):
    settings.ADMIN_SEARCH_COUNT_CAP = 2
    settings.ADMIN_COUNT_CAP = 100
    client.force_login(alice)
    ids, page, sql = _search(client, "rose")
    assert len(ids) == 3  # the page shows every row; only the count stops
    assert "2+ claims" in page
    assert [q for q in sql if "COUNT(" in q and "LIMIT 3" in q]
    response = client.get(CLAIMS, {"status__exact": "new"})
    assert "5 claims" in response.content.decode()  # other lists: ADMIN_COUNT_CAP
