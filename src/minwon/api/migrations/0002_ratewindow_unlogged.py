"""The rate-limit windows need no crash safety: on PostgreSQL the table is UNLOGGED.

Every API request upserts one row here; an unlogged table writes no WAL, so that autocommit
statement does not wait for a WAL flush. After a crash PostgreSQL empties the table, which only
forgets the current minute's counts. SQLite has no such thing and keeps its ordinary table.
"""

from django.db import migrations


def _set(persistence: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE api_ratewindow SET {persistence}")

    return run


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(_set("UNLOGGED"), _set("LOGGED"))]
