"""처리기간 (processing periods) and the due time (처리기한) they give.

Three counting modes, chosen by the period (영 19):

- ``hours``: hours, and days up to 5 — working hours from the 접수 time, 1 day = 8 hours (영 19①).
- ``days``: 6 days or more — days counted with the first day included, skipping Saturdays and
  공휴일; due at 18:00 of the Nth counted day (영 19②).
- ``calendar``: weeks, months, years — 민법 157 and 159–161 (영 19③): the first day is not
  counted, the period ends the day before the corresponding day, or on the last day of a month
  that has none, and a period ending on a Saturday or 공휴일 ends on the next working day.

Pauses (보완, 현장조사, …) and outages (영 20) add the working time they cover onto the due.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .errors import LegalClockError
from .workcalendar import CLOSING, WORKING_DAY, WorkCalendar, as_seoul, seoul_at

PauseLike = tuple[datetime, datetime | None]


class Unit(StrEnum):
    HOURS = "h"
    DAYS = "d"
    WEEKS = "w"
    MONTHS = "m"
    YEARS = "y"


class Mode(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    CALENDAR = "calendar"


_UNIT_WORDS: dict[str, Unit] = {
    "h": Unit.HOURS,
    "시간": Unit.HOURS,
    "d": Unit.DAYS,
    "일": Unit.DAYS,
    "w": Unit.WEEKS,
    "주": Unit.WEEKS,
    "주일": Unit.WEEKS,
    "m": Unit.MONTHS,
    "개월": Unit.MONTHS,
    "달": Unit.MONTHS,
    "y": Unit.YEARS,
    "년": Unit.YEARS,
}
_KOREAN_UNIT = {Unit.HOURS: "시간", Unit.DAYS: "일", Unit.WEEKS: "주", Unit.MONTHS: "개월", Unit.YEARS: "년"}
# Generous upper bounds (about ten years) so a typo cannot send the day walk off for centuries.
_MAX_AMOUNT = {Unit.HOURS: 8 * 2600, Unit.DAYS: 2600, Unit.WEEKS: 520, Unit.MONTHS: 120, Unit.YEARS: 10}
_PERIOD_RE = re.compile(r"^\s*(\d+)\s*([a-zA-Z가-힣]+)\s*$")
_IMMEDIATE_WORDS = frozenset({"즉시", "immediate", "immediately"})
# 즉시 처리 민원: 3 working hours (DESIGN.md §4, worked example).
IMMEDIATE_HOURS = 3
# 영 19: periods of up to 5 days are counted in hours, 6 days or more in days.
HOUR_MODE_MAX_DAYS = 5


@dataclass(frozen=True, slots=True)
class Period:
    """A 처리기간: a positive amount of a unit. Parse with :meth:`parse`, or use :meth:`immediate`."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        try:
            # Accept "h"/"d"/… as well as Unit members; the mode checks compare by identity.
            object.__setattr__(self, "unit", Unit(self.unit))
        except ValueError:
            raise LegalClockError(f"처리기간 단위가 잘못되었습니다: {self.unit!r} (h, d, w, m, y)") from None
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise LegalClockError(f"처리기간은 정수여야 합니다: {self.amount!r}")
        if self.amount <= 0:
            raise LegalClockError(f"처리기간은 1 이상이어야 합니다: {self.amount}{_KOREAN_UNIT[self.unit]}")
        limit = _MAX_AMOUNT[self.unit]
        if self.amount > limit:
            raise LegalClockError(
                f"처리기간이 너무 깁니다: {self.label} (최대 {limit}{_KOREAN_UNIT[self.unit]})"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``3h``, ``7d``, ``2w``, ``1m``, ``1y``, their Korean forms (``3시간``, ``7일``,
        ``2주``, ``1개월``, ``1년``) or ``즉시``/``immediate``."""
        if not isinstance(text, str):
            raise LegalClockError(f"처리기간은 문자열이어야 합니다: {text!r}")
        if text.strip().lower() in _IMMEDIATE_WORDS:
            return cls.immediate()
        match = _PERIOD_RE.match(text)
        unit = _UNIT_WORDS.get(match.group(2).lower()) if match else None
        if match is None or unit is None:
            raise LegalClockError(
                f"처리기간 형식이 잘못되었습니다: {text!r} (예: 3h, 5d, 7d, 2w, 1m, 1y, 즉시)"
            )
        return cls(int(match.group(1)), unit)

    @classmethod
    def immediate(cls) -> Period:
        """즉시 처리: 3 working hours."""
        return cls(IMMEDIATE_HOURS, Unit.HOURS)

    @property
    def mode(self) -> Mode:
        if self.unit is Unit.HOURS or (self.unit is Unit.DAYS and self.amount <= HOUR_MODE_MAX_DAYS):
            return Mode.HOURS
        if self.unit is Unit.DAYS:
            return Mode.DAYS
        return Mode.CALENDAR

    @property
    def working_time(self) -> timedelta:
        """The working time an hour-mode period lasts (영 19①: 1 day = 8 working hours)."""
        if self.mode is not Mode.HOURS:
            raise LegalClockError(f"{self.label}은(는) 시간 단위로 계산하는 처리기간이 아닙니다.")
        if self.unit is Unit.HOURS:
            return timedelta(hours=self.amount)
        return self.amount * WORKING_DAY

    @property
    def label(self) -> str:
        """Korean label, e.g. ``7일``, ``1개월``."""
        return f"{self.amount}{_KOREAN_UNIT[self.unit]}"

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"


def as_period(value: Period | str) -> Period:
    return value if isinstance(value, Period) else Period.parse(value)


@dataclass(frozen=True)
class DueComputation:
    """How a due time was reached; :func:`compute_due` returns only ``due_at``."""

    received_at: datetime
    period: Period
    mode: Mode
    #: When counting started: the clock start in hours/days mode, 00:00 of the 기산일 (the day
    #: after 접수) in calendar mode.
    counted_from: datetime
    #: The due time before pauses and outages.
    nominal_due: datetime
    #: Office-hours time covered by pauses and outages between 접수 and the nominal due.
    stopped: timedelta
    due_at: datetime
    #: Days off passed over while counting (days mode) or rolling forward (calendar mode).
    skipped: tuple[tuple[date, str], ...] = field(default=())


def explain_due(
    received_at: datetime,
    period: Period | str,
    *,
    pauses: Iterable[PauseLike] = (),
    calendar: WorkCalendar | None = None,
) -> DueComputation:
    """Compute the due time and keep the intermediate steps (see :func:`compute_due`)."""
    received = as_seoul(received_at, "접수 시각")
    period = as_period(period)
    calendar = calendar if calendar is not None else WorkCalendar()
    # Days are counted on the schedule without outages; outages are then handled like pauses,
    # which in hours mode is the same as walking the calendar with them cut out.
    base = calendar.without_stops()
    counted_from, nominal, skipped = _nominal_due(base, received, period)
    stopped_calendar = calendar.with_stops(pauses)
    stopped = stopped_calendar.stopped_working_time(received, nominal)
    # Closed form of "add the paused working time onto the due, and repeat while the moved due
    # reaches into more pause": the due is where the *running* clock (pauses and outages cut out)
    # has made up, after the nominal due, the time it lost before it. Monotone in the pauses, so
    # adding a pause never makes the due earlier.
    due = stopped_calendar.add_working_time(nominal, stopped)
    return DueComputation(received, period, period.mode, counted_from, nominal, stopped, due, skipped)


def compute_due(
    received_at: datetime,
    period: Period | str,
    *,
    pauses: Iterable[PauseLike] = (),
    calendar: WorkCalendar | None = None,
) -> datetime:
    """The 처리기한 of a 민원 received (접수) at ``received_at`` with processing period ``period``.

    ``received_at`` and pause bounds must be timezone-aware (naive values are refused); the
    result is in Asia/Seoul. ``pauses`` are (start, end) pairs that may overlap and may start
    before 접수; an open pause (end None) is refused, because while it runs there is no due — pass
    the current time as its end for a provisional due. ``calendar`` supplies extra closed days
    and outages (default: 공휴일 only).

    Without pauses or outages a days- or calendar-mode due is 18:00. In every case the due lies
    in some working interval (s, e] of the calendar with pauses cut out: strictly after a
    09:00/13:00 opening (or an outage's end), at the latest at its closing (12:00/18:00, or an
    outage's start) — never in a closed hour.
    """
    return explain_due(received_at, period, pauses=pauses, calendar=calendar).due_at


def _nominal_due(
    base: WorkCalendar, received: datetime, period: Period
) -> tuple[datetime, datetime, tuple[tuple[date, str], ...]]:
    if period.mode is Mode.HOURS:
        # 영 19①: hours from the 접수 time; outside working time the clock starts at the next
        # opening (09:00 next working day, or 13:00 after lunch).
        start = base.next_working_instant(received)
        return start, base.add_working_time(start, period.working_time), ()
    if period.mode is Mode.DAYS:
        return _days_mode_due(base, received, period.amount)
    return _calendar_mode_due(base, received, period)


def _days_mode_due(
    base: WorkCalendar, received: datetime, days: int
) -> tuple[datetime, datetime, tuple[tuple[date, str], ...]]:
    # 영 19②: the first day counts. A 민원 received on a day off or after 18:00 is taken up on the
    # next working day, so that day is the first counted day (as in hours mode).
    start = base.next_working_instant(received)
    day = start.date()
    skipped: list[tuple[date, str]] = []
    counted = 0
    while True:
        reason = base.closure_name(day)
        if reason is None:
            counted += 1
            if counted == days:
                return start, seoul_at(day, CLOSING), tuple(skipped)
        else:
            skipped.append((day, reason))
        day += timedelta(days=1)


def _calendar_mode_due(
    base: WorkCalendar, received: datetime, period: Period
) -> tuple[datetime, datetime, tuple[tuple[date, str], ...]]:
    # 영 19③ → 민법 157: the first day (the 접수 date itself) is not counted; counting starts the
    # next day (기산일) whatever the hour of 접수.
    first = received.date() + timedelta(days=1)
    if period.unit is Unit.WEEKS:
        # 민법 160②: ends the day before the 기산일's weekday in the last week.
        end = first + timedelta(weeks=period.amount) - timedelta(days=1)
    else:
        months = period.amount * (12 if period.unit is Unit.YEARS else 1)
        end = _month_period_end(first, months)
    # 민법 161: a period ending on a Saturday or 공휴일 (Sundays included) ends the next day; we
    # also pass over the caller's extra closed days, which are 공휴일 for the office.
    skipped: list[tuple[date, str]] = []
    while (reason := base.closure_name(end)) is not None:
        skipped.append((end, reason))
        end += timedelta(days=1)
    return seoul_at(first, time(0)), seoul_at(end, CLOSING), tuple(skipped)


def _month_period_end(first: date, months: int) -> date:
    """민법 160②③: the day before the 기산일's corresponding day ``months`` later; if that month
    has no corresponding day, its last day."""
    index = first.month - 1 + months
    year, month = first.year + index // 12, index % 12 + 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    if first.day > last_day:
        return date(year, month, last_day)
    return date(year, month, first.day) - timedelta(days=1)
