import pytest

from minwon.lib.legalclock import (
    TRANSFER_LIMITS,
    LegalClockError,
    TransferKind,
    WorkCalendar,
    transfer_deadline,
)

from .helpers import kst


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (TransferKind.DESK_TO_DEPARTMENT, kst(2026, 11, 23, 11)),
        (TransferKind.DESK_TO_DEPARTMENT_FAR, kst(2026, 11, 23, 14)),
        (TransferKind.WRONG_DEPARTMENT, kst(2026, 11, 23, 14)),
        (TransferKind.OTHER_AGENCY, kst(2026, 11, 24, 10)),
        (TransferKind.SUPPLEMENT_REQUEST, kst(2026, 11, 24, 10)),
    ],
)
def test_limits_from_monday_10(kind, expected):
    assert transfer_deadline(kst(2026, 11, 23, 10), kind) == expected


def test_every_kind_has_a_limit():
    assert set(TRANSFER_LIMITS) == set(TransferKind)


def test_string_kind_and_friday_evening():
    assert transfer_deadline(kst(2026, 11, 27, 17, 30), "desk_to_department") == kst(2026, 11, 30, 9, 30)


def test_after_hours_before_holiday():
    assert transfer_deadline(kst(2026, 7, 16, 19), "desk_to_department") == kst(2026, 7, 20, 10)


def test_outage_is_not_counted():
    cal = WorkCalendar(outages=[(kst(2026, 11, 23, 10), kst(2026, 11, 23, 10, 30))])
    assert transfer_deadline(kst(2026, 11, 23, 10), "desk_to_department", calendar=cal) == kst(
        2026, 11, 23, 11, 30
    )


def test_unknown_kind_is_refused():
    with pytest.raises(LegalClockError, match="이송 종류"):
        transfer_deadline(kst(2026, 11, 23, 10), "teleport")
