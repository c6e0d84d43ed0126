"""The Celery application, and the queues with the workers that serve them.

Configuration lives in settings under the ``CELERY_`` prefix (``CELERY_TASK_ROUTES`` sends
each task to one of ``QUEUES``). Each queue is served by workers of its own (``make run``,
``docker-compose.yml``, the integration tests all start them from ``WORKERS``): a backlog of
one kind of work, say 200 citations of a slow site or webhooks to a hanging receiver, never
makes another kind wait, and an article's claims still appear within seconds.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_connections(sender=None, **kwargs) -> None:
    """Between tasks, Django's request rule for connections (settings ``CELERY_DB_REUSE_MAX``):
    close one older than ``CONN_MAX_AGE`` or one that saw an error, keep the others. Not for
    eager tasks, which run inside the caller's transaction."""
    if sender is None or getattr(sender.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


@signals.worker_init.connect
def _preload_before_the_pool_forks(sender=None, **kwargs) -> None:
    """Load, in the worker's parent before it forks its pool, what tasks would otherwise load
    in every pool process on its first task: the language model (the text step, claim
    extraction) and, for the workers that read archived text, trafilatura. Measured: about a
    second of CPU per process each, paid again by every new pool process (docs/archiving.md).
    The forked processes share these pages."""
    queues = set(getattr(getattr(sender, "app", app).amqp.queues, "consume_from", None) or ())
    if not queues or queues & {"text", "archive"}:
        import trafilatura  # noqa: F401

    from workbench.langid import language_of

    language_of("The language model is loaded once, before the pool forks.")


@dataclass(frozen=True)
class WorkerSpec:
    """One worker (a prefork pool) for one queue."""

    queue: str
    concurrency: int
    what: str


#: Every queue, in the order ``make run`` starts their workers. Time limits are per task (each
#: task's module; the values are settings): see docs/architecture.md, "Queues".
WORKERS: tuple[WorkerSpec, ...] = (
    WorkerSpec("extract", 2, "claim extraction (CPU-bound, seconds)"),
    WorkerSpec("archive", 2, "fetching pages: cited sources (the capture), articles by URL"),
    WorkerSpec("text", 2, "a captured source's main text and language, then its evidence"),
    WorkerSpec("webhooks", 2, "webhook deliveries (short timeouts, one at a time per endpoint)"),
    WorkerSpec("default", 1, "evidence finding and the beat sweeps"),
)
QUEUES: tuple[str, ...] = tuple(spec.queue for spec in WORKERS)


def worker_command(
    queues: str | list[str] | tuple[str, ...],
    *,
    concurrency: int,
    name: str | None = None,
    beat: bool = False,
    python: str = sys.executable,
) -> list[str]:
    """The ``celery worker`` command line for ``queues`` (one queue, or several in tests)."""
    queue_list = queues if isinstance(queues, str) else ",".join(queues)
    command = [python, "-m", "celery", "-A", "workbench", "worker", "-Q", queue_list]
    command += ["--concurrency", str(concurrency), "--without-gossip", "--without-mingle"]
    command += ["-l", "info"]
    if name:
        command += ["-n", name]
    if beat:
        command.append("-B")
    return command
