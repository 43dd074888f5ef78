from datetime import timedelta

import pytest

from minwon.lib.legalclock import (
    ExtensionReason,
    LegalClockError,
    WorkCalendar,
    check_extension_allowed,
    extend_due,
)

from .helpers import kst

DUE = kst(2026, 9, 30, 18)  # the 질의 7일 worked example


def test_extension_by_the_full_original_period():
    # Counted from Thu 10/1: skips 개천절 (10/3, substitute 10/5) and 한글날 (10/9).
    assert extend_due(DUE, "7d", "7d", "other_agency_help") == kst(2026, 10, 13, 18)


def test_shorter_extension_in_hours_mode():
    assert extend_due(DUE, "7d", "5d", ExtensionReason.FACT_CHECK_OR_SITE_VISIT) == kst(2026, 10, 8, 18)


def test_hours_extension_is_working_time_after_the_due():
    due = kst(2026, 11, 26, 17, 30)
    assert extend_due(due, "3d", "3d", "force_majeure") == WorkCalendar().add_working_time(
        due, timedelta(hours=24)
    )


def test_calendar_mode_extension_counts_from_the_day_after_the_due():
    assert extend_due(kst(2026, 3, 3, 18), "1m", "1m", "comparable") == kst(2026, 4, 3, 18)


def test_extension_longer_than_original_is_refused():
    with pytest.raises(LegalClockError, match="원래 처리기간"):
        extend_due(DUE, "7d", "8d", "other_agency_help")


def test_mixed_units_are_compared_by_the_dates_they_give():
    assert extend_due(DUE, "14d", "2w", "other_agency_help") == kst(2026, 10, 14, 18)
    with pytest.raises(LegalClockError, match="원래 처리기간"):
        extend_due(DUE, "1w", "7d", "other_agency_help")


@pytest.mark.parametrize(("reason", "word"), [("workload", "업무량"), ("no_handler", "담당자")])
def test_refused_reasons(reason, word):
    with pytest.raises(LegalClockError, match=word):
        extend_due(DUE, "7d", "7d", reason)


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_reason_is_required(reason):
    with pytest.raises(LegalClockError, match="연장 사유를 지정"):
        extend_due(DUE, "7d", "7d", reason)


def test_unknown_reason_lists_lawful_ones():
    with pytest.raises(LegalClockError, match="other_agency_help"):
        extend_due(DUE, "7d", "7d", "holiday_season")


def test_second_extension_needs_consent():
    with pytest.raises(LegalClockError, match="동의"):
        extend_due(DUE, "7d", "7d", "other_agency_help", prior_extensions=1)
    assert extend_due(DUE, "7d", "7d", "other_agency_help", prior_extensions=1, consent=True) == kst(
        2026, 10, 13, 18
    )


def test_third_extension_is_refused_even_with_consent():
    with pytest.raises(LegalClockError, match="두 번까지만"):
        extend_due(DUE, "7d", "1d", "other_agency_help", prior_extensions=2, consent=True)


def test_negative_prior_count_is_refused():
    with pytest.raises(LegalClockError):
        check_extension_allowed("other_agency_help", prior_extensions=-1)


def test_check_returns_the_reason():
    assert check_extension_allowed("force_majeure") is ExtensionReason.FORCE_MAJEURE
    assert ExtensionReason.FORCE_MAJEURE.label == "천재지변 등 부득이한 사유"


def test_pause_during_the_extension_pushes_the_new_due():
    pause = (kst(2026, 10, 6, 9), kst(2026, 10, 6, 18))
    assert extend_due(DUE, "7d", "7d", "other_agency_help", pauses=[pause]) == kst(2026, 10, 14, 18)


def test_pause_before_the_current_due_is_not_counted_again():
    pause = (kst(2026, 9, 21, 9), kst(2026, 9, 21, 18))
    assert extend_due(DUE, "7d", "7d", "other_agency_help", pauses=[pause]) == kst(2026, 10, 13, 18)
