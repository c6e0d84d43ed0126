"""Hostile servers on 127.0.0.1: each attack ends Blocked or FetchFailed, in time, and the
forbidden listener (or the connect log) proves that no forbidden connection was made."""

from __future__ import annotations

import dataclasses
import gzip
import socket
import time
import zlib
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from sources.fetching import Blocked, FetchError, FetchFailed, FetchPolicy, fetch
from sources.fetching import client as fetch_client
from tests.servers import ConnectionRecorder, LocalServer, policy_for, respond

HTML = [("Content-Type", "text/html; charset=utf-8")]
KB = 1024
MB = 1024 * 1024


def redirect(location: str, status: int = 302) -> Any:
    return lambda h: respond(h, status, b"", [("Location", location)])


def fetch_error(url: str, policy: FetchPolicy, *, within: float = 5.0) -> FetchError:
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(url, policy=policy)
    elapsed = time.monotonic() - started
    assert elapsed < within, f"took {elapsed:.2f}s"
    return info.value


def only_connected_to(log: list[tuple[Any, ...]], server: LocalServer) -> None:
    assert log, "expected at least one connection to the allowed server"
    assert all(addr == ("127.0.0.1", server.port) for addr in log), log


# ----------------------------------------------------------------- size limits


def test_declared_body_over_the_cap() -> None:
    with LocalServer({"/": lambda h: respond(h, 200, b"x" * (2 * MB), HTML)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, max_bytes_text=1 * MB))
    assert isinstance(err, FetchFailed)
    assert (err.reason, err.transient) == ("too_large", False)


def test_undeclared_body_over_the_cap_stops_while_streaming() -> None:
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        for _ in range(10_000):  # up to 640 MB if nobody stops reading
            h.wfile.write(b"y" * 64 * KB)

    with LocalServer({"/": endless}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, max_bytes_text=1 * MB))
    assert (err.reason, err.transient) == ("too_large", False)


def test_pdf_has_its_own_cap() -> None:
    pdf = b"%PDF-1.4\n" + b"0" * (300 * KB)
    routes = {"/": lambda h: respond(h, 200, pdf, [("Content-Type", "application/pdf")])}
    with LocalServer(routes) as srv:
        policy = policy_for(srv, max_bytes_text=100 * KB, max_bytes_pdf=1 * MB)
        assert fetch(srv.url(), policy=policy).body == pdf
        err = fetch_error(srv.url(), dataclasses.replace(policy, max_bytes_pdf=100 * KB))
    assert err.reason == "too_large"


def test_gzip_bomb_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = gzip.compress(b"\0" * (10 * MB), 9)
    assert len(bomb) < 20 * KB
    produced: list[int] = []
    real = fetch_client._Decoder.feed

    def spy(self: Any, data: bytes, raw_total: int) -> bytes:
        out = real(self, data, raw_total)
        produced.append(len(out))
        return out

    monkeypatch.setattr(fetch_client._Decoder, "feed", spy)
    headers = [*HTML, ("Content-Encoding", "gzip")]
    with LocalServer({"/": lambda h: respond(h, 200, bomb, headers)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, max_bytes_text=1 * MB))
    assert (err.reason, err.transient) == ("decompression_bomb", False)
    assert sum(produced) <= 1 * MB  # the chunk that crossed the cap was never returned


def test_deflate_bomb_stops_at_the_cap() -> None:
    bomb = zlib.compress(b"\0" * (10 * MB), 9)
    headers = [*HTML, ("Content-Encoding", "deflate")]
    with LocalServer({"/": lambda h: respond(h, 200, bomb, headers)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, max_bytes_text=1 * MB))
    assert err.reason == "decompression_bomb"


def test_gzip_bomb_split_over_many_members() -> None:
    member = gzip.compress(b"\0" * (512 * KB), 9)
    headers = [*HTML, ("Content-Encoding", "gzip")]
    with LocalServer({"/": lambda h: respond(h, 200, member * 20, headers)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, max_bytes_text=1 * MB))
    assert err.reason == "decompression_bomb"


