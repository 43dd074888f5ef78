"""Worklist first page with 100k 민원: seed once, then time the view through the Django test client.

The requirement (issue 3): the first page of the department worklist renders in < 100 ms server
time with 100k 민원 in the database. The test client runs the full stack (middleware, session,
view, queries, template) in-process, so what it measures is server time without the network.

    # SQLite (a file of its own, so the dev database is untouched)
    DATABASE_URL=sqlite:///$PWD/var/bench-worklist.sqlite3 uv run python bench/worklist.py
    # PostgreSQL (the database is created if missing)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_bench uv run python bench/worklist.py

Options: --rows N (default 100000), --runs N (default 30), --explain (print query plans).
Seeding is idempotent: rows it made earlier (tracking numbers starting with "W") are kept and
only the missing ones are added. Titles come from /work/shared/data/petitions/petition_data.csv
when that file exists (real Korean text); otherwise they are generated.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minwon.settings")
os.environ.setdefault("MINWON_ALLOWED_HOSTS", "testserver,localhost")

PETITIONS = Path("/work/shared/data/petitions/petition_data.csv")
PREFIX = "W"  # tracking numbers of bench rows; other benches sharing the database use others
DEPARTMENTS = 30
CATEGORIES = 60
OFFICERS_PER_DEPARTMENT = 6


def ensure_postgres_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def load_titles(rng: random.Random) -> list[str]:
    if PETITIONS.exists():
        with PETITIONS.open(encoding="utf-8-sig") as fh:
            titles = [row["title"].strip()[:150] for row in csv.DictReader(fh) if row.get("title")]
        if titles:
            return titles
    places = ["역삼동", "새빛동", "한빛로", "중앙공원", "시청 앞", "3번 출구", "초등학교 앞", "주민센터 옆"]
    things = ["가로등", "보도블록", "불법 주차", "쓰레기 무단 투기", "소음", "도로 파임", "현수막", "놀이터"]
    asks = ["고쳐 주세요", "단속 요청합니다", "확인 부탁드립니다", "개선 건의", "민원 드립니다"]
    return [f"{rng.choice(places)} {rng.choice(things)} {rng.choice(asks)}" for _ in range(5000)]


def seed(rows: int, rng: random.Random):
    from django.utils import timezone

    from minwon.accounts.models import Role, RoleGrant, User
    from minwon.complaints.choices import Channel, Kind, Status
    from minwon.complaints.models import Category, Complaint
    from minwon.org.models import Department, Membership

    departments = []
    for i in range(DEPARTMENTS):
        dept, _ = Department.objects.get_or_create(code=f"BWL{i:02d}", defaults={"name": f"벤치{i:02d}과"})
        departments.append(dept)
    categories = []
    for i in range(CATEGORIES):
        cat, _ = Category.objects.get_or_create(
            code=f"bwl_{i:02d}",
            defaults={"name": f"벤치 유형 {i:02d}", "default_department": departments[i % DEPARTMENTS]},
        )
        categories.append(cat)

    def person(username, role, dept=None, head=False):
        user, made = User.objects.get_or_create(username=username, defaults={"display_name": username})
        if made:
            RoleGrant.objects.create(user=user, role=role)
            if dept is not None:
                Membership.objects.create(user=user, department=dept, is_head=head)
        return user

    officers = {
        d.pk: [person(f"bwl_o{i:02d}_{k}", Role.OFFICER, d) for k in range(OFFICERS_PER_DEPARTMENT)]
        for i, d in enumerate(departments)
    }
    head = person("bwl_head00", Role.HEAD, departments[0], head=True)
    desk = person("bwl_desk", Role.DESK)

    have = Complaint.objects.filter(tracking_no__startswith=PREFIX).count()
    missing = rows - have
    if missing > 0:
        titles = load_titles(rng)
        now = timezone.now()
        # Department sizes vary like a real city: the first few carry most of the load.
        weights = [1 / (i + 1) ** 0.8 for i in range(DEPARTMENTS)]
        open_statuses = [Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.SUPPLEMENT_REQUESTED]
        kinds = [Kind.GRIEVANCE, Kind.INQUIRY_PROCEDURE, Kind.SUGGESTION, Kind.OTHER, Kind.INQUIRY_LAW]
        channels = list(Channel.values)
        started = time.perf_counter()
        batch: list[Complaint] = []
        for n in range(have, rows):
            dept = rng.choices(departments, weights)[0]
            received = now - timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            age_days = (now - received).days
            # Old 민원 are almost all finished; recent ones are often still open.
            if age_days < 30 and rng.random() < 0.55:
                status = rng.choice(open_statuses)
            else:
                status = rng.choice([Status.CLOSED] * 8 + [Status.ANSWERED, Status.WITHDRAWN, Status.MERGED])
            assigned = status != Status.ACCEPTED and rng.random() < 0.9
            handler = rng.choice(officers[dept.pk]) if assigned else None
            title = rng.choice(titles)
            batch.append(
                Complaint(
                    tracking_no=f"{PREFIX}{received.year}-{n:07d}",
                    kind=rng.choice(kinds),
                    period="7d",
                    category=rng.choice(categories),
                    channel=rng.choice(channels),
                    title=title,
                    body=f"{title}. 현장을 확인해 주시고 조치 결과를 알려 주시기 바랍니다. ({n})",
                    applicant_name="홍길동",
                    applicant_phone=f"010-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                    department=None if status == Status.ACCEPTED and rng.random() < 0.1 else dept,
                    handler=handler,
                    status=status,
                    received_at=received,
                    accepted_at=received,
                    clock_started_at=received,
                    routing_due_at=received + timedelta(hours=1),
                    due_at=received + timedelta(days=rng.choice([1, 3, 7, 9, 14])),
                    created_at=received,
                    updated_at=received,
                )
            )
            if len(batch) == 5000:
                Complaint.objects.bulk_create(batch)
                batch.clear()
        if batch:
            Complaint.objects.bulk_create(batch)
        elapsed = time.perf_counter() - started
        print(f"seeded {missing} 민원 in {elapsed:.1f} s ({missing / elapsed:,.0f} rows/s)")
    analyse()
    biggest = max(departments, key=lambda d: d.complaints.count())
    return {"officer": officers[biggest.pk][0], "head": head, "desk": desk, "biggest": biggest}


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("VACUUM ANALYZE complaints_complaint")
        else:
            cur.execute("ANALYZE")


def time_page(client, url: str, runs: int) -> tuple[float, float, float, float, int, int]:
    """Median and p90 wall time, median CPU time of this thread, SQL time, queries, size.

    Wall time is what a user waits for; on a shared, busy machine it includes waiting for a CPU,
    so the thread's CPU time (Python, template and, for SQLite, the queries) is printed too, and
    the time Django spent waiting on SQL (on PostgreSQL that work happens in another process).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches (templates, statements, connection)
        client.get(url)
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.thread_time()
        response = client.get(url)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    sql = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    wall.sort()
    p90 = wall[max(0, int(len(wall) * 0.9) - 1)]
    return (
        statistics.median(wall),
        p90,
        statistics.median(cpu),
        statistics.median(sql),
        len(ctx),
        len(response.content),
    )


