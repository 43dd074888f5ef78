"""Reads for the dashboards: figures from `DailySummary`, lists from the complaints (STYLE §1).

Departments are reported as they are *today*: a 민원 handled by a department that was later merged
counts for its successor (`org.Department.current()`); a renamed department keeps its row, so its
history simply carries the new name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from minwon.complaints.models import Category, Complaint
from minwon.complaints.queries import ComplaintQuerySet
from minwon.org.models import Department

from . import definitions as d
from .models import BUCKET_FIELDS, DailySummary

SUM_FIELDS = (
    "received",
    "open",
    "answered",
    "on_time",
    "closed",
    "reopened",
    "repeated",
    "proc_seconds",
    "allowed_seconds",
    *BUCKET_FIELDS,
)


def current_map() -> dict[int, int]:
    """Every department id → the id of the department doing its work today (successor chain)."""
    rows = {
        pk: (succ, dissolved)
        for pk, succ, dissolved in Department.objects.values_list("pk", "successor_id", "dissolved_at")
    }
    out: dict[int, int] = {}
    for pk in rows:
        cur, seen = pk, {pk}
        while rows[cur][0] is not None and rows[cur][1] is not None and rows[cur][0] not in seen:
            cur = rows[cur][0]
            seen.add(cur)
        out[pk] = cur
    return out


def absorbed_ids(current_ids, mapping: dict[int, int] | None = None) -> list[int]:
    """The department ids whose work today belongs to one of `current_ids` (themselves included)."""
    mapping = mapping or current_map()
    wanted = set(current_ids)
    return sorted(pk for pk, cur in mapping.items() if cur in wanted)


# In `Scope.department_ids`, this id stands for "no department yet" (민원 not yet routed).
UNASSIGNED = 0


def department_q(department_ids: list[int], mapping: dict[int, int] | None = None) -> Q:
    """Today's departments (with the ones merged into them), UNASSIGNED meaning no department."""
    q = Q(department_id__in=absorbed_ids([i for i in department_ids if i != UNASSIGNED], mapping))
    if UNASSIGNED in department_ids:
        q |= Q(department_id__isnull=True)
    return q


@dataclass
class Scope:
    """What a dashboard or list looks at. `department_ids` are today's departments (None = all)."""

    first: date
    last: date
    department_ids: list[int] | None = None
    category_id: int | None = None
    channel: str = ""

    def query_params(self) -> dict[str, str]:
        params = {"from": self.first.isoformat(), "to": self.last.isoformat()}
        if self.department_ids and len(self.department_ids) == 1:
            pk = self.department_ids[0]
            params["department"] = "none" if pk == UNASSIGNED else str(pk)
        if self.category_id:
            params["category"] = str(self.category_id)
        if self.channel:
            params["channel"] = self.channel
        return params


def default_period(today: date | None = None, days: int = 90) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today - timedelta(days=days - 1), today


@dataclass
class Figures:
    received: int = 0
    open: int = 0
    answered: int = 0
    on_time: int = 0
    closed: int = 0
    reopened: int = 0
    repeated: int = 0
    proc_seconds: int = 0
    allowed_seconds: int = 0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKET_FIELDS))
    overdue: int = 0

    @classmethod
    def of(cls, row: dict) -> Figures:
        f = cls()
        for k in SUM_FIELDS:
            if not k.startswith("b"):
                setattr(f, k, int(row.get(k) or 0))
        f.buckets = [int(row.get(b) or 0) for b in BUCKET_FIELDS]
        return f

    def add(self, other: Figures) -> None:
        for k in SUM_FIELDS:
            if not k.startswith("b"):
                setattr(self, k, getattr(self, k) + getattr(other, k))
        self.buckets = [a + b for a, b in zip(self.buckets, other.buckets, strict=True)]
        self.overdue += other.overdue

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def avg_days(self) -> float | None:
        return self.proc_seconds / self.answered / 86400 if self.answered else None

    @property
    def time_ratio(self) -> float | None:
        """Processing time as a share of the legal period (1.0 = used the whole period)."""
        return self.proc_seconds / self.allowed_seconds if self.allowed_seconds else None

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.answered if self.answered else None

    @property
    def repeat_rate(self) -> float | None:
        return self.repeated / self.received if self.received else None


