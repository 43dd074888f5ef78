"""Triage benchmark: build N 민원 of realistic Korean text, then time the triage paths.

    # PostgreSQL, 1,000,000 rows (build ~2–4 min on 2 cores), then measure:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_triage_bench \
        uv run python bench/triage_bench.py build --rows 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_triage_bench \
        uv run python bench/triage_bench.py measure
    # SQLite, 100,000 rows:
    DATABASE_URL=sqlite:////tmp/minwon_triage_bench.sqlite3 \
        uv run python bench/triage_bench.py build --rows 100000
    DATABASE_URL=sqlite:////tmp/minwon_triage_bench.sqlite3 \
        uv run python bench/triage_bench.py measure

Text: the 85k 청와대 국민청원 titles resampled and recombined with templated 민원 bodies that
name a place and a time. Each distinct title and body template is analysed once by Kiwi (batch);
a row's morphemes are the concatenation, exactly what analysing the row would give up to
word-boundary effects — so a 1M build spends its time in the database, not in Kiwi (the Kiwi
throughput is reported separately). Arrival times are drawn first and sorted, so ids grow with
received_at as in a real city's table. Rows go in with COPY (PostgreSQL; every secondary index is
dropped for the load and built after it) or executemany (SQLite). `measure` times each path
(p50/p95/max of 200 samples), the search page's window against the every-match ranking and what
the window costs in relevance, and prints the load average before and after.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minwon.settings")

import django

django.setup()

import h3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

PETITIONS = Path("/work/shared/data/petitions/petition_data.csv")
CENTRE = (37.5665, 126.9780)
RNG = random.Random(20261125)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

PLACES = [
    "새빛동",
    "하늘동",
    "푸른동",
    "중앙동",
    "별빛동",
    "강변동",
    "시장 앞",
    "초등학교 정문",
    "버스 정류장",
    "지하철역 3번 출구",
    "아파트 단지 입구",
    "공원 산책로",
    "주민센터 옆",
    "골목길",
    "사거리",
    "체육관 뒤",
]
BODIES = [
    "{place} 근처에서 있었던 일입니다. {title} 관련하여 조속한 조치를 부탁드립니다.",
    "매일 {place}을 지나다니는데 불편이 큽니다. 담당 부서에서 현장을 확인해 주시기 바랍니다.",
    "{place} 주변 주민입니다. 같은 문제가 몇 주째 계속되고 있어 다시 민원을 드립니다.",
    "어제 저녁 {place}에서 확인했습니다. 사진을 첨부하니 빠른 처리 바랍니다.",
    "{place}에 대한 건의입니다. 아이들이 많이 다니는 곳이라 안전이 걱정됩니다.",
    "{title} 문제로 {place} 일대 주민들이 불편을 겪고 있습니다. 개선 방안을 알려 주십시오.",
    "주말마다 {place}이 혼잡합니다. 단속이나 시설 보완이 필요해 보입니다.",
    "{place} 앞 도로와 보도가 위험합니다. 현장 점검 후 결과를 알려 주세요.",
]
SUFFIXES = ["", "", "", " 신고합니다", " 요청", " 민원", " 개선 바랍니다", " 문의"]
# A 구's departments: each petition category is handled by 2–3 of them.
N_DEPTS = 40


def _percentiles(samples_ms):
    s = sorted(samples_ms)
    return {
        "n": len(s),
        "p50_ms": round(s[len(s) // 2], 2),
        "p95_ms": round(s[int(len(s) * 0.95) - 1], 2),
        "max_ms": round(s[-1], 2),
        "mean_ms": round(statistics.fmean(s), 2),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def build(rows: int, batch: int = 20000) -> dict:
    from minwon.complaints.models import Category
    from minwon.lib.korean.analysis import analyse_many
    from minwon.org.models import Department

    t_all = time.perf_counter()
    load_start = os.getloadavg()
    call_command("flush", interactive=False, verbosity=0) if _has_tables() else None
    call_command("migrate", verbosity=0)
    with open(PETITIONS, encoding="utf-8-sig", newline="") as fh:
        pets = [(r["category"], r["title"].strip()) for r in csv.DictReader(fh) if r["title"].strip()]
    cats = sorted({c for c, _ in pets})
    depts = [Department.objects.create(code=f"B{i:03d}", name=f"벤치부서{i:02d}") for i in range(N_DEPTS)]
    categories = {}
    for i, name in enumerate(cats):
        categories[name] = Category.objects.create(
            code=f"bench{i}", name=name[:60], default_department=depts[i % N_DEPTS]
        )
    cat_depts = {name: [depts[(i * 3 + k) % N_DEPTS] for k in range(3)] for i, name in enumerate(cats)}

    rss0 = _rss_mb()
    t = time.perf_counter()
    titles = sorted({t for _, t in pets})
    title_terms = dict(zip(titles, (a.text for a in analyse_many(titles)), strict=True))
    kiwi_s = time.perf_counter() - t
    rss1 = _rss_mb()
    templates = [(b, p) for b in BODIES for p in PLACES]
    body_texts = [b.replace("{title}", "").format(place=p) for b, p in templates]
    body_terms = [a.text for a in analyse_many(body_texts)]
    suffix_terms = {s: a.text for s, a in zip(SUFFIXES, analyse_many(SUFFIXES), strict=True)}

    hotspots = [
        (CENTRE[0] + RNG.uniform(-0.03, 0.03), CENTRE[1] + RNG.uniform(-0.04, 0.04)) for _ in range(300)
    ]
    res = settings.MINWON_H3_RESOLUTION
    vendor = connection.vendor
    t_load = time.perf_counter()
    pk = 0
    # Every secondary index of the two big tables is dropped for the load and built after it
    # (whatever the migrations defined, so new indexes need no edit here).
    saved_indexes = (
        _drop_indexes(["complaints_complaint", "triage_searchdoc"]) if vendor == "postgresql" else []
    )
    # Arrival times drawn first and sorted, oldest first: ids then grow with received_at as in a
    # real city's table (PostgreSQL's planner sees that correlation, and the newest rows sit together).
    ages = sorted((RNG.random() ** 1.5 * 1095 for _ in range(rows)), reverse=True)
    for start in range(0, rows, batch):
        n = min(batch, rows - start)
        complaint_rows, doc_rows = [], []
        for _ in range(n):
            pk += 1
            cat, base = pets[RNG.randrange(len(pets))]
            suffix = RNG.choice(SUFFIXES)
            title = (base + suffix)[:200]
            ti = RNG.randrange(len(templates))
            btpl, place = templates[ti]
            body = btpl.format(place=place, title=base[:30])
            hs = hotspots[RNG.randrange(len(hotspots))]
            lat, lng = hs[0] + RNG.gauss(0, 0.002), hs[1] + RNG.gauss(0, 0.002)
            cell = h3.latlng_to_cell(lat, lng, res)
            age_days = ages[pk - 1]
            received = NOW - timedelta(days=age_days)
            is_open = age_days < 60 and RNG.random() < 0.35
            dept = cat_depts[cat][zlib.crc32(base.encode()) % 3]
            status = (
                RNG.choice(["accepted", "assigned", "in_progress"])
                if is_open
                else RNG.choice(["answered", "closed", "closed"])
            )
            dept_id = None if status == "accepted" else dept.pk
            answered = None if is_open else received + timedelta(days=RNG.randint(1, 14))
            complaint_rows.append(
                (
                    pk,
                    f"B{pk:011d}",
                    "grievance",
                    "7d",
                    categories[cat].pk,
                    RNG.choice(["web", "mobile", "call"]),
                    title,
                    body,
                    "{}",
                    "",
                    lat,
                    lng,
                    cell,
                    None,
                    "",
                    "",
                    "",
                    "",
                    "[]",
                    False,
                    None,
                    RNG.choice(["public", "private"]),
                    dept_id,
                    None,
                    status,
                    received,
                    received,
                    received,
                    received + timedelta(hours=1),
                    received + timedelta(days=7),
                    answered,
                    answered if status == "closed" else None,
                    None,
                    "" if is_open else "처리했습니다.",
                    "resolved" if status == "closed" else "",
                    "",
                    "",
                    0,
                    False,
                    0,
                    0,
                    None,
                    None,
                    "",
                    received,
                    received,
                )
            )
            bt = body_terms[ti] + " " + title_terms[base][:60] if "{title}" in btpl else body_terms[ti]
            doc_rows.append(
                (
                    pk,
                    (title_terms[base] + " " + suffix_terms[suffix]).strip(),
                    bt,
                    NOW,
                    is_open,
                    received,
                    cell,
                )
            )
        _insert(complaint_rows, doc_rows)
        if start % 200_000 == 0:
            print(f"  {start + n:,} rows, {time.perf_counter() - t_load:.0f} s", flush=True)
    load_s = time.perf_counter() - t_load
    t = time.perf_counter()
    with connection.cursor() as cur:
        if vendor == "postgresql":
            cur.execute("SET maintenance_work_mem = '1GB'")
            for sql in saved_indexes:
                cur.execute(sql)
            cur.execute("SELECT setval(pg_get_serial_sequence('complaints_complaint', 'id'), %s)", [pk])
            cur.execute("ANALYZE")
        else:
            cur.execute("INSERT INTO triage_fts(triage_fts) VALUES ('optimize')")
            cur.execute("ANALYZE")
    index_s = time.perf_counter() - t
    out = {
        "vendor": vendor,
        "rows": rows,
        "distinct_titles": len(titles),
        "kiwi_titles_per_s": round(len(titles) / kiwi_s),
        "kiwi_rss_growth_mb": round(rss1 - rss0),
        "load_s": round(load_s, 1),
        "indexes_s": round(index_s, 1),
        "total_s": round(time.perf_counter() - t_all, 1),
        "loadavg_start": load_start,
        "loadavg_end": os.getloadavg(),
    }
    print(json.dumps(out, ensure_ascii=False))
    return out


def _drop_indexes(tables: list[str]) -> list[str]:
    """Drop the secondary indexes of `tables` (not those behind a constraint); return their DDL."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            [tables],
        )
        found = cur.fetchall()
        for name, _ in found:
            cur.execute(f"DROP INDEX {name}")
    return [ddl for _, ddl in found]


