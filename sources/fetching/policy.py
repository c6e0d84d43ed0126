"""The fetch policy: which URLs may be fetched, and the single DNS resolution that pins a hop.

Pure functions and frozen data; no Django import at module level (``FetchPolicy.from_settings``
reads ``django.conf.settings`` lazily, and only when settings are configured).
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import os
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from sources.fetching.errors import Blocked, FetchFailed

MB = 1024 * 1024

DEFAULT_USER_AGENT = "WorkbenchArchiver/1.0 (+fact-check citation archiver)"
DEFAULT_CONTENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/pdf"}
)
#: content types whose size is capped by ``max_bytes_pdf``; everything else uses ``max_bytes_text``
PDF_CONTENT_TYPES = frozenset({"application/pdf"})

#: host names that always mean "inside": refused before any DNS lookup (reason ``internal_host``)
INTERNAL_HOST_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
INTERNAL_HOST_SUFFIXES = (".localhost", ".internal", ".local", ".home.arpa", ".localdomain")

# Explicit deny list. ``ipaddress``'s ``is_global``/``is_private`` are incomplete on Python 3.11
# (e.g. NAT64 64:ff9b::/96 and 6to4 count as global there), so we list networks ourselves and
# additionally require IPv6 to be inside global unicast 2000::/3 and IPv4 to be ``is_global``.
DENIED_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        # IPv4
        "0.0.0.0/8",  # "this network", includes 0.0.0.0 (unspecified)
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # CGNAT shared address space
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, cloud metadata 169.254.169.254
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # TEST-NET-1 documentation
        "192.31.196.0/24",  # AS112
        "192.52.193.0/24",  # AMT
        "192.88.99.0/24",  # 6to4 relay anycast (deprecated)
        "192.168.0.0/16",  # private
        "192.175.48.0/24",  # AS112 direct delegation
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2 documentation
        "203.0.113.0/24",  # TEST-NET-3 documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes broadcast 255.255.255.255
        # IPv6
        "::/128",  # unspecified
        "::1/128",  # loopback
        "::/96",  # IPv4-compatible (deprecated)
        "::ffff:0:0/96",  # IPv4-mapped
        "::ffff:0:0:0/96",  # IPv4-translated (SIIT)
        "64:ff9b::/96",  # NAT64 well-known prefix
        "64:ff9b:1::/48",  # NAT64 local-use
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, includes Teredo 2001::/32, benchmarking, ORCHID
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4
        "3fff::/20",  # documentation (RFC 9637)
        "5f00::/16",  # SRv6 SIDs
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_LABEL_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?$")
_PORT_RE = re.compile(r"^[0-9]{1,5}$")

_resolver_pool: concurrent.futures.ThreadPoolExecutor | None = None


def _resolver() -> concurrent.futures.ThreadPoolExecutor:
    """A small pool so a hung resolver cannot outlive the fetch deadline (made per process)."""
    global _resolver_pool
    if _resolver_pool is None:
        _resolver_pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=8, thread_name_prefix="fetch-dns"
        )
    return _resolver_pool


def _forget_resolver_after_fork() -> None:
    # a forked child (Celery prefork) inherits the executor but not its threads
    global _resolver_pool
    _resolver_pool = None


os.register_at_fork(after_in_child=_forget_resolver_after_fork)


def _as_frozenset(value: Any, cast: type = str) -> frozenset[Any]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.split(",")) if v]
    return frozenset(cast(v) for v in value)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch. Build it directly in tests, or from Django settings (``FETCH_*``)."""

    allowed_schemes: frozenset[str] = frozenset({"http", "https"})
    allowed_ports: frozenset[int] = frozenset({80, 443, 8080, 8443})
    #: exact ``host:port`` pairs that bypass the port, internal-name and address checks
    allowed_hostports: frozenset[str] = frozenset()
    max_url_length: int = 2048
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    #: wall-clock seconds for the whole document (all hops, DNS, connect, body)
    deadline: float = 30.0
    max_redirects: int = 5
    max_bytes_text: int = 20 * MB
    max_bytes_pdf: int = 100 * MB
    #: bound on the body kept from an HTTP error response (4xx/5xx); longer bodies are truncated
    max_bytes_error_body: int = 1 * MB
    allowed_content_types: frozenset[str] = DEFAULT_CONTENT_TYPES
    user_agent: str = DEFAULT_USER_AGENT
    #: PEM bundle of trusted CAs; None means certifi's bundle
    ca_bundle: str | None = None

    @classmethod
    def from_settings(cls, settings: Any = None) -> FetchPolicy:
        """Read ``FETCH_*`` from ``django.conf.settings`` (if configured) over the defaults."""
        if settings is None:
            try:
                from django.conf import settings as django_settings
            except ImportError:  # pragma: no cover - Django is a project dependency
                return cls()
            if not django_settings.configured:
                return cls()
            settings = django_settings
        overrides: dict[str, Any] = {}
        for field_name, setting_name, cast in _SETTINGS:
            if hasattr(settings, setting_name):
                overrides[field_name] = cast(getattr(settings, setting_name))
        return cls(**overrides)

    def max_bytes_for(self, content_type: str) -> int:
        return self.max_bytes_pdf if content_type in PDF_CONTENT_TYPES else self.max_bytes_text

    def is_allowed_hostport(self, host: str, port: int) -> bool:
        if not self.allowed_hostports:
            return False
        shown = f"[{host}]" if ":" in host else host
        return f"{shown}:{port}" in self.allowed_hostports


