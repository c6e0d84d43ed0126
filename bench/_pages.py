"""The real article pages on 127.0.0.1 for the archiving benches (bench/archive.py,
bench/browser.py): page ``i`` at ``/<i>.html``, or under any path prefix (a fresh prefix gives
fresh URLs, so every contender and round archives pages it has not seen).

The server runs in a process of its own (forked), so that it never waits for the GIL of the
bench process, which adds citations while the worker fetches (bench/archive.py): every
contender is served by the same idle server.
"""

from __future__ import annotations

import multiprocessing
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _server(pages: list[bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            try:
                body = pages[int(self.path.rsplit("/", 1)[-1].split(".")[0])]
            except (ValueError, IndexError):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    ThreadingHTTPServer.request_queue_size = 128
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    return httpd


def _serve(httpd: ThreadingHTTPServer) -> None:
    httpd.serve_forever()


class PageServer:
    def __init__(self, pages: list[bytes], *, own_process: bool = True) -> None:
        httpd = _server(pages)
        self.port = httpd.server_address[1]
        self.count = len(pages)
        if own_process:  # the listening socket is inherited by the forked child
            context = multiprocessing.get_context("fork")
            self.process = context.Process(target=_serve, args=(httpd,), daemon=True)
            self.process.start()
            httpd.socket.close()
        else:
            threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def urls(self, prefix: str = "") -> list[str]:
        base = f"http://127.0.0.1:{self.port}" + (f"/{prefix}" if prefix else "")
        return [f"{base}/{i}.html" for i in range(self.count)]
