# Over 400 lines on purpose: one capture read top to bottom (routing, budgets, screenshot, WARC).
"""Capture one page in Chromium with every request answered by the safe fetcher.

The page's requests are intercepted (``context.route("**/*")``) and handed to a small pool of
threads that call ``sources.fetching.fetch`` under the capture's policy; the capture loop on
the browser thread fulfils each request from the fetcher's answer, or aborts it when the
fetcher refused it. WebSockets are closed without connecting and service workers are blocked;
the launch flags (``runner.LAUNCH_ARGS``) leave Chromium no network of its own.
"""

from __future__ import annotations

import base64
import concurrent.futures
import dataclasses
import hashlib
import io
import logging
import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sources.archiving.browser.records import build_capture_warc
from sources.archiving.browser.runner import CHROMIUM, RESTART_EVERY, run_in_browser
from sources.archiving.text import extract_text
from sources.fetching import Blocked, FetchError, FetchFailed, FetchPolicy, FetchResult, fetch
from sources.fetching.policy import DEFAULT_CONTENT_TYPES

logger = logging.getLogger(__name__)

TOOL = "WorkbenchBrowserCapture/1.0"
#: what a page's subresources may be; anything else is refused (counted as blocked)
SUBRESOURCE_CONTENT_TYPES = DEFAULT_CONTENT_TYPES | frozenset(
    {
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/x-javascript",
        "application/ecmascript",
        "text/ecmascript",
        "application/json",
        "application/ld+json",
        "application/manifest+json",
        "text/xml",
        "application/xml",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "image/avif",
        "image/svg+xml",
        "image/x-icon",
        "image/vnd.microsoft.icon",
        "font/woff",
        "font/woff2",
        "font/ttf",
        "font/otf",
        "application/font-woff",
        "application/font-woff2",
        "application/x-font-woff",
        "application/vnd.ms-fontobject",
        "application/octet-stream",
    }
)
#: response headers not handed back to the browser: the body we fulfil with is decoded and
#: complete, and a capture keeps no cookies
_DROPPED_HEADERS = frozenset(
    {"content-encoding", "transfer-encoding", "content-length", "connection", "set-cookie"}
)
_VIEWPORT = {"width": 1280, "height": 800}
#: seconds past the time budget (for the title, DOM and screenshot) before the browser is
#: taken for stuck (a script in an endless loop) and killed
STUCK_GRACE = 20.0


@dataclass(frozen=True)
class BrowserBudget:
    """Limits of one capture; a page over any of them is kept as far as it got (partial)."""

    seconds: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    max_requests: int = 300
    #: the page counts as settled once loaded and this long without a request in flight
    idle_seconds: float = 0.3
    #: screenshots are cut at this height (CSS pixels)
    max_screenshot_height: int = 20_000
    #: requests fetched at the same time
    parallel: int = 6

    @classmethod
    def from_settings(cls, settings: Any = None) -> BrowserBudget:
        if settings is None:
            from django.conf import settings as django_settings

            settings = django_settings
        return cls(
            seconds=float(getattr(settings, "BROWSER_CAPTURE_SECONDS", cls.seconds)),
            max_bytes=int(getattr(settings, "BROWSER_CAPTURE_MAX_BYTES", cls.max_bytes)),
            max_requests=int(getattr(settings, "BROWSER_CAPTURE_MAX_REQUESTS", cls.max_requests)),
        )


@dataclass(frozen=True)
class Screenshot:
    png: bytes
    width: int
    height: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "bytes": len(self.png),
            "sha256": self.sha256,
            "width": self.width,
            "height": self.height,
        }


@dataclass(frozen=True)
class BrowserCapture:
    """What one browser capture produced."""

    url: str
    final_url: str
    document: FetchResult
    title: str
    text: str
    html: str
    screenshot: Screenshot | None
    warc: bytes
    browser_version: str
    started_at: datetime
    finished_at: datetime
    requests_made: int
    requests_blocked: int
    requests_failed: int
    bytes_fetched: int
    #: "" when the page settled within every budget; otherwise why it was cut short
    partial_reason: str = ""
    #: refused requests: (url, reason), for the record
    blocked: list[tuple[str, str]] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.partial_reason)

    def requests_dict(self) -> dict[str, int]:
        return {
            "made": self.requests_made,
            "blocked": self.requests_blocked,
            "failed": self.requests_failed,
        }


