"""Bridge between complaints and the pure legal clock (minwon.lib.legalclock).

The clock knows nothing of Django; here we feed it the city's own closed days and outages
(core.ClosedDay, core.Outage) and a complaint's pauses and extensions.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from minwon.core.models import ClosedDay, Outage
from minwon.lib.legalclock.errors import LegalClockError
from minwon.lib.legalclock.extensions import extend_due
from minwon.lib.legalclock.periods import compute_due
from minwon.lib.legalclock.transfers import TransferKind, transfer_deadline
from minwon.lib.legalclock.workcalendar import WorkCalendar

from .errors import ComplaintError

DEFAULT_REMEDIES = (
    "이 처분에 이의가 있으면 민원 처리에 관한 법률 제35조에 따라 처분을 받은 날부터 60일 이내에 "
    "이의신청을 할 수 있고, 처분이 있음을 안 날부터 90일 이내에 행정심판 또는 행정소송을 제기할 수 있습니다."
)


def work_calendar() -> WorkCalendar:
    """Today's calendar: national holidays plus the admin's closed days and outages.

    Read from the database each time (two small indexed queries) so every web and worker
    process sees an admin's change at once; nothing is cached in process memory. Intake reads it
    once per 민원 for both of its deadlines. (One UNION ALL query instead of two was tried: one
    round trip fewer, but Django compiles it for ~0.1 ms more CPU than the two plain queries, so
    no faster.)
    """
    closed = dict(ClosedDay.objects.values_list("date", "name"))
    outages = list(Outage.objects.values_list("started_at", "ended_at"))
    return WorkCalendar(extra_closed=closed, outages=outages)


def routing_due(received_at: datetime, *, calendar: WorkCalendar | None = None) -> datetime:
    """Desk → department within 1 working hour (영 13)."""
    return transfer_deadline(
        received_at, TransferKind.DESK_TO_DEPARTMENT, calendar=calendar or work_calendar()
    )


def _pauses(complaint, now: datetime) -> list[tuple[datetime, datetime]]:
    # An open pause (보완 still awaited) counts up to now: the due shown is provisional until
    # the supplement arrives, when it is recomputed with the real end.
    rows = complaint.pauses.filter(started_at__gte=complaint.clock_started_at).values_list(
        "started_at", "ended_at"
    )
    return [(start, end or max(now, start)) for start, end in rows]


def due_for(complaint, *, calendar: WorkCalendar | None = None) -> datetime | None:
    """The 처리기한 from the clock start, the period, the pauses and the granted extensions."""
    if complaint.clock_started_at is None:
        return None
    cal = calendar or work_calendar()
    pauses = _pauses(complaint, timezone.now())
    try:
        due = compute_due(complaint.clock_started_at, complaint.period, pauses=pauses, calendar=cal)
        extensions = complaint.extensions.filter(at__gte=complaint.clock_started_at).order_by("at", "pk")
        for i, ext in enumerate(extensions):
            due = extend_due(
                due,
                complaint.period,
                ext.period,
                ext.reason_code,
                prior_extensions=i,
                consent=ext.applicant_consent,
                pauses=pauses,
                calendar=cal,
            )
    except LegalClockError as exc:
        raise ComplaintError(str(exc), field="period") from exc
    return due


def due_for_new(complaint, *, calendar: WorkCalendar) -> datetime:
    """`due_for` of a 민원 being accepted as it is stored: no pauses or extensions can exist yet."""
    try:
        return compute_due(complaint.clock_started_at, complaint.period, pauses=[], calendar=calendar)
    except LegalClockError as exc:
        raise ComplaintError(str(exc), field="period") from exc


def extended_due(complaint, *, period: str, reason_code: str, consent: bool) -> datetime:
    """What the due would become with one more extension; raises ComplaintError if unlawful."""
    if complaint.due_at is None:
        raise ComplaintError("접수되지 않은 민원은 처리기간을 연장할 수 없습니다.")
    cal = work_calendar()
    try:
        return extend_due(
            complaint.due_at,
            complaint.period,
            period,
            reason_code,
            prior_extensions=complaint.extension_count,
            consent=consent,
            pauses=_pauses(complaint, timezone.now()),
            calendar=cal,
        )
    except LegalClockError as exc:
        raise ComplaintError(str(exc), field="period") from exc


def korean_due(dt: datetime | None) -> str:
    """'11월 26일(목) 17:30까지' — how the due reads to a citizen."""
    if dt is None:
        return ""
    local = timezone.localtime(dt)
    weekday = "월화수목금토일"[local.weekday()]
    return f"{local.month}월 {local.day}일({weekday}) {local:%H:%M}까지"