def explain(client, url: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    for q in ctx.captured_queries:
        sql = q["sql"]
        if "complaints_complaint" not in sql:
            continue
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
        with connection.cursor() as cur:
            cur.execute(prefix + sql)
            print("   ", sql[:160], "…")
            for row in cur.fetchall():
                print("      ", " ".join(str(c) for c in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    ensure_postgres_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    settings.DEBUG = False
    call_command("migrate", interactive=False, verbosity=0)
    people = seed(args.rows, random.Random(20261123))
    from minwon.complaints.models import Complaint

    total = Complaint.objects.count()
    worklist = reverse("staff:worklist")
    scenarios = [
        ("officer", "officer, own department, first page (default: open, by due)", worklist),
        ("officer", "officer, overdue only", worklist + "?overdue=on"),
        ("officer", "officer, page 5", worklist + "?page=5"),
        ("desk", "desk, all departments, first page", worklist),
        ("desk", "desk, all statuses, newest first", worklist + "?status=all&sort=-received"),
        ("desk", "desk, keyword search (plain icontains)", worklist + "?status=all&q=" + quote("가로등")),
        ("head", "head dashboard (own department)", reverse("staff:dashboard")),
        ("desk", "desk dashboard (all departments)", reverse("staff:dashboard")),
    ]
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else ""
    biggest = people["biggest"]
    print(
        f"\n{connection.vendor} {version} · {total:,} 민원 in the database"
        f" · load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        f" · biggest department {biggest} ({biggest.complaints.count():,} 민원)"
        f" · median of {args.runs} runs\n"
    )
    print("| page | median ms | p90 ms | CPU ms | SQL ms | queries | KiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    clients = {}
    for who, label, url in scenarios:
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(people[who])
        median, p90, cpu, sql, queries, size = time_page(clients[who], url, args.runs)
        print(
            f"| {label} | {median:.1f} | {p90:.1f} | {cpu:.1f} | {sql:.1f} | {queries} | {size / 1024:.0f} |"
        )
        if args.explain:
            explain(clients[who], url)


if __name__ == "__main__":
    main()
