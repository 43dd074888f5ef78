"""Site-wide invariants (STYLE §10)."""

from io import StringIO

from django.core.management import call_command


def test_no_pending_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


def test_database_vendor_is_reported(db, record_property):
    from django.db import connection

    record_property("db_vendor", connection.vendor)
    assert connection.vendor in {"sqlite", "postgresql"}
