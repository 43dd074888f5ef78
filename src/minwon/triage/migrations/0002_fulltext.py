"""The full-text index, per database: FTS5 on SQLite, a generated tsvector + GIN on PostgreSQL.

Neither is visible to the ORM; `minwon.triage.search` queries them with raw SQL fragments.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE triage_fts USING fts5(title_terms, body_terms, content='triage_searchdoc', "
    "content_rowid='complaint_id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER triage_searchdoc_ai AFTER INSERT ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER triage_searchdoc_ad AFTER DELETE ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER triage_searchdoc_au AFTER UPDATE ON triage_searchdoc BEGIN "
    "INSERT INTO triage_fts(triage_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.complaint_id, old.title_terms, old.body_terms); "
    "INSERT INTO triage_fts(rowid, title_terms, body_terms) VALUES (new.complaint_id, new.title_terms, new.body_terms); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS triage_searchdoc_au",
    "DROP TRIGGER IF EXISTS triage_searchdoc_ad",
    "DROP TRIGGER IF EXISTS triage_searchdoc_ai",
    "DROP TABLE IF EXISTS triage_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE triage_searchdoc ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')) STORED",
    "CREATE INDEX triage_searchdoc_vector ON triage_searchdoc USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS triage_searchdoc_vector",
    "ALTER TABLE triage_searchdoc DROP COLUMN IF EXISTS vector",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
