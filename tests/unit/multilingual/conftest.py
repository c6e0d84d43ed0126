"""Shared-data fixtures for the multilingual tests (skip outside CI when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path


@pytest.fixture(scope="session")
def multilingual_folder() -> Path:
    return shared_path("data", "multilingual")


@pytest.fixture(scope="session")
def shared_documents(multilingual_folder):
    from claims.extraction.multilingual.evaluation import load_documents

    return load_documents(multilingual_folder)
