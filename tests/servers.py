"""Real servers on 127.0.0.1 for tests: the pages that workers fetch (``PageServer``), raw
routes for the fetcher's own tests (``LocalServer``, HTTP or TLS, IPv4 or IPv6), and a listener
that records connections (``ConnectionRecorder``). Never used by production code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from sources.fetching.policy import FetchPolicy


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds between the headers and the body


class PageServer:
    """Serves registered pages; counts requests per path so tests can assert on them."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                page = server.pages.get(self.path) or Page(b"not found", 404, "text/plain")
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if page.delay:
                    self.wfile.flush()
                    time.sleep(page.delay)
                # The client may have gone away (a killed worker).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(page.body)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, path: str, body: bytes | str, **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = Page(body, **kwargs)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Raw routes and connection recording (the fetcher's tests) ---------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


def respond(
    handler: BaseHTTPRequestHandler,
    status: int = 200,
    body: bytes = b"",
    headers: list[tuple[str, str]] | None = None,
    *,
    content_length: bool = True,
) -> None:
    """Write a complete response (status line, headers, body) and close the connection."""
    handler.send_response(status)
    for name, value in headers or []:
        handler.send_header(name, value)
    if content_length:
        handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.owner.requests.append((self.path, dict(self.headers.items())))
        route = self.server.owner.routes.get(path)
        self.close_connection = True
        if route is None:
            respond(self, 404, b"not here", [("Content-Type", "text/plain")])
            return
        with contextlib.suppress(OSError):
            route(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer


class _Server6(_Server):
    address_family = socket.AF_INET6

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # hostile handlers write to sockets the client has already closed


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 (or ``host="::1"``) with one handler per path.

    ``with LocalServer({"/": lambda h: respond(h, 200, b"hi")}) as srv: srv.url("/")``
    """

    def __init__(
        self,
        routes: dict[str, Route] | None = None,
        *,
        tls: ssl.SSLContext | None = None,
        host: str = "127.0.0.1",
    ):
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.host = host
        server_class = _Server6 if ":" in host else _Server
        self._server = server_class((host, 0), _Handler)
        self._server.owner = self
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def hostport(self) -> str:
        return f"{self._shown_host}:{self.port}"

    @property
    def _shown_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"{self.scheme}://{host or self._shown_host}:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


class ConnectionRecorder:
    """A listener that accepts and records every connection, then closes it.

    Use it as the forbidden target of a redirect: after the test it must have recorded none.
    """

    def __init__(self, host: str = "127.0.0.1", family: int = socket.AF_INET) -> None:
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self.port: int = self._sock.getsockname()[1]
        self.accepted: list[tuple[Any, ...]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self._sock.accept()
            except OSError:
                continue
            self.accepted.append(addr)
            conn.close()

    def __enter__(self) -> ConnectionRecorder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


def policy_for(*servers: LocalServer | str, **overrides: Any) -> FetchPolicy:
    """A policy that allows exactly the given local servers (or ``host:port`` strings)."""
    hostports = frozenset(s if isinstance(s, str) else s.hostport for s in servers)
    return dataclasses.replace(FetchPolicy(), allowed_hostports=hostports, **overrides)