def _has_tables() -> bool:
    return "complaints_complaint" in connection.introspection.table_names()


COMPLAINT_COLS = (
    "id, tracking_no, kind, period, category_id, channel, title, body, extra_answers, address, lat, lng, "
    "h3_cell, applicant_id, applicant_name, applicant_phone, applicant_email, applicant_postal_address, "
    "notify_channels, consent_personal_data, consent_at, visibility, department_id, handler_id, status, "
    "received_at, accepted_at, clock_started_at, routing_due_at, due_at, answered_at, closed_at, "
    "paused_since, answer, closure_reason, rejection_reason, transferred_to, reassign_count, "
    "needs_desk_head, extension_count, reopen_count, duplicate_of_id, repeat_of_id, group_key, "
    "created_at, updated_at"
)


def _insert(complaint_rows, doc_rows) -> None:
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            raw = cur.cursor
            with raw.copy(f"COPY complaints_complaint ({COMPLAINT_COLS}) FROM STDIN") as cp:
                for r in complaint_rows:
                    cp.write_row(r)
            with raw.copy(
                "COPY triage_searchdoc (complaint_id, title_terms, body_terms, indexed_at, is_open, "
                "received_at, h3_cell) FROM STDIN"
            ) as cp:
                for r in doc_rows:
                    cp.write_row(r)
        else:
            marks = ", ".join(["%s"] * len(COMPLAINT_COLS.split(",")))
            cur.executemany(
                f"INSERT INTO complaints_complaint ({COMPLAINT_COLS}) VALUES ({marks})",  # noqa: S608
                complaint_rows,
            )
            cur.executemany(
                "INSERT INTO triage_searchdoc "
                "(complaint_id, title_terms, body_terms, indexed_at, is_open, received_at, h3_cell) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                doc_rows,
            )


