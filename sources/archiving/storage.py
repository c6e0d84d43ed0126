"""Content-addressed blob storage on any Django ``Storage`` (no ORM).

A blob's key is ``<prefix>/<sha[0:2]>/<sha[2:4]>/<sha256>``; identical bytes are stored once.
"""

from __future__ import annotations

import hashlib
import re

from django.core.files.base import ContentFile
from django.core.files.storage import Storage

_PREFIX_RE = re.compile(r"^[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*$")


def blob_key(sha256: str, *, prefix: str = "blobs") -> str:
    if not _PREFIX_RE.match(prefix):
        raise ValueError(f"invalid blob prefix {prefix!r}")
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("sha256 must be 64 lowercase hex digits")
    return f"{prefix}/{sha256[0:2]}/{sha256[2:4]}/{sha256}"


def store_blob(storage: Storage, data: bytes, *, prefix: str = "blobs") -> tuple[str, str]:
    """Store ``data`` under its SHA-256 unless already there. Returns ``(key, sha256)``.

    Safe under concurrency in the sense that two writers of the same bytes write the same
    content: if a racing writer got there first, the storage may have renamed our copy, so we
    delete the renamed duplicate and keep the canonical key.
    """
    sha = hashlib.sha256(data).hexdigest()
    key = blob_key(sha, prefix=prefix)
    if storage.exists(key):
        return key, sha
    saved = storage.save(key, ContentFile(data))
    if saved != key:  # lost a race; the canonical blob exists with identical bytes
        storage.delete(saved)
    return key, sha
