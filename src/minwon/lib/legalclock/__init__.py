"""The legal clock: working calendar and 처리기한 rules of 민원 처리에 관한 법률 (DESIGN.md §4).

Pure Python, no Django: the apps import it, it imports nothing from them.

Conventions: every datetime passed in must be timezone-aware (naive ones raise
:class:`LegalClockError`); every datetime returned is in Asia/Seoul. Only the CLI reads naive
input, as Asia/Seoul time.
"""

from .errors import LegalClockError
from .extensions import (
    MAX_EXTENSIONS,
    REFUSED_EXTENSION_REASONS,
    ExtensionReason,
    check_extension_allowed,
    extend_due,
)
from .periods import DueComputation, Mode, Period, Unit, compute_due, explain_due
from .transfers import TRANSFER_LIMITS, TransferKind, transfer_deadline
from .workcalendar import SEOUL, WORKING_DAY, WORKING_HOURS, WorkCalendar, korean_holidays

__all__ = [
    "MAX_EXTENSIONS",
    "REFUSED_EXTENSION_REASONS",
    "SEOUL",
    "TRANSFER_LIMITS",
    "WORKING_DAY",
    "WORKING_HOURS",
    "DueComputation",
    "ExtensionReason",
    "LegalClockError",
    "Mode",
    "Period",
    "TransferKind",
    "Unit",
    "WorkCalendar",
    "check_extension_allowed",
    "compute_due",
    "explain_due",
    "extend_due",
    "korean_holidays",
    "transfer_deadline",
]
