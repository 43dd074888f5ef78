"""SearchDoc.is_open and received_at, backfilled from the 민원, and a partial GIN index of open 민원.

PostgreSQL: `triage_searchdoc_open_vector` covers only open rows, which is all the similar-민원
lookup ever asks for, and `triage_searchdoc_open_received` walks them newest first. SQLite: adding the column remakes the table, which drops its triggers, so
they are created again (the update trigger now fires only when the text changes, so flipping
is_open does not rewrite the full-text row) and the FTS5 index is rebuilt from the table.
"""

from django.db import migrations, models

OPEN = "('received', 'accepted', 'assigned', 'in_progress', 'supplement_requested', 'reopened')"
BACKFILL = (
    "UPDATE triage_searchdoc SET "  # noqa: S608 (constants only)
    "is_open = EXISTS (SELECT 1 FROM complaints_complaint c "
    f"WHERE c.id = triage_searchdoc.complaint_id AND c.status IN {OPEN}), "
    "received_at = (SELECT c.received_at FROM complaints_complaint c WHERE c.id = triage_searchdoc.complaint_id)"
)
SQLITE_TRIGGER = (
    "CREATE TRIGGER triage_searchdoc_au AFTER UPDATE OF title_terms, body_terms ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END"
)
SQLITE_TRIGGER_OLD = SQLITE_TRIGGER.replace(" OF title_terms, body_terms", "")
SQLITE_OTHER_TRIGGERS = [
    "DROP TRIGGER IF EXISTS triage_searchdoc_ai",
    "DROP TRIGGER IF EXISTS triage_searchdoc_ad",
    "CREATE TRIGGER triage_searchdoc_ai AFTER INSERT ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER triage_searchdoc_ad AFTER DELETE ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); END",
]
SQLITE_REBUILD = "INSERT INTO triage_fts(triage_fts) VALUES ('rebuild')"
FORWARD = {
    "sqlite": [
        BACKFILL,
        *SQLITE_OTHER_TRIGGERS,
        "DROP TRIGGER IF EXISTS triage_searchdoc_au",
        SQLITE_TRIGGER,
        SQLITE_REBUILD,
    ],
    "postgresql": [
        BACKFILL,
        "CREATE INDEX triage_searchdoc_open_vector ON triage_searchdoc USING gin (vector) WHERE is_open",
        # Newest open 민원 first: lets a query of common words stop after the newest matches.
        "CREATE INDEX triage_searchdoc_open_received ON triage_searchdoc (received_at) WHERE is_open",
    ],
}
BACKWARD = {
    "postgresql": [
        "DROP INDEX IF EXISTS triage_searchdoc_open_vector",
        "DROP INDEX IF EXISTS triage_searchdoc_open_received",
    ]
}
# Unapplying removes the column (another table remake): the 0002 triggers come back after it.
RESTORE = {
    "sqlite": [*SQLITE_OTHER_TRIGGERS, "DROP TRIGGER IF EXISTS triage_searchdoc_au", SQLITE_TRIGGER_OLD, SQLITE_REBUILD]
}


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("triage", "0002_fulltext"), ("complaints", "__first__")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _run(RESTORE)),
        migrations.AddField(
            model_name="searchdoc",
            name="is_open",
            field=models.BooleanField(default=True, verbose_name="처리 중"),
        ),
        migrations.AddField(
            model_name="searchdoc",
            name="received_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="도착 일시"),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
