"""The reviewers' workbench in the admin, through Django's test client (no browser)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Article, Citation, Claim, EvidencePassage, Verdict
from sources.models import Snapshot
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    VerdictFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(db):
    """A second editor."""
    return make_user("carol", group="Editor")


def _claim_url(claim, suffix="change"):
    return reverse(f"admin:claims_claim_{suffix}", args=[claim.pk])


def _workflow(claim, action):
    return reverse("admin:claims_claim_workflow", args=[claim.pk, action])


def _propose(claim, by, rating="false"):
    return services.verdict_propose(claim=claim, rating=rating, explanation="Because.", by=by)


# Roles and four eyes ----------------------------------------------------------------------


def test_reviewer_sees_no_publish_button_and_cannot_publish(client, alice, bob):
    claim = ClaimFactory()
    verdict = _propose(claim, alice)
    client.force_login(alice)
    page = client.get(_claim_url(claim)).content.decode()
    assert "Awaiting approval by an editor other than alice" in page
    assert f"publish-verdict-{verdict.pk}" not in page

    response = client.post(_workflow(claim, "publish"), {"verdict": verdict.pk}, follow=True)
    assert "Only editors can publish verdicts." in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PROPOSED


def test_editor_cannot_publish_own_verdict_but_another_editor_can(client, bob, carol):
    claim = ClaimFactory()
    verdict = _propose(claim, bob)
    client.force_login(bob)
    assert f"publish-verdict-{verdict.pk}" not in client.get(_claim_url(claim)).content.decode()
    response = client.post(_workflow(claim, "publish"), {"verdict": verdict.pk}, follow=True)
    assert "other than its author" in response.content.decode()

    client.force_login(carol)
    page = client.get(_claim_url(claim)).content.decode()
    assert f"publish-verdict-{verdict.pk}" in page
    response = client.post(_workflow(claim, "publish"), {"verdict": verdict.pk}, follow=True)
    assert "published." in response.content.decode()
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, verdict.approved_by, claim.status) == ("published", carol, "published")


def test_reviewer_cannot_change_claim_status_through_the_form(client, alice):
    claim = ClaimFactory()
    client.force_login(alice)
    form = client.get(_claim_url(claim)).context["adminform"].form
    assert "status" not in form.fields and "assignee" not in form.fields


def test_reviewer_cannot_use_verdict_admin_publish_action(client, alice, bob):
    verdict = _propose(ClaimFactory(), bob)
    client.force_login(alice)
    response = client.post(
        reverse("admin:claims_verdict_changelist"),
        {"action": "publish", "_selected_action": [verdict.pk]},
    )
    assert response.status_code in (200, 302, 403)
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PROPOSED


def test_history_revert_is_disabled(client, bob):
    claim = ClaimFactory()
    services.claim_assign(claim=claim, to=bob, by=bob)
    client.force_login(bob)
    record = claim.history.earliest()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])
    assert client.post(url, {}).status_code == 403


# Workflow --------------------------------------------------------------------------------


def test_assign_to_me_dismiss_and_reopen(client, alice):
    claim = ClaimFactory()
    client.force_login(alice)
    client.post(_workflow(claim, "assign_me"))
    claim.refresh_from_db()
    assert (claim.assignee, claim.status) == (alice, Claim.Status.IN_REVIEW)

    response = client.post(
        _workflow(claim, "dismiss"), {"reason": "not_checkworthy", "note": "opinion"}, follow=True
    )
    assert "dismissed" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.dismissal_reason, claim.dismissal_note) == (
        "dismissed",
        "not_checkworthy",
        "opinion",
    )
    client.post(_workflow(claim, "reopen"))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    statuses = list(claim.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-3:] == ["in_review", "dismissed", "in_review"]


def test_dismiss_as_duplicate_needs_the_other_claim(client, alice):
    claim = ClaimFactory()
    other = ClaimFactory()
    client.force_login(alice)
    response = client.post(_workflow(claim, "dismiss"), {"reason": "duplicate"}, follow=True)
    assert "Say which claim" in response.content.decode()
    client.post(_workflow(claim, "dismiss"), {"reason": "duplicate", "duplicate_of": other.pk})
    claim.refresh_from_db()
    assert (claim.status, claim.duplicate_of) == ("dismissed", other)


def test_bulk_assign_and_queue_filters(client, alice, bob):
    claims = [ClaimFactory(), ClaimFactory(), ClaimFactory()]
    client.force_login(bob)
    changelist = reverse("admin:claims_claim_changelist")
    client.post(
        changelist,
        {"action": "assign_to", "assignee": alice.pk, "_selected_action": [claims[0].pk]},
    )
    client.post(changelist, {"action": "assign_to", "_selected_action": [claims[1].pk]})
    assert Claim.objects.get(pk=claims[0].pk).assignee == alice
    assert Claim.objects.get(pk=claims[1].pk).assignee == bob
    _propose(claims[2], alice)

    def shown(query):
        return {c.pk for c in client.get(changelist + query).context["cl"].result_list}

    assert shown("?queue=mine") == {claims[1].pk}
    assert shown("?queue=unassigned") == {claims[2].pk}
    assert shown("?queue=awaiting") == {claims[2].pk}
    assert shown("?queue=awaiting_me") == {claims[2].pk}
    client.force_login(alice)
    assert shown("?queue=awaiting_me") == set()
    assert shown("?queue=mine") == {claims[0].pk}


def test_reviewer_cannot_assign_claims_to_others(client, alice, bob):
    claim = ClaimFactory()
    client.force_login(alice)
    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign_to", "assignee": bob.pk, "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.assignee is None


def test_reviewer_cannot_take_unassign_or_dismiss_someone_elses_claim(client, alice, bob):
    """The admin refuses what the API refuses (claims.policies.may_triage, in the services)."""
    claim = ClaimFactory()
    services.claim_assign(claim=claim, to=bob, by=bob)
    client.force_login(alice)
    assert 'id="assign-me"' not in client.get(_claim_url(claim)).content.decode()
    for action, data in [
        ("assign_me", {}),
        ("unassign", {}),
        ("dismiss", {"reason": "not_checkworthy"}),
    ]:
        response = client.post(_workflow(claim, action), data, follow=True)
        assert "assigned to someone else" in response.content.decode()
    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "unassign", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert (claim.assignee, claim.status) == (bob, Claim.Status.IN_REVIEW)
    client.force_login(bob)  # the assignee (an editor) may
    client.post(_workflow(claim, "unassign"))
    claim.refresh_from_db()
    assert claim.assignee is None


# History ---------------------------------------------------------------------------------


def test_history_page_shows_proposal_publication_and_correction(client, alice, bob):
    claim = ClaimFactory()
    with_citation = services.citation_add(claim=claim, url="https://example.org/x", by=alice)
    first = _propose(claim, alice)
    services.verdict_publish(verdict=first, by=bob)
    correction = _propose(claim, alice, rating="misleading")
    services.verdict_publish(verdict=correction, by=bob)
    with_citation._history_user = alice
    with_citation.delete()

    client.force_login(alice)
    response = client.get(_claim_url(claim, "history"))
    trail = response.context["audit_trail"]
    text = response.content.decode()
    assert f"Verdict #{first.pk} (False)" in text
    assert f"Verdict #{correction.pk} (Misleading)" in text
    assert "Superseded by a correction" in text
    assert "Deleted" in text  # the removed citation is still in the trail
    published = [e for e in trail if "Published" in " ".join(e.changes) and "Verdict" in e.what]
    assert {e.who for e in published} == {bob}
    proposed = [e for e in trail if e.action == "Created" and e.what.startswith("Verdict")]
    assert {e.who for e in proposed} == {alice}
    first.refresh_from_db()
    assert first.status == Verdict.Status.SUPERSEDED


# Evidence and seen before on the claim page ----------------------------------------------


def test_claim_page_shows_evidence_with_highlights_escaped(client, alice):
    claim = ClaimFactory()
    citation = services.citation_add(claim=claim, url="https://example.org/e", by=alice)
    snapshot = Snapshot.objects.get(source=citation.source)
    text = "<script>x</script> could expand to 330 MW"
    EvidencePassage.objects.create(
        citation=citation,
        snapshot=snapshot,
        rank=1,
        score=3.2,
        text=text,
        start=0,
        end=41,
        matched_terms=["expand", "330 MW"],
        highlights=[[text.index("330"), len(text)]],
        verbatim_quote=True,
    )
    client.force_login(alice)
    page = client.get(_claim_url(claim)).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert '<mark class="hit" title="">330 MW</mark>' in page
    assert "Quote found verbatim" in page


def test_seen_before_lists_similar_claims_of_other_articles(client, alice, bob):
    body = "The plant could expand to 300 megawatts by next year."
    claim = ClaimFactory(article=ArticleFactory(body=body))
    earlier = ClaimFactory(article=ArticleFactory(body=body.replace("next", "the next")))
    ClaimFactory(article=ArticleFactory(body="Unemployment fell to 6.4 percent."))
    verdict = _propose(earlier, alice)
    services.verdict_publish(verdict=verdict, by=bob)
    client.force_login(alice)
    similar = client.get(_claim_url(claim)).context["workbench"]["similar"]
    assert [(s.claim, s.rating) for s in similar] == [(earlier, "false")]


# The changelist ---------------------------------------------------------------------------


def _changelist_queries(client, count: int) -> int:
    Verdict.objects.all().delete()  # review work protects its claims from deletion
    Claim.objects.all().delete()
    article = ArticleFactory(body="x" * (count + 10))
    users = [make_user(f"u{count}-{i}", group="Reviewer") for i in range(3)]
    for i in range(count):
        claim = ClaimFactory(article=article, start=i, end=i + 1, assignee=users[i % 3])
        if i % 2:
            VerdictFactory(claim=claim, author=users[0])
    reset_queries()  # the request resets the log; start from empty so that nothing is lost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(count, 100)
    return len(ctx.captured_queries)


def test_claim_changelist_runs_a_constant_number_of_queries(admin_client):
    few = _changelist_queries(admin_client, 10)
    many = _changelist_queries(admin_client, 200)
    assert few == many, (few, many)
    assert 3 <= few <= 12, few


def _add_reviewed_claims(count: int) -> None:
    """Claims of distinct articles, each cited and with a published verdict, by varied people."""
    users = [make_user(f"r{Claim.objects.count()}-{i}", group="Editor") for i in range(3)]
    for i in range(count):
        author, approver = users[i % 3], users[(i + 1) % 3]
        claim = ClaimFactory(article=ArticleFactory(added_by=author), assignee=approver)
        Citation.objects.create(claim=claim, source=SourceFactory(), added_by=author)
        VerdictFactory(
            claim=claim,
            author=author,
            approved_by=approver,
            status=Verdict.Status.PUBLISHED,
            published_at=timezone.now(),
        )


@pytest.mark.parametrize("model", ["article", "citation", "verdict"])
def test_other_changelists_run_a_constant_number_of_queries(client, alice, model):
    url = reverse(f"admin:claims_{model}_changelist")
    client.force_login(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == Claim.objects.count()
        return len(ctx.captured_queries)

    _add_reviewed_claims(2)
    few = queries()
    _add_reviewed_claims(30)
    assert queries() == few


# The reading view -------------------------------------------------------------------------


def test_reading_view_highlights_claims_escapes_text_and_greys_furniture(client, alice):
    body = "Home\nForums\n<b>Bold</b> claim: the plant makes 300 MW. Another sentence here.\n"
    article = ArticleFactory(body=body)
    start = body.index("the plant")
    claim = ClaimFactory(
        article=article,
        start=start,
        end=body.index(". Another") + 1,
        details={"spans": [[start, start + 9], [body.index("makes"), body.index(". A")]]},
    )
    client.force_login(alice)
    page = client.get(reverse("admin:claims_article_read", args=[article.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page and "<b>Bold</b>" not in page
    assert f'id="claim-{claim.pk}"' in page
    assert page.count(f'href="{_claim_url(claim)}" class="claim status-new') == 2  # two pieces
    assert '<mark class="furniture"' in page  # "Home", "Forums"


def test_reading_view_says_why_a_sentence_is_not_a_claim(
    client, alice, django_capture_on_commit_callbacks
):
    body = "Want to bring it to the White House? The bridge cost 40 million dollars to build.\n"
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="Bridge", body=body)
    services.article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.not_claims == [{"span": [0, 36], "reason": "question"}]
    client.force_login(alice)
    page = client.get(reverse("admin:claims_article_read", args=[article.pk])).content.decode()
    assert '<mark class="not-claim" title="Not a claim: question"' in page
    assert "1 stretch(es) not taken as claims" in page


# Import and export ------------------------------------------------------------------------


def test_export_json_and_csv_include_verdicts_and_sources(client, alice, bob):
    claim = ClaimFactory()
    services.citation_add(claim=claim, url="https://example.org/src", by=alice)
    services.verdict_publish(verdict=_propose(claim, alice), by=bob)
    client.force_login(alice)
    url = reverse("admin:claims_article_export", args=[claim.article_id, "json"])
    data = json.loads(client.get(url).content)
    row = data["claims"][0]
    assert row["verdict"] == "false"
    assert row["verdicts"][0]["approved_by"] == "bob"
    assert row["sources"][0]["url"] == "https://example.org/src"
    csv_text = client.get(
        reverse("admin:claims_article_export", args=[claim.article_id, "csv"])
    ).content.decode()
    assert "https://example.org/src" in csv_text and ",False," in csv_text  # labels, not codes


def test_csv_export_opens_as_utf8_and_proves_each_source(client, alice, bob, settings):
    """A BOM (spreadsheets then read UTF-8) and, per cited source, the archived copy's time,
    SHA-256 and download link in columns aligned with ``sources``; never-archived: blank."""
    import csv
    import io

    settings.WORKBENCH_BASE_URL = "https://workbench.example.org/"
    claim = ClaimFactory(text="Zürich paid €5 million.")
    services.citation_add(claim=claim, url="https://example.org/archived", by=alice)
    services.citation_add(claim=claim, url="https://example.org/never", by=alice)
    source = claim.citations.get(source__url="https://example.org/archived").source
    Snapshot.objects.filter(source=source).delete()
    SnapshotFactory(source=source, status=Snapshot.Status.FAILED)
    archived = SnapshotFactory(source=source, status=Snapshot.Status.SUCCEEDED, sha256="ab" * 32)
    SnapshotFactory(source=source, status=Snapshot.Status.FAILED)  # a later retry failed
    client.force_login(alice)
    url = reverse("admin:claims_article_export", args=[claim.article_id, "csv"])
    raw = client.get(url).content
    assert raw.startswith("\ufeff".encode())
    (row,) = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert row["text"] == "Zürich paid €5 million."
    urls = [part.split(": ", 1)[1] for part in row["sources"].split(" | ")]
    hashes = row["source_sha256"].split(" | ")
    downloads = row["source_download"].split(" | ")
    by_url = dict(zip(urls, zip(hashes, downloads, strict=True), strict=True))
    assert by_url["https://example.org/archived"] == (
        "ab" * 32,
        f"https://workbench.example.org/admin/sources/snapshot/{archived.pk}/download/body/",
    )
    assert by_url["https://example.org/never"] == ("", "")


def test_csv_export_neutralises_spreadsheet_formulas(client, alice, bob):
    """OWASP CSV injection: text cells starting with = + - @ tab CR are prefixed with '."""
    import csv
    import io

    claim = ClaimFactory(text='=HYPERLINK("https://evil.example/","click")')
    other = ClaimFactory(article=claim.article, start=1, text="@SUM(A1:A9)")
    verdict = services.verdict_propose(claim=claim, rating="false", explanation="-2+3", by=alice)
    services.verdict_publish(verdict=verdict, by=bob)
    client.force_login(alice)
    url = reverse("admin:claims_article_export", args=[claim.article_id, "csv"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode(), newline="")))
    by_position = {int(row["position"]): row for row in rows}
    first, second = by_position[claim.position], by_position[other.position]
    assert first["text"] == "'" + claim.text
    assert first["verdict_explanation"] == "'-2+3"
    assert second["text"] == "'@SUM(A1:A9)"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_import_anchors_rows_verbatim_and_rejects_the_rest(client, alice):
    article = ArticleFactory(body="The plant could expand to 300 megawatts. It was 'safe'.")
    csv_text = (
        "text,span_text,kind\n"
        "The plant could expand to 300 MW.,could expand to 300 megawatts,quantity\n"
        "Something never said.,,statement\n"
    )
    client.force_login(alice)
    response = client.post(
        reverse("admin:claims_article_import", args=[article.pk]),
        {"file": SimpleUploadedFile("claims.csv", csv_text.encode())},
        follow=True,
    )
    page = response.content.decode()
    assert "Row 2 rejected" in page and "does not appear verbatim" in page
    claim = article.claims.get()
    assert claim.span_text == "could expand to 300 megawatts"
    assert article.body[claim.start : claim.end] == claim.span_text


