"""The monthly public report (like New York's 311 monthly report) and the open-data exports.

No personal data: figures only, and the open-data list holds public 민원 of non-sensitive
categories with the title masked (`mask_text`: names, phones, plates … inside it), the address
masked (`mask_address`) and no applicant fields at all. Figures come from DailySummary, so they are
the dashboard's figures for the same month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone

from minwon.complaints.models import Complaint
from minwon.lib.masking import mask_address, mask_text

from .queries import (
    SUM_FIELDS,
    CareFigures,
    Figures,
    Scope,
    care_by_department,
    category_names,
    current_map,
    department_names,
    summary_qs,
)

MONTH_ERROR = "월을 2026-11 형식으로 입력해 주십시오."


def parse_month(month: str | None) -> date | None:
    """'2026-11' → 2026-11-01; None when it is not a month."""
    try:
        y, m = (int(x) for x in (month or "").split("-"))
        return date(y, m, 1) if 2000 <= y <= 2100 else None
    except ValueError:
        return None


def month_bounds(month: str | None, today: date | None = None) -> tuple[date, date]:
    """'2026-11' → (2026-11-01, 2026-11-30); default (or not a month) the last complete month."""
    first = parse_month(month)
    if first is None:
        today = today or timezone.localdate()
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


@dataclass
class Row:
    name: str
    f: Figures
    c: CareFigures | None = None  # satisfaction of the department (None for categories)


def _grouped(scope: Scope, key: str) -> dict:
    rows = summary_qs(scope).values(key).annotate(**{k: Sum(k) for k in SUM_FIELDS})
    return {r[key]: Figures.of(dict(r)) for r in rows}


def report(first: date, last: date) -> dict:
    scope = Scope(first, last)
    mapping = current_map()
    per_dept: dict[int | None, Figures] = {}
    for dept, f in _grouped(scope, "department_id").items():
        per_dept.setdefault(mapping.get(dept, dept) if dept else None, Figures()).add(f)
    per_cat = _grouped(scope, "category_id")
    care = care_by_department(scope, mapping)
    care_total, per_care = care if care is not None else (None, {})
    dnames, cnames = department_names([*per_dept, *per_care]), category_names(per_cat)
    total = Figures()
    for f in per_dept.values():
        total.add(f)
    keys = list(per_dept) + [k for k in per_care if k not in per_dept]
    return {
        "first": first,
        "last": last,
        "total": total,
        "care": care_total,
        "departments": sorted(
            (
                Row(
                    dnames.get(k, "부서 미배정") if k else "부서 미배정",
                    per_dept.get(k, Figures()),
                    per_care.get(k, CareFigures()) if care is not None else None,
                )
                for k in keys
            ),
            key=lambda r: (-r.f.received, r.name),
        ),
        "categories": sorted(
            (Row(cnames.get(k, "?"), f) for k, f in per_cat.items()), key=lambda r: (-r.f.received, r.name)
        ),
    } | {"tables": []}


def with_tables(data: dict) -> dict:
    data["tables"] = [("부서별", data["departments"]), ("유형별", data["categories"])]
    return data


FIGURE_COLUMNS = [
    "구분",
    "이름",
    "접수",
    "처리 완료",
    "종결",
    "기한 내 처리",
    "기한 내 처리율(%)",
    "평균 처리일수",
    "만족도 응답",
    "해결됨(%)",
    "친절도(1-5)",
]


def _care_cells(c: CareFigures | None) -> list:
    if c is None:
        return ["", "", ""]
    rate = "" if c.satisfaction_rate is None else f"{c.satisfaction_rate * 100:.1f}"
    kind = "" if c.kindness is None else f"{c.kindness:.2f}"
    return [c.responses, rate, kind]


def figure_rows(data: dict) -> list[list]:
    def line(kind, row: Row):
        f = row.f
        rate = "" if f.on_time_rate is None else f"{f.on_time_rate * 100:.1f}"
        avg = "" if f.avg_days is None else f"{f.avg_days:.1f}"
        return [kind, row.name, f.received, f.answered, f.closed, f.on_time, rate, avg, *_care_cells(row.c)]

    out = [line("전체", Row("전체", data["total"], data["care"]))]
    out += [line("부서", r) for r in data["departments"]]
    out += [line("유형", r) for r in data["categories"]]
    return out


OPEN_DATA_COLUMNS = [
    "접수번호",
    "접수일",
    "유형",
    "처리부서",
    "접수 경로",
    "상태",
    "제목",
    "위치(일부 가림)",
    "답변일",
]


def open_data_rows(first: date, last: date):
    tz = timezone.get_current_timezone()
    qs = (
        Complaint.objects.public()
        .filter(
            received_at__gte=datetime.combine(first, time.min, tz),
            received_at__lt=datetime.combine(last + timedelta(days=1), time.min, tz),
        )
        .exclude(category__is_sensitive=True)
        .select_related("category")
        .order_by("received_at", "pk")
    )
    # Today's department (a merged one's successor), as in the figures.
    mapping = current_map()
    today_names = department_names(set(mapping.values()))
    for c in qs.iterator(chunk_size=2000):
        dept = mapping.get(c.department_id, c.department_id) if c.department_id else None
        yield [
            c.tracking_no,
            timezone.localtime(c.received_at).date().isoformat(),
            c.category.name,
            today_names.get(dept, "") if dept else "",
            c.get_channel_display(),
            c.get_status_display(),
            mask_text(c.title),
            mask_address(c.address),
            timezone.localtime(c.answered_at).date().isoformat() if c.answered_at else "",
        ]
