"""Who may see and manage integrations (API tokens, webhook endpoints, delivery logs): the one
place for these rules, asked by the admin and the API alike.

People: by their model permissions (superusers, or whoever was given them; the Reviewer and
Editor groups have none, so reviewers see no integration's endpoints or logs, neither in the
admin nor through the API). Integrations: a token sees only the endpoints it registered
(``integrations.selectors.webhook_endpoints_visible``).
"""

from __future__ import annotations

from typing import Any


def _has_any(user: Any, *perms: str) -> bool:
    return bool(user is not None and user.is_active and any(user.has_perm(p) for p in perms))


def may_view_webhooks(user: Any) -> bool:
    """Every integration's webhook endpoints (the admin's rule: view or change permission)."""
    return _has_any(
        user, "integrations.view_webhookendpoint", "integrations.change_webhookendpoint"
    )


def may_view_deliveries(user: Any) -> bool:
    """Every integration's delivery logs (payloads and the receivers' answers)."""
    return _has_any(
        user, "integrations.view_webhookdelivery", "integrations.change_webhookdelivery"
    )
