#!/usr/bin/env python
"""Run the workbench in one terminal: the Django web server and the Celery workers, one per
queue (``workbench.celery.WORKERS``: extract, archive, webhooks, default; beat runs in the
default queue's worker).

    python scripts/run.py 127.0.0.1:8000

Ctrl-C (or SIGTERM, SIGHUP, or ``make`` going away) stops all of them; if any exits on its
own, the others are stopped too, so a broken worker is never hidden behind a running web
server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.celery import WORKERS, worker_command  # noqa: E402
from workbench.envfile import default_env_file  # noqa: E402


def commands(addr: str) -> list[list[str]]:
    """The web server, then one worker per queue (names ``<queue>@<host>``)."""
    workers = [
        worker_command(
            spec.queue,
            concurrency=spec.concurrency,
            name=f"{spec.queue}@%h",
            beat=spec.queue == "default",
        )
        for spec in WORKERS
    ]
    return [*workers, [sys.executable, "manage.py", "runserver", "--noreload", addr]]


def supervise(commands: list[list[str]]) -> int:
    """Start ``commands`` and keep them running together: Ctrl-C, SIGTERM, SIGHUP, one of them
    exiting, or this script's parent (``make``) going away stops all of them."""
    parent = os.getppid()
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    # Handlers first: a signal between starting the children and handling it would end this
    # process by default and leave them running.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    children = [subprocess.Popen(command, cwd=ROOT) for command in commands]
    while not stopping and all(child.poll() is None for child in children):
        if os.getppid() != parent:  # orphaned: whoever started us is gone
            stopping = True
            break
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0 if stopping else 1


def main() -> int:
    default_env_file(ROOT)  # the web server and the workers read the same .env
    return supervise(commands(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))


if __name__ == "__main__":
    sys.exit(main())
