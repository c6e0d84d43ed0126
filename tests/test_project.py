"""The project's own configuration: compose file, deploy checks, migrations."""

import os
import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def test_compose_file_defines_the_stack_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in services:
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    assert "archive" in services["worker"]["command"]
    assert "archive:/data/media" in services["worker"]["volumes"]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://")


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FETCH_"))}
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
