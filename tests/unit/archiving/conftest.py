from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE_PAGES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "article-pages"


@pytest.fixture
def fixture_bytes() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in FIXTURES.iterdir() if p.is_file()}


@pytest.fixture(scope="session")
def article_pages() -> Path:
    """The shared article-extraction benchmark (../shared/data/article-pages)."""
    if not (ARTICLE_PAGES / "ground-truth.json").is_file():
        message = f"shared article pages not found at {ARTICLE_PAGES}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return ARTICLE_PAGES