_SETTINGS: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
    ("allowed_schemes", "FETCH_ALLOWED_SCHEMES", lambda v: _as_frozenset(v, str)),
    ("allowed_ports", "FETCH_ALLOWED_PORTS", lambda v: _as_frozenset(v, int)),
    (
        "allowed_hostports",
        "FETCH_ALLOWED_HOSTPORTS",
        lambda v: frozenset(h.lower() for h in _as_frozenset(v, str)),
    ),
    ("max_url_length", "FETCH_MAX_URL_LENGTH", int),
    ("connect_timeout", "FETCH_CONNECT_TIMEOUT", float),
    ("read_timeout", "FETCH_READ_TIMEOUT", float),
    ("deadline", "FETCH_DEADLINE", float),
    ("max_redirects", "FETCH_MAX_REDIRECTS", int),
    ("max_bytes_text", "FETCH_MAX_BYTES_TEXT", int),
    ("max_bytes_pdf", "FETCH_MAX_BYTES_PDF", int),
    ("max_bytes_error_body", "FETCH_MAX_BYTES_ERROR_BODY", int),
    (
        "allowed_content_types",
        "FETCH_ALLOWED_CONTENT_TYPES",
        lambda v: frozenset(t.lower() for t in _as_frozenset(v, str)),
    ),
    ("user_agent", "FETCH_USER_AGENT", str),
    ("ca_bundle", "FETCH_CA_BUNDLE", lambda v: str(v) if v else None),
)


@dataclass(frozen=True)
class Target:
    """A URL that passed the syntactic checks."""

    url: str
    scheme: str
    host: str  # lowercase ASCII (IDNA), no trailing dot, IPv6 without brackets
    port: int
    allowlisted: bool


@dataclass(frozen=True)
class PinnedTarget:
    """A target plus the addresses from its one DNS resolution, all of which passed the policy."""

    target: Target
    addresses: tuple[tuple[int, tuple[Any, ...]], ...]  # (family, sockaddr)
    dns_ms: float

    @property
    def ips(self) -> list[str]:
        return [sockaddr[0] for _family, sockaddr in self.addresses]


def address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | str) -> bool:
    """True only for globally routable unicast addresses outside the deny list."""
    try:
        addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    except ValueError:
        return False
    if any(addr.version == net.version and addr in net for net in DENIED_NETWORKS):
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        return not addr.scope_id and addr in _GLOBAL_UNICAST_V6
    return bool(addr.is_global) and not addr.is_multicast


def _blocked(reason: str, message: str, url: str) -> Blocked:
    return Blocked(reason, message, url=url)


def _normalize_host(raw: str, url: str) -> str:
    host = raw[:-1] if raw.endswith(".") else raw
    if not host:
        raise _blocked("bad_host", "The URL has no host name.", url)
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise _blocked("bad_host", "The host name is not a valid IDNA name.", url) from exc
    host = host.lower()
    if len(host) > 253 or not all(_LABEL_RE.match(label) for label in host.split(".")):
        raise _blocked("bad_host", "The host name has invalid characters or labels.", url)
    return host


