"""Content-addressed blobs on a Django Storage (no database)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from sources.archiving.storage import blob_key, store_blob

if not settings.configured:  # running this package on its own, without pytest-django
    settings.configure()


@pytest.fixture
def storage(tmp_path: Path) -> FileSystemStorage:
    return FileSystemStorage(location=tmp_path / "media")


def test_key_layout_and_digest(storage: FileSystemStorage) -> None:
    data = b"<html>body</html>"
    sha = hashlib.sha256(data).hexdigest()
    key, digest = store_blob(storage, data)
    assert digest == sha
    assert key == f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
    with storage.open(key, "rb") as fh:
        assert fh.read() == data


def test_identical_bodies_are_stored_once(storage: FileSystemStorage, tmp_path: Path) -> None:
    first = store_blob(storage, b"same", prefix="bodies")
    second = store_blob(storage, b"same", prefix="bodies")
    assert first == second
    files = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert len(files) == 1
    assert first[0].startswith("bodies/")


def test_different_bodies_get_different_keys(storage: FileSystemStorage) -> None:
    assert store_blob(storage, b"a")[0] != store_blob(storage, b"b")[0]


def test_empty_body(storage: FileSystemStorage) -> None:
    key, sha = store_blob(storage, b"")
    assert sha == hashlib.sha256(b"").hexdigest()
    assert storage.size(key) == 0


def test_lost_race_keeps_one_copy(storage: FileSystemStorage, tmp_path: Path) -> None:
    """Another worker wrote the blob between our exists() check and save()."""
    data = b"raced"
    key = blob_key(hashlib.sha256(data).hexdigest())
    real_exists = storage.exists
    calls = {"n": 0}

    def exists_once_false(name: str) -> bool:
        calls["n"] += 1
        if calls["n"] == 1:
            storage.save(key, ContentFile(data))  # the other worker
            return False
        return real_exists(name)

    storage.exists = exists_once_false  # type: ignore[method-assign]
    got_key, _ = store_blob(storage, data)
    assert got_key == key
    assert len([p for p in (tmp_path / "media").rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize("prefix", ["../etc", "/abs", "a b", "", "x/../y"])
def test_bad_prefix_is_refused(storage: FileSystemStorage, prefix: str) -> None:
    with pytest.raises(ValueError):
        store_blob(storage, b"x", prefix=prefix)
