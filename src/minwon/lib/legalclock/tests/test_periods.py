from datetime import date, datetime, timedelta

import pytest

from minwon.lib.legalclock import LegalClockError, Mode, Period, Unit, WorkCalendar, compute_due, explain_due

from .helpers import kst

# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3h", Period(3, Unit.HOURS)),
        (" 7d ", Period(7, Unit.DAYS)),
        ("7D", Period(7, Unit.DAYS)),
        ("7일", Period(7, Unit.DAYS)),
        ("3시간", Period(3, Unit.HOURS)),
        ("2w", Period(2, Unit.WEEKS)),
        ("2주", Period(2, Unit.WEEKS)),
        ("1m", Period(1, Unit.MONTHS)),
        ("1개월", Period(1, Unit.MONTHS)),
        ("1y", Period(1, Unit.YEARS)),
        ("1년", Period(1, Unit.YEARS)),
        ("즉시", Period(3, Unit.HOURS)),
        ("immediate", Period(3, Unit.HOURS)),
    ],
)
def test_parse(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["", "7", "d", "0d", "-3d", "3.5h", "7x", "seven days", "99999d"])
def test_parse_rejects(text):
    with pytest.raises(LegalClockError):
        Period.parse(text)


def test_modes_switch_between_5_and_6_days():
    assert Period.parse("5d").mode is Mode.HOURS
    assert Period.parse("5d").working_time == timedelta(hours=40)
    assert Period.parse("6d").mode is Mode.DAYS
    assert Period.parse("48h").mode is Mode.HOURS
    assert Period.parse("1w").mode is Mode.CALENDAR
    with pytest.raises(LegalClockError):
        _ = Period.parse("6d").working_time


def test_str_and_label():
    assert str(Period.parse("7일")) == "7d"
    assert Period.parse("1m").label == "1개월"


# -- hours mode --------------------------------------------------------------------------------


def test_received_at_lunch_starts_at_13():
    assert compute_due(kst(2026, 11, 23, 12, 30), "3h") == kst(2026, 11, 23, 16)


def test_received_before_opening_starts_at_9():
    assert compute_due(kst(2026, 11, 23, 7, 45), "1d") == kst(2026, 11, 23, 18)


def test_received_on_weekend_starts_monday_9():
    assert compute_due(kst(2026, 11, 21, 14), "1d") == kst(2026, 11, 23, 18)


def test_five_days_is_forty_working_hours():
    assert compute_due(kst(2026, 11, 23, 10), "5d") == kst(2026, 11, 30, 10)


def test_hours_mode_across_new_year():
    # Dec 31 is a working day, 1/1 is not: 7 h on 12/31, 8 h on 1/4 and 1/5, 1 h on 1/6.
    assert compute_due(kst(2026, 12, 31, 10), "3d") == kst(2027, 1, 6, 10)


# -- days mode ---------------------------------------------------------------------------------


def test_days_mode_received_on_saturday_counts_from_monday():
    assert compute_due(kst(2026, 11, 21, 11), "6d") == kst(2026, 11, 30, 18)


def test_days_mode_received_after_hours_counts_from_next_day():
    assert compute_due(kst(2026, 11, 23, 17), "6d") == kst(2026, 11, 30, 18)
    assert compute_due(kst(2026, 11, 23, 19), "6d") == kst(2026, 12, 1, 18)


def test_days_mode_skips_extra_closed_day():
    cal = WorkCalendar(extra_closed=[date(2026, 11, 25)])
    assert compute_due(kst(2026, 11, 23, 10), "6d", calendar=cal) == kst(2026, 12, 1, 18)


def test_days_mode_across_year_end():
    # 12/25 and 1/1 are skipped.
    assert compute_due(kst(2026, 12, 24, 10), "14d") == kst(2027, 1, 14, 18)


def test_days_mode_over_seollal_2027_with_substitute_holiday():
    # 설 2027: 2/6 (Sat)–2/8 (Mon), 대체공휴일 2/9 (Tue).
    assert compute_due(kst(2027, 2, 3, 10), "7d") == kst(2027, 2, 15, 18)


def test_explain_lists_skipped_days():
    result = explain_due(kst(2026, 4, 29, 10), "14d")
    assert (date(2026, 5, 1), "노동절") in result.skipped
    assert (date(2026, 5, 5), "어린이날") in result.skipped
    assert result.mode is Mode.DAYS
    assert result.stopped == timedelta(0)


# -- calendar mode (민법 157, 159–161) ---------------------------------------------------------


def test_weeks_end_on_same_weekday():
    assert compute_due(kst(2026, 11, 11, 15), "2w") == kst(2026, 11, 25, 18)


def test_weeks_roll_past_extra_closed_day():
    cal = WorkCalendar(extra_closed=[date(2026, 11, 25)])
    assert compute_due(kst(2026, 11, 18, 15), "1w", calendar=cal) == kst(2026, 11, 26, 18)


def test_month_end_jan_31_plus_one_month_in_plain_year():
    assert compute_due(kst(2025, 1, 31, 10), "1m") == kst(2025, 2, 28, 18)


def test_month_without_corresponding_day_ends_on_its_last_day():
    # 기산일 1/31 → no 2/31 → 2/28 (Sat) → 3/3 after 삼일절 and its substitute.
    assert compute_due(kst(2026, 1, 30, 10), "1m") == kst(2026, 3, 3, 18)


def test_period_starting_on_the_first_ends_on_the_month_end():
    # Received 2/28 → 기산일 3/1 → ends 3/31, not 3/28.
    assert compute_due(kst(2027, 2, 28, 10), "1m") == kst(2027, 3, 31, 18)