def summary_qs(scope: Scope, mapping: dict[int, int] | None = None) -> QuerySet[DailySummary]:
    qs = DailySummary.objects.filter(day__gte=scope.first, day__lte=scope.last)
    if scope.department_ids is not None:
        qs = qs.filter(department_q(scope.department_ids, mapping))
    if scope.category_id:
        qs = qs.filter(category_id=scope.category_id)
    if scope.channel:
        qs = qs.filter(channel=scope.channel)
    return qs.order_by()


def _sums():
    return {k: Sum(k) for k in SUM_FIELDS}


def by_department(
    scope: Scope, now: datetime | None = None, mapping: dict[int, int] | None = None
) -> tuple[Figures, dict[int | None, Figures]]:
    """Totals and figures per today's department, with 민원 overdue right now."""
    mapping = mapping or current_map()
    per: dict[int | None, Figures] = defaultdict(Figures)
    for row in summary_qs(scope, mapping).values("department_id").annotate(**_sums()):
        dept: int | None = row["department_id"]
        per[mapping.get(dept, dept) if dept else None].add(Figures.of(dict(row)))
    for dept, n in overdue_by_department(scope, now, mapping).items():
        per[mapping.get(dept, dept) if dept else None].overdue += n
    total = Figures()
    for f in per.values():
        total.add(f)
    return total, dict(per)


def overdue_by_department(
    scope: Scope, now: datetime | None = None, mapping: dict[int, int] | None = None
) -> dict[int | None, int]:
    """Open 민원 past their due time now, whenever they arrived (index cmp_status_due)."""
    qs = cast(ComplaintQuerySet, live_qs(scope, period=False, mapping=mapping)).overdue(now or timezone.now())
    return dict(qs.order_by().values_list("department_id").annotate(n=Count("id")))


def counts_by(scope: Scope, key: str, mapping: dict[int, int] | None = None) -> dict:
    rows = summary_qs(scope, mapping).values_list(key).annotate(n=Sum("received"))
    return {k: int(n) for k, n in rows}


def series(scope: Scope, unit: str = "day", mapping: dict[int, int] | None = None) -> list[tuple[date, int]]:
    """Received per day, ISO week (Monday) or month, zeros included, oldest first."""
    per_day = counts_by(scope, "day", mapping)
    out: dict[date, int] = {}
    day = scope.first
    while day <= scope.last:
        out.setdefault(bucket_start(day, unit), 0)
        out[bucket_start(day, unit)] += per_day.get(day, 0)
        day += timedelta(days=1)
    return sorted(out.items())


def bucket_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


# --- drill-down lists ------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


def live_qs(
    scope: Scope, *, period: bool = True, mapping: dict[int, int] | None = None
) -> QuerySet[Complaint]:
    """The complaints a figure of `scope` counts (the same cohort as the summary)."""
    qs = Complaint.objects.all()
    if period:
        qs = qs.filter(
            received_at__gte=_day_start(scope.first),
            received_at__lt=_day_start(scope.last) + timedelta(days=1),
        )
    if scope.department_ids is not None:
        qs = qs.filter(department_q(scope.department_ids, mapping))
    if scope.category_id:
        qs = qs.filter(category_id=scope.category_id)
    if scope.channel:
        qs = qs.filter(channel=scope.channel)
    return qs


def drill_down(
    scope: Scope, metric: str, *, cell: str = "", now: datetime | None = None
) -> QuerySet[Complaint]:
    """The 민원 behind one figure: `metric` is a key of definitions.METRIC_FILTERS or 'overdue'."""
    if metric == "overdue":
        qs = cast(ComplaintQuerySet, live_qs(scope, period=False)).overdue(now or timezone.now())
    else:
        qs = live_qs(scope).filter(d.METRIC_FILTERS.get(metric, d.METRIC_FILTERS["received"]))
    if cell:
        qs = qs.filter(h3_cell__in=cells_within(cell))
    return qs


