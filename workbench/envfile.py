"""A local ``.env`` for development: ``KEY=value`` lines added to the environment, never over
a variable that is already set.

Read only when told: ``DJANGO_ENV_FILE`` names the file (``workbench/settings.py`` reads it
first). ``manage.py`` and ``scripts/run.py`` point it at the checkout's ``.env`` when that
exists (``make run`` writes one with development settings); gunicorn and Celery in production
never read a file, and ``DJANGO_ENV_FILE=`` (empty) turns it off everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_FILE_VARIABLE = "DJANGO_ENV_FILE"


def parse_env_file(text: str) -> dict[str, str]:
    """``KEY=value`` pairs of a dotenv file: comments, blank lines and ``export`` prefixes
    allowed; a value may be quoted ('...' or "...")."""
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key.replace("_", "").isalnum() or key[0].isdigit():
            raise ValueError(f"line {number}: expected KEY=value, got {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


def load_env_file(path: str | os.PathLike[str]) -> list[str]:
    """Add the variables of the file at ``path`` that the environment does not already have;
    returns their names. A file that cannot be read or parsed raises ``ValueError``."""
    file = Path(path)
    try:
        values = parse_env_file(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{ENV_FILE_VARIABLE}={path}: cannot read it ({exc})") from exc
    except ValueError as exc:
        raise ValueError(f"{ENV_FILE_VARIABLE}={path}: {exc}") from exc
    added = [key for key in values if key not in os.environ]
    for key in added:
        os.environ[key] = values[key]
    return added


def default_env_file(root: Path) -> None:
    """Point ``DJANGO_ENV_FILE`` at ``root/.env`` when it exists and nothing was said."""
    candidate = root / ".env"
    if candidate.is_file():
        os.environ.setdefault(ENV_FILE_VARIABLE, str(candidate))
