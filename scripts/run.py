#!/usr/bin/env python
"""Run the workbench in one terminal: the Django web server and a Celery worker (with beat).

    python scripts/run.py 127.0.0.1:8000

Ctrl-C (or SIGTERM) stops both; if either exits on its own, the other is stopped too, so a
broken worker is never hidden behind a running web server.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = [
    *(sys.executable, "-m", "celery", "-A", "workbench", "worker", "-B"),
    *("-Q", "default,archive", "--concurrency", "2", "--without-gossip", "--without-mingle"),
    *("-l", "info"),
]


def main() -> int:
    addr = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"
    web = [sys.executable, "manage.py", "runserver", "--noreload", addr]
    children = [subprocess.Popen(command, cwd=ROOT) for command in (WORKER, web)]
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
