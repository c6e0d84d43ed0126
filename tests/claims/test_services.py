"""Services of the claims app against the real database (no broker: on-commit is captured)."""

import pytest

from claims import services
from claims.extraction import ExtractedClaim
from claims.models import Article, Citation, Claim, Verdict
from sources.models import Snapshot, Source
from sources.normalise import InvalidURL
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    VerdictFactory,
    make_user,
)
from workbench.errors import Conflict, DomainError, PermissionDenied

pytestmark = pytest.mark.django_db

BODY = (
    "Joined\nAug 7, 2024\nMessages\n1,229\n"
    "The government signed a deal for a small nuclear plant, which could expand to "
    '300 megawatts. The minister described the deal as "historic".\n'
)


def _claims_state(article):
    return list(article.claims.order_by("position").values_list("text", "start", "end"))


def test_article_create_queues_extraction_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = services.article_create(title="", body=BODY)
    assert len(callbacks) == 1
    # "Joined" (forum furniture) is never a title: the first sentence of the prose is
    assert article.title.startswith("The government signed a deal")
    assert article.extraction_status == Article.ExtractionStatus.PENDING
    assert len(article.body_sha256) == 64


def test_article_create_rejects_empty_text():
    with pytest.raises(DomainError, match="no text"):
        services.article_create(title="x", body="  \n ")
    assert not Article.objects.exists()


