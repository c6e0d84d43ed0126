"""One headless Chromium per process, owned by a thread of its own.

Playwright's sync API keeps an asyncio loop marked as running in the thread that uses it, and
Django's ORM refuses to run beside one; so the browser lives in a dedicated thread and
``run_in_browser`` hands it work. The browser is started on first use (after a Celery prefork
child has forked), reused for a capture after another (a new context per capture) and, with
Playwright's driver, started afresh every ``RESTART_EVERY`` captures or when it died.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import ctypes
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
#: the port of a proxy nobody listens on (9 is "discard"): any request Chromium would send
#: itself instead of through our interception goes there and fails
DEAD_PROXY = "127.0.0.1:9"
#: Playwright's own ``--enable-features``/``--disable-features`` (Playwright 1.5x for
#: Chromium). Chromium keeps only the last value of a switch given twice, so the lists below
#: repeat Playwright's entries: without them ours would silently drop its (HTTPS upgrades would
#: come back, the screenshot surface Playwright relies on would go).
_PLAYWRIGHT_DISABLED = (
    "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,"
    "ThirdPartyStoragePartitioning,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,"
    "NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch"
)
_PLAYWRIGHT_ENABLED = "CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies"
#: V8's old-generation heap of a renderer, MB: a page's scripts past it crash the renderer
#: (the capture fails and the raw capture stands) instead of growing the worker
JS_HEAP_MB = 384
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
    # Memory (docs/archiving.md, "Memory"): no process per site. Site isolation protects one
    # site's data in a renderer from another site's script; a capture has no cookies, no
    # credentials and no network of its own (every request is answered by the safe fetcher),
    # so there is nothing in the renderer to protect, and a page's cross-site frames share
    # its renderer. One renderer at a time, the network service inside the browser process,
    # and no hidden omnibox pop-ups: headless Chromium 15x loads them as WebUI pages in a
    # renderer of their own for every browser context (about 50 MB per capture).
    f"--disable-features={_PLAYWRIGHT_DISABLED},NetworkPrediction,IsolateOrigins,"
    "site-per-process,Translate,MediaRouter,InterestFeedContentSuggestions,BackForwardCache,"
    "WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    f"--enable-features={_PLAYWRIGHT_ENABLED},NetworkServiceInProcess2",
    "--disable-site-isolation-trials",
    "--renderer-process-limit=1",
    f"--js-flags=--max-old-space-size={JS_HEAP_MB}",
    "--disable-extensions",
    "--no-zygote",
    "--in-process-gpu",
)
#: Playwright's driver (Node.js) with a small young generation and a capped heap: it passes
#: every screenshot through as a string, and by default keeps growing its heap over captures
#: (about 155 MB after 20 captures, 118 MB with these)
DRIVER_NODE_OPTIONS = "--max-semi-space-size=2 --max-old-space-size=256"
#: captures before the browser and Playwright's driver are started afresh: what a page leaves
#: behind in them (caches, fragmented heaps) is returned to the system at least this often
RESTART_EVERY = 25

T = TypeVar("T")


class _Runner(threading.Thread):
    def __init__(self, executable: str, restart_every: int = RESTART_EVERY) -> None:
        super().__init__(name="browser-capture", daemon=True)
        self.executable = executable
        self.restart_every = max(1, restart_every)
        self.jobs: queue.Queue[tuple[Callable[[Any, str], Any], concurrent.futures.Future[Any]]]
        self.jobs = queue.Queue()
        self.pid = os.getpid()
        self.browser: Any = None
        self.version = ""
        self.stopped = threading.Event()
        self.owned: set[int] = set()
        #: captures run since the start; the browser and driver restart every ``restart_every``
        self.done = 0
        self.starts = 0
        #: set when a stuck job was given up on: the thread ends instead of starting afresh
        self.abandoned = False

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        stop = False
        while not stop and not self.abandoned:
            before = set(descendants(self.pid))
            with _node_options(DRIVER_NODE_OPTIONS):
                playwright = sync_playwright().start()
            try:
                self.starts += 1
                # the Playwright driver started just now: the browser to kill if it gets stuck
                # is below it, never another browser of this process (a test's own, say)
                self.owned = set(descendants(self.pid)) - before
                stop = self._serve(playwright)
                if self.browser is not None:
                    try:
                        self.browser.close()
                    except Exception:  # already gone
                        logger.debug("browser close failed", exc_info=True)
                    self.browser = None
            finally:
                playwright.stop()
            _trim_heap()
        self.stopped.set()

    def _serve(self, playwright: Any) -> bool:
        """Run jobs until asked to stop (True) or until it is time to restart (False)."""
        while True:
            fn, future = self.jobs.get()
            if fn is _STOP:
                return True
            if not future.set_running_or_notify_cancel():
                continue
            failed = False
            try:
                if self.browser is None or not self.browser.is_connected():
                    self.browser = self._launch(playwright)
                    self.version = self.browser.version
                future.set_result(fn(self.browser, self.version))
            except BaseException as exc:
                future.set_exception(exc)
                failed = True
            finally:
                del fn, future  # no capture outlives its job here
            self.done += 1
            _trim_heap()
            if self.done % self.restart_every == 0:
                return False
            if failed and (self.browser is None or not self.browser.is_connected()):
                return False  # the browser or the driver died with the job: start both afresh

    def _launch(self, playwright: Any) -> Any:
        """Start Chromium; a second time if the first start failed (seen once in many hundred
        starts: Chromium crashed while starting, on a machine busy with other browsers)."""
        try:
            return playwright.chromium.launch(
                executable_path=self.executable, args=list(LAUNCH_ARGS)
            )
        except Exception:
            logger.warning("Chromium did not start; trying once more", exc_info=True)
            return playwright.chromium.launch(
                executable_path=self.executable, args=list(LAUNCH_ARGS)
            )


@contextlib.contextmanager
def _node_options(options: str) -> Iterator[None]:
    """``NODE_OPTIONS`` extended with ``options`` while Playwright starts its driver (a Node.js
    process, which takes its environment from ours at that moment)."""
    saved = os.environ.get("NODE_OPTIONS")
    os.environ["NODE_OPTIONS"] = f"{saved} {options}" if saved else options
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("NODE_OPTIONS", None)
        else:
            os.environ["NODE_OPTIONS"] = saved


def _trim_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc ``malloc_trim``): a capture's
    screenshots and DOM pass through Python as large strings, and freed malloc memory
    otherwise stays with the process."""
    with contextlib.suppress(AttributeError, OSError):  # not glibc: nothing to trim
        ctypes.CDLL(None).malloc_trim(0)


def _STOP(browser: Any, version: str) -> None:  # a sentinel job
    return None


_lock = threading.Lock()
_runner: _Runner | None = None


def _current(executable: str, restart_every: int) -> _Runner:
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
            _runner = _Runner(executable, restart_every)
            _runner.start()
        _runner.restart_every = max(1, restart_every)
        return _runner


def run_in_browser(
    fn: Callable[[Any, str], T],
    *,
    timeout: float,
    executable: str = CHROMIUM,
    restart_every: int = RESTART_EVERY,
) -> T:
    """Run ``fn(browser, browser_version)`` on the browser thread and wait at most ``timeout``.

    A job still running after ``timeout`` is abandoned with its browser, which is shut down
    (``TimeoutError``); the next call starts a fresh one. The browser and Playwright's driver
    are started afresh after every ``restart_every`` jobs.
    """
    runner = _current(executable, restart_every)
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
    runner.abandoned = True
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
