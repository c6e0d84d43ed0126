"""One headless Chromium per process, owned by a thread of its own.

Playwright's sync API keeps an asyncio loop marked as running in the thread that uses it, and
Django's ORM refuses to run beside one; so the browser lives in a dedicated thread and
``run_in_browser`` hands it work. The browser is started on first use (after a Celery prefork
child has forked), reused for every capture of the process (a new context per capture), and
started again if it died.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
#: the port of a proxy nobody listens on (9 is "discard"): any request Chromium would send
#: itself instead of through our interception goes there and fails
DEAD_PROXY = "127.0.0.1:9"
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--no-first-run",
    "--no-pings",
    "--mute-audio",
    # Chromium must be unable to reach the network by itself: no name resolves, every
    # connection (loopback included, which Chromium otherwise never proxies) goes to a dead
    # proxy, and WebRTC may not send UDP around it.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    f"--proxy-server=http://{DEAD_PROXY}",
    "--proxy-bypass-list=<-loopback>",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-features=NetworkPrediction,PreconnectToSearch,IsolateOrigins,site-per-process,"
    "Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
    # Memory: a capture holds no cookies or credentials, so a page's cross-site frames may
    # share its renderer (no process per site); at most two renderers at a time.
    "--disable-site-isolation-trials",
    "--renderer-process-limit=2",
    "--disable-extensions",
    "--no-zygote",
    "--in-process-gpu",
    "--enable-features=NetworkServiceInProcess",
)

T = TypeVar("T")


class _Runner(threading.Thread):
    def __init__(self, executable: str) -> None:
        super().__init__(name="browser-capture", daemon=True)
        self.executable = executable
        self.jobs: queue.Queue[tuple[Callable[[Any, str], Any], concurrent.futures.Future[Any]]]
        self.jobs = queue.Queue()
        self.pid = os.getpid()
        self.browser: Any = None
        self.version = ""
        self.stopped = threading.Event()
        self.owned: set[int] = set()

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        before = set(descendants(self.pid))
        with sync_playwright() as playwright:
            # the Playwright driver started just now: the browser to kill if it gets stuck is
            # below it, never another browser of this process (a test's own, say)
            self.owned = set(descendants(self.pid)) - before
            while True:
                fn, future = self.jobs.get()
                if fn is _STOP:
                    break
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if self.browser is None or not self.browser.is_connected():
                        self.browser = playwright.chromium.launch(
                            executable_path=self.executable, args=list(LAUNCH_ARGS)
                        )
                        self.version = self.browser.version
                    future.set_result(fn(self.browser, self.version))
                except BaseException as exc:
                    future.set_exception(exc)
            if self.browser is not None:
                try:
                    self.browser.close()
                except Exception:  # already gone
                    logger.debug("browser close failed", exc_info=True)
        self.stopped.set()


def _STOP(browser: Any, version: str) -> None:  # a sentinel job
    return None


_lock = threading.Lock()
_runner: _Runner | None = None


def _current(executable: str) -> _Runner:
    global _runner
    with _lock:
        if (
            _runner is None
            or _runner.pid != os.getpid()
            or not _runner.is_alive()
            or _runner.executable != executable
        ):
            if _runner is not None and _runner.pid == os.getpid() and _runner.is_alive():
                _runner.jobs.put((_STOP, concurrent.futures.Future()))
            _runner = _Runner(executable)
            _runner.start()
        return _runner


def run_in_browser(fn: Callable[[Any, str], T], *, timeout: float, executable: str = CHROMIUM) -> T:
    """Run ``fn(browser, browser_version)`` on the browser thread and wait at most ``timeout``.

    A job still running after ``timeout`` is abandoned with its browser, which is shut down
    (``TimeoutError``); the next call starts a fresh one.
    """
    runner = _current(executable)
    future: concurrent.futures.Future[T] = concurrent.futures.Future()
    runner.jobs.put((fn, future))
    try:
        return future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        _abandon(runner)
        raise TimeoutError(f"the browser did not finish within {timeout:.0f} s") from None


def _abandon(runner: _Runner) -> None:
    """Forget a stuck runner and kill its Chromium so the stuck call returns with an error."""
    global _runner
    with _lock:
        if _runner is runner:
            _runner = None
    runner.jobs.put((_STOP, concurrent.futures.Future()))
    _kill_browser_processes(runner)


def descendants(pid: int) -> list[int]:
    """The process ids below ``pid`` (Linux ``/proc``; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_browser_processes(runner: _Runner) -> None:
    """SIGKILL the Chromium processes of ``runner`` (below its Playwright driver), so that
    the stuck call returns with an error."""
    import signal

    for pid in {p for root in runner.owned for p in descendants(root)}:
        try:
            exe = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            continue
        if "chrom" in os.path.basename(exe):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def shutdown_browser(timeout: float = 10) -> None:
    """Close this process's browser (tests, worker shutdown)."""
    global _runner
    with _lock:
        runner, _runner = _runner, None
    if runner is None or runner.pid != os.getpid() or not runner.is_alive():
        return
    runner.jobs.put((_STOP, concurrent.futures.Future()))
    runner.stopped.wait(timeout)


atexit.register(shutdown_browser)
