"""Per-domain politeness against the real Redis at 127.0.0.1:6379 (db 15, random key prefix)."""

from __future__ import annotations

import itertools
import os
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from sources.fetching.errors import FetchFailed
from sources.fetching.politeness import (
    DomainLimiter,
    PolitenessTimeout,
    domain_slot,
    registrable_domain,
)


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.example.com/a", "example.com"),
        ("https://a.b.example.com:8443/", "example.com"),
        ("https://news.bbc.co.uk/story", "bbc.co.uk"),
        ("http://www.abc.net.au/", "abc.net.au"),
        ("http://www.asahi.co.jp/", "asahi.co.jp"),
        ("http://example.org./", "example.org"),
        ("http://localhost/", "localhost"),
        ("http://93.184.216.34/", "93.184.216.34"),
        ("http://[2606:4700::1111]/", "2606:4700::1111"),
        ("www.Example.com", "example.com"),
        ("user.github.io", "github.io"),  # documented limitation: no private suffixes
        ("", ""),
    ],
)
def test_registrable_domain(value: str, domain: str) -> None:
    assert registrable_domain(value) == domain


@pytest.fixture
def redis_client() -> Iterator[Any]:
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=15, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at 127.0.0.1:6379 is required in CI: {exc}")
        pytest.skip(f"Redis at 127.0.0.1:6379 is not reachable: {exc}")
    yield client
    client.close()


@pytest.fixture
def prefix(redis_client: Any) -> Iterator[str]:
    value = f"test-polite-{uuid.uuid4().hex}"
    yield value
    for key in redis_client.scan_iter(f"{value}:*"):
        redis_client.delete(key)


def test_slot_is_taken_and_released(redis_client: Any, prefix: str) -> None:
    limiter = DomainLimiter(redis_client, prefix=prefix)
    with domain_slot(redis_client, "https://www.example.com/", prefix=prefix) as domain:
        assert domain == "example.com"
        assert limiter.active("example.com") == 1
    assert limiter.active("example.com") == 0


def test_at_most_n_concurrent_per_domain(redis_client: Any, prefix: str) -> None:
    inside = 0
    peak = 0
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        nonlocal inside, peak
        try:
            with domain_slot(
                redis_client,
                f"https://s{i}.example.net/",
                max_concurrent=2,
                min_interval=0,
                wait=10,
                prefix=prefix,
            ):
                with lock:
                    inside += 1
                    peak = max(peak, inside)
                time.sleep(0.15)
                with lock:
                    inside -= 1
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert peak == 2


def test_min_interval_between_starts(redis_client: Any, prefix: str) -> None:
    starts = []
    for _ in range(3):
        with domain_slot(
            redis_client, "https://example.org/", max_concurrent=5, min_interval=0.3, prefix=prefix
        ):
            starts.append(time.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(gap >= 0.28 for gap in gaps), gaps


def test_other_domains_are_independent(redis_client: Any, prefix: str) -> None:
    with domain_slot(redis_client, "https://a.example/", max_concurrent=1, prefix=prefix):
        started = time.monotonic()
        with domain_slot(redis_client, "https://b.example/", max_concurrent=1, prefix=prefix):
            pass
        assert time.monotonic() - started < 0.5


def test_timeout_when_no_slot(redis_client: Any, prefix: str) -> None:
    with domain_slot(redis_client, "https://busy.example/", max_concurrent=1, prefix=prefix):
        started = time.monotonic()
        with (
            pytest.raises(PolitenessTimeout) as info,
            domain_slot(
                redis_client, "https://busy.example/", max_concurrent=1, wait=0.4, prefix=prefix
            ),
        ):
            pass
        assert time.monotonic() - started < 1.5
    err = info.value
    assert isinstance(err, FetchFailed)
    assert (err.reason, err.transient, err.domain) == ("politeness_timeout", True, "busy.example")


def test_a_dead_workers_lease_expires(redis_client: Any, prefix: str) -> None:
    limiter = DomainLimiter(redis_client, prefix=prefix)
    # a worker takes the only slot and dies without releasing it
    assert (
        limiter.try_acquire(
            "dead.example", "dead-worker", max_concurrent=1, min_interval=0, lease_ttl=0.5
        )
        == 0.0
    )
    started = time.monotonic()
    with domain_slot(
        redis_client, "https://dead.example/", max_concurrent=1, min_interval=0, wait=5,
        prefix=prefix,
    ):  # fmt: skip
        waited = time.monotonic() - started
    assert 0.3 <= waited < 2.0


def test_slot_is_released_when_the_body_raises(redis_client: Any, prefix: str) -> None:
    limiter = DomainLimiter(redis_client, prefix=prefix)
    with (
        pytest.raises(RuntimeError),
        domain_slot(redis_client, "https://boom.example/", prefix=prefix),
    ):
        raise RuntimeError("fetch blew up")
    assert limiter.active("boom.example") == 0
