"""The working calendar: when the legal clock runs.

Working time is 09:00–12:00 and 13:00–18:00 (8 hours), Monday to Friday, Asia/Seoul, minus
공휴일 (관공서의 공휴일에 관한 규정: national holidays, 설·추석, 대체공휴일, election days, and
from 2026 노동절 and 제헌절, all supplied by the `holidays` package), minus extra closed days the
caller supplies (임시공휴일 not yet in `holidays`, 지방공휴일) and minus outage intervals, whose
time is not counted (영 20).

All methods step per working interval (two per day), never per minute.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from functools import cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

from .errors import LegalClockError

SEOUL = ZoneInfo("Asia/Seoul")

#: The two daily working intervals (wall-clock times in Asia/Seoul).
WORKING_HOURS: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(13), time(18)))
#: 영 19①: "1일은 8시간의 근무시간을 기준으로 한다".
WORKING_DAY = timedelta(hours=8)
OPENING = WORKING_HOURS[0][0]
CLOSING = WORKING_HOURS[-1][1]

#: Label for caller-supplied closed days given without a name.
EXTRA_CLOSED_LABEL = "임시휴무"
_WEEKEND_LABELS = {5: "토요일", 6: "일요일"}

# A walk that finds no working time within this many days is a caller error (e.g. an outage
# spanning decades); stopping beats looping for ever.
_MAX_SCAN_DAYS = 366 * 30

Interval = tuple[datetime, datetime]


@cache
def korean_holidays(year: int) -> Mapping[date, str]:
    """공휴일 of one year with Korean names, cached per year.

    language="ko" always: the package otherwise follows LANG and answers in English under C.UTF-8.
    """
    # Read-only: the cached mapping is shared by every caller in the process.
    return MappingProxyType(dict(holidays.country_holidays("KR", years=year, language="ko")))


def as_seoul(value: datetime, what: str = "시각") -> datetime:
    """Return an aware datetime converted to Asia/Seoul; refuse naive ones.

    Naive datetimes are refused rather than guessed: every caller inside the platform holds
    aware values (STYLE.md §5), and a silent guess would shift a legal deadline by the server's
    offset. Only the CLI interprets naive input, explicitly, as Asia/Seoul.
    """
    if not isinstance(value, datetime):
        raise LegalClockError(f"{what}은(는) 날짜와 시각(datetime)이어야 합니다: {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise LegalClockError(
            f"{what}에 시간대가 없습니다: {value.isoformat()} (Asia/Seoul 시각을 넘기십시오)"
        )
    return value.astimezone(SEOUL)


def seoul_at(day: date, at: time) -> datetime:
    """The aware instant `at` o'clock on `day` in Asia/Seoul."""
    return datetime.combine(day, at, tzinfo=SEOUL)


def merge_intervals(intervals: Iterable[tuple[datetime, datetime | None]], what: str) -> tuple[Interval, ...]:
    """Validate, convert to Asia/Seoul, sort and merge overlapping or touching intervals."""
    cleaned: list[Interval] = []
    for start, end in intervals:
        if end is None:
            raise LegalClockError(
                f"{what}의 종료 시각이 없습니다 (진행 중인 {what}). 처리기한을 계산할 수 없으니 "
                "잠정 기한이 필요하면 현재 시각을 종료 시각으로 넘기십시오."
            )
        s, e = as_seoul(start, f"{what} 시작 시각"), as_seoul(end, f"{what} 종료 시각")
        if e < s:
            raise LegalClockError(
                f"{what}의 종료 시각({e.isoformat()})이 시작 시각({s.isoformat()})보다 앞섭니다."
            )
        if e > s:
            cleaned.append((s, e))
    cleaned.sort()
    merged: list[Interval] = []
    for s, e in cleaned:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


