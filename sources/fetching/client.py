# Over 400 lines on purpose: pinning, redirects and body limits share one audited state.
"""The safe fetcher: one GET, redirects followed by hand, every hop checked and pinned.

How pinning works: each hop's host is resolved once (``policy.resolve``) and every answer must
pass the policy. The answers are stored in a :class:`PinnedBackend` (an ``httpcore`` network
backend) keyed by ``(host, port)``. httpx keeps the real URL, so the ``Host`` header, TLS SNI
and certificate verification all use the host name; only the TCP connect goes to the pinned
IP. The backend refuses to connect to any ``(host, port)`` that was not pinned, and it never
calls ``getaddrinfo`` itself, so DNS rebinding between check and connect has nothing to act on.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import hashlib
import logging
import math
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import certifi
import httpcore
import httpx
from httpcore._backends.sync import SyncStream  # the stream type httpcore's own backend returns

from sources.fetching.errors import Blocked, FetchError, FetchFailed
from sources.fetching.policy import FetchPolicy, PinnedTarget, check_target

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1"
#: an encoded body that inflates past the cap at more than this ratio is a bomb (HTML gzips
#: at about 3-10:1); below it the body is merely ``too_large``
BOMB_RATIO = 20
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Hop:
    """One request in the redirect chain."""

    url: str
    status: int
    location: str | None
    ip: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "location": self.location, "ip": self.ip}


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced. ``sha256`` is the hex digest of ``body`` (the DECODED content);
    ``raw_body`` is the payload as it came off the wire (still content-encoded, de-chunked)."""

    url: str
    final_url: str
    status: int
    reason_phrase: str
    http_version: str
    request_headers: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    content_type: str
    charset: str | None
    body: bytes
    raw_body: bytes
    content_encoding: str | None
    sha256: str
    chain: list[Hop]
    peer_ip: str | None
    started_at: datetime
    finished_at: datetime
    timings: dict[str, float] = field(default_factory=dict)
    #: True when the body was cut short (only for HTTP error responses kept for the record)
    truncated: bool = False

    @property
    def size(self) -> int:
        return len(self.body)

    def header(self, name: str) -> str | None:
        lname = name.lower()
        return next((v for k, v in self.headers if k.lower() == lname), None)


# --------------------------------------------------------------------------- transport


