"""Every worked example of DESIGN.md §4, one test each."""

from minwon.lib.legalclock import Period, compute_due

from .helpers import kst


def test_inquiry_7_days_over_chuseok():
    # 질의 7일 received Fri 2026-09-18 16:00 (추석 9/24–26) → Wed 2026-09-30 end of day.
    assert compute_due(kst(2026, 9, 18, 16), "7d") == kst(2026, 9, 30, 18)


def test_statutory_3_days_received_in_working_hours():
    # 3-day 법정민원 received Mon 2026-11-23 17:30 → Thu 2026-11-26 17:30.
    assert compute_due(kst(2026, 11, 23, 17, 30), "3d") == kst(2026, 11, 26, 17, 30)


def test_3_days_received_after_hours():
    # 3-day received Mon 2026-11-23 19:00 (after hours) → Thu 2026-11-26 18:00.
    assert compute_due(kst(2026, 11, 23, 19), "3d") == kst(2026, 11, 26, 18)


def test_immediate_over_constitution_day():
    # 즉시 (3 h) received Thu 2026-07-16 16:30 (제헌절 Fri) → Mon 2026-07-20 10:30.
    assert compute_due(kst(2026, 7, 16, 16, 30), Period.immediate()) == kst(2026, 7, 20, 10, 30)


def test_proposal_14_days_over_labour_day_and_childrens_day():
    # 건의 14일 received Wed 2026-04-29 (노동절 5/1, 어린이날 5/5) → Wed 2026-05-20 end of day.
    assert compute_due(kst(2026, 4, 29, 10), "14d") == kst(2026, 5, 20, 18)


def test_one_month_received_january_31():
    # "1개월" received 2026-01-31 → Tue 2026-03-03 (Feb 28 Sat, 3/1 삼일절, 3/2 대체공휴일).
    assert compute_due(kst(2026, 1, 31, 10), "1개월") == kst(2026, 3, 3, 18)
