"""Insight dashboard at 1,000,000 민원: seed with one INSERT … SELECT, build the summary, time the view.

The requirement (issue 9): a dashboard loads in ≤ 500 ms server time with 1,000,000 민원. Rows are
generated inside the database (generate_series on PostgreSQL, a recursive CTE on SQLite) — no
per-row Python — then `insight.summary.rebuild_all()` builds the daily summary, an incremental
refresh after 1,000 new events is timed, and each page is loaded N times through the Django test
client (full middleware, session, view, queries, template; no network). One 민원 in five that
was answered gets a satisfaction response a day later and one in 500 a praise (minwon.care rows,
read live by the dashboard), and one department is merged into another (successor mapping).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_insight \
        uv run python bench/insight_dashboard.py
    DATABASE_URL=sqlite:///$PWD/var/bench-insight.sqlite3 \
        uv run python bench/insight_dashboard.py --rows 100000

Options: --rows N (default 1,000,000), --runs N (default 20), --reseed (start from an empty database),
--evaluation (also time the department evaluation page; not under the 500 ms dashboard target).
"""

# ruff: noqa: S608  (the generating SQL is built from integers and fixed literals only, never input)
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minwon.settings")
os.environ.setdefault("MINWON_ALLOWED_HOSTS", "testserver,localhost")

DEPARTMENTS = 20
CHANNELS = ("web", "mobile", "field", "board", "call", "visit", "post", "api", "import")
DAYS = 365


def ensure_database(fresh: bool) -> None:
    """Create the PostgreSQL database if missing; with `fresh`, drop it (or the SQLite file) first.

    Deleting 1M rows row by row (foreign-key checks from every table pointing at complaints)
    takes far longer than seeding them, so a reseed starts from an empty database instead.
    """
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:///") and fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _case(expr: str, values) -> str:
    whens = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
    return f"CASE {expr} {whens} ELSE '' END"


def insert_sql(vendor: str, rows: int, first_dept: int, first_cat: int, cells: list[str]) -> str:
    """One INSERT … SELECT generating `rows` complaints; times relative to now, spread over a year."""
    if vendor == "postgresql":
        series = f"SELECT g::bigint AS g FROM generate_series(1, {rows}) AS g"

        def at(base: str, secs: str) -> str:
            return f"({base} + ({secs}) * interval '1 second')"

        now = "date_trunc('hour', now())"
        nil = "NULL::timestamptz"
    else:
        series = (
            f"WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {rows})"
            " SELECT g FROM s"
        )

        def at(base: str, secs: str) -> str:
            return f"datetime({base}, ({secs}) || ' seconds')"

        now = "strftime('%Y-%m-%d %H:00:00', 'now')"
        nil = "NULL"
    received = at(now, f"-((g % {DAYS}) * 86400 + (g * 7919) % 86400)")
    inner = f"""
      SELECT g, (g / 100) % {DEPARTMENTS} AS idx,
        CASE WHEN g % {DAYS} < 30 THEN g % 100 ELSE 6 + g % 94 END AS o, {received} AS received_at
      FROM ({series}) AS series
    """
    status = (
        "CASE WHEN o < 2 THEN 'in_progress' WHEN o = 2 THEN 'assigned'"
        " WHEN o < 6 THEN 'answered' ELSE 'closed' END"
    )
    answered = f"CASE WHEN o >= 3 THEN {at('received_at', '600 + (g * 31) % 864000')} ELSE {nil} END"
    closed = f"CASE WHEN o >= 6 THEN {at('received_at', '600 + (g * 31) % 864000 + 86400')} ELSE {nil} END"
    return f"""
    INSERT INTO complaints_complaint (
      tracking_no, kind, period, channel, title, body, extra_answers, address, lat, lng, h3_cell,
      applicant_name, applicant_phone, applicant_email, applicant_postal_address, notify_channels,
      consent_personal_data, visibility, status, received_at, accepted_at, clock_started_at, due_at,
      answered_at, closed_at, answer, closure_reason, rejection_reason, transferred_to,
      reassign_count, needs_desk_head, extension_count, reopen_count, group_key, created_at, updated_at,
      category_id, department_id)
    SELECT 'B' || g, 'grievance', '7d', {_case("g % 9", CHANNELS)}, '벤치 민원', '', '{{}}', '', NULL, NULL,
      {_case("g % 60", cells)}, '', '', '', '', '[]', {"false" if vendor == "postgresql" else "0"}, 'private',
      {status}, received_at, {at("received_at", "600")}, {at("received_at", "600")},
      {at("received_at", "600 + 7 * 86400")}, {answered}, {closed}, '',
      CASE WHEN o >= 6 AND g % 97 = 0 THEN 'repeated' WHEN o >= 6 THEN 'resolved' ELSE '' END, '', '',
      0, {"false" if vendor == "postgresql" else "0"}, 0, CASE WHEN g % 40 = 0 THEN 1 ELSE 0 END, '',
      received_at, received_at, {first_cat} + idx, {first_dept} + idx
    FROM ({inner}) AS t
    """


