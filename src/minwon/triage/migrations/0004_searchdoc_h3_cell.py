"""SearchDoc.h3_cell, backfilled from the 민원, with a partial index of open 민원 by cell and date.

The similar-민원 lookup with a place then reads the open 민원 of a few cells from
`triage_searchdoc` alone (cell, date and text in one table) instead of walking the 민원 table's
cell index and joining every open 민원 around the place to its search document.

SQLite: adding a NOT NULL column remakes the table, which drops its full-text triggers; they are
created again as migration 0003 left them. The FTS5 rows are keyed by complaint_id, which the
remake keeps, so the full-text index itself stays valid.
"""

from django.db import migrations, models

# Only documents of 민원 with a place: the others keep the default, and on PostgreSQL every
# rewritten row also recomputes its generated tsvector (1M rows, all with a place: 29 s).
BACKFILL = (
    "UPDATE triage_searchdoc SET h3_cell = ("
    "SELECT c.h3_cell FROM complaints_complaint c WHERE c.id = triage_searchdoc.complaint_id) "
    "WHERE EXISTS (SELECT 1 FROM complaints_complaint c "
    "WHERE c.id = triage_searchdoc.complaint_id AND c.h3_cell <> '')"
)
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS triage_searchdoc_ai",
    "DROP TRIGGER IF EXISTS triage_searchdoc_ad",
    "DROP TRIGGER IF EXISTS triage_searchdoc_au",
    "CREATE TRIGGER triage_searchdoc_ai AFTER INSERT ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER triage_searchdoc_ad AFTER DELETE ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER triage_searchdoc_au AFTER UPDATE OF title_terms, body_terms ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END",
]


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)
    schema_editor.execute(BACKFILL)


def _restore_triggers(apps, schema_editor):
    # Unapplying removes the column (another remake on SQLite): the triggers come back after it.
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("triage", "0003_searchdoc_is_open"), ("complaints", "__first__")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _restore_triggers),
        migrations.AddField(
            model_name="searchdoc",
            name="h3_cell",
            field=models.CharField(blank=True, default="", max_length=16, verbose_name="H3 셀"),
        ),
        migrations.RunPython(_forward, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchdoc",
            index=models.Index(
                condition=models.Q(("is_open", True)),
                fields=["h3_cell", "received_at"],
                name="triage_doc_open_cell",
            ),
        ),
    ]
