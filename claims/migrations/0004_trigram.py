"""pg_trgm for "seen before" (similar claims) on PostgreSQL; a no-op on SQLite.

Not ``TrigramExtension()`` itself: that operation would fail on SQLite, where the selector
falls back to token overlap in Python.
"""

from django.db import migrations

TRGM_INDEX = "claims_claim_text_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON claims_claim USING gin (text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_workflow_evidence"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