def test_import_json_export_round_trip(client, alice):
    source = ClaimFactory()
    client.force_login(alice)
    exported = client.get(
        reverse("admin:claims_article_export", args=[source.article_id, "json"])
    ).content
    target = Article.objects.create(title="Copy", body=source.article.body, body_sha256="x")
    client.post(
        reverse("admin:claims_article_import", args=[target.pk]),
        {"file": SimpleUploadedFile("claims.json", exported)},
    )
    assert list(target.claims.values_list("span_text", flat=True)) == [source.span_text]


def test_dashboard_on_admin_index(client, alice):
    ClaimFactory()
    SnapshotFactory(status=Snapshot.Status.FAILED)
    SourceFactory(live_status="gone")
    client.force_login(alice)
    page = client.get(reverse("admin:index")).content.decode()
    assert 'id="dashboard"' in page
    assert "Claims by status (1)" in page
    assert "1 failed" in page and "1 source(s) gone" in page


def test_citation_history_page_exists(client, alice):
    claim = ClaimFactory()
    citation = services.citation_add(claim=claim, url="https://example.org/h", by=alice)
    client.force_login(alice)
    response = client.get(reverse("admin:claims_citation_history", args=[citation.pk]))
    assert response.status_code == 200
    assert Citation.history.filter(id=citation.pk).get().history_user == alice


