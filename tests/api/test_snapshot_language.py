# ruff: noqa: RUF001 -- Russian and Burmese text, on purpose
"""The language of an archived page's main text (issue 16): detected at capture with the
articles' detector, stored on the snapshot, shown in the API and the admin."""

import pytest
from rest_framework.test import APIClient

from sources import services
from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory, make_user
from workbench.langid import language_of

pytestmark = pytest.mark.django_db

PAGES = {
    # The <html lang> says English: the text decides, not the markup.
    "/ru.html": (
        '<html lang="en"><head><title>Мьянма</title></head><body><article><p>Президент России '
        "Владимир Путин провёл переговоры с Мин Аун Хлайном в Москве. Россия построит в Мьянме "
        "атомную электростанцию мощностью 110 мегаватт, сообщило министерство.</p></article>"
        "</body></html>",
        "ru",
    ),
    "/en.html": (
        "<html><head><title>Wind</title></head><body><article><p>The council approved a "
        "450-megawatt wind farm on Tuesday. The project will cost 1.2 billion euros, the "
        "developer said.</p></article></body></html>",
        "en",
    ),
    "/my.html": (
        "<html><head><title>မြန်မာ</title></head><body><article><p>ရုရှားနိုင်ငံသည် မြန်မာနိုင်ငံတွင် "
        "မဂ္ဂါဝပ် ၁၁၀ အဏုမြူဓာတ်အားပေးစက်ရုံ တည်ဆောက်မည်ဖြစ်သည်။ ဝန်ကြီးဌာနက ပြောကြားသည်။"
        "</p></article></body></html>",
        "my",
    ),
}


@pytest.fixture
def allow_page_server(settings, page_server):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    return page_server


@pytest.mark.parametrize("path", list(PAGES))
def test_capture_stores_the_main_texts_language(allow_page_server, path, client):
    html, expected = PAGES[path]
    url = allow_page_server.add(f"/language{path}", html)
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    api = APIClient()
    api.force_login(make_user("reader", group="Reviewer"))
    client.force_login(make_user("root", superuser=True))
    admin_url = f"/admin/sources/snapshot/{snapshot.pk}/change/"
    # captured: shown at once, its text pending (the text step runs on its own queue)
    detail = api.get(f"/api/v1/snapshots/{snapshot.pk}").json()
    assert (detail["status"], detail["text_status"], detail["language"]) == (
        "succeeded",
        "pending",
        "",
    )
    assert "Waiting for text extraction" in client.get(admin_url).content.decode()

    services.snapshot_text_extract(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED
    assert snapshot.language == expected == language_of(snapshot.text)

    detail = api.get(f"/api/v1/snapshots/{snapshot.pk}").json()
    assert (detail["language"], detail["text_status"]) == (expected, "done")

    page = client.get(admin_url).content.decode()
    assert "Language" in page and f">{expected}<" in page.replace("\n", "")
    assert "Main text extracted" in page


def test_a_page_without_text_has_no_language(allow_page_server):
    url = allow_page_server.add("/language/empty.html", "<html><body></body></html>")
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    services.snapshot_capture(snapshot_id=snapshot.pk)
    services.snapshot_text_extract(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.SUCCEEDED and snapshot.language == ""
    assert snapshot.text_status == "no_text"
