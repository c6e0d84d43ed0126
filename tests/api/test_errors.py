"""Every refusal is RFC 9457 problem+json, from the one exception handler."""

import json

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:workbench:problem:{code}"
    assert body["title"] and body["detail"]
    return body


def test_anonymous_gets_401_with_a_challenge(anon_client):
    response = anon_client.get("/api/v1/claims")
    _problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_method_not_allowed(read_client):
    _problem(read_client.delete("/api/v1/claims"), 405, "method_not_allowed")


def test_not_acceptable(read_client):
    response = read_client.get("/api/v1/claims", HTTP_ACCEPT="application/xml")
    _problem(response, 406, "not_acceptable")


def test_unsupported_media_type(rw_client):
    response = rw_client.post("/api/v1/articles", "body=Text.", content_type="text/plain")
    _problem(response, 415, "unsupported_media_type")


def test_malformed_json(rw_client):
    response = rw_client.post("/api/v1/articles", "{not json", content_type="application/json")
    _problem(response, 400, "parse_error")


def test_unknown_and_empty_query_parameters_are_refused(read_client):
    body = _problem(
        read_client.get("/api/v1/claims", {"stauts": "new", "kind": ""}), 400, "validation_error"
    )
    assert {(e["parameter"], e["code"]) for e in body["errors"]} == {("stauts", "unknown")}
    body = _problem(read_client.get("/api/v1/claims", {"kind": ""}), 400, "validation_error")
    assert body["errors"] == [{"parameter": "kind", "detail": "Give a value.", "code": "blank"}]
    body = _problem(read_client.get("/api/v1/claims", {"page_size": 500}), 400, "validation_error")
    assert body["errors"][0]["parameter"] == "page_size"


def test_domain_error_keeps_its_code(alice_client, carol):
    from tests.factories import VerdictFactory

    claim = ClaimFactory()
    VerdictFactory(claim=claim, author=carol)  # a proposed verdict blocks dismissal
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}",
        {"status": "dismissed", "dismissal_reason": "duplicate"},
        format="json",
    )
    body = _problem(response, 400, "duplicate_of_required")
    assert "duplicates" in body["detail"]
    response = alice_client.patch(
        f"/api/v1/claims/{claim.pk}",
        {"status": "dismissed", "dismissal_reason": "out_of_scope"},
        format="json",
    )
    _problem(response, 409, "conflict")


def test_numbers_are_not_text(rw_client):
    body = _problem(
        rw_client.post("/api/v1/articles", {"body": 12}, format="json"), 400, "validation_error"
    )
    assert body["errors"] == [
        {"pointer": "#/body", "detail": "Not a valid string.", "code": "invalid"}
    ]


# Oversized bodies and the debug page (issue 12, item 14) -------------------------------------


@pytest.mark.parametrize(
    ("megabytes", "limit"),
    [(3, "the limit is 2.0 MB of text (ARTICLE_MAX_BYTES)"), (10, "larger than 7,340,032 bytes")],
)
def test_oversized_bodies_get_a_problem_not_an_html_page(rw_client, megabytes, limit):
    body = json.dumps({"body": "x. " * (megabytes * 1024 * 1024 // 3)})
    response = rw_client.generic("POST", "/api/v1/articles", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "too_large" and problem["status"] == 413
    assert limit in problem["detail"]


def test_a_body_just_under_the_limit_is_read(rw_client):
    body = json.dumps({"body": "The plant costs 5 million euros. " * 60_000})  # about 2 MB
    response = rw_client.generic("POST", "/api/v1/articles", body, content_type="application/json")
    assert response.status_code == 202


@pytest.mark.urls("tests.boom_urls")
def test_the_debug_page_never_shows_service_urls_in_full(client, settings):
    settings.DEBUG = True
    settings.DATABASE_URL = "postgres://workbench:db-s3cret@db.internal:5432/workbench"
    settings.REDIS_URL = "redis://:redis-s3cret@redis.internal:6379/0"
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CACHE_URL = "redis://:cache-s3cret@redis.internal:6379/1"
    settings.CLAIMS_LLM_URL = "https://llm-user:llm-s3cret@llm.example.org/v1"
    client.raise_request_exception = False
    response = client.get(
        "/boom/",
        # what runserver puts in the request's environment (wsgiref copies os.environ)
        DATABASE_URL=settings.DATABASE_URL,
        REDIS_URL=settings.REDIS_URL,
    )
    assert response.status_code == 500
    page = response.content.decode()
    assert "something broke" in page and "DATABASE_URL" in page  # the debug page it is
    for secret in ("db-s3cret", "redis-s3cret", "cache-s3cret", "llm-s3cret"):
        assert secret not in page, secret
    assert "redis.internal" not in page  # the settings and META entries are hidden whole
    # A local variable of the failing frame keeps its host, without the password.
    assert "postgres://workbench:********************@db.internal" in page.replace("&#x27;", "'")


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/v1/claims/999999999", "/api/"])
def test_every_api_404_is_problem_json(read_client, path):
    _problem(read_client.get(path), 404, "not_found")


def test_a_404_outside_the_api_stays_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.urls("tests.boom_urls")
def test_an_api_500_is_problem_json_without_detail(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    body = _problem(client.get("/api/boom/"), 500, "server_error")
    assert "something broke" not in json.dumps(body)
    assert client.get("/boom/")["Content-Type"].startswith("text/html")


def test_log_lines_never_show_a_url_password():
    """The console log (web and workers) blanks URL passwords, in messages and tracebacks."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import logging; log = logging.getLogger('workbench.test')\n"
        "log.error('broker down: %s', 'redis://:redis-s3cret@redis.internal:6379/0')\n"
        "try:\n"
        "    raise ConnectionError('postgres://app:db-s3cret@db.internal/wb refused')\n"
        "except ConnectionError:\n"
        "    log.exception('database')\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "broker down: redis://:***@redis.internal:6379/0" in result.stderr, result.stderr
    assert "postgres://app:***@db.internal/wb refused" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_every_api_operation_is_described_in_its_own_words(client):
    """Issue 13: no operation without a description, none borrowing another's (a mixin's
    docstring once described 22 of them)."""
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    descriptions = {
        f"{method.upper()} {path}": operation.get("description", "")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert len(descriptions) >= 25
    assert [op for op, text in descriptions.items() if len(text) < 30] == []
    shared = {text for text in descriptions.values() if list(descriptions.values()).count(text) > 1}
    assert shared == set()