@pytest.mark.parametrize("encoding", ["gzip, gzip", "gzip, deflate", "br", "zstd", "compress"])
def test_unsupported_or_stacked_encodings(encoding: str) -> None:
    headers = [*HTML, ("Content-Encoding", encoding)]
    with LocalServer({"/": lambda h: respond(h, 200, b"whatever", headers)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert (err.reason, err.transient) == ("unsupported_encoding", False)


def test_corrupt_gzip() -> None:
    headers = [*HTML, ("Content-Encoding", "gzip")]
    with LocalServer({"/": lambda h: respond(h, 200, b"not gzip at all", headers)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert err.reason == "unsupported_encoding"


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream", ""])
def test_unsupported_content_type_is_refused_before_the_body(content_type: str) -> None:
    sent: list[int] = []

    def big(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        if content_type:
            h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(50 * MB))
        h.end_headers()
        for _ in range(800):
            h.wfile.write(b"\0" * 64 * KB)
            sent.append(1)

    with LocalServer({"/": big}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert (err.reason, err.transient, err.status) == ("unsupported_content_type", False, 200)
    assert len(sent) < 800  # we hung up instead of reading 50 MB


# ----------------------------------------------------------------- time limits


def test_slow_trickle_hits_the_deadline() -> None:
    def trickle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        for _ in range(100_000):
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(0.05)

    with LocalServer({"/": trickle}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, deadline=2.0), within=3.0)
    assert (err.reason, err.transient) == ("deadline_exceeded", True)


def test_silent_server_hits_the_deadline_not_the_read_timeout() -> None:
    def silent(h: BaseHTTPRequestHandler) -> None:
        time.sleep(10)

    with LocalServer({"/": silent}) as srv:
        policy = policy_for(srv, deadline=1.5, read_timeout=15.0)
        err = fetch_error(srv.url(), policy, within=3.0)
    assert err.reason == "deadline_exceeded"


def test_slow_headers_trickle_hits_the_deadline() -> None:
    def slow_headers(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for i in range(1000):
            h.wfile.write(f"X-Pad-{i}: x\r\n".encode())
            h.wfile.flush()
            time.sleep(0.05)

    with LocalServer({"/": slow_headers}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, deadline=1.5), within=3.0)
    assert err.reason == "deadline_exceeded"


def test_read_timeout() -> None:
    def stall(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        h.wfile.write(b"a")
        h.wfile.flush()
        time.sleep(5)

    with LocalServer({"/": stall}) as srv:
        err = fetch_error(srv.url(), policy_for(srv, read_timeout=0.5), within=3.0)
    assert (err.reason, err.transient) == ("read_timeout", True)


def test_connection_refused_is_transient() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = fetch_error(f"http://127.0.0.1:{port}/", policy_for(f"127.0.0.1:{port}"))
    assert (err.reason, err.transient) == ("connection_error", True)


def test_connection_dropped_mid_body() -> None:
    def drop(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b"short")

    with LocalServer({"/": drop}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert (err.reason, err.transient) == ("connection_error", True)


# ----------------------------------------------------------------- redirects


def test_redirect_loop() -> None:
    with LocalServer({"/a": redirect("/b"), "/b": redirect("/a")}) as srv:
        err = fetch_error(srv.url("/a"), policy_for(srv))
    assert (err.reason, err.transient) == ("redirect_loop", False)
    assert [hop.url for hop in err.chain] == [srv.url("/a"), srv.url("/b")]


def test_self_redirect_is_a_loop() -> None:
    with LocalServer({"/a": redirect("/a", 301)}) as srv:
        err = fetch_error(srv.url("/a"), policy_for(srv))
    assert err.reason == "redirect_loop"


def test_too_many_redirects() -> None:
    routes = {f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)}
    with LocalServer(routes) as srv:
        err = fetch_error(srv.url("/r0"), policy_for(srv, max_redirects=5))
        assert len(srv.requests) == 6  # the first request and five redirects, no seventh
    assert (err.reason, err.transient) == ("too_many_redirects", False)
    assert len(err.chain) == 6


def test_redirect_to_another_loopback_port_is_blocked(
    forbidden: ConnectionRecorder, connect_log: list[tuple[Any, ...]]
) -> None:
    target = f"http://127.0.0.1:{forbidden.port}/admin"
    with LocalServer({"/": redirect(target)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
        # even with the port generally allowed, the loopback address stays forbidden
        policy = policy_for(srv, allowed_ports=frozenset({80, 443, forbidden.port}))
        err2 = fetch_error(srv.url(), policy)
    assert isinstance(err, Blocked) and err.reason == "port_not_allowed"
    assert isinstance(err2, Blocked) and err2.reason == "address_not_allowed"
    assert err.chain[0].status == 302 and err.chain[0].location == target
    time.sleep(0.1)
    assert forbidden.accepted == []
    only_connected_to(connect_log, srv)


def test_redirect_to_another_port_is_followed_when_both_are_listed(
    forbidden: ConnectionRecorder,
) -> None:
    second = LocalServer({"/": lambda h: respond(h, 200, b"second", HTML)})
    with second, LocalServer({"/": redirect(second.url())}) as first:
        result = fetch(first.url(), policy=policy_for(first, second))
    assert result.body == b"second"
    assert [hop.status for hop in result.chain] == [302, 200]
    assert result.final_url == second.url()


def test_redirect_to_cloud_metadata_is_blocked_before_connecting(
    connect_log: list[tuple[Any, ...]],
) -> None:
    with LocalServer({"/": redirect("http://169.254.169.254/latest/meta-data/")}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert isinstance(err, Blocked)
    assert err.reason == "address_not_allowed"
    assert err.url == "http://169.254.169.254/latest/meta-data/"
    only_connected_to(connect_log, srv)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("gopher://127.0.0.1:6379/_FLUSHALL", "scheme_not_allowed"),
        ("http://[::ffff:7f00:1]/", "address_not_allowed"),
        ("http://[::1]/", "address_not_allowed"),
        ("http://localhost/", "internal_host"),
        ("http://2130706433/", "address_not_allowed"),
        ("http://user:pw@example.com/", "userinfo"),
        ("http://10.0.0.1:8080/", "address_not_allowed"),
        ("http://example.com:22/", "port_not_allowed"),
    ],
)
def test_redirects_to_forbidden_targets(
    location: str, reason: str, connect_log: list[tuple[Any, ...]]
) -> None:
    with LocalServer({"/": redirect(location)}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert isinstance(err, Blocked)
    assert err.reason == reason
    assert len(err.chain) == 1
    only_connected_to(connect_log, srv)


def test_redirect_with_control_characters_is_blocked(connect_log: list[Any]) -> None:
    def evil(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(
            b"HTTP/1.1 302 Found\r\nLocation: http://exa\x01mple.com@127.0.0.1/\r\n"
            b"Content-Length: 0\r\nConnection: close\r\n\r\n"
        )

    with LocalServer({"/": evil}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert isinstance(err, Blocked)
    only_connected_to(connect_log, srv)


# ----------------------------------------------------------------- direct URLs


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost/", "internal_host"),
        ("http://2130706433/", "address_not_allowed"),
        ("http://0x7f.1/", "address_not_allowed"),
        ("http://127.1/", "address_not_allowed"),
        ("http://0177.0.0.1/", "address_not_allowed"),
        ("http://[::ffff:127.0.0.1]/", "address_not_allowed"),
        ("http://[::1]/", "address_not_allowed"),
        ("http://user@example.com/", "userinfo"),
        ("gopher://example.com/", "scheme_not_allowed"),
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("dict://127.0.0.1:11211/stat", "scheme_not_allowed"),
        ("http://169.254.169.254/", "address_not_allowed"),
    ],
)
def test_direct_forbidden_urls_never_connect(
    url: str, reason: str, connect_log: list[tuple[Any, ...]]
) -> None:
    err = fetch_error(url, FetchPolicy(), within=2.0)
    assert isinstance(err, Blocked)
    assert (err.reason, err.transient) == (reason, False)
    assert connect_log == []


def test_loopback_spellings_do_not_reach_a_listener_on_port_80_equivalent(
    forbidden: ConnectionRecorder, connect_log: list[tuple[Any, ...]]
) -> None:
    """Even with the recorder's port allowed, every loopback spelling stays blocked."""
    port = forbidden.port
    policy = FetchPolicy(allowed_ports=frozenset({port}))
    for host in ("127.0.0.1", "2130706433", "0x7f.1", "127.1", "0177.0.0.1", "[::ffff:127.0.0.1]"):
        err = fetch_error(f"http://{host}:{port}/", policy)
        assert err.reason == "address_not_allowed", host
    time.sleep(0.1)
    assert forbidden.accepted == []
    assert connect_log == []


# ----------------------------------------------------------------- DNS rebinding


def test_dns_rebinding_connects_to_the_first_pinned_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The name resolves public first and loopback afterwards: we resolve once, and connect to
    the pinned public answer; nothing ever resolves the name a second time."""
    calls: list[str] = []

    def rebinding(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        calls.append(host)
        ip = "93.184.216.34" if len(calls) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    attempted: list[tuple[Any, ...]] = []

    def refuse(family: int, sockaddr: tuple[Any, ...], timeout: float | None) -> socket.socket:
        attempted.append(tuple(sockaddr))
        raise ConnectionRefusedError("test: no network")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetch_client, "_open_socket", refuse)
    err = fetch_error("http://rebind.example/", FetchPolicy())
    assert err.reason == "connection_error"
    assert calls == ["rebind.example"]
    assert attempted == [("93.184.216.34", 80)]


def test_transport_refuses_unpinned_origins() -> None:
    backend = fetch_client.PinnedBackend()
    import httpcore

    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("127.0.0.1", 80, timeout=1)


def test_the_fetched_host_header_and_pin_survive_a_rebinding_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """End to end: a name that the allow-list maps to our server is fetched; a later
    (rebinding) answer pointing elsewhere is never consulted."""
    with LocalServer({"/": lambda h: respond(h, 200, b"pinned", HTML)}) as srv:
        calls: list[str] = []
        real = socket.getaddrinfo

        def answers(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
            if host != "pinned.test":
                return real(host, port, *args, **kwargs)
            calls.append(host)
            ip = "127.0.0.1" if len(calls) == 1 else "10.9.9.9"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

        monkeypatch.setattr(socket, "getaddrinfo", answers)
        policy = policy_for(f"pinned.test:{srv.port}")
        result = fetch(f"http://pinned.test:{srv.port}/", policy=policy)
    assert result.body == b"pinned"
    assert result.peer_ip == "127.0.0.1"
    assert calls == ["pinned.test"]
    assert srv.requests[0][1]["Host"] == f"pinned.test:{srv.port}"


def test_transport_uses_the_pinned_backend() -> None:
    """Guards the one httpx internal we rely on (the transport's connection pool)."""
    import httpcore

    backend = fetch_client.PinnedBackend()
    transport = fetch_client.make_transport(FetchPolicy(), backend)
    try:
        assert isinstance(transport._pool, httpcore.ConnectionPool)
        assert transport._pool._network_backend is backend
    finally:
        transport.close()


@pytest.mark.parametrize(
    "location",
    [
        "http://[::1",
        "http://%zz/",
        "//evil.test:99999/",
        "ht tp://x/",
        "http:/x",
        "javascript:alert(1)",
        "http://exa mple.com/",
        "http://\u0430\u0440\u0440\u04cf\u0435.com/",  # IDN homograph: allowed syntax, no DNS here
        "http://" + "a" * 3000,
        "\u2028/next",
    ],
)
def test_weird_locations_end_as_fetch_errors(
    location: str, connect_log: list[tuple[Any, ...]]
) -> None:
    def evil(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(
            b"HTTP/1.1 302 Found\r\nLocation: "
            + location.encode("utf-8")
            + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )

    with LocalServer({"/": evil}) as srv:
        err = fetch_error(srv.url(), policy_for(srv))
    assert err.reason != "internal_error", err
    only_connected_to(connect_log, srv)


def _ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
def test_ipv6_literal_allowlisted_and_its_neighbours_blocked(
    connect_log: list[tuple[Any, ...]],
) -> None:
    with (
        ConnectionRecorder(host="::1", family=socket.AF_INET6) as forbidden6,
        LocalServer({"/": redirect(f"http://[::1]:{forbidden6.port}/")}, host="::1") as srv,
    ):
        assert srv.hostport == f"[::1]:{srv.port}"
        err = fetch_error(srv.url(), policy_for(srv))
        time.sleep(0.1)
        assert forbidden6.accepted == []
    assert (err.reason, len(err.chain)) == ("port_not_allowed", 1)
    assert err.chain[0].ip == "::1"
    assert connect_log == [("::1", srv.port)]


def test_slow_dns_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: Any, **kwargs: Any) -> list[Any]:
        time.sleep(3)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    err = fetch_error("http://slow-dns.example/", FetchPolicy(connect_timeout=0.5), within=1.5)
    assert (err.reason, err.transient) == ("dns_failure", True)


def test_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def timeout(family: int, sockaddr: tuple[Any, ...], t: float | None) -> socket.socket:
        raise TimeoutError("timed out")

    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))],
    )
    monkeypatch.setattr(fetch_client, "_open_socket", timeout)
    err = fetch_error("http://blackhole.example/", FetchPolicy())
    assert (err.reason, err.transient) == ("connect_timeout", True)


def test_second_answer_is_tried_when_the_first_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both answers were checked; failing over between them stays inside the pinned set."""
    with LocalServer({"/": lambda h: respond(h, 200, b"ok", HTML)}) as srv:
        monkeypatch.setattr(
            socket,
            "getaddrinfo",
            lambda host, port, *a, **k: [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
            ],
        )
        attempted: list[str] = []
        real = fetch_client._open_socket

        def first_refuses(family: int, sockaddr: tuple[Any, ...], t: float | None) -> Any:
            attempted.append(sockaddr[0])
            if sockaddr[0] == "127.0.0.2":
                raise ConnectionRefusedError
            return real(family, sockaddr, t)

        monkeypatch.setattr(fetch_client, "_open_socket", first_refuses)
        result = fetch(
            f"http://multi.test:{srv.port}/", policy=policy_for(f"multi.test:{srv.port}")
        )
    assert result.body == b"ok"
    assert attempted == ["127.0.0.2", "127.0.0.1"]
    assert result.peer_ip == "127.0.0.1"
