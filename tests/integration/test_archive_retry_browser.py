"""A blocked citation in a real browser: the claim page shows why it was blocked; once the
configuration permits the host, Retry archives it on the real worker and its evidence appears
on the page (found as soon as the archive succeeded)."""

import time

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, ClaimFactory, SourceFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGE = """<!doctype html><html><head><title>Plant</title></head><body><article>
<h1>Ministry on the plant</h1>
<p>Officials of both governments met in the capital on Monday and signed documents.</p>
<p>The nuclear plant could expand to 300 megawatts, the ministry said in a statement.</p>
</article></body></html>"""


def test_a_blocked_citation_shows_its_reason_and_succeeds_after_retry(
    live_server, celery_worker, page_server, page, alice, settings
):
    from claims.models import Citation
    from sources import services as source_services
    from sources.models import Snapshot

    url = page_server.add("/retry/plant.html", PAGE)
    claim = ClaimFactory(text="The nuclear plant could expand to 300 megawatts.")
    source = SourceFactory(url=url, domain="127.0.0.1")
    citation = Citation.objects.create(claim=claim, source=source, added_by=alice)
    # Archived while the configuration did not permit the test server (in this process, with
    # an empty allow-list: no task was queued for the worker)
    settings.FETCH_ALLOWED_HOSTPORTS = []
    blocked = Snapshot.objects.create(source=source)
    source_services.snapshot_capture(snapshot_id=blocked.pk)
    blocked.refresh_from_db()
    assert blocked.status == Snapshot.Status.BLOCKED, blocked.error_message

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    claim_url = f"{live_server.url}/admin/claims/claim/{claim.pk}/change/"
    page.goto(claim_url)
    state = page.locator(f"#archive-state-{citation.pk}")
    expect(state).to_contain_text(f"blocked: {blocked.error_message}")
    row = page.locator("#citations-group .snapshot-status").first
    expect(row).to_contain_text("blocked: ")  # in the citation's own row too

    # The configuration now permits the host (the worker was started with it allowed).
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    state.locator("button.retry-archive").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Archiving {url} again")

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        citation.refresh_from_db()
        if citation.evidence_status == Citation.EvidenceStatus.DONE:
            break
        time.sleep(0.3)
    else:
        snapshots = list(Snapshot.objects.values_list("status", "error_message"))
        raise AssertionError(f"no evidence after Retry: {snapshots}\n{celery_worker.log()[-3000:]}")
    latest = Snapshot.objects.filter(source=source).order_by("-pk").first()
    assert latest.status == Snapshot.Status.SUCCEEDED and latest.requested_by == alice
    assert citation.evidence_snapshot_id == latest.pk

    page.goto(claim_url)
    expect(state).to_contain_text("Archive: archived")
    expect(state.locator("button.retry-archive")).to_have_count(0)
    expect(page.locator(f"#evidence-{citation.pk} .wb-passage").first).to_contain_text(
        "could expand to 300 megawatts"
    )


def test_a_paste_over_the_limit_is_not_sent_and_stays_in_the_box(
    live_server, page, alice, settings
):
    from claims.models import Article

    settings.ARTICLE_MAX_BYTES = 1000
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/claims/article/add/")
    pasted = "The dam produces 90 megawatts, the operator said on Monday. " * 40
    page.fill("#id_body", pasted)
    page.click("input[name=_save]")
    expect(page.locator("#article-too-large")).to_contain_text("the limit is 1000 bytes of text")
    expect(page.locator("#id_body")).to_have_value(pasted)  # nothing lost
    assert not Article.objects.exists()
    # with the script out of the way, the server says the same and shows the text again
    with page.expect_navigation():
        page.evaluate("document.getElementById('id_body').form.submit()")  # no submit event
    expect(page.locator(".errorlist")).to_contain_text("the limit is 1000 bytes of text")
    expect(page.locator("#id_body")).to_have_value(pasted)
    assert not Article.objects.exists()
