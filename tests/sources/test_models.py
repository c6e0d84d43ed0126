"""What a snapshot calls itself in the admin (inline captions, history, messages)."""

import pytest

from sources.models import Snapshot
from tests.factories import SnapshotFactory

pytestmark = pytest.mark.django_db


def test_a_snapshot_names_what_its_numbers_are():
    snapshot = SnapshotFactory(status=Snapshot.Status.SUCCEEDED, sha256="ab" * 32)
    assert str(snapshot) == f"Snapshot #{snapshot.pk} of source #{snapshot.source_id} (Succeeded)"
