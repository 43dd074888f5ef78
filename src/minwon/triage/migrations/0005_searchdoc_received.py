"""Search documents by date: one full index instead of migration 0003's open-only one (PostgreSQL).

The search page ranks the newest matches over every 민원 (`search.search_page`): for a common word
PostgreSQL walks `triage_doc_received` backwards and stops after them.

0003's `triage_searchdoc_open_received` (open 민원 by date) goes. The planner takes "open" and
"recent" as independent, so it believed a walk of that index by date would stop early and chose
it for rare words too, reading every open 민원 (measured at 1M: 45 ms for the similar lookup with
a place and 71–80 ms for a two-noun text lookup where the text index answers in 4). With the
full date index it reckons a walk honestly and takes the text index unless a word is common.
"""

from django.db import migrations, models

OPEN_RECEIVED = "CREATE INDEX triage_searchdoc_open_received ON triage_searchdoc (received_at) WHERE is_open"


def _drop_open_received(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS triage_searchdoc_open_received")


def _restore_open_received(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OPEN_RECEIVED)


class Migration(migrations.Migration):
    dependencies = [("triage", "0004_searchdoc_h3_cell")]

    operations = [
        migrations.AddIndex(
            model_name="searchdoc",
            index=models.Index(fields=["received_at"], name="triage_doc_received"),
        ),
        migrations.RunPython(_drop_open_received, _restore_open_received),
    ]