class WorkCalendar:
    """Working days and hours in Asia/Seoul, with optional extra closed days and outages.

    ``extra_closed`` is an iterable of dates (labelled 임시휴무) or a mapping date → Korean name
    (e.g. an admin table of 임시공휴일 and 지방공휴일). ``outages`` are (start, end) pairs of aware
    datetimes; working time inside them does not count (영 20). Instances are immutable.
    """

    __slots__ = ("_closed", "_stop_ends", "_stops")

    def __init__(
        self,
        extra_closed: Iterable[date] | Mapping[date, str] = (),
        outages: Iterable[tuple[datetime, datetime]] = (),
    ) -> None:
        if isinstance(extra_closed, Mapping):
            self._closed: dict[date, str] = {_as_date(d): str(name) for d, name in extra_closed.items()}
        else:
            self._closed = {_as_date(d): EXTRA_CLOSED_LABEL for d in extra_closed}
        self._set_stops(merge_intervals(outages, "장애"))

    def _set_stops(self, stops: tuple[Interval, ...]) -> None:
        self._stops = stops
        # Merged intervals are disjoint and sorted, so their ends are sorted too: bisect on them.
        self._stop_ends = [e for _, e in stops]

    # -- derived calendars -------------------------------------------------------------------

    def with_stops(
        self, intervals: Iterable[tuple[datetime, datetime | None]], what: str = "일시정지"
    ) -> WorkCalendar:
        """A calendar whose clock also stops during ``intervals`` (pauses on top of outages)."""
        clone = self._clone()
        clone._set_stops(merge_intervals([*self._stops, *intervals], what))
        return clone

    def without_stops(self) -> WorkCalendar:
        """The same days off, ignoring outages: the schedule the law counts days on."""
        clone = self._clone()
        clone._set_stops(())
        return clone

    def _clone(self) -> WorkCalendar:
        clone = WorkCalendar.__new__(WorkCalendar)
        clone._closed = self._closed
        clone._set_stops(self._stops)
        return clone

    @property
    def extra_closed(self) -> Mapping[date, str]:
        return dict(self._closed)

    @property
    def stops(self) -> tuple[Interval, ...]:
        """Merged outage (and pause) intervals, in Asia/Seoul."""
        return self._stops

    # -- days ----------------------------------------------------------------------------------

    def closure_name(self, day: date) -> str | None:
        """Why ``day`` is not a working day, in Korean, or None if it is one.

        A 공휴일's own name wins over 토요일/일요일 because it is the more informative answer when
        a holiday falls on a weekend; caller-supplied closures come next.
        """
        day = _as_date(day)
        name = korean_holidays(day.year).get(day)
        if name is not None:
            return name
        if day in self._closed:
            return self._closed[day]
        return _WEEKEND_LABELS.get(day.weekday())

    def is_working_day(self, day: date) -> bool:
        """Monday–Friday and neither a 공휴일 nor an extra closed day (outages do not close days)."""
        return self.closure_name(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day on or after ``day``."""
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise LegalClockError(f"{day.isoformat()} 이후 {_MAX_SCAN_DAYS}일 동안 근무일이 없습니다.")

    # -- intervals -----------------------------------------------------------------------------

    def working_intervals(self, day: date) -> list[Interval]:
        """The day's working intervals in Asia/Seoul, with outages (and pauses) cut out."""
        if not self.is_working_day(day):
            return []
        base = [(seoul_at(day, s), seoul_at(day, e)) for s, e in WORKING_HOURS]
        if not self._stops:
            return base
        return _subtract(base, self._stops_between(base[0][0], base[-1][1]))

    def _stops_between(self, start: datetime, end: datetime) -> list[Interval]:
        i = bisect.bisect_right(self._stop_ends, start)
        found = []
        while i < len(self._stops) and self._stops[i][0] < end:
            found.append(self._stops[i])
            i += 1
        return found

    def _intervals_from(self, start: datetime) -> Iterator[Interval]:
        """Working intervals (clipped) from ``start`` onward, day after day."""
        day = start.date()
        for _ in range(_MAX_SCAN_DAYS):
            for s, e in self.working_intervals(day):
                if e > start:
                    yield max(s, start), e
            day += timedelta(days=1)
        raise LegalClockError(f"{start.isoformat()} 이후 {_MAX_SCAN_DAYS}일 동안 근무시간이 없습니다.")

    # -- instants ------------------------------------------------------------------------------

    def is_working_instant(self, dt: datetime) -> bool:
        """True while the clock runs at ``dt``: inside [start, end) of a working interval.

        12:00 and 18:00 are not working instants (the clock has just stopped), 09:00 and 13:00 are.
        """
        dt = as_seoul(dt)
        return any(s <= dt < e for s, e in self.working_intervals(dt.date()))

    def next_working_instant(self, dt: datetime) -> datetime:
        """``dt`` itself if the clock runs then, else the next moment it starts (09:00 or 13:00,
        or the end of an outage)."""
        dt = as_seoul(dt)
        return next(self._intervals_from(dt))[0]

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest instant at which ``amount`` of working time has elapsed since ``start``.

        Because it is the earliest, a result that uses up a whole interval is that interval's
        end (12:00, 18:00, or an outage's start), never the next opening. Adding zero returns
        ``start`` unchanged (in Asia/Seoul).
        """
        start = as_seoul(start, "시작 시각")
        if amount < timedelta(0):
            raise LegalClockError(f"더할 근무시간이 음수입니다: {amount}")
        if amount == timedelta(0):
            return start
        left = amount
        for s, e in self._intervals_from(start):
            if left <= e - s:
                return s + left
            left -= e - s
        raise AssertionError("unreachable: _intervals_from raises when it runs out")  # pragma: no cover

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b``; negative when ``b`` is before ``a`` (e.g. overdue)."""
        a, b = as_seoul(a), as_seoul(b)
        if b < a:
            return -self.working_time_between(b, a)
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            for s, e in self.working_intervals(day):
                lo, hi = max(s, a), min(e, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total

    def stopped_working_time(self, a: datetime, b: datetime) -> timedelta:
        """Office-hours time between ``a`` and ``b`` during which this calendar's clock is stopped.

        Measured on the schedule without stops, so overlapping pauses and outages count once.
        Walks only the stop intervals, not the whole span.
        """
        a, b = as_seoul(a), as_seoul(b)
        base = self.without_stops()
        total = timedelta(0)
        for s, e in self._stops_between(a, b):
            lo, hi = max(s, a), min(e, b)
            if hi > lo:
                total += base.working_time_between(lo, hi)
        return total


def _subtract(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """``intervals`` minus ``holes`` (both sorted)."""
    result: list[Interval] = []
    for s, e in intervals:
        cursor = s
        for hs, he in holes:
            if he <= cursor or hs >= e:
                continue
            if hs > cursor:
                result.append((cursor, hs))
            cursor = max(cursor, he)
        if cursor < e:
            result.append((cursor, e))
    return result


def _as_date(value: date) -> date:
    # datetime is a subclass of date; a datetime here would compare unequal to holiday dates.
    if isinstance(value, datetime):
        raise LegalClockError(f"날짜(date)가 필요합니다: {value.isoformat()}")
    if not isinstance(value, date):
        raise LegalClockError(f"날짜(date)가 필요합니다: {value!r}")
    return value
