"""What an article's text may be: its size, its encoding, its headline, and whether it is
already an article — the same service for the admin, the API and ``import_article``."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims import services
from claims.models import Article
from claims.services.article_input import (
    article_title_guess,
    bytes_decode,
    html_title,
    text_title,
    title_shorten,
)
from tests.conftest import ROOT, shared_path
from workbench.errors import DomainError

ADD = reverse("admin:claims_article_add")
BODY = "The bridge over the river is 120 metres long, the city engineer said on Monday.\n"


def _form(**fields) -> dict[str, str]:
    return {
        "title": "",
        "body": "",
        "url": "",
        "outlet": "",
        "author": "",
        "published_on": "",
        "language": "en",
        **fields,
    }


# Titles ------------------------------------------------------------------------------------


def test_title_skips_forum_furniture_and_takes_the_headline():
    text = (
        "What's new\n\nLog in\n\nDam On The Mekong Opens After Ten Years Of Work\n\n"
        "Joined\nAug 7, 2024\nMessages\n1,229\n"
        "The dam produces 90 megawatts, the operator said on Monday, and it cost a lot.\n"
    )
    assert text_title(text) == "Dam On The Mekong Opens After Ten Years Of Work"


def test_seed_article_title_is_its_headline_not_whats_new():
    seed = shared_path("data", "seed", "article.txt")
    title = text_title(seed.read_text(encoding="utf-8"))
    assert title != "What's new"
    assert title.startswith("Russian President Putin")


def test_title_of_prose_is_its_first_sentence_cut_at_a_word():
    text = (
        "The government said on Monday that it would spend 400 million dollars on a new "
        "bridge across the river, which engineers say will take three years to build and "
        "will carry 50,000 cars a day. It is the largest project in a decade.\n"
    )
    title = text_title(text)
    assert len(title) <= 120
    assert title.endswith("…")
    assert text.startswith(title[:-1])
    assert title[:-1] == title[:-1].rstrip()  # cut between words, not inside one
    assert text[len(title) - 1] in " ,"


def test_html_title_prefers_og_title_then_h1_then_title_without_site_name():
    og = '<html><head><meta property="og:title" content="Dam opens &amp; floods"></head>'
    assert html_title(og + "<body><h1>Other</h1></body></html>") == "Dam opens & floods"
    h1 = "<html><head><title>Dam | River Times</title></head><body><h1>Dam <b>opens</b></h1>"
    assert html_title(h1) == "Dam opens"
    plain = "<html><head><title>Dam opens on Monday | River Times</title></head><body><p>x"
    assert html_title(plain) == "Dam opens on Monday"


def test_html_paste_is_titled_from_its_html_not_its_longest_sentence():
    sentence = "The new dam on the river produces 90 megawatts, " * 6
    raw = (
        "<html><head><title>Dam opens | River Times</title></head><body><article>"
        f"<p>{sentence}</p><p>Engineers said the reservoir takes two years.</p></article>"
    )
    assert article_title_guess(raw=raw, text=sentence) == "Dam opens"


def test_title_shorten_keeps_short_titles_and_joins_lines():
    assert title_shorten("  Dam\nopens  ") == "Dam opens"
    assert len(title_shorten("word " * 100)) <= 120


# Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café est très chaud et la crème brûlée coûte cher à Paris.\n", "latin-1"),
        ("The minister\u2019s \u201cplan\u201d costs 5 \u20ac, d\u00e9j\u00e0 vu.\n", "cp1252"),
        ("The bridge is 120 metres long.\n", "utf-16"),
        ("\ufeffThe bridge is 120 metres long.\n", "utf-8"),
    ],
)
def test_files_in_common_encodings_are_decoded(text, encoding):
    assert bytes_decode(text.encode(encoding)) == text.lstrip("\ufeff")


def test_nul_bytes_are_refused_with_a_reason():
    with pytest.raises(DomainError, match="no readable text"):
        bytes_decode(b"\x00" * 4096)


def test_control_characters_are_removed_from_readable_text():
    assert bytes_decode(b"The dam\x00 opens\x07 today.\x0cNext page.") == (
        "The dam opens today.\nNext page."
    )


# The service: limits and duplicates -------------------------------------------------------


@pytest.mark.django_db
def test_text_over_the_limit_is_refused_and_nothing_is_created(settings):
    settings.ARTICLE_MAX_BYTES = 1000
    with pytest.raises(services.ArticleTooLarge, match=r"limit is 1000 bytes.*ARTICLE_MAX_BYTES"):
        services.article_create(title="", body="x " * 600)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_same_text_again_names_the_existing_article_unless_allowed():
    first = services.article_create(title="", body=BODY)
    with pytest.raises(services.ArticleDuplicate) as refused:
        services.article_create(title="Again", body=BODY)
    assert refused.value.existing == first
    second = services.article_create(title="Again", body=BODY, allow_duplicate=True)
    assert Article.objects.count() == 2 and second.pk != first.pk


@pytest.mark.django_db
def test_nul_characters_never_reach_the_database():
    article = services.article_create(title="", body="The dam\x00 opens today.\n")
    article.refresh_from_db()
    assert article.body == "The dam opens today.\n"
    with pytest.raises(DomainError, match="no readable text"):
        services.article_create(title="", body="\x00\x00\x01 ... --\n")
    assert Article.objects.count() == 1


# The command -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_refuses_a_5_mb_file_with_the_limit_and_creates_nothing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The dam produces 90 megawatts. " * 170_000, encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    with pytest.raises(CommandError, match=r"limit is 2\.0 MB of text \(ARTICLE_MAX_BYTES\)"):
        call_command("import_article", str(big), stdout=io.StringIO())
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_refuses_a_file_of_nul_bytes(tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"\x00" * 10_000)
    with pytest.raises(CommandError, match=r"nul\.txt contains no readable text"):
        call_command("import_article", str(nul), stdout=io.StringIO())
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_decodes_a_latin1_file(tmp_path):
    latin = tmp_path / "latin.txt"
    text = "Le pont fait 120 mètres, a déclaré l'ingénieur de la ville à Orléans lundi.\n"
    latin.write_bytes(text.encode("latin-1"))
    call_command("import_article", str(latin), stdout=io.StringIO())
    assert Article.objects.get().body == text


@pytest.mark.django_db
def test_command_names_the_duplicate_and_imports_it_with_allow_duplicate():
    demo = ROOT / "claims" / "fixtures" / "demo_article.txt"
    call_command("import_article", str(demo), stdout=io.StringIO())
    first = Article.objects.get()
    with pytest.raises(CommandError, match=rf"already article {first.pk} .*--allow-duplicate"):
        call_command("import_article", str(demo), stdout=io.StringIO())
    assert f"/admin/claims/article/{first.pk}/change/" in str(_last_error(demo))
    call_command("import_article", str(demo), "--allow-duplicate", stdout=io.StringIO())
    assert Article.objects.count() == 2


def _last_error(path) -> CommandError:
    try:
        call_command("import_article", str(path), stdout=io.StringIO())
    except CommandError as exc:
        return exc
    raise AssertionError("no error")


# The admin ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_paste_over_the_limit_shows_the_form_again_with_the_text(client, alice, settings):
    settings.ARTICLE_MAX_BYTES = 2000
    client.force_login(alice)
    pasted = "The dam produces 90 megawatts, the operator said. " * 60
    response = client.post(ADD, _form(body=pasted))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the limit is 2.0 KB of text (ARTICLE_MAX_BYTES)" in page
    assert pasted.strip() in page  # the pasted text is shown again, not lost
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_form_too_large_to_read_gets_the_page_with_a_message_not_a_400(
    client, alice, settings
):
    client.force_login(alice)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(ADD, _form(body="The dam opens. " * 2000), follow=False)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page and "DATA_UPLOAD_MAX_BYTES" in page
    assert "ARTICLE_MAX_BYTES" in page
    assert 'name="body"' in page  # the add form, ready again
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_duplicate_links_to_the_existing_article_and_import_anyway_works(client, alice):
    first = services.article_create(title="Bridge", body=BODY)
    client.force_login(alice)
    response = client.post(ADD, _form(body=BODY))
    assert response.status_code == 200
    link = reverse("admin:claims_article_change", args=[first.pk])
    assert f'<a href="{link}">Bridge</a>' in response.content.decode()
    assert Article.objects.count() == 1
    response = client.post(ADD, _form(body=BODY, allow_duplicate="on"))
    assert response.status_code == 302
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_admin_change_form_has_no_import_anyway_box(client, alice):
    article = services.article_create(title="Bridge", body=BODY)
    client.force_login(alice)
    page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content
    assert b"allow_duplicate" not in page
    assert b'data-max-bytes="2097152"' in page


@pytest.mark.django_db
def test_admin_5_mb_paste_gets_the_limit_message_and_the_form_again(client, alice):
    client.force_login(alice)
    pasted = "The dam produces 90 megawatts. " * 170_000
    assert len(pasted) > 5_000_000
    response = client.post(ADD, _form(body=pasted))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the limit is 2.0 MB of text (ARTICLE_MAX_BYTES)" in page
    assert page.count("The dam produces 90 megawatts.") >= 170_000  # the text, shown again
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_html_paste_is_titled_by_its_html(client, alice):
    sentence = "The new dam on the river produces 90 megawatts, the operator said. " * 4
    raw = (
        "<html><head><title>Dam opens | River Times</title></head><body><article>"
        f"<h1>Dam opens on the Mekong</h1><p>{sentence}</p>"
        "<p>Engineers said the reservoir will take two years to fill completely.</p>"
        "</article></body></html>"
    )
    client.force_login(alice)
    assert client.post(ADD, _form(body=raw)).status_code == 302
    assert Article.objects.get().title == "Dam opens on the Mekong"
