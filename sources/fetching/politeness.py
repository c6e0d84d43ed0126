"""Per-domain politeness shared by all workers through Redis.

At most ``max_concurrent`` fetches per registrable domain at once, and at least
``min_interval`` seconds between two fetch starts on the same domain.

Each slot is a lease: a member of a sorted set scored by its expiry time (Redis server clock).
Expired leases are swept on every attempt, so a worker killed mid-fetch frees its slot after
``lease_ttl`` seconds without anybody cleaning up. Acquire and release are single Lua scripts,
so they are atomic across workers.

``registrable_domain`` is deliberately simple and offline: the last two labels, or three when
the last two form a common second-level public suffix (``co.uk``, ``com.au``...). It does not
know the full Public Suffix List (tldextract would download it at run time), so hosts under
private suffixes such as ``github.io`` share one budget. That errs on the polite side.
"""

from __future__ import annotations

import contextlib
import ipaddress
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from sources.fetching.errors import FetchFailed

KEY_PREFIX = "fetch:polite"

#: second-level labels that, under a two-letter country code, are public suffixes
_SECOND_LEVEL = frozenset(
    {
        "ac", "co", "com", "edu", "gov", "govt", "ltd", "med",
        "mil", "net", "nhs", "nic", "or", "org", "plc", "sch",
    }
)  # fmt: skip
#: other multi-label public suffixes worth knowing
_MULTI_SUFFIXES = frozenset(
    ["ne.jp", "gr.jp", "go.jp", "lg.jp", "ad.jp", "gob.mx", "gob.ar", "nom.br", "blogspot.com"]
)

_ACQUIRE = """
local key, last_key = KEYS[1], KEYS[2]
local max_concurrent = tonumber(ARGV[1])
local interval_ms = tonumber(ARGV[2])
local ttl_ms = tonumber(ARGV[3])
local token = ARGV[4]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
local active = redis.call('ZCARD', key)
if active >= max_concurrent then
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, math.max(10, math.min(tonumber(first[2]) - now, 500))}
end
local last = tonumber(redis.call('GET', last_key) or '0')
local wait = last + interval_ms - now
if wait > 0 then
  return {0, wait}
end
redis.call('ZADD', key, now + ttl_ms, token)
redis.call('PEXPIRE', key, ttl_ms + 1000)
redis.call('SET', last_key, now, 'PX', math.max(interval_ms, 1) + 1000)
return {1, 0}
"""

_RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
"""


class PolitenessTimeout(FetchFailed):
    """No politeness slot for the domain within the wait budget. Transient: retry later."""

    def __init__(self, domain: str, waited: float, url: str = "") -> None:
        super().__init__(
            "politeness_timeout",
            f"No fetch slot for {domain} within {waited:.1f}s.",
            url=url,
            transient=True,
            retry_after=None,
        )
        self.domain = domain


def registrable_domain(url_or_host: str) -> str:
    """``https://news.bbc.co.uk/x`` -> ``bbc.co.uk``; IP literals are returned as they are."""
    host = url_or_host
    if "//" in url_or_host:
        host = urlsplit(url_or_host).hostname or ""
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        return ""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    last_two = ".".join(labels[-2:])
    if last_two in _MULTI_SUFFIXES or (len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL):
        return ".".join(labels[-3:])
    return last_two


class DomainLimiter:
    """The Redis side of :func:`domain_slot`; kept as a class so tests can inspect it."""

    def __init__(self, redis_client: Any, *, prefix: str = KEY_PREFIX) -> None:
        self.redis = redis_client
        self.prefix = prefix
        self._acquire = redis_client.register_script(_ACQUIRE)
        self._release = redis_client.register_script(_RELEASE)

    def keys(self, domain: str) -> tuple[str, str]:
        return f"{self.prefix}:slots:{domain}", f"{self.prefix}:last:{domain}"

    def try_acquire(
        self, domain: str, token: str, *, max_concurrent: int, min_interval: float, lease_ttl: float
    ) -> float:
        """0.0 when the slot is ours, else the suggested wait in seconds."""
        got, wait_ms = self._acquire(
            keys=list(self.keys(domain)),
            args=[max_concurrent, int(min_interval * 1000), int(lease_ttl * 1000), token],
        )
        return 0.0 if int(got) == 1 else max(int(wait_ms), 1) / 1000

    def release(self, domain: str, token: str) -> None:
        self._release(keys=[self.keys(domain)[0]], args=[token])

    def active(self, domain: str) -> int:
        return int(self.redis.zcard(self.keys(domain)[0]))


@contextlib.contextmanager
def domain_slot(
    redis_client: Any,
    url: str,
    *,
    max_concurrent: int = 2,
    min_interval: float = 1.0,
    wait: float = 30.0,
    lease_ttl: float = 120.0,
    prefix: str = KEY_PREFIX,
) -> Iterator[str]:
    """Hold one of the domain's fetch slots for the ``with`` block; yields the domain.

    ``lease_ttl`` must exceed the longest fetch (the fetch deadline): after it, a slot whose
    holder died is free again. Raises :class:`PolitenessTimeout` after ``wait`` seconds.
    """
    if max_concurrent < 1:
        raise ValueError("max_concurrent must be at least 1")
    domain = registrable_domain(url) or "-"
    limiter = DomainLimiter(redis_client, prefix=prefix)
    token = uuid.uuid4().hex
    started = time.monotonic()
    while True:
        hint = limiter.try_acquire(
            domain,
            token,
            max_concurrent=max_concurrent,
            min_interval=min_interval,
            lease_ttl=lease_ttl,
        )
        if hint == 0.0:
            break
        left = wait - (time.monotonic() - started)
        if left <= 0:
            raise PolitenessTimeout(domain, wait, url=url)
        time.sleep(min(left, hint + random.uniform(0, 0.05)))
    try:
        yield domain
    finally:
        limiter.release(domain, token)
