"""A fetch's place in its domain's queue: the politeness slots shared by all workers."""

from __future__ import annotations

import contextlib
import functools

import redis
from django.conf import settings

from sources.fetching.politeness import domain_slot


@functools.cache
def _redis():
    return redis.Redis.from_url(settings.REDIS_URL)


def polite_slot(url: str):
    """One of the URL's domain's fetch slots, shared by all workers through Redis.

    With the embedded broker (no Redis) there is one local worker and no shared limiter.
    """
    if not settings.REDIS_URL:
        return contextlib.nullcontext()
    return domain_slot(
        _redis(),
        url,
        max_concurrent=settings.FETCH_DOMAIN_CONCURRENCY,
        min_interval=settings.FETCH_DOMAIN_INTERVAL,
        wait=settings.FETCH_DOMAIN_WAIT,
        lease_ttl=settings.FETCH_DEADLINE + 30,
    )
