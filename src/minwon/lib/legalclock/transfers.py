"""Time limits for moving a 민원 on (DESIGN.md §4, 영 13), in working hours from 접수."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import LegalClockError
from .workcalendar import WorkCalendar, as_seoul


class TransferKind(StrEnum):
    """Which move; each has its own limit in working hours."""

    DESK_TO_DEPARTMENT = "desk_to_department"
    DESK_TO_DEPARTMENT_FAR = "desk_to_department_far"
    WRONG_DEPARTMENT = "wrong_department"
    OTHER_AGENCY = "other_agency"
    SUPPLEMENT_REQUEST = "supplement_request"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TransferKind.DESK_TO_DEPARTMENT: "접수창구 → 처리부서 이송",
    TransferKind.DESK_TO_DEPARTMENT_FAR: "접수창구 → 원거리 처리부서 이송",
    TransferKind.WRONG_DEPARTMENT: "잘못 배정된 부서 → 소관 부서 이송",
    TransferKind.OTHER_AGENCY: "다른 행정기관으로 이송",
    TransferKind.SUPPLEMENT_REQUEST: "보완 요구",
}

#: Working-time limits (영 13): 1 hour to the department (3 if it is far away), 3 to correct a
#: wrong assignment, 8 to pass to another agency; a 보완 request within 8 working hours.
TRANSFER_LIMITS: Mapping[TransferKind, timedelta] = {
    TransferKind.DESK_TO_DEPARTMENT: timedelta(hours=1),
    TransferKind.DESK_TO_DEPARTMENT_FAR: timedelta(hours=3),
    TransferKind.WRONG_DEPARTMENT: timedelta(hours=3),
    TransferKind.OTHER_AGENCY: timedelta(hours=8),
    TransferKind.SUPPLEMENT_REQUEST: timedelta(hours=8),
}


def transfer_deadline(
    received_at: datetime, kind: TransferKind | str, *, calendar: WorkCalendar | None = None
) -> datetime:
    """Latest time for the move ``kind`` of a 민원 received at ``received_at`` (aware).

    Counted in working hours like a short 처리기간: from the next opening if received outside
    working time, with outages not counted (영 20).
    """
    try:
        kind = TransferKind(kind)
    except ValueError:
        choices = ", ".join(f"{k.value}({k.label})" for k in TransferKind)
        raise LegalClockError(f"알 수 없는 이송 종류입니다: {kind!r}. 가능한 값: {choices}") from None
    received = as_seoul(received_at, "접수 시각")
    calendar = calendar if calendar is not None else WorkCalendar()
    return calendar.add_working_time(calendar.next_working_instant(received), TRANSFER_LIMITS[kind])