def test_verdict_page_has_a_publish_button_for_another_editor(client, alice, bob):
    verdict = _propose(ClaimFactory(), alice)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    client.force_login(alice)
    assert f"publish-verdict-{verdict.pk}" not in client.get(url).content.decode()
    client.force_login(bob)
    assert f"publish-verdict-{verdict.pk}" in client.get(url).content.decode()


def test_the_claim_page_shows_details_as_a_reader_writes_them(client, alice):
    details = {
        "numbers": [
            {"text": "5 percent", "value": 5, "unit": "%", "span": [10, 19]},
            {"text": "$1.2 billion", "value": 1_200_000_000, "unit": "USD", "span": [30, 42]},
        ],
        "quotes": [{"text": "king", "speaker": "Min Aung Hlaing", "span": [50, 56]}],
        "dates": [{"text": "March 2025", "value": "2025-03", "span": [60, 70]}],
        "hedges": ["could"],
        "entities": [{"text": "<b>Putin</b>", "label": "PERSON", "span": [0, 5]}],
    }
    claim = ClaimFactory(details=details)
    client.force_login(alice)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    readable = page[page.index('<dl class="claim-details">') :]
    readable = readable[: readable.index("</dl>")]
    assert "<dt>Figures</dt><dd>5 percent (5 %); $1.2 billion (1,200,000,000 USD)</dd>" in readable
    assert "\u201cking\u201d \u2014 Min Aung Hlaing" in readable
    assert "March 2025 (2025-03)" in readable and "<dt>Hedged by</dt><dd>could</dd>" in readable
    assert "&lt;b&gt;Putin&lt;/b&gt;" in readable  # escaped, never markup
    # Offsets and the raw JSON are folded away in their own collapsed section.
    folded = page[page.index("Position in the article and raw details") :]
    assert "field-start" in folded and "field-details" in folded
    assert "field-start" not in page[: page.index("Position in the article and raw details")]
