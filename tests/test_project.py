"""The project's own configuration: compose file, deploy checks, migrations."""

import os
import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def test_compose_file_defines_the_stack_with_health_checks():
    from workbench.celery import QUEUES

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    workers = {f"worker-{queue}" for queue in QUEUES}
    assert set(services) == {"postgres", "redis", "web", "beat", *workers}
    for name in services:
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    for queue in QUEUES:  # one worker service per queue, consuming that queue only
        command = services[f"worker-{queue}"]["command"].split()
        assert command[command.index("-Q") + 1] == queue
        assert "archive:/data/media" in services[f"worker-{queue}"]["volumes"]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://")


def test_each_kind_of_work_has_its_own_queue_and_time_limits():
    from celery import current_app

    import workbench.celery  # noqa: F401 - registers the tasks
    from workbench.celery import QUEUES, app

    app.loader.import_default_modules()
    route = {name: app.amqp.router.route({}, name)["queue"].name for name in app.tasks}
    assert route["claims.tasks.extract_article_claims"] == "extract"
    assert route["sources.tasks.archive_snapshot"] == "archive"
    assert route["claims.tasks.fetch_article"] == "archive"
    assert route["integrations.tasks.deliver_webhook"] == "webhooks"
    assert route["claims.tasks.find_evidence"] == "default"
    apps = ("claims.", "sources.", "integrations.")
    ours = {name: queue for name, queue in route.items() if name.startswith(apps)}
    assert set(ours.values()) <= set(QUEUES)
    assert set(ours.values()) == set(QUEUES)  # and every queue has work
    limits = {
        name: (current_app.tasks[name].soft_time_limit, current_app.tasks[name].time_limit)
        for name in ("claims.tasks.extract_article_claims", "integrations.tasks.deliver_webhook")
    }
    for soft, hard in limits.values():
        assert soft and hard and soft < hard
    # A delivery gives up long before an archive fetch would.
    assert limits["integrations.tasks.deliver_webhook"][1] <= 30


def test_make_run_starts_a_worker_for_every_queue():
    from workbench.celery import QUEUES

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    commands = run.commands("127.0.0.1:8000")
    served = [c[c.index("-Q") + 1] for c in commands if "worker" in c]
    assert served == list(QUEUES)  # one process each: none waits behind another
    assert sum("-B" in c for c in commands) == 1  # beat once
    assert any("runserver" in c for c in commands)
    readme = (ROOT / "README.md").read_text()
    for queue in QUEUES:
        assert f"`{queue}`" in readme, f"the README does not mention the {queue} queue"


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FETCH_"))}
    clean["DJANGO_ENV_FILE"] = ""  # production: never the checkout's .env that `make run` writes
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuv",
    "DJANGO_ALLOWED_HOSTS": "workbench.example.org",
}


def _warnings(output: str) -> set[str]:
    return set(re.findall(r"\((\w+\.W\d+)\)", output))


def test_check_deploy_warns_only_about_what_the_readme_explains():
    result = _manage("check", "--deploy", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # HSTS preload is an opt-in commitment for the operator (README, "Deploying").
    assert _warnings(result.stdout + result.stderr) <= {"security.W021"}
    assert "security.W021" in (ROOT / "README.md").read_text()


def test_check_deploy_warns_when_the_fetch_allow_list_is_set():
    result = _manage("check", "--deploy", FETCH_ALLOWED_HOSTPORTS="127.0.0.1:8000", **PRODUCTION)
    assert "sources.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_ALLOWED_HOSTS="x.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_manage_py_reads_a_dotenv_without_overriding_the_environment(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("# what `make run` writes\nDJANGO_DEBUG=1\n", encoding="utf-8")
    development = _manage("check", DJANGO_ENV_FILE=str(dotenv))
    assert development.returncode == 0, development.stderr  # debug on: no secret key needed
    production = _manage("check", DJANGO_ENV_FILE=str(dotenv), DJANGO_DEBUG="0")
    assert production.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in production.stderr  # the real variable won


def test_make_writes_a_development_dotenv_once(tmp_path):
    target = tmp_path / ".env"
    made = subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), ".env"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert "DJANGO_DEBUG=1" in target.read_text().splitlines()
    target.write_text("DJANGO_DEBUG=1\nMY_SETTING=kept\n")
    subprocess.run(["make", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), ".env"], check=True)
    assert "MY_SETTING=kept" in target.read_text()  # never overwritten
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_long_modules_say_why_at_their_top():
    """Issue 11: no module outside migrations and tests over 400 lines without a reason."""
    silent = []
    for folder in ("workbench", "claims", "sources", "integrations", "scripts", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            top = text.removeprefix("#!/usr/bin/env python\n")
            if text.count("\n") > 400 and not top.startswith("# Over 400 lines on purpose: "):
                silent.append(str(path.relative_to(ROOT)))
    assert silent == []
