"""Well-behaved (and error-answering) servers: what a FetchResult and a FetchFailed carry."""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from sources.fetching import FetchFailed, FetchPolicy, FetchResult, Hop, fetch
from tests.servers import ConnectionRecorder, LocalServer, policy_for, respond

PAGE = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Tide tables</title>"
    b"</head><body><article><p>High water at 06:12.</p></article></body></html>"
)


def html(body: bytes, *extra: tuple[str, str]) -> Any:
    return lambda h: respond(h, 200, body, [("Content-Type", "text/html; charset=UTF-8"), *extra])


def test_happy_path_gzip(connect_log: list[tuple[Any, ...]]) -> None:
    wire = gzip.compress(PAGE)
    routes = {"/page": html(wire, ("Content-Encoding", "gzip"), ("X-Trace", "a"))}
    with LocalServer(routes) as srv:
        result = fetch(srv.url("/page?x=1"), policy=policy_for(srv))
        sent = srv.requests[0][1]

    assert isinstance(result, FetchResult)
    assert result.url == result.final_url == srv.url("/page?x=1")
    assert (result.status, result.reason_phrase, result.http_version) == (200, "OK", "HTTP/1.1")
    assert result.body == PAGE
    assert result.raw_body == wire
    assert result.content_encoding == "gzip"
    assert (result.content_type, result.charset) == ("text/html", "utf-8")
    assert result.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert result.size == len(PAGE)
    assert result.peer_ip == "127.0.0.1"
    assert result.chain == [Hop(srv.url("/page?x=1"), 200, None, "127.0.0.1")]
    assert result.header("x-trace") == "a"
    assert [k for k, _ in result.headers][:2] == ["Server", "Date"]  # raw order kept
    assert result.started_at.tzinfo is not None and result.finished_at >= result.started_at
    assert set(result.timings) == {"dns_ms", "connect_ms", "total_ms"}
    # what we sent, and what the server saw
    sent_names = {k.lower(): v for k, v in result.request_headers}
    assert sent_names["accept-encoding"] == "gzip, deflate"
    assert sent_names["host"] == srv.hostport
    assert sent["Accept-Encoding"] == "gzip, deflate"
    assert sent["User-Agent"] == FetchPolicy().user_agent
    assert "Cookie" not in sent
    assert connect_log == [("127.0.0.1", srv.port)]


@pytest.mark.parametrize("wrapper", [zlib.compress, lambda b: zlib.compress(b)[2:-4]])
def test_deflate_with_and_without_zlib_header(wrapper: Any) -> None:
    with LocalServer({"/": html(wrapper(PAGE), ("Content-Encoding", "deflate"))}) as srv:
        result = fetch(srv.url(), policy=policy_for(srv))
    assert result.body == PAGE
    assert result.content_encoding == "deflate"


def test_identity_body_and_plain_text() -> None:
    routes = {"/": lambda h: respond(h, 200, b"just text", [("Content-Type", "text/plain")])}
    with LocalServer(routes) as srv:
        result = fetch(srv.url(), policy=policy_for(srv))
    assert (result.body, result.raw_body, result.content_encoding) == (b"just text",) * 2 + (None,)
    assert result.charset is None


