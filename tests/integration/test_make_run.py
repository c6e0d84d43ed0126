"""`make run` itself, on the embedded default: SQLite and the filesystem broker, no servers.

The test starts the README's first command in a scratch var/ folder, logs in with the printed
demo account, waits for the seed (or demo) article's claims to appear in the admin, and has the
worker archive a citation through the filesystem queue.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import ROOT, wait_for

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login(client: httpx.Client, base: str) -> None:
    page = client.get(f"{base}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        f"{base}/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": "reviewer", "password": "workbench-demo"},
        headers={"Referer": f"{base}/admin/login/"},
    )
    assert "Log out" in response.text, response.text[:500]


def test_make_run_serves_the_admin_with_claims_and_archives(tmp_path, page_server):
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_DIR", "DJANGO_DEBUG"}
    }
    env.update(
        WORKBENCH_VAR_DIR=str(tmp_path / "var"),
        FETCH_ALLOWED_HOSTPORTS=f"127.0.0.1:{page_server.port}",
        VENV=str(ROOT / ".venv"),
    )
    log_path = tmp_path / "make-run.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"ADDR=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: f"Workbench: {base}/admin/" in log_path.read_text(), timeout=120)

        def up():
            try:
                return httpx.get(f"{base}/admin/login/", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, timeout=60)
        with httpx.Client(timeout=10, follow_redirects=True) as client:
            _login(client, base)

            def claims_listed():
                page = client.get(f"{base}/admin/claims/claim/").text
                match = re.search(r"(\d+) claims?\b", page)
                return int(match.group(1)) if match else 0

            assert wait_for(claims_listed, timeout=90) >= 10

        url = page_server.add("/embedded.html", "<html><title>Embedded</title><p>ok</p></html>")
        script = (
            "from claims.models import Claim; from claims.services import citation_add; "
            f"citation_add(claim=Claim.objects.first(), url={url!r})"
        )
        shell_env = {**env, "DJANGO_DEBUG": "1"}
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
            cwd=ROOT,
            env=shell_env,
            check=True,
            timeout=60,
        )

        def archived():
            out = subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "shell",
                    "--no-imports",
                    "-c",
                    "from sources.models import Snapshot; "
                    "print(Snapshot.objects.values_list('status', flat=True).first())",
                ],
                cwd=ROOT,
                env=shell_env,
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout.strip()
            return out == "succeeded"

        wait_for(archived, timeout=60, interval=1)
        assert page_server.hits["/embedded.html"] == 1
    except AssertionError:
        print(log_path.read_text()[-4000:])
        raise
    finally:
        # Ctrl-C, as a person would: both the web server and the worker must stop.
        os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
        survivors = _group_alive(proc.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode is not None, "make run did not stop on Ctrl-C"
    assert not survivors, "a process of make run outlived Ctrl-C"


def _group_alive(pgid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.2)
    return True
