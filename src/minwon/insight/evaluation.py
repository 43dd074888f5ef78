"""Department and employee evaluation for incentives: weighted metric scores with their workings.

The period is a half-year by default (MINWON_EVALUATION_MONTHS), aligned to 1 January. A unit's
total is Σ weight × score ÷ Σ weight over the metrics that have a score; a metric without data
(or whose source app is absent) is shown but does not count, so nobody is scored on what
nobody measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from minwon.accounts.models import User
from minwon.org.models import Department, Membership

from . import metrics
from .metrics import REGISTRY, Period, Unit, Value
from .queries import absorbed_ids, current_map


def period_of(day: date, months: int | None = None) -> Period:
    months = months or settings.MINWON_EVALUATION_MONTHS
    idx = (day.month - 1) // months
    first = date(day.year, idx * months + 1, 1)
    m = idx * months + months
    nxt = date(day.year + m // 12, m % 12 + 1, 1)
    return Period(first, nxt - timedelta(days=1))


def recent_periods(n: int = 4, today: date | None = None) -> list[Period]:
    out = [period_of(today or timezone.localdate())]
    while len(out) < n:
        out.append(period_of(out[-1].first - timedelta(days=1)))
    return out


def parse_period(text: str) -> Period | None:
    """'2026-07-01_2026-12-31' → Period (the value of the period picker)."""
    try:
        a, b = text.split("_")
        first, last = date.fromisoformat(a), date.fromisoformat(b)
    except ValueError:
        return None
    return Period(first, last) if first <= last and (last - first).days <= 800 else None


def department_units(department_ids=None) -> list[Unit]:
    mapping = current_map()
    qs = Department.objects.active().filter(is_desk=False).order_by("name")
    if department_ids is not None:
        qs = qs.filter(pk__in=department_ids)
    members: dict[int, list[int]] = {}
    for user_id, dept in Membership.objects.filter(ended_at__isnull=True).values_list(
        "user_id", "department_id"
    ):
        members.setdefault(dept, []).append(user_id)
    return [
        Unit("department", d.pk, d.name, tuple(absorbed_ids([d.pk], mapping)), tuple(members.get(d.pk, ())))
        for d in qs
    ]


def employee_units(department_ids=None) -> list[Unit]:
    rows = Membership.objects.filter(ended_at__isnull=True, user__is_active=True).select_related(
        "user", "department"
    )
    if department_ids is not None:
        rows = rows.filter(department_id__in=department_ids)
    seen: dict[int, Unit] = {}
    for m in rows.order_by("department__name", "user__display_name"):
        if m.user_id not in seen and not m.department.is_desk:
            seen[m.user_id] = Unit("employee", m.user_id, f"{m.user} ({m.department.name})")
    return list(seen.values())


def unit_for(kind: str, pk: int) -> Unit | None:
    units = department_units([pk]) if kind == "department" else [u for u in employee_units() if u.pk == pk]
    if not units and kind == "employee" and User.objects.filter(pk=pk).exists():
        return Unit("employee", pk, str(User.objects.get(pk=pk)))
    return units[0] if units else None


@dataclass
class Line:
    key: str
    label: str
    weight: float
    value: Value


@dataclass
class Result:
    unit: Unit
    lines: list[Line]

    @property
    def total(self) -> float | None:
        scored = [ln for ln in self.lines if ln.value.score is not None and ln.weight > 0]
        weight = sum(ln.weight for ln in scored)
        if not weight:
            return None
        return sum(ln.weight * (ln.value.score or 0) for ln in scored) / weight

    @property
    def formula(self) -> str:
        scored = [ln for ln in self.lines if ln.value.score is not None and ln.weight > 0]
        if not scored:
            return "점수를 낼 지표가 없습니다."
        parts = " + ".join(f"{ln.weight:g}×{ln.value.score:.1f}" for ln in scored)
        return f"({parts}) ÷ {sum(ln.weight for ln in scored):g} = {self.total:.1f}"


def evaluate(unit: Unit, period: Period, keys: list[str] | None = None) -> Result:
    weights = metrics.weights()
    with metrics.shared_reads():
        lines = [
            Line(k, m.label, weights[k], m.compute(period, unit))
            for k, m in REGISTRY.items()
            if keys is None or k in keys
        ]
    return Result(unit, lines)


def evaluate_all(units: list[Unit], period: Period) -> list[Result]:
    with metrics.shared_reads(many=len(units) > 1):
        results = [evaluate(u, period) for u in units]
    results.sort(key=lambda r: (r.total is None, -(r.total or 0), r.unit.label))
    return results
