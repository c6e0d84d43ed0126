"""Finding and storing evidence for a citation (the service behind claims.tasks.find_evidence)."""

import pytest

from claims import services
from claims.models import Citation, EvidencePassage
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory

pytestmark = pytest.mark.django_db

PAGE_TEXT = (
    "Officials met in the capital on Monday.\n\n"
    "The agreement covers a 110 MW plant that could expand to 330 MW.\n\n"
    'The general called him a "king" in a speech.'
)


@pytest.fixture
def citation(alice, django_capture_on_commit_callbacks):
    claim = ClaimFactory(
        article=ArticleFactory(body="The plant could expand to 300 megawatts."),
        details={"numbers": [{"text": "300 megawatts", "value": 300, "unit": "MW"}]},
    )
    with django_capture_on_commit_callbacks() as callbacks:
        citation = services.citation_add(claim=claim, url="https://example.org/deal", by=alice)
    # a new source: its evidence comes with the archive's event, no find_evidence task
    assert {c.func.__self__.name for c in callbacks} == {"sources.tasks.archive_snapshot"}
    return citation


def _succeed(snapshot, text=PAGE_TEXT):
    Snapshot.objects.filter(pk=snapshot.pk).update(
        status=Snapshot.Status.SUCCEEDED,
        sha256="0" * 64,
        text=text,
        text_status="done" if text.strip() else "no_text",
    )


def test_waits_while_the_source_is_being_archived(citation):
    assert services.evidence_find_for_citation(citation_id=citation.pk) == "waiting"
    assert not EvidencePassage.objects.exists()


def test_stores_ranked_passages_once_the_snapshot_succeeded(citation):
    snapshot = Snapshot.objects.get(source=citation.source)
    _succeed(snapshot)
    assert services.evidence_find_for_citation(citation_id=citation.pk) == "done"
    passages = list(citation.evidence.order_by("rank"))
    assert "could expand to 330 MW" in passages[0].text
    assert passages[0].snapshot_id == snapshot.pk
    citation.refresh_from_db()
    assert (citation.evidence_status, citation.evidence_snapshot) == ("done", snapshot)

    # A redelivered task is a no-op; a forced refresh replaces the passages.
    before = list(citation.evidence.values_list("pk", flat=True))
    assert services.evidence_find_for_citation(citation_id=citation.pk) == "done"
    assert list(citation.evidence.values_list("pk", flat=True)) == before
    services.evidence_find_for_citation(citation_id=citation.pk, force=True)
    assert list(citation.evidence.values_list("pk", flat=True)) != before
    assert citation.evidence.count() == len(before)


def test_failed_archive_means_no_evidence(citation):
    Snapshot.objects.filter(source=citation.source).update(status=Snapshot.Status.FAILED)
    assert services.evidence_find_for_citation(citation_id=citation.pk) == "unavailable"
    citation.refresh_from_db()
    assert citation.evidence_status == Citation.EvidenceStatus.UNAVAILABLE


def test_gone_citation_is_quiet():
    assert services.evidence_find_for_citation(citation_id=999_999) == "gone"


def test_no_matching_passage_is_recorded(citation):
    _succeed(Snapshot.objects.get(source=citation.source), text="Cats sleep all day.")
    services.evidence_find_for_citation(citation_id=citation.pk)
    citation.refresh_from_db()
    assert citation.evidence_status == Citation.EvidenceStatus.NONE


def test_a_newer_snapshot_makes_evidence_stale(citation):
    first = Snapshot.objects.get(source=citation.source)
    _succeed(first)
    services.evidence_find_for_citation(citation_id=citation.pk)
    assert services.evidence_stale_citation_ids() == []
    newer = SnapshotFactory(source=citation.source)
    _succeed(newer, text="Now the plant could expand to 300 MW, officials said.")
    assert services.evidence_stale_citation_ids() == [citation.pk]
    services.evidence_find_for_citation(citation_id=citation.pk)
    assert "300 MW" in citation.evidence.get(rank=1).text


def test_a_finished_snapshot_finds_the_evidence_of_every_citation_of_its_source_at_once(
    citation, monkeypatch, django_capture_on_commit_callbacks
):
    from claims.tasks import find_evidence
    from sources import services as source_services

    queued: list[int] = []
    monkeypatch.setattr(find_evidence, "delay_on_commit", queued.append)
    snapshot = Snapshot.objects.get(source=citation.source)
    with django_capture_on_commit_callbacks(execute=True):
        source_services.snapshot_fail(snapshot_id=snapshot.pk, reason="http_error", message="x")
    # sources sent snapshot_finished; claims found the evidence then and there (no task)
    assert queued == []
    citation.refresh_from_db()
    assert citation.evidence_status == Citation.EvidenceStatus.UNAVAILABLE


