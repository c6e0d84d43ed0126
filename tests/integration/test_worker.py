"""A real `celery worker` subprocess, the configured broker and the test database."""

import hashlib

import pytest

from claims import services
from claims.models import Article
from sources.models import Snapshot
from tests.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "The council approved a 450-megawatt wind farm on Tuesday. The project will cost 1.2 "
    'billion euros, the developer said. Mayor Elena Ruiz called the vote "historic".\n'
)


def test_worker_extracts_claims_and_archives_a_citation(celery_worker, page_server, alice):
    article = services.article_create(title="Wind farm", body=ARTICLE, by=alice)
    wait_for(
        lambda: Article.objects.filter(pk=article.pk, extraction_status="done").exists(),
    )
    claim = article.claims.order_by("position").first()
    assert claim is not None

    url = page_server.add("/wind.html", "<html><title>Wind</title><p>450 MW approved.</p></html>")
    services.citation_add(claim=claim, url=url, relation="supports", by=alice)
    snapshot = wait_for(
        lambda: Snapshot.objects.filter(source__url=url, status="succeeded").first()
    )
    expected = hashlib.sha256(page_server.pages["/wind.html"].body).hexdigest()
    assert snapshot.sha256 == expected
    assert page_server.hits["/wind.html"] == 1


def test_blocked_url_ends_blocked_on_the_worker(celery_worker, alice):
    article = services.article_create(title="x", body=ARTICLE, by=alice)
    wait_for(lambda: Article.objects.filter(pk=article.pk, extraction_status="done").exists())
    claim = article.claims.first()
    services.citation_add(claim=claim, url="http://169.254.169.254/latest/meta-data/", by=alice)
    snapshot = wait_for(lambda: Snapshot.objects.filter(status="blocked").first())
    assert snapshot.error_reason == "address_not_allowed"


def test_worker_fetches_an_article_submitted_by_url_then_extracts_it(
    celery_worker, page_server, alice
):
    url = page_server.add(
        "/submitted.html",
        "<html><head><title>Reactor deal</title></head><body><nav>Home | World</nav><article>"
        "<p>The agreement covers a 110 MW reactor that could later expand to 330 MW, the "
        "ministry said on Monday.</p><p>Construction is due to start in 2027, officials "
        'said, and the minister called it "a historic step".</p></article></body></html>',
    )
    article = services.article_submit_url(url=url, by=alice)
    assert article.extraction_status == "fetching"
    done = wait_for(lambda: Article.objects.filter(pk=article.pk, extraction_status="done").first())
    assert done.title == "Reactor deal"
    assert "110 MW" in done.body and "Home | World" not in done.body
    assert done.claims.filter(span_text__contains="330 MW").exists()
    assert page_server.hits["/submitted.html"] == 1
