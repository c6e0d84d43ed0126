"""The public fact-check pages (issue 13): anyone can read a published fact-check, its index
and its Atom feed; nothing else is public (no draft, no reviewer's note, no other archived
bytes); an editor's unpublishing takes the page down (410 Gone) and out of the feeds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Verdict
from claims.public.paths import fact_check_path
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory, SourceFactory
from tests.jsonld import S, embedded_json_ld, expand, value
from workbench.errors import PermissionDenied

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_PAGE = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture
def anon():
    return Client()


@pytest.fixture
def carol(db):
    """A second editor."""
    from tests.factories import make_user

    return make_user("carol", group="Editor")


def _publish(claim, *, alice, bob, rating="false", explanation="The report says 110 MW."):
    verdict = services.verdict_propose(
        claim=claim, rating=rating, explanation=explanation, by=alice
    )
    return services.verdict_publish(verdict=verdict, by=bob)


@pytest.fixture
def published(alice, bob):
    """A "False" verdict bob published, resting on one archived source alice cited."""
    article = ArticleFactory(
        title="Minister opens the plant",
        author="J. Doe",
        outlet="Daily Example",
        url="https://news.example.org/plant",
        published_on=dt.date(2026, 11, 20),
    )
    claim = ClaimFactory(article=article)
    citation = services.citation_add(
        claim=claim,
        url="https://energy.example.org/report",
        relation="refutes",
        note="INTERNAL NOTE: ask the ministry again",
        by=alice,
    )
    snapshot = SnapshotFactory(
        source=citation.source,
        status=Snapshot.Status.SUCCEEDED,
        sha256="c" * 64,
        body=default_storage.save("bodies/public-test", ContentFile(HOSTILE_PAGE)),
        warc=default_storage.save("warcs/public-test", ContentFile(b"WARC/1.1\r\n")),
        content_type="text/html",
        wayback_url="https://web.archive.org/web/2026/https://energy.example.org/report",
    )
    verdict = _publish(claim, alice=alice, bob=bob)
    return {"claim": claim, "article": article, "verdict": verdict, "snapshot": snapshot}


def test_an_anonymous_reader_sees_the_published_fact_check(
    anon, published, alice, django_assert_max_num_queries
):
    claim, snapshot = published["claim"], published["snapshot"]
    # a correction in the works is a draft: not public
    services.verdict_propose(
        claim=claim, rating="true", explanation="DRAFT: maybe it is right after all", by=alice
    )
    with django_assert_max_num_queries(3):  # the verdict, the citations, their snapshots
        response = anon.get(fact_check_path(claim))
    assert response.status_code == 200
    html = response.content.decode()
    assert claim.text in html
    assert '<strong id="rating">False</strong>' in html
    assert "The report says 110 MW." in html
    assert 'href="https://news.example.org/plant"' in html
    assert "Minister opens the plant" in html and "Daily Example" in html
    assert 'href="https://energy.example.org/report"' in html
    download = f"{fact_check_path(claim)}archive/{snapshot.pk}/body"
    assert f'href="{download}"' in html
    assert "web.archive.org" in html
    assert "DRAFT" not in html and "maybe it is right" not in html
    assert "INTERNAL NOTE" not in html
    assert "alert(document.cookie)" not in html  # archived HTML is never rendered here
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp

    # The embedded ClaimReview: valid JSON-LD, pointing at this page and the article.
    document = embedded_json_ld(html)
    (node,) = expand(document)
    assert node["@type"] == [S + "ClaimReview"]
    assert value(node, "url") == "http://testserver" + fact_check_path(claim)
    assert value(node, "claimReviewed") == claim.text
    (rating,) = node[S + "reviewRating"]
    assert value(rating, "alternateName") == "False"
    assert value(rating, "ratingValue") == 1
    (item,) = node[S + "itemReviewed"]
    (appearance,) = item[S + "appearance"]
    assert value(appearance, "url") == "https://news.example.org/plant"


def test_the_archived_copy_is_a_sandboxed_download(anon, published):
    claim, snapshot = published["claim"], published["snapshot"]
    page = fact_check_path(claim)
    for kind, content in (("body", HOSTILE_PAGE), ("warc", b"WARC/1.1\r\n")):
        response = anon.get(f"{page}archive/{snapshot.pk}/{kind}")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == content
    assert anon.get(f"{page}archive/{snapshot.pk}/text").status_code == 404
    # a snapshot no published fact-check cites is not public
    other = SnapshotFactory(
        source=SourceFactory(),
        status=Snapshot.Status.SUCCEEDED,
        sha256="c" * 64,
        body=default_storage.save("bodies/private", ContentFile(b"private")),
    )
    assert anon.get(f"{page}archive/{other.pk}/body").status_code == 404


def test_the_address_is_stable_and_the_slug_only_decoration(anon, published):
    claim = published["claim"]
    canonical = fact_check_path(claim)
    assert canonical.startswith(f"/fact-checks/{claim.pk}-the-plant-could-expand")
    for other in (f"/fact-checks/{claim.pk}/", f"/fact-checks/{claim.pk}-old-words/"):
        response = anon.get(other)
        assert (response.status_code, response["Location"]) == (301, canonical)


def test_nothing_unpublished_is_public(anon, alice, bob):
    nothing = ClaimFactory()
    proposed = ClaimFactory()
    services.verdict_propose(claim=proposed, rating="true", explanation="draft", by=alice)
    rejected = ClaimFactory()
    verdict = services.verdict_propose(claim=rejected, rating="true", explanation="no", by=alice)
    services.verdict_reject(verdict=verdict, by=bob)
    for claim in (nothing, proposed, rejected):
        assert anon.get(fact_check_path(claim)).status_code == 404
        assert anon.get(f"/fact-checks/{claim.pk}/").status_code == 404
    assert "Nothing is published yet." in anon.get("/fact-checks/").content.decode()
    assert _feed_entries(anon) == []
    assert anon.get("/fact-checks/claimreview.jsonld").json()["dataFeedElement"] == []


def _feed_entries(client):
    response = client.get("/fact-checks/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_index_and_the_feed_list_published_fact_checks_newest_first(
    anon, alice, bob, settings, django_assert_max_num_queries
):
    settings.PUBLIC_PAGE_SIZE = 2
    claims = [ClaimFactory(text=f"Claim number {n} about the plant.") for n in range(3)]
    for claim in claims:
        _publish(claim, alice=alice, bob=bob, rating="mostly_true")
    with django_assert_max_num_queries(2):  # a count and one page, whatever its size
        first = anon.get("/fact-checks/").content.decode()
    assert first.index("Claim number 2") < first.index("Claim number 1")
    assert "Claim number 0" not in first and 'rel="next" href="?page=2"' in first
    assert "Claim number 0" in anon.get("/fact-checks/?page=2").content.decode()

    entries = _feed_entries(anon)
    assert [e["title"] for e in entries] == [
        f"Mostly true: Claim number {n} about the plant." for n in (2, 1, 0)
    ]
    assert entries[0]["link"] == "http://testserver" + fact_check_path(claims[2])


def test_a_hostile_claim_is_text_everywhere(anon, alice, bob):
    hostile = '</script><script>alert("claim")</script><img src=x onerror=alert(1)> & "q"'
    claim = ClaimFactory(text=hostile)
    _publish(claim, alice=alice, bob=bob, explanation='<b onmouseover="alert(2)">bold</b>')
    html = anon.get(fact_check_path(claim), follow=True).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;claim&quot;)" in html
    # the JSON-LD block ends where we end it, and carries the claim's exact words
    document = embedded_json_ld(html)
    assert document["claimReviewed"] == hostile
    assert document["reviewRating"]["ratingExplanation"] == '<b onmouseover="alert(2)">bold</b>'
    (entry,) = _feed_entries(anon)
    assert entry["title"] == f"False: {hostile}"  # Atom text: the reader shows it as words
    assert "<b" not in entry["summary"] and "&lt;b onmouseover" in entry["summary"]
    index = anon.get("/fact-checks/").content.decode()
    assert "<script>alert" not in index and "<img src=x" not in index


def test_the_publisher_is_configurable(anon, published, settings):
    settings.CLAIMREVIEW_ORG_NAME = "Faktencheck Nord"
    settings.CLAIMREVIEW_ORG_URL = "https://faktencheck.example.org/"
    settings.CLAIMREVIEW_ORG_LOGO = "https://cdn.example.org/logo.png"
    response = anon.get(fact_check_path(published["claim"]))
    html = response.content.decode()
    assert '<a class="publisher" href="https://faktencheck.example.org/">' in html
    assert 'src="https://cdn.example.org/logo.png"' in html
    assert "img-src 'self' https://cdn.example.org" in response["Content-Security-Policy"]
    author = embedded_json_ld(html)["author"]
    assert author == {
        "@type": "Organization",
        "name": "Faktencheck Nord",
        "url": "https://faktencheck.example.org/",
        "logo": "https://cdn.example.org/logo.png",
    }
    root = ET.fromstring(anon.get("/fact-checks/feed.atom").content)
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Faktencheck Nord"


def test_an_editor_unpublishes_and_the_page_is_gone(anon, published, alice, carol):
    claim, verdict = published["claim"], published["verdict"]
    page = fact_check_path(claim)
    download = f"{page}archive/{published['snapshot'].pk}/body"
    with pytest.raises(PermissionDenied):
        services.verdict_unpublish(verdict=verdict, by=alice, reason="I disagree")
    assert anon.get(page).status_code == 200
    assert len(_feed_entries(anon)) == 1

    services.verdict_unpublish(verdict=verdict, by=carol, reason="the report was retracted")
    response = anon.get(page)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert "retracted" not in response.content.decode()  # the editor's reason is internal
    assert anon.get(f"/fact-checks/{claim.pk}/").status_code == 410
    assert anon.get(download).status_code == 404
    assert _feed_entries(anon) == []
    assert claim.text not in anon.get("/fact-checks/").content.decode()
    assert anon.get("/fact-checks/claimreview.jsonld").json()["dataFeedElement"] == []


def test_unpublishing_from_the_admin_is_for_editors_only(anon, published, alice, bob):
    claim, verdict = published["claim"], published["verdict"]
    page = fact_check_path(claim)
    workflow = reverse("admin:claims_claim_workflow", args=[claim.pk, "unpublish"])
    reviewer = Client()
    reviewer.force_login(alice)
    reviewer.post(workflow, {"verdict": verdict.pk, "reason": "I disagree"})
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.PUBLISHED
    assert anon.get(page).status_code == 200

    editor = Client()
    editor.force_login(bob)
    claim_page = editor.get(reverse("admin:claims_claim_change", args=[claim.pk])).content
    assert f'href="{page}" id="public-page-link"'.encode() in claim_page
    editor.post(workflow, {"verdict": verdict.pk, "reason": "the report was retracted"})
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.UNPUBLISHED
    assert anon.get(page).status_code == 410
    claim_page = editor.get(reverse("admin:claims_claim_change", args=[claim.pk])).content
    assert b"public-page-link" not in claim_page
    # audited like the other transitions: who, and why
    record = Verdict.history.filter(id=verdict.pk).order_by("-history_id").first()
    assert (record.history_user, record.status) == (bob, Verdict.Status.UNPUBLISHED)
    assert record.history_change_reason == "Unpublished: the report was retracted"


def test_a_correction_is_published_at_the_same_address(anon, published, alice, carol):
    claim = published["claim"]
    page = fact_check_path(claim)
    correction = services.verdict_propose(
        claim=claim, rating="mostly_false", explanation="Corrected: 110 MW, not 300.", by=alice
    )
    services.verdict_publish(verdict=correction, by=carol)
    html = anon.get(page).content.decode()
    assert '<strong id="rating">Mostly false</strong>' in html
    assert "Corrected: 110 MW, not 300." in html and "Corrected" in html
    assert "The report says 110 MW." not in html
    assert len(_feed_entries(anon)) == 1


def _png(colour=(17, 170, 68), size=(64, 40)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def _shot(snapshot, png: bytes) -> None:
    snapshot.screenshot.name = default_storage.save("screenshots/public-test", ContentFile(png))
    snapshot.screenshot_width, snapshot.screenshot_height = 64, 40
    snapshot.save(update_fields=["screenshot", "screenshot_width", "screenshot_height"])


def test_a_sources_screenshot_is_shown_and_served_as_an_image_only(
    anon, published, django_assert_max_num_queries
):
    claim, snapshot = published["claim"], published["snapshot"]
    page = fact_check_path(claim)
    assert 'class="screenshot"' not in anon.get(page).content.decode()  # a raw capture: none
    png = _png()
    _shot(snapshot, png)

    with django_assert_max_num_queries(3):
        html = anon.get(page).content.decode()
    shot = f"{page}archive/{snapshot.pk}/screenshot"
    assert f'<a class="screenshot" href="{shot}" rel="nofollow"><img src="{shot}"' in html
    assert "(64 by 40 px)" in html

    response = anon.get(shot)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert b"".join(response.streaming_content) == png


def test_a_screenshot_of_a_source_only_an_unpublished_claim_cites_is_not_public(
    anon, published, alice, bob
):
    page = fact_check_path(published["claim"])
    draft = ClaimFactory(text="The dam holds twice the water it did.")
    services.verdict_propose(claim=draft, rating="true", explanation="draft", by=alice)
    citation = services.citation_add(
        claim=draft, url="https://water.example.org/dam", relation="supports", by=alice
    )
    private = SnapshotFactory(
        source=citation.source, status=Snapshot.Status.SUCCEEDED, sha256="d" * 64
    )
    _shot(private, _png(colour=(200, 0, 0)))
    _shot(published["snapshot"], _png())

    # neither under the published fact-check's address nor under the draft's
    assert anon.get(f"{page}archive/{private.pk}/screenshot").status_code == 404
    assert anon.get(f"{fact_check_path(draft)}archive/{private.pk}/screenshot").status_code == 404
    assert anon.get(f"/fact-checks/{draft.pk}-x/archive/{private.pk}/screenshot").status_code == 404
    # nor through the workbench's own route, which is for signed-in staff
    admin_route = reverse("admin:sources_snapshot_screenshot", args=[private.pk])
    assert anon.get(admin_route).status_code == 302
    # the published one's is public; once unpublished, it is not
    ok = f"{page}archive/{published['snapshot'].pk}/screenshot"
    assert anon.get(ok).status_code == 200
    services.verdict_unpublish(verdict=published["verdict"], by=bob, reason="retracted")
    assert anon.get(ok).status_code == 404
