"""PostgreSQL only: the tsvector column, its trigger and GIN index (postgres.py).
Nothing on SQLite, which searches with the fallback."""

from django.db import migrations


def forwards(apps, schema_editor):
    from mitplan.search.postgres import schema_ensure

    schema_ensure(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry;"
        "DROP FUNCTION IF EXISTS search_entry_vector();"
        "DROP INDEX IF EXISTS search_entry_vector_gin;"
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector;"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
