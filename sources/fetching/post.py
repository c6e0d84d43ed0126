"""One POST under the fetch policy (ORM-free): webhook deliveries, archive submissions.

The same checks as ``fetch`` (``check_target``: URL syntax, scheme, port, internal names, one
DNS resolution whose every answer must be public, or an exact ``FETCH_ALLOWED_HOSTPORTS`` pair)
and the same pinned connection (``PinnedBackend``), so the TCP connection goes only to the
checked address. Redirects are never followed, and only the first few KB of the answer are read.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import httpx

from sources.fetching.client import PinnedBackend, make_transport
from sources.fetching.errors import FetchError
from sources.fetching.policy import FetchPolicy, check_target

MAX_ANSWER_BYTES = 4096


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
    transport = make_transport(policy, backend)
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
        headers={"User-Agent": policy.user_agent, **headers},
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
