"""Reads for field observation: a reporter's own list and participation by half-year.

`participation` is the contract the incentive evaluation (a later issue) builds on: a pure read
with plain rows, no request or template in sight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q

from minwon.complaints.choices import OPEN_STATUSES, Status
from minwon.org.models import Department

from .models import FieldReport

OTHER_ENDS = (Status.TRANSFERRED, Status.WITHDRAWN, Status.MERGED)


@dataclass
class ParticipationRow:
    """One employee (or, from `department_totals`, one department) in one period."""

    department_id: int | None
    department: str
    reporter_id: int | None = None
    reporter: str = ""
    filed: int = 0
    answered: int = 0  # answered, not yet closed
    closed: int = 0
    open: int = 0
    rejected: int = 0
    other: int = 0  # transferred to another agency, withdrawn, merged
    on_time: int = 0  # answered within the due time (answered or closed 민원)
    late: int = 0
    reporters: set[int] = field(default_factory=set, repr=False)

    @property
    def on_time_rate(self) -> float | None:
        done = self.on_time + self.late
        return self.on_time / done if done else None

    @property
    def reporter_count(self) -> int:
        return len(self.reporters)


def half_year(year: int, half: int) -> tuple[datetime, datetime]:
    """[start, end) of H1 (1월–6월) or H2 (7월–12월) in local time."""
    if half not in (1, 2):
        raise ValueError("half must be 1 or 2")
    tz = ZoneInfo(settings.TIME_ZONE)
    start = date(year, 1 if half == 1 else 7, 1)
    end = date(year, 7, 1) if half == 1 else date(year + 1, 1, 1)
    return datetime.combine(start, time.min, tz), datetime.combine(end, time.min, tz)


def department_and_below(department: Department) -> list[int]:
    """The department's id and every unit under it (a 과 head sees the 팀s of the 과)."""
    ids, frontier = [department.pk], [department.pk]
    while frontier:
        frontier = list(Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def participation(
    period_start: datetime, period_end: datetime, department: Department | None = None
) -> list[ParticipationRow]:
    """Per employee: field reports filed in [period_start, period_end) and how each 민원 ended.

    A report counts in the period its 민원 arrived; the department is the reporter's unit at the
    time of filing. With `department`, only reporters of that unit and the units below it.
    """
    rows = FieldReport.objects.filter(
        complaint__received_at__gte=period_start, complaint__received_at__lt=period_end
    )
    if department is not None:
        rows = rows.filter(reporter_department_id__in=department_and_below(department))
    done = Q(complaint__answered_at__isnull=False, complaint__status__in=(Status.ANSWERED, Status.CLOSED))
    in_time = Q(complaint__due_at__isnull=True) | Q(complaint__answered_at__lte=F("complaint__due_at"))
    counted = (
        rows.values(
            "reporter_id",
            "reporter__display_name",
            "reporter__username",
            "reporter_department_id",
            "reporter_department__name",
        )
        .annotate(
            filed=Count("pk"),
            answered=Count("pk", filter=Q(complaint__status=Status.ANSWERED)),
            closed=Count("pk", filter=Q(complaint__status=Status.CLOSED)),
            open=Count("pk", filter=Q(complaint__status__in=OPEN_STATUSES)),
            rejected=Count("pk", filter=Q(complaint__status=Status.REJECTED)),
            other=Count("pk", filter=Q(complaint__status__in=OTHER_ENDS)),
            on_time=Count("pk", filter=done & in_time),
            late=Count("pk", filter=done & ~in_time),
        )
        .order_by()
    )
    out = [
        ParticipationRow(
            department_id=r["reporter_department_id"],
            department=r["reporter_department__name"] or "소속 없음",
            reporter_id=r["reporter_id"],
            reporter=r["reporter__display_name"] or r["reporter__username"],
            filed=r["filed"],
            answered=r["answered"],
            closed=r["closed"],
            open=r["open"],
            rejected=r["rejected"],
            other=r["other"],
            on_time=r["on_time"],
            late=r["late"],
            reporters={r["reporter_id"]},
        )
        for r in counted
    ]
    out.sort(key=lambda r: (r.department, -r.filed, r.reporter))
    return out


COUNTS = ("filed", "answered", "closed", "open", "rejected", "other", "on_time", "late")


def department_totals(rows: list[ParticipationRow]) -> list[ParticipationRow]:
    """Sum employee rows per department (pure: no database)."""
    totals: dict[int | None, ParticipationRow] = {}
    for row in rows:
        total = totals.setdefault(row.department_id, ParticipationRow(row.department_id, row.department))
        for name in COUNTS:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.reporters |= row.reporters
    return sorted(totals.values(), key=lambda r: (-r.filed, r.department))


def reports_of(user):
    """The reporter's own reports, newest first, with what became of each 민원."""
    return (
        FieldReport.objects.filter(reporter=user)
        .select_related("complaint", "complaint__department", "field_category")
        .order_by("-created_at", "-pk")
    )
