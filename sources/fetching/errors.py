"""Errors raised by the safe fetcher.

Every error carries a stable machine-readable ``reason`` code (listed in ``docs/fetching.md``),
a human ``message``, the URL that was being fetched, whether retrying later may help
(``transient``) and the redirect hops followed so far (``chain``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sources.fetching.client import FetchResult, Hop


#: reason codes that are worth retrying later
TRANSIENT_REASONS = frozenset(
    {
        "dns_failure",
        "connect_timeout",
        "read_timeout",
        "deadline_exceeded",
        "connection_error",
        "politeness_timeout",
    }
)


class FetchError(Exception):
    """Base class: the fetch did not produce a usable document."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        url: str = "",
        transient: bool | None = None,
        status: int | None = None,
        retry_after: float | None = None,
        chain: list[Hop] | None = None,
        result: FetchResult | None = None,
    ) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.url = url
        self.transient = reason in TRANSIENT_REASONS if transient is None else transient
        self.status = status
        self.retry_after = retry_after
        self.chain: list[Hop] = list(chain or [])
        #: for ``http_error``: the server's answer (headers and a bounded body), may be None
        self.result = result

    def as_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "message": self.message,
            "url": self.url,
            "transient": self.transient,
            "status": self.status,
            "retry_after": self.retry_after,
            "chain": [hop.as_dict() for hop in self.chain],
        }


class Blocked(FetchError):
    """The policy refused the URL (or a redirect target). Never transient."""

    def __init__(self, reason: str, message: str, **kwargs: Any) -> None:
        kwargs["transient"] = False
        super().__init__(reason, message, **kwargs)


class FetchFailed(FetchError):
    """Anything else: network failures, HTTP error statuses, limits, unsupported content."""
