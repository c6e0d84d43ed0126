"""The fact-claim verification workbench (Django project)."""

from workbench.celery import app as celery_app

__all__ = ("celery_app",)
