"""Fixtures of the API tests: clients for every persona of the authorisation matrix."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from integrations.models import ApiToken


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dns(fake_dns):
    """Webhook URLs are resolved when registered: the tests' example.org names resolve here."""
    return fake_dns


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()  # throttle counters live in the cache
    yield
    cache.clear()


def _token_client(scope: str, name: str) -> tuple[APIClient, ApiToken, str]:
    from integrations.services import api_token_create

    token, secret = api_token_create(name=name, scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client, token, secret


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def read_token(db):
    return _token_client(ApiToken.Scope.READ, "Dashboard")


@pytest.fixture
def rw_token(db):
    return _token_client(ApiToken.Scope.READ_WRITE, "CMS importer")


@pytest.fixture
def read_client(read_token):
    return read_token[0]


@pytest.fixture
def rw_client(rw_token):
    return rw_token[0]


@pytest.fixture
def alice_client(alice):
    client = APIClient()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob):
    client = APIClient()
    client.force_login(bob)
    return client


@pytest.fixture
def carol(db):
    """A second editor, for four-eyes publishing of bob's verdicts."""
    from tests.factories import make_user

    return make_user("carol", group="Editor")


@pytest.fixture
def clients(anon_client, read_client, rw_client, alice_client, bob_client):
    return {
        "anonymous": anon_client,
        "read token": read_client,
        "read-write token": rw_client,
        "reviewer": alice_client,
        "editor": bob_client,
    }
