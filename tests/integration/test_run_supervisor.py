"""scripts/run.py keeps the web server and workers together: whatever stops one way stops all.

The children here are small sleeping processes (the real ones are started by
tests/integration/test_make_run.py, which stops them with Ctrl-C)."""

import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, wait_for

SLEEPER = [sys.executable, "-c", "import time; time.sleep(300)"]
SUPERVISE = (
    "import sys; sys.path.insert(0, 'scripts'); import run; "
    f"sys.exit(run.supervise([{SLEEPER!r}, {SLEEPER!r}]))"
)


def _children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(line) for line in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return not stat.stdout.strip().startswith("Z")


def _start_under_a_parent() -> tuple[subprocess.Popen, int, list[int]]:
    """parent (stands for make) -> run.supervise -> two sleepers."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; "
            f"subprocess.Popen([sys.executable, '-c', {SUPERVISE!r}]); time.sleep(300)",
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    supervisor = wait_for(lambda: (_children_of(parent.pid) or [None])[0], timeout=20)
    sleepers = wait_for(lambda: len(_children_of(supervisor)) == 2 and _children_of(supervisor))
    return parent, supervisor, sleepers


@pytest.mark.parametrize("how", ["SIGTERM to the supervisor", "its parent killed"])
def test_the_supervisor_stops_every_child(how):
    parent, supervisor, sleepers = _start_under_a_parent()
    try:
        if how == "its parent killed":
            parent.kill()  # make killed outright: no signal reaches the supervisor
            parent.wait()
        else:
            os.kill(supervisor, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(map(_alive, [supervisor, *sleepers])):
            time.sleep(0.2)
        assert not any(map(_alive, sleepers)), f"a child outlived {how}"
        assert not _alive(supervisor)
    finally:
        for pid in [supervisor, *sleepers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        parent.kill()
        parent.wait()
