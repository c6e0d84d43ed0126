"""One kind of work cannot starve another: the workbench as ``make run`` starts it (the web
server and one worker per queue, ``scripts/run.py``), on the embedded default in a scratch
var/ folder, driven through the API with a read-write token.

- With the archive queue busy with slow pages and the webhook queue with slow receivers, a
  normal article's claims are extracted within seconds.
- Two 240 KB pathological bodies (issue 12) do not keep a normal article waiting.

The tests share one running stack, in this order: the saturation test leaves only slow
archive and webhook work behind, which the extraction workers never see.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, wait_for

pytestmark = pytest.mark.integration

NORMAL = (
    "The council approved a 450-megawatt wind farm on Tuesday. The project will cost 1.2 "
    'billion euros, the developer said. Mayor Elena Ruiz called the vote "historic".\n'
)
PATHOLOGICAL = "The " + "apple " * 40000 + "rose 5 percent."
PROMPT = 10.0  # seconds a normal article may take, whatever else is queued


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SlowReceiver:
    """Webhook receiver on 127.0.0.1 that takes ``delay`` seconds to answer 204."""

    def __init__(self, delay: float) -> None:
        self.in_flight = 0
        self.received = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.in_flight += 1
                try:
                    time.sleep(delay)
                finally:
                    receiver.in_flight -= 1
                    receiver.received += 1
                with contextlib.suppress(OSError):
                    self.send_response(204)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Stack:
    """``scripts/run.py`` in a subprocess, with its own SQLite database and broker folder."""

    def __init__(self, var: Path, env: dict[str, str]) -> None:
        self.var = var
        self.env = env
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = var / "run.log"
        self.proc: subprocess.Popen | None = None
        self.token = ""

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def start(self) -> None:
        self.manage("migrate", "--noinput")
        self.token = self.shell(
            "from integrations.services import api_token_create; "
            "print(api_token_create(name='Load', scope='read_write')[1])"
        ).splitlines()[-1]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "scripts/run.py", f"127.0.0.1:{self.port}"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        from workbench.celery import WORKERS

        wait_for(lambda: self.log().count(" ready.") >= len(WORKERS), timeout=120)
        wait_for(self._up, timeout=60)

    def _up(self) -> bool:
        try:
            return httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def api(self, method: str, path: str, body: dict | None = None) -> httpx.Response:
        return httpx.request(
            method,
            f"{self.base}/api/v1/{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def submit(self, text: str, title: str) -> int:
        # The same text more than once on purpose (a workload, not a mistake).
        body = {"title": title, "body": text, "allow_duplicate": True}
        response = self.api("POST", "articles", body)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def status(self, article_id: int) -> str:
        return self.api("GET", f"articles/{article_id}").json()["extraction_status"]

    def seconds_to_extract(self, text: str, title: str, limit: float) -> float:
        """Submit ``text`` and wait up to ``limit`` seconds for its claims; the time it took."""
        started = time.monotonic()
        article_id = self.submit(text, title)
        while time.monotonic() - started < limit:
            if self.status(article_id) == "done":
                return time.monotonic() - started
            time.sleep(0.2)
        return float("inf")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def receiver():
    server = SlowReceiver(delay=4)
    yield server
    server.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, page_server, receiver):
    var = tmp_path_factory.mktemp("stack")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_DIR", "CACHE_URL"}
    }
    env.update(
        DJANGO_DEBUG="1",
        WORKBENCH_VAR_DIR=str(var / "var"),
        FETCH_ALLOWED_HOSTPORTS=f"127.0.0.1:{page_server.port},127.0.0.1:{receiver.port}",
        API_THROTTLE_TOKEN="100000/minute",
        PYTHONUNBUFFERED="1",
    )
    running = Stack(var, env)
    try:
        running.start()
        yield running
    except BaseException:
        print(running.log()[-6000:])
        raise
    finally:
        running.stop()


def test_a_normal_article_is_extracted_promptly_while_archiving_and_webhooks_are_saturated(
    stack, page_server, receiver
):
    # Warm up the extraction workers (the first extraction loads the models).
    assert stack.seconds_to_extract(NORMAL, "Warm-up", limit=120) < 120
    articles = stack.api("GET", "articles").json()["results"]
    detail = stack.api("GET", f"articles/{articles[0]['id']}").json()
    claim_id = detail["claims"][0]["id"]

    # The archive queue: twelve cited pages that each take 12 s to arrive.
    for n in range(12):
        url = page_server.add(f"/slow-{n}.html", "<html><title>Slow</title>ok</html>", delay=12)
        response = stack.api("POST", f"claims/{claim_id}/citations", {"url": url})
        assert response.status_code == 201, response.text
    # The webhook queue: ten endpoints whose receiver takes 4 s per delivery, five events each
    # (registered through the service: the API's schema admits only the usual ports).
    payload = json.dumps({"snapshot": {"id": 0}, "source": {}, "links": {}})
    stack.shell(
        "from integrations.services import webhook_emit, webhook_endpoint_create\n"
        "for n in range(10):\n"
        f"    webhook_endpoint_create(name=f'Slow {{n}}', url=f'{receiver.url('/')}{{n}}',"
        " events=['snapshot.finished'])\n"
        f"for _ in range(5): webhook_emit(event='snapshot.finished', payload={payload})"
    )
    slow_hits = lambda: sum(v for k, v in page_server.hits.items() if k.startswith("/slow-"))  # noqa: E731
    wait_for(lambda: slow_hits() + receiver.in_flight >= 2, timeout=30)  # work has started

    took = stack.seconds_to_extract(NORMAL, "While saturated", limit=PROMPT)

    assert took < PROMPT, f"a normal article waited more than {PROMPT} s behind other queues"
    # The other queues were still busy all along.
    succeeded = stack.api("GET", "snapshots?status=succeeded").json()["results"]
    assert len(succeeded) < 12
    assert receiver.received < 50


def test_two_pathological_bodies_do_not_delay_a_normal_article(stack):
    for n in range(2):
        stack.submit(PATHOLOGICAL, f"Pathological {n}")
    time.sleep(1)  # both are taken by the extraction workers
    took = stack.seconds_to_extract(NORMAL, "After the pathological ones", limit=PROMPT)
    assert took < PROMPT, f"a normal article waited more than {PROMPT} s"
