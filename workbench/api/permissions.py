"""Who may call the API: staff sessions by their model permissions, tokens by their scope.

Authentication classes that stand for an integration (``integrations.authentication``) set
``request.auth`` to a credential with ``is_read_write``; this module knows only that shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from rest_framework.permissions import SAFE_METHODS, BasePermission


@runtime_checkable
class ScopedCredential(Protocol):
    """What a token-authenticated request carries in ``request.auth``."""

    pk: Any

    @property
    def is_read_write(self) -> bool: ...


def request_token(request: Any) -> ScopedCredential | None:
    """The credential of a token-authenticated request, else None (sessions)."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ScopedCredential) else None


@dataclass(frozen=True)
class WriteRule:
    """Who may call a write action: users holding ``perms``; read-write tokens if ``token``."""

    perms: tuple[str, ...] = ()
    token: bool = False


class IsAuthenticatedAndScoped(BasePermission):
    """Reads: any authenticated staff user or token. Writes: as the view's ``write_rules`` say.

    A write action without a rule is refused: new endpoints are closed until someone decides.
    """

    message = "You may not do this."

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        token = request_token(request)
        if token is None and not user.is_staff:
            self.message = "Only workbench staff accounts may use the API with a session."
            return False
        if request.method in SAFE_METHODS or not hasattr(view, request.method.lower()):
            return True  # reads, and methods the view does not have (405)
        rule = getattr(view, "write_rules", {}).get(getattr(view, "action", None))
        if rule is None:
            return False
        if token is not None:
            if not token.is_read_write:
                self.message = "This token is read-only."
                return False
            if not rule.token:
                self.message = "API tokens may not do this; it needs a person with a role."
                return False
            return True
        if not user.has_perms(rule.perms):
            self.message = "Your role does not allow this."
            return False
        return True
