"""Building `DailySummary` from the complaints, incrementally from the event log.

`refresh_summaries` (a worker job) reads the events written since the watermark, finds the days
on which the touched 민원 arrived, and recomputes exactly those days with one aggregate query per
run of days (range scan on cmp_received). `rebuild_all` does the whole table in one query, for a
new installation, an import that bypassed the event log, or the benchmark.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from minwon.complaints.models import Complaint, ComplaintEvent

from . import definitions as d
from .models import BUCKET_DAYS, BUCKET_FIELDS, DailySummary, SummaryState

OVERLAP_IDS = 1000
KEYS = ("day", "department_id", "category_id", "channel")


def _seconds(value) -> int:
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    return int(value) // 1_000_000  # SQLite may hand back microseconds


def _aggregates() -> dict:
    aggs = {
        "received": Count("id"),
        "open": Count("id", filter=d.OPEN),
        "answered": Count("id", filter=d.ANSWERED),
        "on_time": Count("id", filter=d.ON_TIME),
        "closed": Count("id", filter=d.CLOSED),
        "reopened": Count("id", filter=d.REOPENED),
        "repeated": Count("id", filter=d.REPEATED),
        "proc": Sum(d.ELAPSED, filter=d.ANSWERED),
        "allowed": Sum(d.ALLOWED, filter=d.HAS_ALLOWED),
    }
    for i, name in enumerate(BUCKET_FIELDS):
        aggs[name] = Count("id", filter=d.bucket_q(i))
    return aggs


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def summary_rows(qs) -> list[DailySummary]:
    rows = (
        qs.annotate(_start=d.START, day=TruncDate("received_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values(*KEYS)
        .annotate(**_aggregates())
    )
    out = []
    for r in rows:
        proc, allowed = r.pop("proc"), r.pop("allowed")
        out.append(DailySummary(**r, proc_seconds=_seconds(proc), allowed_seconds=_seconds(allowed)))
    return out


@transaction.atomic
def rebuild_range(first: date, last: date) -> int:
    """Recompute the summary of the days first..last (inclusive); returns the rows written."""
    start, end = _local_start(first), _local_start(last + timedelta(days=1))
    rows = summary_rows(Complaint.objects.filter(received_at__gte=start, received_at__lt=end))
    DailySummary.objects.filter(day__gte=first, day__lte=last).delete()
    DailySummary.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def rebuild_all() -> int:
    last = ComplaintEvent.objects.aggregate(m=Max("id"))["m"] or 0
    rows = summary_rows(Complaint.objects.all())
    DailySummary.objects.all().delete()
    DailySummary.objects.bulk_create(rows, batch_size=5000)
    SummaryState.objects.update_or_create(
        name="daily", defaults={"last_event_id": last, "refreshed_at": timezone.now(), "days_rebuilt": 0}
    )
    return len(rows)


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days → contiguous (first, last) runs, so a busy stretch is one range query."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][1] <= timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def refresh_summaries(now: datetime | None = None, *, max_events: int = 200_000) -> int:
    """Bring the summary up to the event log (worker job). Returns the number of days rebuilt."""
    state, _ = SummaryState.objects.get_or_create(name="daily")
    events = ComplaintEvent.objects.filter(id__gt=state.last_event_id).order_by("id")[:max_events]
    newest = events.aggregate(m=Max("id"))["m"]
    if newest is None:
        return 0
    # Re-read a margin of ids below the watermark: a transaction that took its event id earlier
    # but committed after the last refresh is still picked up (ids are not commit-ordered).
    days = set(
        ComplaintEvent.objects.filter(id__gt=max(state.last_event_id - OVERLAP_IDS, 0), id__lte=newest)
        .annotate(day=TruncDate("complaint__received_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day", flat=True)
        .distinct()
    )
    for first, last in _runs(list(days)):
        rebuild_range(first, last)
    SummaryState.objects.filter(name="daily").update(
        last_event_id=newest, refreshed_at=now or timezone.now(), days_rebuilt=len(days)
    )
    return len(days)


__all__ = ["BUCKET_DAYS", "rebuild_all", "rebuild_range", "refresh_summaries"]