def test_extraction_anchors_every_claim_to_its_span(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Deal", body=BODY)
    services.article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.DONE
    claims = list(article.claims.all())
    assert claims
    for claim in claims:
        assert claim.span_text == article.body[claim.start : claim.end]
        assert claim.details["spans"]
        assert claim.extractor == article.extractor
    assert not any("Joined" in claim.span_text or "1,229" in claim.span_text for claim in claims)


def test_extraction_twice_does_not_duplicate(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Deal", body=BODY)
    services.article_extract(article_id=article.pk)
    before = _claims_state(article)
    # Not pending any more: a redelivered task is a no-op.
    assert services.article_extract(article_id=article.pk) is None
    with django_capture_on_commit_callbacks():
        services.article_request_extraction(article=article)
    services.article_extract(article_id=article.pk)
    assert _claims_state(article) == before


def test_reextraction_keeps_reviewed_claims_and_reanchors_them(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Deal", body=BODY)
    services.article_extract(article_id=article.pk)
    cited = article.claims.order_by("position").last()
    with django_capture_on_commit_callbacks():
        services.citation_add(claim=cited, url="https://example.org/a", by=alice)
    unreviewed_ids = set(article.claims.exclude(pk=cited.pk).values_list("pk", flat=True))

    # The editor inserts a paragraph at the top: every offset moves.
    with django_capture_on_commit_callbacks():
        services.article_save(article=article, body="Editor's note: updated.\n\n" + BODY)
    services.article_extract(article_id=article.pk)

    cited.refresh_from_db()
    assert cited.citations.count() == 1
    assert article.body[cited.start : cited.end] == cited.span_text
    assert cited.start > 0
    # The unchanged sentences are matched to their existing rows (moved, not re-created), and
    # every claim still quotes the body exactly.
    assert unreviewed_ids <= set(article.claims.values_list("pk", flat=True))
    for claim in article.claims.all():
        assert claim.span_text == article.body[claim.start : claim.end]


def test_reconcile_keeps_reviewed_claim_the_extractor_dropped(alice):
    article = ArticleFactory(body="Alpha is 3 metres tall. Beta is blue.")
    claim = ClaimFactory(article=article, start=0, end=23, text="Alpha is 3 metres tall.")
    VerdictFactory(claim=claim, author=alice)
    stale = ClaimFactory(article=article, start=24, end=37, text="Beta is blue.")

    services.claims_reconcile(
        article=article,
        extracted=[ExtractedClaim("Beta is blue indeed.", ((24, 37),), "statement", 0.2, {})],
    )
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert not Claim.objects.filter(pk=stale.pk).exists()
    assert article.claims.count() == 2


def test_reanchor_marks_claim_whose_words_were_edited_away(alice):
    article = ArticleFactory(body="Alpha is 3 metres tall.")
    claim = ClaimFactory(article=article, start=0, end=23, status=Claim.Status.IN_REVIEW)
    article.body = "Completely different text now."
    services.claims_reconcile(article=article, extracted=[])
    claim.refresh_from_db()
    assert claim.details["anchor"] == "lost"


def test_citation_add_normalises_dedupes_and_queues_archive(
    alice, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    other = ClaimFactory(article=claim.article, start=1, end=5)
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.citation_add(
            claim=claim,
            url="HTTPS://News.Example.org:443/a?utm_source=x#top",
            by=alice,
            relation="refutes",
        )
        services.citation_add(claim=other, url="https://news.example.org/a", by=alice)
    assert first.source.url == "https://news.example.org/a"
    assert Source.objects.count() == 1
    assert Snapshot.objects.filter(status="queued").count() == 1  # one archive per source
    # One archive for the source; the first citation's evidence comes with its text-ready
    # event; the second, of a source cited before, asks too (that archive may finish before
    # it commits, and the event would not see it)
    tasks = sorted(callback.func.__self__.name for callback in callbacks)
    assert tasks == ["claims.tasks.find_evidence", "sources.tasks.archive_snapshot"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_citing_a_new_url_is_one_statement_per_row(alice, django_capture_on_commit_callbacks):
    """The reviewer's path at its cheapest (docs/archiving.md, "A citation of a new source"):
    the source is inserted in one statement (no look-up, savepoint and release around it) and
    its snapshot without a savepoint of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as queries:
        citation = services.citation_add(claim=claim, url="https://example.org/new", by=alice)
    statements = [q["sql"].split(" ", 3)[:3] for q in queries.captured_queries]
    tables = [words[2].strip('"') if words[0] == "INSERT" else words[0] for words in statements]
    # the outer SAVEPOINT and RELEASE are the test's transaction standing in for BEGIN/COMMIT
    assert tables == [
        "SAVEPOINT",
        "sources_source",
        "claims_citation",
        "claims_historicalcitation",
        "sources_snapshot",
        "RELEASE",
    ]
    assert citation.source.url == "https://example.org/new"
    assert Source.objects.get().pk == citation.source_id
    # the same URL for another claim finds the row the insert did not write
    again = services.citation_add(claim=ClaimFactory(), url="https://example.org/new", by=alice)
    assert again.source_id == citation.source_id
    assert Source.objects.count() == 1


def test_citing_an_archived_source_finds_evidence_at_once(
    alice, django_capture_on_commit_callbacks
):
    source = Source.objects.create(url="https://news.example.org/a", domain="news.example.org")
    snapshot = Snapshot.objects.create(
        source=source,
        status=Snapshot.Status.SUCCEEDED,
        sha256="0" * 64,
        text_status=Snapshot.TextStatus.PENDING,
    )
    # captured, its text still being read: the task asks after the commit, so an event sent
    # before this citation committed cannot leave it waiting
    with django_capture_on_commit_callbacks() as callbacks:
        reading = services.citation_add(
            claim=ClaimFactory(), url="https://news.example.org/a", by=alice
        )
    assert [(c.func.__self__.name, c.args) for c in callbacks] == [
        ("claims.tasks.find_evidence", (reading.pk,))
    ]
    snapshot.text_status = Snapshot.TextStatus.DONE
    snapshot.save(update_fields=["text_status"])
    with django_capture_on_commit_callbacks() as callbacks:
        citation = services.citation_add(
            claim=ClaimFactory(), url="https://news.example.org/a", by=alice
        )
    assert [(c.func.__self__.name, c.args) for c in callbacks] == [
        ("claims.tasks.find_evidence", (citation.pk,))
    ]


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/x", "javascript:alert(1)", "http://user:pw@example.org/", "", "x" * 3000],
)
def test_citation_add_refuses_bad_urls_and_writes_nothing(alice, url):
    claim = ClaimFactory()
    with pytest.raises(InvalidURL):
        services.citation_add(claim=claim, url=url, by=alice)
    assert not Citation.objects.exists()
    assert not Source.objects.exists()


def test_citing_the_same_source_twice_is_a_conflict(alice, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks():
        services.citation_add(claim=claim, url="https://example.org/a", by=alice)
    with pytest.raises(Conflict):
        services.citation_add(claim=claim, url="https://example.org/a#again", by=alice)
    assert Citation.objects.count() == 1


def test_four_eyes_publishing(alice, bob):
    claim = ClaimFactory()
    verdict = services.verdict_propose(
        claim=claim, rating="false", explanation="The record says otherwise.", by=alice
    )
    assert verdict.status == Verdict.Status.PROPOSED
    with pytest.raises(PermissionDenied):
        services.verdict_publish(verdict=verdict, by=alice)  # a reviewer, and the author
    own = services.verdict_propose(claim=claim, rating="true", explanation="Mine.", by=bob)
    with pytest.raises(PermissionDenied, match="other than its author"):
        services.verdict_publish(verdict=own, by=bob)

    services.verdict_publish(verdict=verdict, by=bob)
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, verdict.approved_by, claim.status) == ("published", bob, "published")
    assert verdict.published_at is not None
    with pytest.raises(Conflict):
        services.verdict_publish(verdict=verdict, by=bob)


def test_a_correction_supersedes_the_published_verdict_and_keeps_it(alice, bob):
    claim = ClaimFactory()
    first = services.verdict_propose(claim=claim, rating="false", explanation="a", by=alice)
    services.verdict_publish(verdict=first, by=bob)
    correction = services.verdict_propose(
        claim=claim, rating="misleading", explanation="b", by=alice
    )
    assert correction.supersedes == first
    services.verdict_publish(verdict=correction, by=bob)
    first.refresh_from_db()
    assert first.status == Verdict.Status.SUPERSEDED
    assert claim.verdicts.count() == 2
    assert claim.verdicts.filter(status="published").get() == correction


def test_verdict_needs_known_rating_and_explanation(alice):
    claim = ClaimFactory()
    with pytest.raises(DomainError):
        services.verdict_propose(claim=claim, rating="pants-on-fire", explanation="x", by=alice)
    with pytest.raises(DomainError):
        services.verdict_propose(claim=claim, rating="false", explanation=" ", by=alice)
    assert not Verdict.objects.exists()


def test_pasted_html_is_stored_as_its_main_text_so_spans_index_the_body(
    django_capture_on_commit_callbacks,
):
    html = (
        "<!doctype html><html><head><title>Dam</title></head><body><nav>Home | News</nav>"
        "<article><p>The new dam produces 90 megawatts, the operator said on Monday, and it "
        "cost 400 million dollars.</p><p>Engineers said the reservoir will take two years to "
        "fill.</p></article></body></html>"
    )
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Dam", body=html)
    assert "<" not in article.body and "90 megawatts" in article.body
    services.article_extract(article_id=article.pk)
    for claim in article.claims.all():
        assert claim.span_text == article.body[claim.start : claim.end]


def test_review_work_protects_its_article_from_deletion(alice, client):
    from django.db.models import ProtectedError

    claim = ClaimFactory()
    VerdictFactory(claim=claim, author=alice)
    with pytest.raises(ProtectedError):
        claim.article.delete()
    assert Verdict.objects.filter(claim=claim).exists()

    editor = make_user("eve", group="Editor")
    client.force_login(editor)
    response = client.post(
        f"/admin/claims/article/{claim.article_id}/delete/", {"post": "yes"}, follow=True
    )
    assert b"Cannot delete article" in response.content
    assert Article.objects.filter(pk=claim.article_id).exists()


def test_status_transitions_are_owned_by_the_service(alice):
    claim = ClaimFactory()
    for status in ("in_review", "published"):
        with pytest.raises(Conflict) as excinfo:
            services.claim_set_status(claim=claim, status=status, by=alice)
        assert excinfo.value.code == "invalid_transition"
    services.claim_set_status(claim=claim, status="dismissed", reason="out_of_scope", by=alice)
    services.claim_set_status(claim=claim, status="in_review", by=alice)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    assert services.claim_set_status(claim=claim, status="in_review", by=alice) == claim


def test_claim_update_records_who_edited_and_validates(alice):
    claim = ClaimFactory()
    services.claim_update(
        claim=claim, by=alice, text="Edited.", kind="quantity", checkworthiness=0.9
    )
    claim.refresh_from_db()
    assert (claim.text, claim.kind, claim.checkworthiness) == ("Edited.", "quantity", 0.9)
    assert claim.history.first().history_user == alice
    with pytest.raises(DomainError):
        services.claim_update(claim=claim, by=alice, text="x", kind="opinion", checkworthiness=1)


def test_the_backend_that_actually_ran_is_stamped(monkeypatch, django_capture_on_commit_callbacks):
    from claims.extraction.backends import llm, rules

    config = llm.LLMConfig(url="http://llm.invalid/v1", model="m")
    monkeypatch.setattr(llm.LLMConfig, "from_settings", classmethod(lambda cls: config))
    monkeypatch.setattr(
        llm,
        "request_claims",
        lambda text, config: [
            {"claim": "The plant could expand to 300 megawatts.", "evidence": "300 megawatts"}
        ],
    )
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Deal", body=BODY)
    services.article_extract(article_id=article.pk, backend="llm")
    article.refresh_from_db()
    assert article.extractor == llm.VERSION
    assert set(article.claims.values_list("extractor", flat=True)) == {llm.VERSION}

    def unreachable(text, config):
        raise llm.LLMError("connection refused")

    monkeypatch.setattr(llm, "request_claims", unreachable)  # the LLM backend falls back
    with django_capture_on_commit_callbacks():
        services.article_request_extraction(article=article)
    services.article_extract(article_id=article.pk, backend="llm")
    article.refresh_from_db()
    assert article.extractor == rules.VERSION
    assert set(article.claims.values_list("extractor", flat=True)) == {rules.VERSION}