def test_chunked_body_without_length() -> None:
    def chunked(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for part in (b"<p>one</p>", b"<p>two</p>"):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        h.wfile.write(b"0\r\n\r\n")

    with LocalServer({"/": chunked}) as srv:
        result = fetch(srv.url(), policy=policy_for(srv))
    assert result.body == result.raw_body == b"<p>one</p><p>two</p>"


def test_redirect_chain_is_recorded_and_relative_locations_resolve() -> None:
    routes = {
        "/start": lambda h: respond(h, 301, b"", [("Location", "/mid")]),
        "/mid": lambda h: respond(h, 307, b"", [("Location", "end?q=a b")]),
        "/end": html(PAGE),
    }
    with LocalServer(routes) as srv:
        result = fetch(srv.url("/start"), policy=policy_for(srv))
    assert result.final_url == srv.url("/end?q=a%20b")
    assert [(h.status, h.location) for h in result.chain] == [
        (301, "/mid"),
        (307, "end?q=a b"),
        (200, None),
    ]
    assert all(h.ip == "127.0.0.1" for h in result.chain)


def test_cookies_follow_redirects_but_never_leak_between_fetches() -> None:
    routes = {
        "/login": lambda h: respond(
            h, 302, b"", [("Set-Cookie", "session=s3cret; Path=/"), ("Location", "/page")]
        ),
        "/page": html(PAGE),
    }
    with LocalServer(routes) as srv:
        fetch(srv.url("/login"), policy=policy_for(srv))
        fetch(srv.url("/page"), policy=policy_for(srv))
        cookies = [headers.get("Cookie") for _path, headers in srv.requests]
    assert cookies == [None, "session=s3cret", None]


def test_environment_proxies_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    with ConnectionRecorder() as proxy, LocalServer({"/": html(PAGE)}) as srv:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
            monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        result = fetch(srv.url(), policy=policy_for(srv))
    assert result.body == PAGE
    assert proxy.accepted == []


def test_404_is_a_permanent_http_error_with_the_answer_kept() -> None:
    routes = {
        "/gone": lambda h: respond(h, 404, b"<h1>Not found</h1>", [("Content-Type", "text/html")])
    }
    with LocalServer(routes) as srv, pytest.raises(FetchFailed) as info:
        fetch(srv.url("/gone"), policy=policy_for(srv))
    err = info.value
    assert (err.reason, err.status, err.transient, err.retry_after) == (
        "http_error",
        404,
        False,
        None,
    )
    assert err.url == srv.url("/gone")
    assert err.result is not None
    assert err.result.status == 404
    assert err.result.body == b"<h1>Not found</h1>"
    assert err.chain[-1].status == 404
    assert err.message


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_seconds(status: int) -> None:
    routes = {"/": lambda h: respond(h, status, b"busy", [("Retry-After", "7")])}
    with LocalServer(routes) as srv, pytest.raises(FetchFailed) as info:
        fetch(srv.url(), policy=policy_for(srv))
    err = info.value
    assert (err.reason, err.status, err.transient, err.retry_after) == (
        "http_error",
        status,
        True,
        7.0,
    )


def test_retry_after_http_date() -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    with (
        LocalServer({"/": lambda h: respond(h, 503, b"", [("Retry-After", when)])}) as srv,
        pytest.raises(FetchFailed) as info,
    ):
        fetch(srv.url(), policy=policy_for(srv))
    assert info.value.retry_after is not None
    assert 100 <= info.value.retry_after <= 121


@pytest.mark.parametrize(
    ("status", "transient"), [(500, True), (502, True), (403, False), (410, False)]
)
def test_status_transience(status: int, transient: bool) -> None:
    with (
        LocalServer({"/": lambda h: respond(h, status, b"")}) as srv,
        pytest.raises(FetchFailed) as info,
    ):
        fetch(srv.url(), policy=policy_for(srv))
    assert (info.value.status, info.value.transient) == (status, transient)
    assert info.value.retry_after is None


def test_huge_error_body_is_truncated_not_fatal() -> None:
    routes = {"/": lambda h: respond(h, 500, b"e" * 300_000, [("Content-Type", "text/html")])}
    with LocalServer(routes) as srv, pytest.raises(FetchFailed) as info:
        fetch(srv.url(), policy=policy_for(srv, max_bytes_error_body=100_000))
    assert info.value.result is not None
    assert info.value.result.truncated
    assert len(info.value.result.body) == 100_000


def test_redirect_without_location_is_an_http_error() -> None:
    with (
        LocalServer({"/": lambda h: respond(h, 302, b"")}) as srv,
        pytest.raises(FetchFailed) as info,
    ):
        fetch(srv.url(), policy=policy_for(srv))
    assert (info.value.reason, info.value.status, info.value.transient) == (
        "http_error",
        302,
        False,
    )


def test_error_as_dict_is_json_ready() -> None:
    with (
        LocalServer({"/": lambda h: respond(h, 404, b"")}) as srv,
        pytest.raises(FetchFailed) as info,
    ):
        fetch(srv.url(), policy=policy_for(srv))
    data = info.value.as_dict()
    assert data["reason"] == "http_error"
    assert data["chain"][0]["status"] == 404


def test_error_with_undecodable_body_still_keeps_the_headers() -> None:
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "br"), ("X-Why", "teapot")]
    with (
        LocalServer({"/": lambda h: respond(h, 418, b"\x00\x01", headers)}) as srv,
        pytest.raises(FetchFailed) as info,
    ):
        fetch(srv.url(), policy=policy_for(srv))
    result = info.value.result
    assert result is not None
    assert (result.status, result.body, result.truncated) == (418, b"", True)
    assert result.header("X-Why") == "teapot"