def _later(vendor: str, column: str, days: int) -> str:
    if vendor == "postgresql":
        return f"{column} + interval '{days} day'"
    return f"strftime('%Y-%m-%d %H:%M:%f', {column}, '+{days} day')"


def care_sql(vendor: str) -> str:
    """One satisfaction response for one answered bench 민원 in five, a day after the answer."""
    true, false = ("true", "false") if vendor == "postgresql" else ("1", "0")
    later = _later(vendor, "answered_at", 1)
    return f"""
    INSERT INTO care_satisfactionresponse (complaint_id, round, channel, department_id, handler_id,
      resolved, kindness, speed, comment, reopened, recorded_by_id, created_at, updated_at)
    SELECT id, 0, 'link', department_id, NULL, CASE WHEN id % 4 = 0 THEN {false} ELSE {true} END,
      1 + id % 5, 1 + (id * 7) % 5, '', {false}, NULL, {later}, {later}
    FROM complaints_complaint
    WHERE tracking_no LIKE 'B%' AND answered_at IS NOT NULL AND id % 5 = 0
    """


def praise_sql(vendor: str) -> str:
    later = _later(vendor, "received_at", 2)
    return f"""
    INSERT INTO care_praise (employee_id, department_id, body, praiser_name, praiser_phone, channel,
      complaint_id, filed_by_id, created_at)
    SELECT NULL, department_id, '친절하게 처리해 주셨습니다', '', '', 'web', id, NULL, {later}
    FROM complaints_complaint WHERE tracking_no LIKE 'B%' AND id % 500 = 0
    """


def seed(rows: int) -> None:
    import h3
    from django.conf import settings
    from django.db import connection, transaction

    from minwon.accounts.models import Role, RoleGrant, User
    from minwon.complaints.models import Category, Complaint
    from minwon.org.models import Department

    depts = [
        Department.objects.get_or_create(code=f"BIN{i:02d}", defaults={"name": f"벤치{i:02d}과"})[0]
        for i in range(DEPARTMENTS)
    ]
    cats = [
        Category.objects.get_or_create(
            code=f"bin{i:02d}", defaults={"name": f"벤치유형{i:02d}", "default_department": depts[i]}
        )[0]
        for i in range(DEPARTMENTS)
    ]
    assert [d.pk for d in depts] == list(range(depts[0].pk, depts[0].pk + DEPARTMENTS)), (
        "department ids must be contiguous"
    )
    assert [c.pk for c in cats] == list(range(cats[0].pk, cats[0].pk + DEPARTMENTS)), (
        "category ids must be contiguous"
    )
    admin, made = User.objects.get_or_create(
        username="bench-insight-admin", defaults={"display_name": "벤치 관리자"}
    )
    if made:
        RoleGrant.objects.create(user=admin, role=Role.ADMIN)
    have = Complaint.objects.filter(tracking_no__startswith="B").count()
    if have >= rows:
        print(f"seed: {have:,} bench rows already present")
        return
    if have:
        sys.exit(f"{have:,} bench rows present but {rows:,} wanted: run with --reseed")
    lat, lng = settings.MINWON_MAP_CENTER[:2]
    cells = list(h3.grid_disk(h3.latlng_to_cell(lat, lng, settings.MINWON_H3_RESOLUTION), 4))[:60]
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(insert_sql(connection.vendor, rows, depts[0].pk, cats[0].pk, cells))
        cur.execute(care_sql(connection.vendor))
        cur.execute(praise_sql(connection.vendor))
    from minwon.org import services as org

    org.merge_departments(actor=admin, departments=[depts[-1]], into=depts[-2], note="bench")
    if connection.vendor == "postgresql":  # what autovacuum does on a live system
        with connection.cursor() as cur:
            for table in ("complaints_complaint", "care_satisfactionresponse", "care_praise"):
                cur.execute(f"VACUUM ANALYZE {table}")
    took = time.monotonic() - started
    print(f"seed: {rows:,} rows in {took:.1f} s ({rows / took:,.0f} rows/s)")