def test_evidence_that_fails_at_once_is_left_to_the_task(
    citation, monkeypatch, django_capture_on_commit_callbacks
):
    from claims.services import evidence
    from claims.tasks import find_evidence
    from sources import services as source_services

    def busy(*args, **kwargs):
        raise RuntimeError("database is locked")

    queued: list[int] = []
    monkeypatch.setattr(find_evidence, "delay_on_commit", queued.append)
    monkeypatch.setattr(evidence, "_evidence_find", busy)
    snapshot = Snapshot.objects.get(source=citation.source)
    with django_capture_on_commit_callbacks(execute=True):
        source_services.snapshot_fail(snapshot_id=snapshot.pk, reason="http_error", message="x")
    assert queued == [citation.pk]


def test_a_second_citation_of_a_source_being_archived_asks_for_its_evidence(
    citation, alice, django_capture_on_commit_callbacks
):
    # the archive may finish between citation_add's look-up and its commit; its event would
    # not see the new citation, which stayed pending until the sweep (seen in a real worker)
    other = ClaimFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        second = services.citation_add(claim=other, url="https://example.org/deal", by=alice)
    assert [(c.func.__self__.name, c.args) for c in callbacks] == [
        ("claims.tasks.find_evidence", (second.pk,))
    ]


def test_the_sweep_catches_evidence_whose_event_was_lost(citation):
    snapshot = Snapshot.objects.get(source=citation.source)
    assert services.evidence_stale_citation_ids() == []  # still archiving: nothing to do
    _succeed(snapshot)  # finished, but no snapshot_finished reached claims
    assert services.evidence_stale_citation_ids() == [citation.pk]
    services.evidence_find_for_citation(citation_id=citation.pk)
    assert services.evidence_stale_citation_ids() == []
    Snapshot.objects.filter(pk=snapshot.pk).delete()
    SnapshotFactory(source=citation.source, status=Snapshot.Status.BLOCKED)
    Citation.objects.filter(pk=citation.pk).update(
        evidence_status=Citation.EvidenceStatus.PENDING, evidence_snapshot=None
    )
    assert services.evidence_stale_citation_ids() == [citation.pk]


def test_stores_the_figures_a_passage_states_differently(citation):
    """300 megawatts claimed, 330 MW in the source: stored side by side, offsets in the text."""
    _succeed(Snapshot.objects.get(source=citation.source))
    services.evidence_find_for_citation(citation_id=citation.pk)
    best = citation.evidence.get(rank=1)
    (difference,) = best.differences
    assert difference["kind"] == "quantity"
    assert (difference["claim"], difference["passage"]) == ("300 megawatts", "330 MW")
    assert best.text[difference["start"] : difference["end"]] == "330 MW"


def test_a_source_without_text_is_its_own_state_not_no_match(citation):
    snapshot = Snapshot.objects.get(source=citation.source)
    _succeed(snapshot, text="")
    assert services.evidence_find_for_citation(citation_id=citation.pk) == "done"
    citation.refresh_from_db()
    assert citation.evidence_status == Citation.EvidenceStatus.NO_TEXT
    assert citation.get_evidence_status_display() == "No text could be extracted from this source"
    assert citation.evidence_snapshot == snapshot and not citation.evidence.exists()


def test_passages_of_a_pdf_carry_the_page_they_start_on(citation):
    pages = ["Officials met in the capital.", "The plant could expand to 330 MW, they said."]
    snapshot = Snapshot.objects.get(source=citation.source)
    _succeed(snapshot, text="\n\n".join(pages))
    Snapshot.objects.filter(pk=snapshot.pk).update(page_starts=[0, len(pages[0]) + 2])
    services.evidence_find_for_citation(citation_id=citation.pk)
    passage = citation.evidence.get(rank=1)
    assert "330 MW" in passage.text and passage.page == 2


def test_passages_of_a_web_page_have_no_page(citation):
    _succeed(Snapshot.objects.get(source=citation.source))
    services.evidence_find_for_citation(citation_id=citation.pk)
    assert set(citation.evidence.values_list("page", flat=True)) == {None}


def test_the_text_steps_row_is_searched_as_it_is_in_hand(citation):
    """``snapshot_text_ready`` hands over the row the text step wrote: the citations are read
    (once), the snapshot is not read back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    snapshot = Snapshot.objects.get(source=citation.source)
    _succeed(snapshot)
    snapshot.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        services.evidence_request_for_source(source_id=citation.source_id, snapshot=snapshot)
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 1 and '"claims_citation"' in reads[0].split(" WHERE ")[0]
    citation.refresh_from_db()
    assert (citation.evidence_status, citation.evidence_snapshot_id) == ("done", snapshot.pk)


def test_a_superseded_snapshot_stores_no_evidence(citation):
    """The row in hand may be older than a capture that succeeded meanwhile: its evidence is
    not stored over the newer one's (which its own event finds)."""
    older = Snapshot.objects.get(source=citation.source)
    _succeed(older)
    older.refresh_from_db()
    newer = SnapshotFactory(source=citation.source)
    _succeed(newer, text="Now the plant could expand to 300 MW, officials said.")
    services.evidence_find_for_citation(citation_id=citation.pk)
    services.evidence_request_for_source(source_id=citation.source_id, snapshot=older)
    citation.refresh_from_db()
    assert citation.evidence_snapshot_id == newer.pk
    assert set(citation.evidence.values_list("snapshot", flat=True)) == {newer.pk}


