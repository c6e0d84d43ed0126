"""A GIN index for the API's full-text search of claims on PostgreSQL; a no-op on SQLite.

The indexed expression is the one ``SearchVector("text", config="english")`` compiles to, so
that the planner can use the index for ``?search=``.
"""

from django.db import migrations

INDEX = "claims_claim_text_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_protect_review_work")]

    operations = [migrations.RunPython(forwards, backwards)]