def measure(samples: int, retrain_rows: int, skip_retrain: bool = False) -> dict:
    from minwon.complaints.models import Complaint
    from minwon.lib.korean.analysis import analyse, kiwi
    from minwon.triage import routing
    from minwon.triage.models import TriageSettings
    from minwon.triage.search import search_complaints, search_page
    from minwon.triage.similar import similar_open

    rss0 = _rss_mb()
    t = time.perf_counter()
    kiwi()
    analyse("가로등이 꺼졌어요")
    kiwi_load = {"kiwi_load_s": round(time.perf_counter() - t, 2), "kiwi_rss_mb": round(_rss_mb() - rss0)}
    cfg = TriageSettings.load()
    cfg.min_training_rows = 100
    cfg.save()
    total = Complaint.objects.count()
    with open(PETITIONS, encoding="utf-8-sig", newline="") as fh:
        titles = [r["title"] for r in csv.DictReader(fh)]
    rnd = random.Random(7)
    out: dict = {"vendor": connection.vendor, "rows": total, "loadavg_start": os.getloadavg(), **kiwi_load}

    # Full retrain on the newest `retrain_rows` final decisions.
    t = time.perf_counter()
    model = None if skip_retrain else routing.retrain(limit=retrain_rows, min_rows=100)
    out["retrain"] = {
        "rows": model.n_rows if model else 0,
        "departments": model.n_classes if model else 0,
        "seconds": round(time.perf_counter() - t, 1),
        "model_bytes": model.metrics.get("bytes") if model else None,
    }

    open_ids = list(Complaint.objects.open().values_list("pk", flat=True)[:50_000])
    # Routing suggestion for a 민원 at 접수 (row, analysis of title+body, features, model).
    ms = []
    for pk in rnd.sample(open_ids, samples):
        c = Complaint.objects.select_related("category").get(pk=pk)
        t = time.perf_counter()
        routing.suggest(c)
        ms.append((time.perf_counter() - t) * 1000)
    out["routing_suggestion"] = _percentiles(ms)

    # Similar open 민원 with a place (the filing page: title typed, pin set).
    ms = []
    hits = 0
    for pk in rnd.sample(open_ids, samples):
        c = Complaint.objects.get(pk=pk)
        t = time.perf_counter()
        found = similar_open(title=c.title, body="", lat=c.lat, lng=c.lng, public_only=True)
        ms.append((time.perf_counter() - t) * 1000)
        hits += bool(found)
    out["similar_with_place"] = {**_percentiles(ms), "with_results": hits}
    # …and without a place (text index proposes candidates).
    ms = []
    for title in rnd.sample(titles, samples):
        t = time.perf_counter()
        similar_open(title=title[:60], public_only=True)
        ms.append((time.perf_counter() - t) * 1000)
    out["similar_without_place"] = _percentiles(ms)

    # Keyword search, first page of 50, over all 민원 and over one department's worklist.
    queries = []
    for title in rnd.sample(titles, samples):
        nouns = list(dict.fromkeys(analyse(title).nouns))
        if nouns:
            queries.append(" ".join(rnd.sample(nouns, min(len(nouns), rnd.choice([1, 2])))))
    # The search page: newest RANK_WINDOW matches ranked (the default) and every match (전체 기간),
    # and what the window costs in relevance: the summed rank of the window's page over the exact
    # page's (1.0 = the same rows), and how many of the exact page's rows it shows.
    ms, matched, every_ms, ratios, overlap = [], [], [], [], []
    for q in queries:
        t = time.perf_counter()
        page = search_page(Complaint.objects.all(), q, limit=50)
        ms.append((time.perf_counter() - t) * 1000)
        matched.append(len(page.rows))
        t = time.perf_counter()
        exact = list(search_complaints(Complaint.objects.all(), q)[:50])
        every_ms.append((time.perf_counter() - t) * 1000)
        if page.window and exact:
            ratios.append(sum(c.search_rank for c in page.rows) / sum(c.search_rank for c in exact))
            overlap.append(len({c.pk for c in page.rows} & {c.pk for c in exact}) / len(exact))
    out["keyword_search_all"] = {**_percentiles(ms), "empty_results": matched.count(0)}
    out["keyword_search_all_every_match"] = _percentiles(every_ms)
    out["window_relevance"] = {
        "queries_windowed": len(ratios),
        "of_queries": len(queries),
        "mean_rank_ratio": round(statistics.fmean(ratios), 3) if ratios else None,
        "min_rank_ratio": round(min(ratios), 3) if ratios else None,
        "mean_exact_rows_shown": round(statistics.fmean(overlap), 3) if overlap else None,
    }
    dept_id = (
        Complaint.objects.filter(department__isnull=False).values_list("department_id", flat=True).first()
    )
    ms = []
    for q in queries:
        t = time.perf_counter()
        list(search_complaints(Complaint.objects.open().filter(department_id=dept_id), q)[:50])
        ms.append((time.perf_counter() - t) * 1000)
    out["keyword_search_worklist"] = _percentiles(ms)
    out["loadavg_end"] = os.getloadavg()
    print(json.dumps(out, ensure_ascii=False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--rows", type=int, default=1_000_000)
    m = sub.add_parser("measure")
    m.add_argument("--samples", type=int, default=200)
    m.add_argument("--retrain-rows", type=int, default=100_000)
    m.add_argument("--skip-retrain", action="store_true", help="keep the active model (re-measure lookups)")
    args = parser.parse_args()
    if args.cmd == "build":
        build(args.rows)
    else:
        measure(args.samples, args.retrain_rows, args.skip_retrain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
