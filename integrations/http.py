"""One POST under the project's fetch policy (ORM-free), for webhook deliveries.

``sources.fetching`` exposes only GET ``fetch``. This reuses its policy (``check_target``: URL
syntax, scheme, port, internal names, one DNS resolution whose every answer must be public,
or an exact ``FETCH_ALLOWED_HOSTPORTS`` pair) and its ``PinnedBackend``, so the TCP connection
goes only to the checked address. Redirects are never followed: a webhook receiver answers.
"""

from __future__ import annotations

import ssl
import threading
import time
from dataclasses import dataclass

import certifi
import httpcore
import httpx

from sources.fetching import FetchError, FetchPolicy
from sources.fetching.client import PinnedBackend
from sources.fetching.policy import check_target

MAX_ANSWER_BYTES = 4096
USER_AGENT = "FactCheckWorkbench-Webhooks/1.0"


@dataclass
class Answer:
    status: int
    body_text: str
    duration_ms: int
    retry_after: float | None


class PostFailed(Exception):
    def __init__(self, reason: str, message: str, *, transient: bool) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.transient = transient


def _ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=ca_bundle or certifi.where())
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def _transport(policy: FetchPolicy, backend: PinnedBackend) -> httpx.HTTPTransport:
    ctx = _ssl_context(policy.ca_bundle)
    transport = httpx.HTTPTransport(verify=ctx, trust_env=False)
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ctx,
        max_connections=1,
        max_keepalive_connections=0,
        retries=0,
        network_backend=backend,
    )
    return transport


def post(
    url: str, *, body: bytes, headers: dict[str, str], policy: FetchPolicy | None = None
) -> Answer:
    """POST ``body`` to ``url``; raises ``PostFailed`` when no HTTP answer was received."""
    policy = policy or FetchPolicy.from_settings()
    started = time.monotonic()
    try:
        pinned = check_target(url, policy)
    except FetchError as exc:
        raise PostFailed(exc.reason, exc.message, transient=exc.transient) from exc
    backend = PinnedBackend()
    backend.pin(pinned)
    watchdog = threading.Timer(policy.deadline, backend.abort)
    watchdog.daemon = True
    watchdog.start()
    transport = _transport(policy, backend)
    timeout = httpx.Timeout(
        connect=policy.connect_timeout,
        read=policy.read_timeout,
        write=policy.read_timeout,
        pool=policy.connect_timeout,
    )
    request = httpx.Request(
        "POST",
        url,
        content=body,
        headers={"User-Agent": USER_AGENT, **headers},
        extensions={"timeout": timeout.as_dict()},
    )
    try:
        response = transport.handle_request(request)
        try:
            chunks, size = [], 0
            for chunk in response.iter_raw(1024):
                chunks.append(chunk)
                size += len(chunk)
                if size >= MAX_ANSWER_BYTES:
                    break
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        raise PostFailed("timeout", f"Timed out: {exc}", transient=True) from exc
    except httpx.TransportError as exc:
        raise PostFailed("connection_error", f"Connection failed: {exc}", transient=True) from exc
    finally:
        watchdog.cancel()
        transport.close()
    retry_after = response.headers.get("retry-after", "")
    return Answer(
        status=response.status_code,
        body_text=b"".join(chunks)[:MAX_ANSWER_BYTES].decode("utf-8", "replace"),
        duration_ms=int((time.monotonic() - started) * 1000),
        retry_after=float(retry_after) if retry_after.isdigit() else None,
    )