def _open_socket(family: int, sockaddr: tuple[Any, ...], timeout: float | None) -> socket.socket:
    """Connect a TCP socket to an already-checked IP (no name resolution happens here)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except BaseException:
        sock.close()
        raise
    return sock


class PinnedBackend(httpcore.SyncBackend):
    """An httpcore backend that only connects to addresses pinned for ``(host, port)``."""

    def __init__(self) -> None:
        self.pins: dict[tuple[str, int], tuple[tuple[int, tuple[Any, ...]], ...]] = {}
        self.last_peer: str | None = None
        self.connect_ms = 0.0
        self.aborted = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def pin(self, pinned: PinnedTarget) -> None:
        key = (pinned.target.host, pinned.target.port)
        self.pins[key] = pinned.addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        key = (host.lower().rstrip("."), port)
        addresses = self.pins.get(key)
        if not addresses:
            raise httpcore.ConnectError(f"refusing to connect to unpinned {host}:{port}")
        last_exc: Exception | None = None
        for family, sockaddr in addresses:
            if self.aborted:
                raise httpcore.ConnectError("fetch aborted (deadline)")
            started = time.monotonic()
            try:
                sock = _open_socket(family, sockaddr, timeout)
            except TimeoutError as exc:
                last_exc = httpcore.ConnectTimeout(str(exc) or "connect timed out")
                continue
            except OSError as exc:
                last_exc = httpcore.ConnectError(str(exc))
                continue
            finally:
                self.connect_ms += (time.monotonic() - started) * 1000
            with self._lock:
                self._sockets.append(sock)
                if self.aborted:
                    _shutdown(sock)
            self.last_peer = str(sockaddr[0])
            return SyncStream(sock)
        assert last_exc is not None
        raise last_exc

    def abort(self) -> None:
        """Called by the deadline watchdog: break every open socket of this fetch."""
        with self._lock:
            self.aborted = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@functools.lru_cache(maxsize=8)
def _ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=ca_bundle or certifi.where())
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def make_transport(policy: FetchPolicy, backend: PinnedBackend) -> httpx.HTTPTransport:
    """An httpx transport whose every TCP connection goes through ``backend``.

    We talk to the transport directly (not through ``httpx.Client``): no environment proxies,
    no automatic redirect handling, and cookies only in the per-fetch jar.
    """
    ctx = _ssl_context(policy.ca_bundle)
    transport = httpx.HTTPTransport(verify=ctx, trust_env=False, http1=True, http2=False)
    # httpx 0.28 has no public hook for a network backend; swap in a pool that uses ours.
    # Refuse to run unpinned if a future httpx stops keeping its pool there.
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        raise RuntimeError("httpx.HTTPTransport internals changed: cannot pin connections")
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ctx,
        max_connections=4,
        max_keepalive_connections=0,  # a fresh connection per hop, to that hop's pinned IP
        http1=True,
        http2=False,
        retries=0,
        network_backend=backend,
    )
    return transport


# --------------------------------------------------------------------------- decoding


class _Decoder:
    """Bounded content-encoding decoder: never produces more than ``cap + 1`` bytes."""

    def __init__(self, encoding: str | None, cap: int, url: str) -> None:
        self.encoding = encoding
        self.cap = cap
        self.url = url
        self.total = 0
        self._first = True
        self._obj: Any = None
        if encoding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._obj = zlib.decompressobj(zlib.MAX_WBITS)

    def _count(self, out: bytes, raw_total: int) -> None:
        self.total += len(out)
        if self.total > self.cap:
            if self.encoding and self.total > BOMB_RATIO * max(raw_total, 1):
                raise FetchFailed(
                    "decompression_bomb",
                    f"The {self.encoding} body inflates past the {self.cap}-byte limit "
                    f"from only {raw_total} bytes.",
                    url=self.url,
                    transient=False,
                )
            raise FetchFailed(
                "too_large",
                f"The body is larger than the {self.cap}-byte limit.",
                url=self.url,
                transient=False,
            )

    def feed(self, data: bytes, raw_total: int) -> bytes:
        if self._obj is None:
            self._count(data, raw_total)
            return data
        parts: list[bytes] = []
        buf = data
        while buf:
            try:
                out = self._obj.decompress(buf, self.cap - self.total + 1)
            except zlib.error as exc:
                if self._first and self.encoding == "deflate":
                    # some servers send raw deflate without the zlib wrapper
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._first = False
                    continue
                raise FetchFailed(
                    "unsupported_encoding",
                    f"The {self.encoding} body could not be decoded: {exc}",
                    url=self.url,
                    transient=False,
                ) from exc
            self._first = False
            self._count(out, raw_total)
            parts.append(out)
            buf = self._obj.unconsumed_tail
            if self._obj.eof:
                rest = self._obj.unused_data
                if self.encoding in ("gzip", "x-gzip") and rest.startswith(b"\x1f\x8b"):
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next gzip member
                    buf = rest
                else:
                    break  # trailing garbage after the stream is ignored, like browsers do
        return b"".join(parts)

    def finish(self, raw_total: int) -> bytes:
        if self._obj is None or raw_total == 0:  # an empty body labelled gzip is just empty
            return b""
        out: bytes = self._obj.flush()
        self._count(out, raw_total)
        if not self._obj.eof:
            raise FetchFailed(
                "connection_error",
                f"The {self.encoding} stream ended early (truncated body).",
                url=self.url,
            )
        return out


def _content_encoding(response: httpx.Response, url: str) -> str | None:
    codings = [
        c.strip().lower()
        for value in response.headers.get_list("content-encoding")
        for c in value.split(",")
    ]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        raise FetchFailed(
            "unsupported_encoding",
            f"Stacked content encodings are not supported: {', '.join(codings)}.",
            url=url,
            transient=False,
        )
    if codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise FetchFailed(
            "unsupported_encoding",
            f"The content encoding {codings[0]!r} is not supported.",
            url=url,
            transient=False,
        )
    return codings[0]


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    value = response.headers.get("content-type", "")
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return mime.strip().lower(), charset


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, math.ceil(seconds)) if math.isfinite(seconds) else None


_LOCATION_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*:)?(//[^/?#]*)?(.*)$", re.S)


def _clean_location(location: str) -> str:
    """Percent-encode spaces, controls and non-ASCII in the path and query of a Location.

    The scheme and authority are left alone: the policy checks them as they are (an IDN host
    is IDNA-encoded by httpx, whitespace or controls in the host are refused).
    """
    match = _LOCATION_RE.match(location.strip())
    if match is None:  # pragma: no cover - the pattern matches any string
        return location
    head = (match.group(1) or "") + (match.group(2) or "")
    return head + quote(match.group(3), safe="!#$%&'()*+,/:;=?@[]~")


def _caused_by_ssl(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, ssl.SSLError | ssl.CertificateError):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text


# --------------------------------------------------------------------------- fetch


class _Fetch:
    """State of one fetch (all hops). Not reusable."""

    def __init__(self, url: str, policy: FetchPolicy) -> None:
        self.url = url
        self.policy = policy
        self.chain: list[Hop] = []
        self.started_at = datetime.now(UTC)
        self.t0 = time.monotonic()
        self.deadline_at = self.t0 + policy.deadline
        self.dns_ms = 0.0
        self.backend = PinnedBackend()
        #: cookies live for the redirects of this one fetch only
        self.cookies = httpx.Cookies()
        self.connect_capped = False
        self.read_capped = False

    def remaining(self, current: str) -> float:
        left = self.deadline_at - time.monotonic()
        if left <= 0 or self.backend.aborted:
            raise self.fail("deadline_exceeded", "The fetch deadline passed.", current)
        return left

    def fail(self, reason: str, message: str, current: str, **kwargs: Any) -> FetchFailed:
        return FetchFailed(reason, message, url=current, chain=self.chain, **kwargs)

    def timings(self) -> dict[str, float]:
        return {
            "dns_ms": round(self.dns_ms, 3),
            "connect_ms": round(self.backend.connect_ms, 3),
            "total_ms": round((time.monotonic() - self.t0) * 1000, 3),
        }

    def run(self) -> FetchResult:
        watchdog = threading.Timer(self.policy.deadline, self.backend.abort)
        watchdog.daemon = True
        watchdog.start()
        transport = make_transport(self.policy, self.backend)
        try:
            return self._follow(transport)
        finally:
            watchdog.cancel()
            transport.close()

    def _follow(self, transport: httpx.HTTPTransport) -> FetchResult:
        current = self.url
        visited: set[str] = set()
        while True:
            left = self.remaining(current)
            try:
                pinned = check_target(
                    current, self.policy, timeout=min(self.policy.connect_timeout, left)
                )
            except FetchError as exc:
                exc.chain = list(self.chain)
                exc.url = current
                raise
            self.dns_ms += pinned.dns_ms
            self.backend.pin(pinned)
            visited.add(current)
            left = self.remaining(current)
            # when the deadline is nearer than a timeout, hitting that timeout IS the deadline
            self.connect_capped = left <= self.policy.connect_timeout
            self.read_capped = left <= self.policy.read_timeout
            timeout = httpx.Timeout(
                connect=min(self.policy.connect_timeout, left),
                read=min(self.policy.read_timeout, left),
                write=min(self.policy.read_timeout, left),
                pool=min(self.policy.connect_timeout, left),
            )
            request = httpx.Request(
                "GET",
                current,
                headers={
                    "User-Agent": self.policy.user_agent,
                    "Accept": ACCEPT,
                    "Accept-Encoding": "gzip, deflate",
                },
                cookies=self.cookies,
                extensions={"timeout": timeout.as_dict()},
            )
            with self._mapped_errors(current):
                response = transport.handle_request(request)
            response.request = request
            with contextlib.suppress(Exception):  # a malformed Set-Cookie is just ignored
                self.cookies.extract_cookies(response)
            try:
                location = response.headers.get("location")
                self.chain.append(
                    Hop(
                        url=current,
                        status=response.status_code,
                        location=location,
                        ip=self.backend.last_peer,
                    )
                )
                if response.status_code in REDIRECT_STATUSES and location:
                    try:
                        target = str(response.url.join(_clean_location(location)))
                    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
                        raise Blocked(
                            "bad_url",
                            f"The redirect target {location!r} is not a valid URL.",
                            url=current,
                            chain=self.chain,
                        ) from exc
                    if target in visited:
                        raise self.fail(
                            "redirect_loop",
                            f"The redirect to {target} loops back to an earlier hop.",
                            current,
                            transient=False,
                        )
                    if len(self.chain) > self.policy.max_redirects:
                        raise self.fail(
                            "too_many_redirects",
                            f"More than {self.policy.max_redirects} redirects.",
                            current,
                            transient=False,
                        )
                    current = target
                    continue
                with self._mapped_errors(current):
                    return self._finish(request, response, current)
            finally:
                response.close()

    @contextlib.contextmanager
    def _mapped_errors(self, current: str) -> Iterator[None]:
        try:
            yield
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            is_connect = isinstance(exc, httpx.ConnectTimeout)
            capped = self.connect_capped if is_connect else self.read_capped
            if self.backend.aborted or capped or time.monotonic() >= self.deadline_at:
                raise self.fail("deadline_exceeded", "The fetch deadline passed.", current) from exc
            reason = "connect_timeout" if is_connect else "read_timeout"
            raise self.fail(reason, f"Timed out: {exc}", current) from exc
        except httpx.TransportError as exc:
            if self.backend.aborted or time.monotonic() >= self.deadline_at:
                raise self.fail("deadline_exceeded", "The fetch deadline passed.", current) from exc
            if isinstance(exc, httpx.ConnectError) and _caused_by_ssl(exc):
                raise self.fail(
                    "tls_error", f"TLS failed: {exc}", current, transient=False
                ) from exc
            raise self.fail("connection_error", f"Connection failed: {exc}", current) from exc

    def _read(
        self,
        response: httpx.Response,
        encoding: str | None,
        cap: int,
        current: str,
        *,
        truncate: bool,
    ) -> tuple[bytes, bytes, bool]:
        """Stream the body: returns (decoded, raw, truncated)."""
        decoder = _Decoder(encoding, cap, current)
        raw_parts: list[bytes] = []
        parts: list[bytes] = []
        raw_total = 0
        try:
            for chunk in response.iter_raw(_CHUNK):
                self.remaining(current)
                over = raw_total + len(chunk) > cap
                if over:
                    if not truncate:
                        raise self.fail(
                            "too_large",
                            f"The body is larger than the {cap}-byte limit.",
                            current,
                            transient=False,
                        )
                    chunk = chunk[: cap - raw_total]
                raw_total += len(chunk)
                raw_parts.append(chunk)
                parts.append(decoder.feed(chunk, raw_total))
                if over:
                    return b"".join(parts), b"".join(raw_parts), True
            parts.append(decoder.finish(raw_total))
        except FetchFailed as exc:
            if truncate and exc.reason in ("too_large", "decompression_bomb"):
                return b"".join(parts)[:cap], b"".join(raw_parts)[:cap], True
            exc.chain = list(self.chain)
            raise
        self.remaining(current)
        return b"".join(parts), b"".join(raw_parts), False

    def _result(
        self,
        request: httpx.Request,
        response: httpx.Response,
        current: str,
        body: bytes,
        raw_body: bytes,
        encoding: str | None,
        *,
        truncated: bool = False,
    ) -> FetchResult:
        mime, charset = _content_type(response)
        return FetchResult(
            url=self.url,
            final_url=current,
            status=response.status_code,
            reason_phrase=response.reason_phrase,
            http_version=response.http_version,
            request_headers=[
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
            ],
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
            content_type=mime,
            charset=charset,
            body=body,
            raw_body=raw_body,
            content_encoding=encoding,
            sha256=hashlib.sha256(body).hexdigest(),
            chain=list(self.chain),
            peer_ip=self.backend.last_peer,
            started_at=self.started_at,
            finished_at=datetime.now(UTC),
            timings=self.timings(),
            truncated=truncated,
        )

    def _finish(
        self, request: httpx.Request, response: httpx.Response, current: str
    ) -> FetchResult:
        status = response.status_code
        if status >= 400:
            result = None
            try:
                encoding = _content_encoding(response, current)
                body, raw, truncated = self._read(
                    response, encoding, self.policy.max_bytes_error_body, current, truncate=True
                )
                result = self._result(
                    request, response, current, body, raw, encoding, truncated=truncated
                )
            except FetchFailed as exc:
                if exc.reason == "deadline_exceeded":
                    raise
            except httpx.TransportError:
                pass
            if result is None:  # keep at least the status line and headers
                result = self._result(request, response, current, b"", b"", None, truncated=True)
            raise self.fail(
                "http_error",
                f"The server answered {status} {response.reason_phrase}.",
                current,
                status=status,
                transient=status in TRANSIENT_STATUSES or status >= 500,
                retry_after=_retry_after(response) if status in (429, 503) else None,
                result=result,
            )
        if not 200 <= status < 300:
            raise self.fail(
                "http_error",
                f"Unexpected status {status} {response.reason_phrase}.",
                current,
                status=status,
                transient=False,
                result=self._result(request, response, current, b"", b"", None),
            )
        mime, _charset = _content_type(response)
        if mime not in self.policy.allowed_content_types:
            raise self.fail(
                "unsupported_content_type",
                f"The content type {mime or '(none)'!r} is not archived.",
                current,
                status=status,
                transient=False,
                result=self._result(request, response, current, b"", b"", None),
            )
        encoding = _content_encoding(response, current)
        cap = self.policy.max_bytes_for(mime)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise self.fail(
                "too_large",
                f"The declared length {declared} is over the {cap}-byte limit.",
                current,
                status=status,
                transient=False,
            )
        body, raw, _ = self._read(response, encoding, cap, current, truncate=False)
        return self._result(request, response, current, body, raw, encoding)


def fetch(url: str, policy: FetchPolicy | None = None) -> FetchResult:
    """GET ``url`` under ``policy``. Raises :class:`Blocked` or :class:`FetchFailed`.

    Nothing else escapes: an unexpected error (a bug, or a library surprise) is logged and
    raised as ``FetchFailed("internal_error")``, non-transient.
    """
    try:
        return _Fetch(url, policy or FetchPolicy.from_settings()).run()
    except FetchError:
        raise
    except Exception as exc:
        logger.exception("Unexpected error while fetching %r", url)
        raise FetchFailed(
            "internal_error", f"Unexpected {type(exc).__name__}: {exc}", url=url, transient=False
        ) from exc
