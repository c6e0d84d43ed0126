"""The real article pages on 127.0.0.1 for the archiving benches (bench/archive.py,
bench/browser.py): page ``i`` at ``/<i>.html``, or under any path prefix (a fresh prefix gives
fresh URLs, so every contender and round archives pages it has not seen)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class PageServer:
    def __init__(self, pages: list[bytes]) -> None:
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
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.count = len(pages)

    def urls(self, prefix: str = "") -> list[str]:
        base = f"http://127.0.0.1:{self.port}" + (f"/{prefix}" if prefix else "")
        return [f"{base}/{i}.html" for i in range(self.count)]