@pytest.mark.django_db(transaction=True)
def test_a_first_store_is_one_statement(alice):
    """PostgreSQL, outside a transaction (a worker): a citation's first evidence is one
    statement (the conditional UPDATE and the passages' INSERT); passages to replace (a
    forced refresh, a newer snapshot) go through the transaction that deletes them first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.services.evidence import (
        _citations_for_evidence,
        _Citing,
        _evidence_find,
        _evidence_store,
    )
    from sources.selectors import source_archive_state

    claim = ClaimFactory(
        article=ArticleFactory(body="The plant could expand to 300 megawatts."),
        details={"numbers": [{"text": "300 megawatts", "value": 300, "unit": "MW"}]},
    )
    snapshot = SnapshotFactory()
    _succeed(snapshot)
    citation = Citation.objects.create(claim=claim, source=snapshot.source)

    def store(force=False):
        row = _Citing(*_citations_for_evidence().filter(pk=citation.pk).get())
        archive = source_archive_state(source_id=snapshot.source_id)
        with CaptureQueriesContext(connection) as queries:
            assert _evidence_find(row, archive, force) == "done"
        return [q["sql"] for q in queries.captured_queries]

    statements = store()
    if connection.vendor == "postgresql":
        assert len(statements) == 1 and statements[0].lstrip().startswith("WITH claimed AS")
        assert "set_config('synchronous_commit', 'off', true)" in statements[0]
    passages = list(EvidencePassage.objects.filter(citation=citation).order_by("rank"))
    assert "could expand to 330 MW" in passages[0].text
    assert passages[0].snapshot_id == snapshot.pk and passages[0].created_at is not None
    assert passages[0].matched_terms and passages[0].differences
    citation.refresh_from_db()
    assert (citation.evidence_status, citation.evidence_snapshot_id) == ("done", snapshot.pk)
    assert citation.evidence_language == "en"

    first = [p.pk for p in passages]
    assert store() == []  # stored already for this snapshot: nothing to do
    # evidence_refresh clears the citation's snapshot, not its passages: the one statement
    # finds passages to replace and leaves them to the transaction
    Citation.objects.filter(pk=citation.pk).update(evidence_snapshot=None)
    statements = store()
    if connection.vendor == "postgresql":
        assert statements[0].lstrip().startswith("WITH claimed AS")
        assert any(s.startswith("DELETE") for s in statements[1:])
    assert [p.text for p in citation.evidence.order_by("rank")] == [p.text for p in passages]
    first = [p.pk for p in citation.evidence.order_by("rank")]
    assert store() == []
    assert [p.pk for p in citation.evidence.order_by("rank")] == first
    store(force=True)  # passages to replace: the transaction
    replaced = list(citation.evidence.order_by("rank"))
    assert [p.text for p in replaced] == [p.text for p in passages]
    assert not {p.pk for p in replaced} & set(first)

    # superseded: a newer capture of the source succeeded; the older row writes nothing
    newer = SnapshotFactory(source=snapshot.source)
    _succeed(newer, text="Now the plant could expand to 300 MW, officials said.")
    Citation.objects.filter(pk=citation.pk).update(evidence_snapshot=newer)
    EvidencePassage.objects.filter(citation=citation).delete()  # the one statement's case
    with CaptureQueriesContext(connection) as queries:
        assert _evidence_store(citation.pk, snapshot, [], "en", force=True) == "done"
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
    citation.refresh_from_db()
    assert citation.evidence_snapshot_id == newer.pk and citation.evidence_status == "done"


def test_the_text_step_and_the_evidence_read_each_row_once(
    alice, settings, page_server, django_capture_on_commit_callbacks
):
    """From a captured page to its citation's evidence: the text step reads the snapshot
    (no join to its source), writes it, and hands it to the evidence finder, which reads the
    citations and stores; nothing is read back, no deferred field is fetched on the way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sources import services as source_services

    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    url = page_server.add("/deal.html", f"<html><body><article><p>{PAGE_TEXT}</p></article>")
    claim = ClaimFactory(
        article=ArticleFactory(body="The plant could expand to 300 megawatts."),
        details={"numbers": [{"text": "300 megawatts", "value": 300, "unit": "MW"}]},
    )
    with django_capture_on_commit_callbacks():
        citation = services.citation_add(claim=claim, url=url, by=alice)
    snapshot = Snapshot.objects.get(source=citation.source)
    source_services.snapshot_capture(snapshot_id=snapshot.pk)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        source_services.snapshot_text_extract(snapshot_id=snapshot.pk)
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 2  # the snapshot, the citations
    assert '"sources_source"' not in selects[0] and '"claims_citation"' in selects[1]
    citation.refresh_from_db()
    assert (citation.evidence_status, citation.evidence_snapshot_id) == ("done", snapshot.pk)
    assert "330 MW" in citation.evidence.get(rank=1).text
