"""Archive problems on the claim page: the reason of a blocked or failed archive, Retry, the
"archived, looking for evidence" state, evidence found as soon as the archive succeeds, and
the dashboard counting sources by their latest snapshot."""

import pytest
from django.urls import reverse

from claims import selectors, services
from claims.models import Citation
from sources import services as source_services
from sources.models import Snapshot
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory, make_user

pytestmark = pytest.mark.django_db

PAGE = (
    "<html><head><title>Plant</title></head><body><article><h1>Plant</h1>"
    "<p>The nuclear plant could expand to 300 megawatts, the ministry said on Monday.</p>"
    "<p>Engineers said construction will take several years to complete.</p></article>"
    "</body></html>"
)


def _claim_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def _retry_url(citation) -> str:
    return reverse("admin:claims_citation_retry", args=[citation.claim_id, citation.pk])


@pytest.fixture
def cited(alice, page_server, settings, django_capture_on_commit_callbacks):
    """A claim citing a page of the local server, archived while the server is not allowed:
    blocked (127.0.0.1 is a private address)."""
    settings.FETCH_ALLOWED_HOSTPORTS = []
    url = page_server.add("/archive-state/plant.html", PAGE)
    claim = ClaimFactory(text="The plant could expand to 300 megawatts.")
    with django_capture_on_commit_callbacks(execute=True):
        citation = services.citation_add(claim=claim, url=url, by=alice)
        snapshot = Snapshot.objects.get(source=citation.source)
        source_services.snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.BLOCKED
    return citation


def test_a_blocked_citation_shows_its_reason_and_a_retry_button(client, alice, cited):
    client.force_login(alice)
    page = client.get(_claim_url(cited.claim)).content.decode()
    snapshot = Snapshot.objects.get(source=cited.source)
    assert f"blocked: {snapshot.error_message}" in page
    assert "not allowed" in snapshot.error_message  # the policy says why
    assert f'id="retry-citation-{cited.pk}"' in page  # the form, outside the claim's form
    assert f'form="retry-citation-{cited.pk}"' in page  # the inline row's button


def test_retry_after_the_configuration_permits_it_archives_and_finds_evidence_at_once(
    client, alice, cited, page_server, settings, django_capture_on_commit_callbacks
):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_retry_url(cited))
    assert response.status_code == 302
    retried = Snapshot.objects.filter(source=cited.source).order_by("-pk").first()
    assert retried.status == Snapshot.Status.QUEUED and retried.requested_by == alice
    cited.refresh_from_db()
    assert cited.evidence_status == Citation.EvidenceStatus.PENDING
    page = client.get(_claim_url(cited.claim)).content.decode()
    assert "archiving…" in page
    # the workers' part, in this process: the capture succeeds and shows at once; the text
    # step reads it and its event finds evidence at once (the tasks would only be queued here)
    with django_capture_on_commit_callbacks(execute=True):
        source_services.snapshot_capture(snapshot_id=retried.pk)
    cited.refresh_from_db()
    assert cited.evidence_status == Citation.EvidenceStatus.PENDING
    page = client.get(_claim_url(cited.claim)).content.decode()
    assert "Archive: <strong>archived, looking for evidence</strong>" in page
    with django_capture_on_commit_callbacks(execute=True):
        source_services.snapshot_text_extract(snapshot_id=retried.pk)
    cited.refresh_from_db()
    assert cited.evidence_status == Citation.EvidenceStatus.DONE
    assert cited.evidence_snapshot_id == retried.pk
    page = client.get(_claim_url(cited.claim)).content.decode()
    assert "Archive: <strong>archived</strong>" in page
    assert "300 megawatts" in page


def test_archived_but_evidence_not_yet_found_says_so(client, alice):
    claim = ClaimFactory()
    source = SourceFactory()
    SnapshotFactory(
        source=source, status=Snapshot.Status.SUCCEEDED, text="Some text.", sha256="0" * 64
    )
    Citation.objects.create(claim=claim, source=source, added_by=alice)
    client.force_login(alice)
    page = client.get(_claim_url(claim)).content.decode()
    assert "archived, looking for evidence" in page


def test_retry_needs_a_reviewer(client, cited):
    visitor = make_user("victor", superuser=False)
    visitor.is_staff = True
    visitor.save()
    from django.contrib.auth.models import Permission

    visitor.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(visitor)
    before = Snapshot.objects.count()
    response = client.post(_retry_url(cited), follow=True)
    assert "Only reviewers and editors can retry" in response.content.decode()
    assert Snapshot.objects.count() == before


def test_retry_is_post_only_and_checks_the_claim(client, alice, cited):
    client.force_login(alice)
    assert client.get(_retry_url(cited)).status_code == 405
    other = ClaimFactory()
    url = reverse("admin:claims_citation_retry", args=[other.pk, cited.pk])
    assert client.post(url).status_code == 404


def test_dashboard_counts_each_source_by_its_latest_snapshot():
    recovered, still_blocked = SourceFactory(), SourceFactory()
    SnapshotFactory(source=recovered, status=Snapshot.Status.BLOCKED)
    SnapshotFactory(source=recovered, status=Snapshot.Status.SUCCEEDED, sha256="0" * 64)
    SnapshotFactory(source=still_blocked, status=Snapshot.Status.BLOCKED)
    SnapshotFactory(source=SourceFactory(), status=Snapshot.Status.FAILED)
    stats = selectors.dashboard_stats()
    assert stats["sources_blocked"] == 1
    assert stats["sources_succeeded"] == 1
    assert stats["sources_failed"] == 1
    assert stats["sources_active"] == 0


def test_the_sources_page_archives_it_again(client, alice, cited):
    client.force_login(alice)
    page = reverse("admin:sources_source_change", args=[cited.source_id])
    assert 'id="source-retry"' in client.get(page).content.decode()
    response = client.post(reverse("admin:sources_source_retry", args=[cited.source_id]))
    assert response.status_code == 302
    latest = Snapshot.objects.filter(source=cited.source).order_by("-pk").first()
    assert latest.status == Snapshot.Status.QUEUED and latest.requested_by == alice
    reader = make_user("rita", group=None)
    reader.is_staff = True
    reader.save()
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(reader)
    assert 'id="source-retry"' not in client.get(page).content.decode()
    refused = client.post(reverse("admin:sources_source_retry", args=[cited.source_id]))
    assert refused.status_code == 403
