"""Imports never crash: every malformed file or row gets a 400 naming the row and the reason
(issue 12, item 8: a negative start, a CSV field over 131,072 characters and JSON nested
100,000 deep answered 500)."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = "The plant could expand to 300 megawatts. It is safe."


def _import(client, article, name, data):
    if isinstance(data, str):
        data = data.encode()
    return client.post(
        reverse("admin:claims_article_import", args=[article.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


@pytest.fixture
def article(client, alice):
    client.force_login(alice)
    return ArticleFactory(body=BODY)


def _rows(*rows):
    return json.dumps(list(rows))


MALFORMED_FILES = {
    "csv field over the csv limit": (
        "claims.csv",
        "text,span_text\nIt is safe.,It is safe.\n" + "x" * 140_000 + ",y\n",
        "Row 2",
    ),
    "json nested 100,000 deep": ("claims.json", "[" * 100_000 + "]" * 100_000, "nests deeper"),
    "json nested in an object": (
        "claims.json",
        '{"claims": ' + "[" * 50 + "]" * 50 + "}",
        "deeper",
    ),
    "json with a 5,000-digit number": (
        "claims.json",
        '[{"text": "x", "start": 1' + "0" * 5000 + "}]",
        "Not",
    ),
    "json that is a string": ("claims.json", '"claims"', "list of claim objects"),
    "json not closed": ("claims.json", '[{"text": "It is safe."', "Not valid JSON"),
    "csv without a text column": ("claims.csv", "claim\nIt is safe.\n", "'text' column"),
    "not utf-8": ("claims.csv", b"\xff\xfe\x00t", "UTF-8"),
}


@pytest.mark.parametrize("case", list(MALFORMED_FILES))
def test_a_malformed_file_gets_a_400_with_the_reason(client, article, case):
    name, data, reason = MALFORMED_FILES[case]
    response = _import(client, article, name, data)
    assert response.status_code == 400
    assert reason in html.unescape(response.content.decode())
    assert not Claim.objects.exists()


MALFORMED_ROWS = {
    "negative start": ({"text": "It is safe.", "start": -11}, "start must be a whole number"),
    "start as text": ({"text": "It is safe.", "start": "-11"}, "start must be a whole number"),
    "start past the end": ({"text": "It is safe.", "start": 10_000}, "past the end"),
    "start not a number": ({"text": "It is safe.", "start": "x"}, "start must be a whole number"),
    "start a boolean": ({"text": "It is safe.", "start": True}, "start must be a whole number"),
    "start a float": ({"text": "It is safe.", "start": 41.5}, "start must be a whole number"),
    "text with a NUL": (
        {"text": "It is safe.\x00", "span_text": "It is safe."},
        "text contains a NUL character",
    ),
    "text not text": ({"text": {"nested": ["It is safe."]}}, "text must be text"),
    "text too long": ({"text": "It is safe." * 1000}, "text is longer than 10,000 characters"),
    "span too long": (
        {"text": "It is safe.", "span_text": "x" * 10_001},
        "span_text is longer than 10,000 characters",
    ),
    "checkworthiness a list": (
        {"text": "It is safe.", "checkworthiness": [1]},
        "checkworthiness must be a number",
    ),
    "checkworthiness not a number": (
        {"text": "It is safe.", "checkworthiness": "nan"},
        "checkworthiness must be between 0 and 1",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED_ROWS))
def test_a_malformed_row_is_refused_with_its_number_and_reason(client, article, case):
    row, reason = MALFORMED_ROWS[case]
    good = {"text": "The plant could expand to 300 megawatts."}
    response = _import(client, article, "claims.json", _rows(good, row))
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Row 2" in page and reason in page
    # The good row is imported: rows are refused one by one.
    assert list(Claim.objects.values_list("span_text", flat=True)) == [good["text"]]
    (claim,) = Claim.objects.all()
    assert claim.start == 0


def test_a_negative_start_in_a_csv_is_refused_too(client, article):
    response = _import(client, article, "claims.csv", "text,start\nIt is safe.,-11\n")
    assert response.status_code == 400
    assert "Row 1" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_well_formed_import_is_still_a_success(client, article):
    data = "text,span_text,start\nIt is safe.,It is safe.,41\n"
    response = _import(client, article, "claims.csv", data)
    assert response.status_code == 302
    (claim,) = Claim.objects.all()
    assert (claim.start, claim.end) == (41, 52)