def test_leap_year_february_29():
    assert compute_due(kst(2028, 1, 31, 10), "1m") == kst(2028, 2, 29, 18)
    assert compute_due(kst(2027, 2, 28, 10), "1y") == kst(2028, 2, 29, 18)


def test_year_from_leap_day_start():
    # 기산일 2028-02-29 has no match in 2029 → Feb's last day.
    assert compute_due(kst(2028, 2, 28, 10), "1y") == kst(2029, 2, 28, 18)


def test_months_roll_past_seollal():
    # 1m from 2027-01-07 → 2/7 (설날, Sun) → 2/8 설 다음날 → 2/9 대체공휴일 → 2/10.
    assert compute_due(kst(2027, 1, 7, 10), "1m") == kst(2027, 2, 10, 18)


def test_calendar_mode_counts_the_date_even_after_hours():
    assert compute_due(kst(2026, 11, 11, 23), "2w") == kst(2026, 11, 25, 18)


# -- pauses ------------------------------------------------------------------------------------


def test_pause_of_two_working_days_in_days_mode():
    pause = (kst(2026, 9, 21, 9), kst(2026, 9, 22, 18))
    assert compute_due(kst(2026, 9, 18, 16), "7d", pauses=[pause]) == kst(2026, 10, 2, 18)


def test_partial_pause_in_hours_mode():
    pause = (kst(2026, 11, 24, 10), kst(2026, 11, 24, 11, 30))
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", pauses=[pause]) == kst(2026, 11, 27, 10)


def test_overlapping_pauses_count_once_and_lunch_not_at_all():
    pauses = [(kst(2026, 11, 24, 10), kst(2026, 11, 24, 12)), (kst(2026, 11, 24, 11), kst(2026, 11, 24, 14))]
    # 10–12 and 13–14: 3 working hours.
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", pauses=pauses) == kst(2026, 11, 27, 11, 30)


def test_pause_outside_the_period_changes_nothing():
    before = (kst(2026, 11, 19, 9), kst(2026, 11, 20, 18))
    after = (kst(2026, 12, 7, 9), kst(2026, 12, 8, 18))
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", pauses=[before, after]) == kst(2026, 11, 26, 17, 30)


def test_pause_straddling_receipt_counts_only_after_receipt():
    # Only Mon 17:30–18:00 and Tue 09:00–10:00 follow 접수: 1.5 h, so Thu 17:30 → Fri 10:00.
    pause = (kst(2026, 11, 23, 9), kst(2026, 11, 24, 10))
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", pauses=[pause]) == kst(2026, 11, 27, 10)


def test_shifted_due_reaching_a_later_pause_is_shifted_again():
    # 3h from Mon 09:00 is 12:00; pause A (1 h) moves it to 14:00, which reaches pause B (13–15),
    # so the clock runs 10–12 and 15–16.
    pauses = [(kst(2026, 11, 23, 9), kst(2026, 11, 23, 10)), (kst(2026, 11, 23, 13), kst(2026, 11, 23, 15))]
    assert compute_due(kst(2026, 11, 23, 9), "3h", pauses=pauses) == kst(2026, 11, 23, 16)


def test_pause_in_calendar_mode():
    pause = (kst(2026, 2, 2, 9), kst(2026, 2, 2, 18))
    assert compute_due(kst(2026, 1, 31, 10), "1m", pauses=[pause]) == kst(2026, 3, 4, 18)


def test_open_pause_is_refused():
    with pytest.raises(LegalClockError, match="종료 시각이 없습니다"):
        compute_due(kst(2026, 11, 23, 10), "7d", pauses=[(kst(2026, 11, 24, 10), None)])


def test_pause_ending_before_it_starts_is_refused():
    with pytest.raises(LegalClockError):
        compute_due(kst(2026, 11, 23, 10), "7d", pauses=[(kst(2026, 11, 24, 10), kst(2026, 11, 24, 9))])


def test_naive_pause_is_refused():
    with pytest.raises(LegalClockError, match="시간대"):
        compute_due(kst(2026, 11, 23, 10), "7d", pauses=[(datetime(2026, 11, 24, 10), kst(2026, 11, 24, 11))])


def test_naive_received_is_refused():
    with pytest.raises(LegalClockError, match="시간대"):
        compute_due(datetime(2026, 11, 23, 10), "7d")


# -- outages (영 20) ---------------------------------------------------------------------------


def test_outage_in_days_mode_extends_by_its_working_time():
    cal = WorkCalendar(outages=[(kst(2026, 9, 21, 10), kst(2026, 9, 21, 12))])
    assert compute_due(kst(2026, 9, 18, 16), "7d", calendar=cal) == kst(2026, 10, 1, 11)


def test_outage_in_hours_mode():
    cal = WorkCalendar(outages=[(kst(2026, 11, 24, 0), kst(2026, 11, 25, 0))])
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", calendar=cal) == kst(2026, 11, 27, 17, 30)


def test_outage_overlapping_a_pause_counts_once():
    cal = WorkCalendar(outages=[(kst(2026, 11, 24, 9), kst(2026, 11, 24, 12))])
    pause = (kst(2026, 11, 24, 10), kst(2026, 11, 24, 14))
    # Together 9–12 and 13–14: 4 h, not 3 + 3; Thu 17:30 + 4 h → Fri 13:30.
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d", pauses=[pause], calendar=cal) == kst(
        2026, 11, 27, 13, 30
    )


def test_result_is_in_seoul():
    due = compute_due(kst(2026, 11, 23, 10), "7d")
    assert due.tzinfo is not None
    assert due.utcoffset() == timedelta(hours=9)


def test_plain_string_unit_is_coerced_and_bad_unit_refused():
    assert Period(6, "d").mode is Mode.DAYS  # type: ignore[arg-type]
    with pytest.raises(LegalClockError, match="단위"):
        Period(6, "x")  # type: ignore[arg-type]
