#!/usr/bin/env python
"""Run the workbench in one terminal: the Django web server and the Celery workers, one per
queue (``workbench.celery.WORKERS``: extract, archive, webhooks, default; beat runs in the
default queue's worker).

    python scripts/run.py 127.0.0.1:8000

Ctrl-C (or SIGTERM) stops all of them; if any exits on its own, the others are stopped too, so
a broken worker is never hidden behind a running web server.
"""

from __future__ import annotations

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


def main() -> int:
    addr = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"
    default_env_file(ROOT)  # the web server and the workers read the same .env
    children = [subprocess.Popen(command, cwd=ROOT) for command in commands(addr)]
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
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


if __name__ == "__main__":
    sys.exit(main())
