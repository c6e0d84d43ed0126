"""Shared fixtures: services, personas, a real Celery worker, local web servers, Chromium.

In CI (``CI`` set) the suite refuses to run without PostgreSQL and Redis, and tests that need
a service or Chromium fail instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this (single-threaded test) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM = "/usr/bin/chromium"


def require(condition: bool, reason: str) -> None:
    """Skip a test whose prerequisite is missing; in CI, fail it instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI prerequisite missing: {reason}", pytrace=False)
    pytest.skip(reason)


def wait_for(predicate, timeout: float = 60, interval: float = 0.2):
    """Poll ``predicate`` until it returns something truthy (returned), or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} is not here (the shared data set ships with CI only)")
    return path


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return [
        f"workbench: database={db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or db['NAME']}), "
        f"broker={settings.CELERY_BROKER_URL.split('@')[-1]}, CI={IN_CI}",
        "workbench: integration tests drive a real `celery worker` subprocess",
    ]


def pytest_configure(config):
    if not IN_CI:
        return
    from django.conf import settings

    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must point at PostgreSQL in CI")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        problems.append("REDIS_URL must point at Redis in CI")
    if problems:
        pytest.exit("; ".join(problems), returncode=3)


def pytest_collection_modifyitems(items):
    """Every test has a node id of its own. Schemathesis gives all the items of one test the
    test's id (their names differ: "test_api…[GET /api/v1/claims]"), and pytest-xdist, which
    schedules by node id, would run one of them and drop the others without a word. Such an
    item takes its name's parameter into its id; any other clash stops the run."""
    from collections import Counter

    from _pytest.nodeid import coerce_node_id  # pytest 9 keeps the id here, not in _nodeid

    counts = Counter(item.nodeid for item in items)
    for item in items:
        if counts[item.nodeid] > 1 and "[" in item.name and not item.nodeid.endswith("]"):
            item._id = coerce_node_id(f"{item.nodeid}[{item.name.split('[', 1)[1]}")
    clashes = sorted(n for n, c in Counter(item.nodeid for item in items).items() if c > 1)
    if clashes:
        raise pytest.UsageError(f"tests share a node id (one would not run): {clashes[:5]}")


# Personas -----------------------------------------------------------------------------------


@pytest.fixture
def alice(db):
    """A reviewer: adds citations and proposes verdicts."""
    from tests.factories import make_user

    return make_user("alice", group="Reviewer")


@pytest.fixture
def bob(db):
    """An editor: approves and publishes other people's verdicts."""
    from tests.factories import make_user

    return make_user("bob", group="Editor")


# DNS without a network ----------------------------------------------------------------------

#: a public address (example.org's) for the made-up host names of the tests
PUBLIC_IP = "93.184.215.14"


@pytest.fixture
def fake_dns(monkeypatch):
    """Resolve the tests' host names without a network: ``*.example.org`` and ``*.example.com``
    to a public address; ``fake_dns["internal.test"] = "10.0.0.5"`` adds a name. Addresses
    (``127.0.0.1``, ``2130706433``) and ``localhost`` resolve as usual; any other name does not
    exist, so that no test waits for a real DNS server."""
    import socket

    answers: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.lower().rstrip(".") if isinstance(host, str) else host
        ip = answers.get(name)
        if ip is None and isinstance(name, str) and name.endswith(("example.org", "example.com")):
            ip = PUBLIC_IP
        if ip is None:
            if not isinstance(name, str) or name == "localhost":
                return real(host, port, *args, **kwargs)
            try:
                return real(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})
            except socket.gaierror:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        if ":" in ip:
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port or 0, 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


# Local web servers ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def page_server():
    """A real HTTP server on 127.0.0.1 serving pages that tests register by path."""
    from tests.servers import PageServer

    with PageServer() as server:
        yield server


# A real Celery worker ---------------------------------------------------------------------


def _database_url(settings_dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"


class WorkerProcess:
    """A real ``celery worker`` subprocess. By default it serves every queue (the tests of the
    flows); the queue isolation tests start one per queue, as ``make run`` does."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        queues: str | None = None,
        concurrency: int = 2,
    ):
        from workbench.celery import QUEUES

        self.queues = queues or ",".join(QUEUES)
        self.concurrency = concurrency
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        from workbench.celery import worker_command

        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            worker_command(
                self.queues,
                concurrency=self.concurrency,
                name=f"test-{os.getpid()}-{id(self)}@%h",
            ),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"celery worker exited early:\n{self.log()}")
            if b" ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"celery worker not ready after {timeout}s:\n{self.log()}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]


def _say(request, line: str) -> None:
    """Write a line to the test log, past output capturing."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter and capture:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(line)


def _purge_queues() -> None:
    """Empty the broker's queues, and on Redis also the messages delivered but never
    acknowledged: a worker killed mid-task (here or in an earlier run on the same Redis
    database) leaves its message there, and Redis would hand it back after the visibility
    timeout to whichever worker is running then, naming a row id of another test."""
    from workbench.celery import QUEUES, app

    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in QUEUES:
            channel.queue_purge(queue)
        if hasattr(channel, "unacked_key"):  # kombu's Redis transport
            channel.client.delete(
                channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key
            )


@pytest.fixture(scope="session")
def celery_worker_env(django_db_setup, django_db_blocker, page_server, tmp_path_factory):
    from django.conf import settings
    from django.db import connection

    env = dict(os.environ)
    env["DATABASE_URL"] = _database_url(connection.settings_dict)
    env["FETCH_ALLOWED_HOSTPORTS"] = f"127.0.0.1:{page_server.port}"
    env["WORKBENCH_MEDIA_ROOT"] = str(_session_media(tmp_path_factory))
    env["CELERY_BROKER_DIR"] = str(settings.CELERY_BROKER_DIR)
    env["DJANGO_DEBUG"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture(scope="session")
def celery_worker(celery_worker_env, tmp_path_factory, request):
    """A real `celery worker` process on the configured broker and the test database."""
    _purge_queues()
    worker = WorkerProcess(celery_worker_env, tmp_path_factory.mktemp("worker") / "worker.log")
    worker.start()
    _say(
        request,
        f"workbench: started a real celery worker, pid {worker.proc.pid}, "
        f"broker {celery_worker_env.get('REDIS_URL') or 'filesystem queue'}, "
        f"database {celery_worker_env['DATABASE_URL'].split('@')[-1]}",
    )
    yield worker
    worker.stop()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Archived files of a test session go to a temporary folder."""
    settings.MEDIA_ROOT = str(_session_media(tmp_path_factory))


_MEDIA: list[Path] = []


def _session_media(tmp_path_factory) -> Path:
    if not _MEDIA:
        _MEDIA.append(tmp_path_factory.mktemp("media"))
    return _MEDIA[0]


# Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists() or bool(shutil.which("chromium")), "Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
