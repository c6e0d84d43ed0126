"""The safe HTTP client used by every outgoing request of the project (ORM-free).

>>> policy = FetchPolicy.from_settings()
>>> result = fetch("https://example.org/", policy=policy)   # doctest: +SKIP

See ``docs/fetching.md`` for the threat model, the policy and the reason codes.
"""

from sources.fetching.client import FetchResult, Hop, fetch
from sources.fetching.errors import Blocked, FetchError, FetchFailed
from sources.fetching.policy import FetchPolicy, address_allowed, check_url

__all__ = [
    "Blocked",
    "FetchError",
    "FetchFailed",
    "FetchPolicy",
    "FetchResult",
    "Hop",
    "address_allowed",
    "check_url",
    "fetch",
]