def cells_within(cell: str) -> list[str]:
    """The stored-resolution cells inside `cell` (the map may aggregate at a coarser level)."""
    import h3
    from django.conf import settings

    try:
        res = h3.get_resolution(cell)
    except (ValueError, TypeError, h3.H3BaseException):
        return []
    target = settings.MINWON_H3_RESOLUTION
    if res >= target:
        return [cell]
    return list(h3.cell_to_children(cell, target))


def names(model, ids) -> dict:
    ids = [i for i in ids if i is not None]
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))


def category_names(ids) -> dict[int, str]:
    return names(Category, ids)


def department_names(ids) -> dict[int, str]:
    return names(Department, ids)


# --- satisfaction, kindness and praise (minwon.care, through insight.sources) -----------------------


@dataclass
class CareFigures:
    """Satisfaction responses *given* and praise *received* in the period (care's definitions:
    by the response's / praise's date and department), so they match the care pages."""

    responses: int = 0
    resolved: int = 0
    kindness_sum: int = 0
    speed_sum: int = 0
    praise: int = 0

    def add(self, other: CareFigures) -> None:
        for k in ("responses", "resolved", "kindness_sum", "speed_sum", "praise"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def satisfaction_rate(self) -> float | None:
        return self.resolved / self.responses if self.responses else None

    @property
    def kindness(self) -> float | None:
        return self.kindness_sum / self.responses if self.responses else None

    @property
    def speed(self) -> float | None:
        return self.speed_sum / self.responses if self.responses else None


def care_window(scope: Scope) -> tuple[datetime, datetime]:
    return _day_start(scope.first), _day_start(scope.last) + timedelta(days=1)


def _care_filters(scope: Scope, mapping: dict[int, int] | None = None) -> dict:
    ids: list[int | None] | None = None
    if scope.department_ids is not None:
        ids = list(absorbed_ids([i for i in scope.department_ids if i != UNASSIGNED], mapping))
        if UNASSIGNED in scope.department_ids:
            ids.append(None)
    return {"department_ids": ids, "category_id": scope.category_id, "channel": scope.channel}


def care_by_department(
    scope: Scope, mapping: dict[int, int] | None = None
) -> tuple[CareFigures, dict[int | None, CareFigures]] | None:
    """Totals and figures per today's department; None without the care app."""
    from . import sources

    if sources.care() is None:
        return None
    mapping = mapping or current_map()
    start, end = care_window(scope)
    filters = _care_filters(scope, mapping)
    per: dict[int | None, CareFigures] = defaultdict(CareFigures)
    for dept, r in sources.response_totals_by_department(start, end, **filters).items():
        per[mapping.get(dept, dept) if dept else None].add(
            CareFigures(r["n"], r["resolved"], r["kindness_sum"], r["speed_sum"])
        )
    for dept, n in sources.praise_counts_by_department(start, end, **filters).items():
        per[mapping.get(dept, dept) if dept else None].praise += n
    total = CareFigures()
    for f in per.values():
        total.add(f)
    return total, dict(per)


def care_drill_down(scope: Scope, metric: str):
    """The responses (metric 'responses' or 'resolved') or praise behind a care figure."""
    from . import sources

    start, end = care_window(scope)
    filters = _care_filters(scope)
    if metric == "praise":
        qs = sources.praise_queryset(start, end, **filters)
        return None if qs is None else qs.select_related("employee", "department", "complaint")
    qs = sources.response_queryset(start, end, **filters)
    if qs is None:
        return None
    if metric == "resolved":
        qs = qs.filter(resolved=True)
    return qs.select_related("complaint", "department")


def in_bucket(qs: QuerySet[Complaint], i: int) -> QuerySet[Complaint]:
    return qs.annotate(_start=d.START).filter(d.bucket_q(i))


def _seconds_of(value) -> int:
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    return int(value) // 1_000_000
