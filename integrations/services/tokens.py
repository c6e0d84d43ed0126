"""API tokens: one account per integration, secrets shown once and stored hashed."""

from __future__ import annotations

import re
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from integrations.authentication import token_sha256
from integrations.models import ApiToken
from workbench.errors import DomainError

TOKEN_PREFIX = "wbk_"


def _integration_username(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "integration"
    return f"integration:{slug}"


def api_token_create(
    *, name: str, scope: str = ApiToken.Scope.READ, by=None, expires_at=None
) -> tuple[ApiToken, str]:
    """Create a token for the integration ``name``; returns the row and the secret.

    The secret is returned exactly once: only its sha256 is stored. The integration gets its
    own inactive-for-login account (no password, no staff flag, no group) that its writes
    are recorded as.
    """
    name = name.strip()
    if not name:
        raise DomainError("A token needs the integration's name.", code="name_required")
    if scope not in ApiToken.Scope.values:
        raise DomainError(f"Unknown scope {scope!r}.", code="invalid_scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=_integration_username(name))
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        token = ApiToken.objects.create(
            name=name,
            user=user,
            scope=scope,
            prefix=secret[:12],
            key_sha256=token_sha256(secret),
            created_by=by,
            expires_at=expires_at,
        )
    return token, secret


def api_token_update(*, token: ApiToken, expires_at, by=None) -> ApiToken:
    """Change when a token expires (its name, scope and secret never change)."""
    token.expires_at = expires_at
    token.save(update_fields=["expires_at"])
    return token


def api_token_revoke(*, token: ApiToken, by=None) -> ApiToken:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token
