"""``manage.py fetch_url``: one JSON object on stdout and an exit status per verdict."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.servers import LocalServer, respond

ROOT = Path(__file__).resolve().parents[2]
PAGE = b"<html><head><title>T</title></head><body><p>fetched</p></body></html>"


def run(*args: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = 0
    try:
        call_command("fetch_url", *args, stdout=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, lines
    return code, json.loads(lines[0])


@pytest.fixture
def server(settings: Any) -> Any:
    routes = {
        "/": lambda h: respond(h, 200, PAGE, [("Content-Type", "text/html")]),
        "/moved": lambda h: respond(h, 302, b"", [("Location", "/")]),
        "/gone": lambda h: respond(h, 404, b"gone", [("Content-Type", "text/plain")]),
        "/meta": lambda h: respond(h, 302, b"", [("Location", "http://169.254.169.254/")]),
    }
    with LocalServer(routes) as srv:
        settings.FETCH_ALLOWED_HOSTPORTS = [srv.hostport]
        yield srv


def test_fetched(server: LocalServer) -> None:
    code, report = run(server.url("/moved"))
    assert code == 0
    assert report["verdict"] == "fetched"
    assert report["status"] == 200
    assert report["final_url"] == server.url("/")
    assert report["size"] == len(PAGE)
    assert len(report["sha256"]) == 64
    assert [hop["status"] for hop in report["chain"]] == [302, 200]
    assert report["reason"] is None


def test_blocked_redirect(server: LocalServer) -> None:
    code, report = run(server.url("/meta"))
    assert code == 3
    assert (report["verdict"], report["reason"]) == ("blocked", "address_not_allowed")
    assert report["message"]
    assert report["chain"][0]["status"] == 302


def test_failed_http_error(server: LocalServer) -> None:
    code, report = run(server.url("/gone"))
    assert code == 4
    assert (report["verdict"], report["reason"], report["status"]) == ("failed", "http_error", 404)


def test_check_only(server: LocalServer) -> None:
    code, report = run("--check", server.url("/"))
    assert (code, report["verdict"], report["ips"]) == (0, "allowed", ["127.0.0.1"])
    assert server.requests == []  # --check never connects
    code, report = run("--check", "http://[::ffff:127.0.0.1]/")
    assert (code, report["verdict"], report["reason"]) == (3, "blocked", "address_not_allowed")


def test_exit_status_from_the_command_line() -> None:
    env = {**os.environ, "FETCH_ALLOWED_HOSTPORTS": ""}
    proc = subprocess.run(
        [sys.executable, "manage.py", "fetch_url", "--check", "gopher://example.com/"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3, proc.stderr
    assert json.loads(proc.stdout)["reason"] == "scheme_not_allowed"
