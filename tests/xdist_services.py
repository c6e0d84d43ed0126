"""Give each pytest-xdist process services of its own, before Django reads its settings.

``make test`` runs the suite in several processes (``pytest -n``). pytest-django already gives
each one its own test database (``test_<name>_gw0``, …); this plugin, loaded with ``-p`` in
``pyproject.toml`` so that it runs before pytest-django sets Django up, gives each its own Redis
database (the broker of the Celery worker it starts) and its own filesystem-broker folder.
Without xdist (a plain ``pytest`` run) it changes nothing.
"""

import os
from collections.abc import MutableMapping
from urllib.parse import urlsplit, urlunsplit

# Redis databases 0-15 exist by default; the politeness tests keep database 15 for themselves.
_REDIS_DATABASES = 15


def _own_redis_database(url: str, worker: int) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = base + worker
    if database >= _REDIS_DATABASES:
        raise RuntimeError(f"pytest-xdist process {worker} has no free Redis database after {base}")
    return urlunsplit(parts._replace(path=f"/{database}"))


def _isolate(environ: MutableMapping[str, str]) -> None:
    name = environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1", … in an xdist process
    if not name:
        return
    worker = int(name.removeprefix("gw"))
    if environ.get("REDIS_URL"):
        environ["REDIS_URL"] = _own_redis_database(environ["REDIS_URL"], worker)
    if environ.get("CELERY_BROKER_DIR"):
        environ["CELERY_BROKER_DIR"] = f"{environ['CELERY_BROKER_DIR']}-{name}"


_isolate(os.environ)
