"""The OpenAPI schema and its viewers, the browsable API, and token management in the admin."""

import hashlib
import re

import pytest
import yaml

from integrations.models import ApiToken, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_every_operation_documents_its_problems(schema):
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) >= 17
    for path, method, operation in operations:
        for status in ("401", "403", "404" if "{id}" in path else "401", "429"):
            content = operation["responses"][status]["content"]
            assert list(content) == ["application/problem+json"], (path, method, status)
        if method in ("post", "patch"):
            assert "400" in operation["responses"], (path, method)
        assert {"tokenAuth": []} in operation["security"], (path, method)
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_viewers_are_served_with_local_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    scripts = re.findall(r'<script src="([^"]+)"', response.content.decode())
    assert scripts
    assert all(src.startswith("/static/drf_spectacular_sidecar/") for src in scripts), scripts


def test_browsable_api_for_people(alice_client):
    response = alice_client.get("/api/v1/claims", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_reference_nothing_outside_the_workbench(client, url):
    """Issue 12, item 12: ReDoc's page linked Google Fonts; nothing external, and a CSP."""
    response = client.get(url)
    html = response.content.decode()
    links = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    links += re.findall(r"url\(\s*['\"]?([^)'\"]+)", html)
    links += re.findall(r"@import\s+['\"]([^'\"]+)", html)
    assert links
    outside = [link for link in links if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", link, re.I)]
    assert outside == []
    assert "fonts.googleapis" not in html and "validator.swagger.io" not in html
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert "https:" not in policy and "*" not in policy


def _cookies_carry(response, secret: str) -> bool:
    """Whether any cookie the response sets holds ``secret``, the messages cookie decoded."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    for morsel in response.cookies.values():
        if secret in morsel.value or secret in morsel.OutputString():
            return True
        if morsel.key == "messages":
            decoded = CookieStorage(RequestFactory().get("/"))._decode(morsel.value)
            if secret in str([str(m) for m in decoded or []]):
                return True
    return False


def _shown_once(client, response):
    """Follow the admin to the one-time page; the secret(s) it shows; a second look shows none."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/integrations/apitoken/secret/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    secrets = re.findall(r'<code id="secret-\d+"[^>]*>([^<]+)</code>', page.content.decode())
    assert secrets
    again = client.get(response["Location"], follow=True).content.decode()
    assert not any(secret in again for secret in secrets)
    return secrets, page


def test_admin_creates_a_token_and_shows_the_secret_once(client, db):
    """Issue 12, item 10: the secret is rendered from the session, never put in a cookie."""
    from tests.factories import make_user

    client.force_login(make_user("root", superuser=True))
    response = client.post(
        "/admin/integrations/apitoken/add/",
        {"name": "CMS importer", "scope": "read_write", "expires_at_0": "", "expires_at_1": ""},
    )
    (token,) = ApiToken.objects.all()
    (secret,), page = _shown_once(client, response)
    assert hashlib.sha256(secret.encode()).hexdigest() == token.key_sha256
    assert not _cookies_carry(response, secret) and not _cookies_carry(page, secret)
    assert token.scope == "read_write" and token.user.username == "integration:cms-importer"
    page = client.get(f"/admin/integrations/apitoken/{token.pk}/change/")
    assert secret not in page.content.decode()


def test_admin_registers_a_webhook_endpoint_and_rotates_its_secret(client, db):
    from tests.factories import make_user

    client.force_login(make_user("root", superuser=True))
    response = client.post(
        "/admin/integrations/webhookendpoint/add/",
        {
            "name": "Newsroom",
            "url": "https://hooks.example.org/workbench",
            "events": ["verdict.published"],
            "is_active": "on",
        },
    )
    (endpoint,) = WebhookEndpoint.objects.all()
    assert endpoint.events == ["verdict.published"]
    (secret,), page = _shown_once(client, response)
    assert secret == endpoint.secret
    assert not _cookies_carry(response, secret) and not _cookies_carry(page, secret)

    rotated = client.post(
        "/admin/integrations/webhookendpoint/",
        {"action": "rotate_secret", "_selected_action": [endpoint.pk]},
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != secret
    (new_secret,), page = _shown_once(client, rotated)
    assert new_secret == endpoint.secret
    assert not _cookies_carry(rotated, new_secret) and not _cookies_carry(page, new_secret)


def test_admin_edits_a_webhook_endpoint_through_the_service_rules(client, db):
    from integrations.services import webhook_endpoint_create
    from tests.factories import make_user

    endpoint, secret = webhook_endpoint_create(
        name="Newsroom", url="https://hooks.example.org/a", events=["verdict.published"]
    )
    client.force_login(make_user("root", superuser=True))
    url = f"/admin/integrations/webhookendpoint/{endpoint.pk}/change/"
    form = {"name": "Newsroom", "events": ["snapshot.finished"], "is_active": "on"}
    response = client.post(url, {**form, "url": "https://hooks.example.org:22/a"})
    assert response.status_code == 200  # the form shows the refusal; nothing is saved
    assert "cannot receive webhooks" in response.content.decode()
    client.post(url, {**form, "url": "https://hooks.example.org/b"})
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events, endpoint.secret) == (
        "https://hooks.example.org/b",
        ["snapshot.finished"],
        secret,
    )