def timed(fn) -> float:
    started = time.monotonic()
    fn()
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--evaluation", action="store_true", help="also time the evaluation ranking")
    args = parser.parse_args()
    ensure_database(args.reseed)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from minwon.accounts.models import User
    from minwon.complaints.models import Complaint, ComplaintEvent
    from minwon.insight import summary
    from minwon.org.models import Department

    call_command("migrate", verbosity=0)
    seed(args.rows)
    from minwon.care.models import Praise, SatisfactionResponse

    print(
        f"database: {connection.vendor}, 민원 in table: {Complaint.objects.count():,},"
        f" satisfaction responses: {SatisfactionResponse.objects.count():,},"
        f" praise: {Praise.objects.count():,}"
    )
    t = timed(summary.rebuild_all)
    from minwon.insight.models import DailySummary

    print(f"summary: full rebuild {t:.1f} s, {DailySummary.objects.count():,} summary rows")
    # A realistic refresh: a day's work touches mostly 민원 of the last few days.
    recent = Complaint.objects.filter(
        tracking_no__startswith="B", received_at__gte=timezone.now() - timedelta(days=3)
    )
    ids = list(recent.order_by("-pk").values_list("pk", flat=True)[:1000])
    ComplaintEvent.objects.bulk_create(
        [ComplaintEvent(complaint_id=pk, verb="note", note="bench") for pk in ids]
    )
    t = timed(summary.refresh_summaries)
    state = summary.SummaryState.objects.get(name="daily")
    print(
        f"summary: incremental refresh after {len(ids):,} events on recent 민원: {t * 1000:.0f} ms,"
        f" {state.days_rebuilt} days rebuilt"
    )

    client = Client()
    client.force_login(User.objects.get(username="bench-insight-admin"))
    dept = Department.objects.get(code="BIN03")
    year_ago = (timezone.localdate().replace(day=1).replace(year=timezone.localdate().year - 1)).isoformat()
    pages = [
        ("dashboard, all departments, last 90 days (default)", "/insight/"),
        ("dashboard, one department", f"/insight/?department={dept.pk}"),
        ("dashboard, 12 months by month", f"/insight/?start={year_ago}&unit=month"),
        ("drill-down list: answered late", "/insight/list/?metric=late"),
        ("drill-down list: overdue now", "/insight/list/?metric=overdue"),
        ("drill-down list: satisfaction responses", "/insight/list/?metric=responses"),
        ("map page (cells of the last 30 days)", "/insight/map/"),
    ]
    if args.evaluation:
        pages.append(("evaluation, 19 departments, this half-year", "/insight/evaluation/"))
    print("\n| page | median ms | p95 ms | queries |\n|---|---:|---:|---:|")
    for label, url in pages:
        client.get(url)  # warm caches once
        times = []
        for _ in range(args.runs if "evaluation" not in url else max(3, args.runs // 5)):
            started = time.monotonic()
            resp = client.get(url)
            times.append((time.monotonic() - started) * 1000)
            assert resp.status_code == 200, (url, resp.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"| {label} | {statistics.median(times):.1f} | {p95:.1f} | {len(ctx.captured_queries)} |")


if __name__ == "__main__":
    main()