def parse_target(url: str, policy: FetchPolicy) -> Target:
    """Apply the syntactic part of the policy (no DNS). Raises Blocked."""
    if not isinstance(url, str) or not url:
        raise _blocked("bad_url", "The URL is empty or not a string.", str(url))
    if len(url) > policy.max_url_length:
        raise _blocked(
            "url_too_long", f"The URL is longer than {policy.max_url_length} characters.", url
        )
    if any(ord(c) <= 0x20 or ord(c) == 0x7F or c.isspace() for c in url):
        raise _blocked("bad_url", "The URL contains whitespace or control characters.", url)
    if "\\" in url:
        raise _blocked("bad_url", "The URL contains a backslash.", url)
    match = _SCHEME_RE.match(url)
    if not match:
        raise _blocked("bad_url", "The URL has no scheme.", url)
    scheme = match.group(1).lower()
    if scheme not in policy.allowed_schemes:
        raise _blocked("scheme_not_allowed", f"The scheme {scheme!r} is not allowed.", url)
    rest = url[match.end() :]
    if not rest.startswith("//"):
        raise _blocked("bad_url", "The URL has no authority (expected scheme://host).", url)
    rest = rest[2:]
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority = rest[:end]
    if "@" in authority:
        raise _blocked("userinfo", "URLs with user names or passwords are not allowed.", url)
    if "%" in authority:
        raise _blocked("bad_host", "Percent-escapes are not allowed in the host.", url)

    port_text = ""
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise _blocked("bad_host", "Unterminated IPv6 literal.", url)
        literal, after = authority[1:close], authority[close + 1 :]
        try:
            ipaddress.IPv6Address(literal)
        except ValueError as exc:
            raise _blocked("bad_host", "Invalid IPv6 literal.", url) from exc
        host = literal.lower()
        if after:
            if not after.startswith(":"):
                raise _blocked("bad_host", "Garbage after the IPv6 literal.", url)
            port_text = after[1:]
    else:
        host_text, sep, port_text = authority.partition(":")
        if sep and ":" in port_text:
            raise _blocked("bad_host", "Too many colons in the host.", url)
        host = _normalize_host(host_text, url)

    default_port = 443 if scheme == "https" else 80
    if port_text:
        if not _PORT_RE.match(port_text) or not 0 < int(port_text) < 65536:
            raise _blocked("bad_host", f"Invalid port {port_text!r}.", url)
        port = int(port_text)
    else:
        port = default_port

    allowlisted = policy.is_allowed_hostport(host, port)
    if not allowlisted:
        if port not in policy.allowed_ports:
            raise _blocked("port_not_allowed", f"Port {port} is not allowed.", url)
        if host in INTERNAL_HOST_NAMES or host.endswith(INTERNAL_HOST_SUFFIXES):
            raise _blocked("internal_host", f"The host {host!r} is an internal name.", url)

    return Target(url=url, scheme=scheme, host=host, port=port, allowlisted=allowlisted)


def _same_origin_for_httpx(target: Target) -> None:
    """Guard against parser differentials: httpx must see exactly the origin we checked."""
    default_port = 443 if target.scheme == "https" else 80
    try:
        parsed = httpx.URL(target.url)
        hx_host = parsed.raw_host.decode("ascii").lower().rstrip(".")
        hx_port = parsed.port or default_port
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise _blocked("bad_url", "The URL cannot be parsed.", target.url) from exc
    if (
        hx_host != target.host
        or hx_port != target.port
        or parsed.scheme != target.scheme
        or parsed.userinfo
    ):
        raise _blocked(
            "bad_host", "The URL is ambiguous (parsers disagree on its host).", target.url
        )


def _getaddrinfo(host: str, port: int) -> list[tuple[Any, ...]]:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)


def resolve(target: Target, *, timeout: float) -> PinnedTarget:
    """Resolve the host ONCE and check every answer. Raises Blocked or FetchFailed(dns_failure).

    The returned addresses are the only ones the transport will connect to for this hop.
    """
    started = time.monotonic()
    future = _resolver().submit(_getaddrinfo, target.host, target.port)
    try:
        infos = future.result(timeout=max(timeout, 0.001))
    except concurrent.futures.TimeoutError as exc:
        raise FetchFailed(
            "dns_failure", f"DNS lookup for {target.host!r} timed out.", url=target.url
        ) from exc
    except (OSError, UnicodeError) as exc:
        raise FetchFailed(
            "dns_failure", f"DNS lookup for {target.host!r} failed: {exc}", url=target.url
        ) from exc
    dns_ms = (time.monotonic() - started) * 1000
    addresses: list[tuple[int, tuple[Any, ...]]] = []
    seen: set[str] = set()
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = str(sockaddr[0])
        if ip in seen:
            continue
        seen.add(ip)
        addresses.append((family, tuple(sockaddr)))
    if not addresses:
        raise FetchFailed(
            "dns_failure", f"DNS lookup for {target.host!r} returned no address.", url=target.url
        )
    if not target.allowlisted:
        bad = [sockaddr[0] for _f, sockaddr in addresses if not address_allowed(sockaddr[0])]
        if bad:
            raise Blocked(
                "address_not_allowed",
                f"{target.host!r} resolves to a non-public address ({', '.join(bad)}).",
                url=target.url,
            )
    return PinnedTarget(target=target, addresses=tuple(addresses), dns_ms=dns_ms)


def check_target(url: str, policy: FetchPolicy, *, timeout: float | None = None) -> PinnedTarget:
    target = parse_target(url, policy)
    pinned = resolve(target, timeout=policy.connect_timeout if timeout is None else timeout)
    _same_origin_for_httpx(target)
    return pinned


def check_url(url: str, policy: FetchPolicy | None = None) -> list[str]:
    """Resolve and apply the policy without connecting. Returns the pinned IPs or raises."""
    return check_target(url, policy or FetchPolicy.from_settings()).ips
