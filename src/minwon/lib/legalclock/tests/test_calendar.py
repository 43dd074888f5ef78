from datetime import date, timedelta

import pytest

from minwon.lib.legalclock import LegalClockError, WorkCalendar, korean_holidays

from .helpers import kst

CAL = WorkCalendar()


def test_labour_day_2026_is_closed():
    assert not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.closure_name(date(2026, 5, 1)) == "노동절"


def test_constitution_day_2026_is_closed():
    assert not CAL.is_working_day(date(2026, 7, 17))
    assert CAL.closure_name(date(2026, 7, 17)) == "제헌절"


def test_weekends_are_named():
    assert CAL.closure_name(date(2026, 11, 21)) == "토요일"
    assert CAL.closure_name(date(2026, 11, 22)) == "일요일"
    assert CAL.closure_name(date(2026, 11, 23)) is None


def test_holiday_name_wins_over_weekend():
    assert CAL.closure_name(date(2026, 6, 6)) == "현충일"  # a Saturday


def test_substitute_holidays_are_closed():
    assert CAL.closure_name(date(2026, 3, 2)) == "삼일절 대체 휴일"
    assert not CAL.is_working_day(date(2027, 2, 9))  # 설 falls on a Sunday in 2027


def test_names_are_korean_and_cached_per_year():
    assert korean_holidays(2026) is korean_holidays(2026)
    assert "설날" in korean_holidays(2026).values()


def test_extra_closed_days_iterable_and_mapping():
    cal = WorkCalendar(extra_closed=[date(2026, 11, 25)])
    assert cal.closure_name(date(2026, 11, 25)) == "임시휴무"
    named = WorkCalendar(extra_closed={date(2026, 11, 25): "시민의 날"})
    assert named.closure_name(date(2026, 11, 25)) == "시민의 날"
    assert not named.working_intervals(date(2026, 11, 25))


def test_extra_closed_rejects_datetimes():
    with pytest.raises(LegalClockError):
        WorkCalendar(extra_closed=[kst(2026, 11, 25)])


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (kst(2026, 11, 23, 10, 15), kst(2026, 11, 23, 10, 15)),  # running
        (kst(2026, 11, 23, 7), kst(2026, 11, 23, 9)),  # before opening
        (kst(2026, 11, 23, 12), kst(2026, 11, 23, 13)),  # lunch starts at 12:00
        (kst(2026, 11, 23, 12, 30), kst(2026, 11, 23, 13)),
        (kst(2026, 11, 27, 18), kst(2026, 11, 30, 9)),  # Friday closing → Monday
        (kst(2026, 7, 16, 19), kst(2026, 7, 20, 9)),  # 제헌절 Friday
    ],
)
def test_next_working_instant(at, expected):
    assert CAL.next_working_instant(at) == expected


def test_is_working_instant_edges():
    assert CAL.is_working_instant(kst(2026, 11, 23, 9))
    assert not CAL.is_working_instant(kst(2026, 11, 23, 12))
    assert CAL.is_working_instant(kst(2026, 11, 23, 13))
    assert not CAL.is_working_instant(kst(2026, 11, 23, 18))
    assert not CAL.is_working_instant(kst(2026, 11, 21, 10))


def test_add_working_time_skips_lunch_and_ends_at_closing():
    assert CAL.add_working_time(kst(2026, 11, 23, 11), timedelta(hours=2)) == kst(2026, 11, 23, 14)
    assert CAL.add_working_time(kst(2026, 11, 23, 9), timedelta(hours=3)) == kst(2026, 11, 23, 12)
    assert CAL.add_working_time(kst(2026, 11, 23, 9), timedelta(hours=8)) == kst(2026, 11, 23, 18)


def test_add_zero_returns_start_and_negative_is_refused():
    assert CAL.add_working_time(kst(2026, 11, 23, 19), timedelta(0)) == kst(2026, 11, 23, 19)
    with pytest.raises(LegalClockError):
        CAL.add_working_time(kst(2026, 11, 23, 9), timedelta(hours=-1))


def test_working_time_between_is_antisymmetric():
    a, b = kst(2026, 11, 23, 17), kst(2026, 11, 24, 10)
    assert CAL.working_time_between(a, b) == timedelta(hours=2)
    assert CAL.working_time_between(b, a) == timedelta(hours=-2)


def test_outage_time_is_not_counted():
    cal = WorkCalendar(outages=[(kst(2026, 11, 23, 10), kst(2026, 11, 23, 11))])
    assert not cal.is_working_instant(kst(2026, 11, 23, 10, 30))
    assert cal.add_working_time(kst(2026, 11, 23, 9), timedelta(hours=3)) == kst(2026, 11, 23, 14)
    assert cal.working_time_between(kst(2026, 11, 23, 9), kst(2026, 11, 23, 18)) == timedelta(hours=7)
    assert cal.next_working_instant(kst(2026, 11, 23, 10, 30)) == kst(2026, 11, 23, 11)


def test_overlapping_outages_are_merged():
    cal = WorkCalendar(
        outages=[
            (kst(2026, 11, 23, 10), kst(2026, 11, 23, 11)),
            (kst(2026, 11, 23, 10, 30), kst(2026, 11, 23, 14)),
        ]
    )
    assert cal.stops == ((kst(2026, 11, 23, 10), kst(2026, 11, 23, 14)),)


def test_naive_datetimes_are_refused():
    from datetime import datetime

    with pytest.raises(LegalClockError, match="시간대"):
        CAL.next_working_instant(datetime(2026, 11, 23, 10))


def test_other_time_zones_are_converted_to_seoul():
    from datetime import UTC, datetime

    result = CAL.add_working_time(datetime(2026, 11, 23, 1, tzinfo=UTC), timedelta(hours=1))  # 10:00 KST
    assert result == kst(2026, 11, 23, 11)
    assert result.utcoffset() == timedelta(hours=9)


def test_outage_with_end_before_start_is_refused():
    with pytest.raises(LegalClockError, match="앞섭니다"):
        WorkCalendar(outages=[(kst(2026, 11, 23, 11), kst(2026, 11, 23, 10))])
