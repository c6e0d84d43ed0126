"""Fixtures for the extraction tests: paths into ../shared that skip (or fail in CI)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture
def shared_path() -> Callable[..., Path]:
    """Return a getter for ../shared files: skip when missing, fail when `CI` is set."""

    def get(*parts: str) -> Path:
        path = SHARED.joinpath(*parts)
        if not path.exists():
            reason = f"{path} is missing (the shared data set ships with CI only)"
            if os.environ.get("CI"):
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
        return path

    return get
