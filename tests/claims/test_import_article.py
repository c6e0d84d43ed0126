"""manage.py import_article: from a file, from stdin, from a URL (through the safe fetcher)."""

import io

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

DEMO = ROOT / "claims" / "fixtures" / "demo_article.txt"


def test_import_from_file_with_sync_extraction():
    out = io.StringIO()
    call_command("import_article", str(DEMO), "--sync", stdout=out)
    article = Article.objects.get()
    assert article.body == DEMO.read_text(encoding="utf-8")
    assert article.extraction_status == "done"
    assert article.claims.count() >= 5
    assert f"Imported article {article.pk}" in out.getvalue()


def test_import_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("The bridge is 120 metres long.\n"))
    call_command("import_article", "-", "--title", "Bridge", stdout=io.StringIO())
    article = Article.objects.get()
    assert (article.title, article.extraction_status) == ("Bridge", "pending")


def test_import_from_url_keeps_main_text(settings, page_server):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    url = page_server.add(
        "/story.html",
        "<html><head><title>Dam opens</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Dam opens</h1><p>The new dam on the river produces 90 megawatts, the "
        "operator said on Monday, and it cost 400 million dollars to build.</p><p>Engineers "
        "said the reservoir will take two years to fill completely.</p></article>"
        "<footer>Cookie settings</footer></body></html>",
    )
    call_command("import_article", url, "--sync", stdout=io.StringIO())
    article = Article.objects.get()
    assert article.title == "Dam opens"
    assert article.url == url
    assert "90 megawatts" in article.body
    assert "Cookie settings" not in article.body
    assert article.claims.exists()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("http://169.254.169.254/latest/meta-data/", "Could not fetch"),
        ("/no/such/file.txt", "Cannot read"),
    ],
)
def test_import_errors_are_clear_and_write_nothing(source, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_article", source, stdout=io.StringIO())
    assert not Article.objects.exists()