class BrowserFailed(Exception):
    """The browser could not capture the page at all (it did not start, crashed, hung)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


# --------------------------------------------------------------------------- the session


class _Session:
    """State of one capture on the browser thread."""

    def __init__(
        self, document: FetchResult, policy: FetchPolicy, budget: BrowserBudget, t0: float
    ) -> None:
        self.document = document
        self.policy = policy
        self.budget = budget
        self.deadline = t0 + budget.seconds
        self.pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=budget.parallel, thread_name_prefix="browser-fetch"
        )
        self.pending: list[tuple[Any, concurrent.futures.Future[FetchResult]]] = []
        self.exchanges: list[FetchResult] = [document]
        self.made = 1  # the document
        self.blocked: list[tuple[str, str]] = []
        self.failed = 0
        self.bytes = len(document.raw_body)
        self.partial = ""
        self.closed = False
        self.document_served = False
        self.last_activity = time.monotonic()
        #: origins that failed at the network level in this capture: their later requests
        #: fail at once instead of each waiting out the same DNS or connect timeout
        self.dead_origins: set[str] = set()

    def cut(self, reason: str) -> None:
        if not self.partial:
            self.partial = reason

    def refuse(self, route: Any, url: str, reason: str) -> None:
        self.blocked.append((url[:2048], reason))
        try:
            route.abort("blockedbyclient")
        except Exception:  # the page or request went away meanwhile
            logger.debug("abort failed for %s", url, exc_info=True)

    # called by Playwright on the browser thread for every request of the page; every one
    # counts as made, whether it is then fetched or refused
    def on_route(self, route: Any) -> None:
        request = route.request
        url = request.url
        self.last_activity = time.monotonic()
        if (
            not self.document_served
            and request.is_navigation_request()
            and url == self.document.final_url
        ):
            self.document_served = True
            route.fulfill(
                status=self.document.status,
                headers=_headers_for_browser(self.document),
                body=self.document.body,
            )
            return
        self.made += 1
        if self.closed:
            self.refuse(route, url, "after_capture")
            return
        if request.method not in ("GET", "HEAD"):
            self.refuse(route, url, "method_not_allowed")
            return
        if self.made > self.budget.max_requests:
            self.cut("request_budget")
            self.refuse(route, url, "request_budget")
            return
        if _origin(url) in self.dead_origins:
            self.failed += 1
            _quietly(route.abort, "failed")
            return
        left = self.deadline - time.monotonic()
        bytes_left = self.budget.max_bytes - self.bytes
        if left <= 0.05:
            self.cut("time_budget")
            self.refuse(route, url, "time_budget")
            return
        if bytes_left <= 0:
            self.cut("byte_budget")
            self.refuse(route, url, "byte_budget")
            return
        policy = dataclasses.replace(
            self.policy,
            deadline=min(self.policy.deadline, left),
            max_bytes_text=min(self.policy.max_bytes_text, bytes_left),
            max_bytes_pdf=min(self.policy.max_bytes_pdf, bytes_left),
            max_bytes_error_body=min(self.policy.max_bytes_error_body, bytes_left),
            allowed_content_types=SUBRESOURCE_CONTENT_TYPES,
        )
        self.pending.append((route, self.pool.submit(fetch, url, policy)))

    def on_websocket(self, ws: Any) -> None:
        self.made += 1
        self.blocked.append((ws.url[:2048], "websocket"))
        try:
            ws.close(code=1008, reason="not archived")
        except Exception:
            logger.debug("websocket close failed", exc_info=True)

    def settle(self) -> None:
        """Answer finished fetches; called from the capture loop on the browser thread."""
        still: list[tuple[Any, concurrent.futures.Future[FetchResult]]] = []
        for route, future in self.pending:
            if not future.done():
                still.append((route, future))
                continue
            self.last_activity = time.monotonic()
            self._answer(route, future)
        self.pending = still

    def _answer(self, route: Any, future: concurrent.futures.Future[FetchResult]) -> None:
        url = route.request.url
        try:
            result = future.result()
        except Blocked as exc:
            self.refuse(route, url, exc.reason)
            return
        except FetchFailed as exc:
            if exc.reason == "too_large" and self.bytes >= self.budget.max_bytes * 0.5:
                self.cut("byte_budget")
            elif exc.reason == "deadline_exceeded":
                self.cut("time_budget")
            if exc.reason in _DEAD_ORIGIN_REASONS:
                self.dead_origins.add(_origin(url))
            if exc.result is None:
                if exc.reason == "unsupported_content_type":
                    self.refuse(route, url, exc.reason)
                    return
                self.failed += 1
                _quietly(route.abort, "failed")
                return
            result = exc.result
        except FetchError as exc:  # pragma: no cover - the two subclasses above are all
            self.refuse(route, url, exc.reason)
            return
        self.exchanges.append(result)
        self.bytes += len(result.raw_body)
        if result.status >= 400:
            self.failed += 1
        _quietly(
            route.fulfill,
            status=result.status,
            headers=_headers_for_browser(result),
            body=result.body,
        )

    def close(self) -> None:
        """No more answers: abort whatever is still in flight."""
        self.closed = True
        for route, future in self.pending:
            future.cancel()
            self.blocked.append((route.request.url[:2048], "unfinished"))
            _quietly(route.abort, "timedout")
        self.pending = []
        self.pool.shutdown(wait=False, cancel_futures=True)


_DEAD_ORIGIN_REASONS = frozenset(
    {"dns_failure", "connect_timeout", "connection_error", "tls_error"}
)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _quietly(fn: Any, *args: Any, **kwargs: Any) -> None:
    try:
        fn(*args, **kwargs)
    except Exception:  # the page navigated or closed; nothing to answer any more
        logger.debug("route answer failed", exc_info=True)


def _headers_for_browser(result: FetchResult) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in result.headers:
        lname = name.lower()
        if lname in _DROPPED_HEADERS:
            continue
        headers[lname] = f"{headers[lname]}, {value}" if lname in headers else value
    return headers


_HEIGHT_JS = (
    "() => Math.max(document.documentElement ? document.documentElement.scrollHeight : 0,"
    " document.body ? document.body.scrollHeight : 0)"
)


def _run(
    browser: Any,
    *,
    document: FetchResult,
    policy: FetchPolicy,
    budget: BrowserBudget,
    t0: float,
) -> tuple[_Session, str, str, Screenshot | None]:
    session = _Session(document, policy, budget, t0)
    context = browser.new_context(
        service_workers="block",
        viewport=_VIEWPORT,
        user_agent=f"{policy.user_agent} {TOOL}",
        accept_downloads=False,
        java_script_enabled=True,
    )
    try:
        context.route("**/*", session.on_route)
        context.route_web_socket(re.compile(r".*"), session.on_websocket)
        page = context.new_page()
        page.set_default_timeout(max(1_000, budget.seconds * 1000))
        loaded: list[bool] = []
        page.on("load", lambda _page: loaded.append(True))
        page.goto(document.final_url, wait_until="commit", timeout=budget.seconds * 1000)
        while True:
            page.wait_for_timeout(20)
            session.settle()
            now = time.monotonic()
            if now >= session.deadline:
                session.cut("time_budget")
                break
            if session.partial:
                break
            idle = now - session.last_activity >= budget.idle_seconds
            if loaded and not session.pending and idle:
                break
        session.close()
        title = page.title()
        html = page.content()
        screenshot = _screenshot(page, budget)
        return session, title, html, screenshot
    finally:
        session.close()
        try:
            context.close()
        except Exception:
            logger.debug("context close failed", exc_info=True)


#: a page taller than this is shot in slices of this height and stitched: Chromium's own
#: full-page shot of a 20,000 px page peaks at over a gigabyte in the browser process
SLICE_HEIGHT = 2_500
#: zlib level of a stitched screenshot: level 1 takes about a third of the CPU of level 6
#: (a 8,000 px page: ~0.4 s instead of ~1.2 s here) for a file about a quarter larger
STITCH_LEVEL = 1


def _screenshot(page: Any, budget: BrowserBudget) -> Screenshot:
    """Chromium's own screenshot (DevTools ``Page.captureScreenshot`` beyond the viewport,
    with its fast PNG encoder), in slices stitched together for a tall page."""
    height = min(int(page.evaluate(_HEIGHT_JS) or 0), budget.max_screenshot_height)
    height = max(height, 1)
    cdp = page.context.new_cdp_session(page)
    try:
        slices = [
            _shoot(cdp, top, min(SLICE_HEIGHT, height - top))
            for top in range(0, height, SLICE_HEIGHT)
        ]
    finally:
        _quietly(cdp.detach)
    png = slices[0] if len(slices) == 1 else _stitch(slices)
    width, shot_height = png_size(png)
    return Screenshot(png, width, shot_height, hashlib.sha256(png).hexdigest())


def _shoot(cdp: Any, top: int, height: int) -> bytes:
    answer = cdp.send(
        "Page.captureScreenshot",
        {
            "format": "png",
            "clip": {"x": 0, "y": top, "width": _VIEWPORT["width"], "height": height, "scale": 1},
            "captureBeyondViewport": True,
            "optimizeForSpeed": True,
        },
    )
    return base64.b64decode(answer["data"])


def _stitch(slices: list[bytes]) -> bytes:
    """One PNG of the slices, top to bottom, encoded row by row: only one decoded slice is in
    memory at a time (a whole 1280 x 20,000 page would be 77 MB decoded)."""
    from PIL import Image

    sizes = [png_size(png) for png in slices]
    width, height = sizes[0][0], sum(h for _w, h in sizes)
    compressor = zlib.compressobj(STITCH_LEVEL)
    data = io.BytesIO()
    for png, (slice_width, _h) in zip(slices, sizes, strict=True):
        if slice_width != width:
            raise ValueError("screenshot slices differ in width")
        with Image.open(io.BytesIO(png)) as image:
            raw = image.convert("RGB").tobytes()
        stride = width * 3
        for top in range(0, len(raw), stride):
            data.write(compressor.compress(b"\x00" + raw[top : top + stride]))
        del raw
    data.write(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", data.getvalue()),
            _png_chunk(b"IEND", b""),
        ]
    )


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def capture_page(
    url: str,
    *,
    policy: FetchPolicy,
    budget: BrowserBudget | None = None,
    document: FetchResult | None = None,
    executable: str = CHROMIUM,
    restart_every: int = RESTART_EVERY,
) -> BrowserCapture:
    """Capture ``url`` in Chromium. ``document`` is the page's own response when the caller
    already fetched it (the raw capture); otherwise it is fetched here.

    Raises ``Blocked``/``FetchFailed`` when the document itself cannot be fetched (as the raw
    path would) and ``BrowserFailed`` when the browser could not render it.
    """
    budget = budget or BrowserBudget()
    started_at = datetime.now(UTC)
    t0 = time.monotonic()
    if document is None:
        first = dataclasses.replace(policy, deadline=min(policy.deadline, budget.seconds))
        document = fetch(url, policy=first)
    fetched = document

    def job(browser: Any, version: str) -> tuple[_Session, str, str, Screenshot | None, str]:
        return (*_run(browser, document=fetched, policy=policy, budget=budget, t0=t0), version)

    try:
        session, title, html, screenshot, version = run_in_browser(
            job,
            timeout=budget.seconds + STUCK_GRACE,
            executable=executable,
            restart_every=restart_every,
        )
    except TimeoutError as exc:
        raise BrowserFailed("browser_stuck", str(exc)) from exc
    except Exception as exc:
        raise BrowserFailed("browser_error", f"{type(exc).__name__}: {exc}") from exc
    page = extract_text(html.encode("utf-8"), "text/html", "utf-8", document.final_url)
    finished_at = datetime.now(UTC)
    capture = BrowserCapture(
        url=url,
        final_url=document.final_url,
        document=document,
        title=page.title or title.strip(),
        text=page.text,
        html=html,
        screenshot=screenshot,
        warc=b"",
        browser_version=version,
        started_at=started_at,
        finished_at=finished_at,
        requests_made=session.made,
        requests_blocked=len(session.blocked),
        requests_failed=session.failed,
        bytes_fetched=session.bytes,
        partial_reason=session.partial,
        blocked=list(session.blocked),
    )
    warc = build_capture_warc(capture, session.exchanges, tool=TOOL)
    return dataclasses.replace(capture, warc=warc)
