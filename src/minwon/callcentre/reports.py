"""First-contact resolution (FCR) and average handling time (AHT), per agent and per topic.

Definitions (docs/callcentre.md):
- a call counts in the period by its start time (local date, both ends included);
- FCR = calls answered at once ÷ calls, leaving out calls ended for abusive conduct (they were
  neither resolvable nor a 민원; counting them would punish the agent who was abused);
- AHT = mean recorded duration of *all* calls, abusive ones included (that time was spent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from .models import Call


@dataclass(frozen=True)
class Row:
    key: int | None
    label: str
    calls: int
    abusive: int
    resolved: int
    complaints: int
    aht_seconds: float

    @property
    def fcr_base(self) -> int:
        return self.calls - self.abusive

    @property
    def fcr(self) -> float | None:
        return self.resolved / self.fcr_base if self.fcr_base else None

    @property
    def fcr_percent(self) -> str:
        return "-" if self.fcr is None else f"{self.fcr * 100:.1f}%"

    @property
    def aht_label(self) -> str:
        m, s = divmod(round(self.aht_seconds), 60)
        return f"{m}분 {s:02d}초"


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


AGGREGATES = {
    "calls": Count("pk"),
    "abusive": Count("pk", filter=Q(ended_for_abuse=True)),
    "resolved": Count("pk", filter=Q(answered_at_once=True, ended_for_abuse=False)),
    "complaints": Count("complaint"),
    "aht": Avg("duration_seconds"),
    "total": Sum("duration_seconds"),
}


def _rows(qs, key: str, label: str) -> list[Row]:
    out = []
    for r in qs.values(key, label).annotate(**AGGREGATES).order_by(label):
        out.append(
            Row(
                r[key],
                r[label] or "-",
                r["calls"],
                r["abusive"],
                r["resolved"],
                r["complaints"],
                float(r["aht"] or 0),
            )
        )
    return out


def _total(qs) -> Row:
    r = qs.aggregate(**AGGREGATES)
    return Row(None, "전체", r["calls"], r["abusive"], r["resolved"], r["complaints"], float(r["aht"] or 0))


def calls_between(start: date, end: date):
    lo, hi = _bounds(start, end)
    return Call.objects.filter(started_at__gte=lo, started_at__lt=hi)


def by_agent(start: date, end: date) -> list[Row]:
    return _rows(calls_between(start, end), "agent_id", "agent__display_name")


def by_topic(start: date, end: date) -> list[Row]:
    return _rows(calls_between(start, end), "topic_id", "topic__name")


def total(start: date, end: date) -> Row:
    return _total(calls_between(start, end))
