"""처리기간 연장 (영 21): when an extension is lawful and the due it gives.

Rules as implemented:

- every extension needs one of the lawful reason codes (:class:`ExtensionReason`); 업무량
  (``workload``) and a missing handler (``no_handler``) are refused by name;
- each extension is at most the original period (영 21 "처리기간의 범위에서");
- the first extension needs no consent; a second ("한 번 더") only with the 민원인's recorded
  consent; a third is refused even with consent, since the article allows exactly one more;
- the extension is counted from the moment after the current due: hours and days modes from
  the next working instant, calendar mode with the due's date as the uncounted first day
  (민법 157, as for a period that starts when another ends).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum

from .errors import LegalClockError
from .periods import PauseLike, Period, as_period, explain_due
from .workcalendar import WorkCalendar, as_seoul


class ExtensionReason(StrEnum):
    """Lawful reasons for extension (영 21); codes match ``complaints.choices.ExtensionReason``."""

    OTHER_AGENCY_HELP = "other_agency_help"
    FACT_CHECK_OR_SITE_VISIT = "fact_check_or_site_visit"
    FORCE_MAJEURE = "force_majeure"
    COMPARABLE = "comparable"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    ExtensionReason.OTHER_AGENCY_HELP: "다른 행정기관의 협조가 필요함",
    ExtensionReason.FACT_CHECK_OR_SITE_VISIT: "사실 확인·현장조사가 필요함",
    ExtensionReason.FORCE_MAJEURE: "천재지변 등 부득이한 사유",
    ExtensionReason.COMPARABLE: "그 밖에 이에 준하는 사유",
}

#: Reasons officials reach for that the law does not accept, with the Korean refusal.
REFUSED_EXTENSION_REASONS: Mapping[str, str] = {
    "workload": "업무량 과다는 처리기간 연장 사유가 될 수 없습니다 (영 21).",
    "no_handler": "담당자 부재(미지정·휴가 등)는 처리기간 연장 사유가 될 수 없습니다 (영 21).",
}

#: The first extension plus one more with the 민원인's consent.
MAX_EXTENSIONS = 2


def _lawful_list() -> str:
    return ", ".join(f"{r.value}({r.label})" for r in ExtensionReason)


def check_extension_allowed(
    reason: str | None, *, prior_extensions: int = 0, consent: bool = False
) -> ExtensionReason:
    """Check reason and count (not the length); return the reason or raise :class:`LegalClockError`.

    Useful to validate a form before any date is computed.
    """
    if reason is None or not str(reason).strip():
        raise LegalClockError(f"연장 사유를 지정해야 합니다 (영 21). 가능한 사유: {_lawful_list()}")
    code = str(reason).strip()
    if code in REFUSED_EXTENSION_REASONS:
        raise LegalClockError(REFUSED_EXTENSION_REASONS[code])
    try:
        lawful = ExtensionReason(code)
    except ValueError:
        raise LegalClockError(
            f"알 수 없는 연장 사유입니다: {code!r}. 가능한 사유: {_lawful_list()}"
        ) from None
    if isinstance(prior_extensions, bool) or not isinstance(prior_extensions, int) or prior_extensions < 0:
        raise LegalClockError(f"이전 연장 횟수가 잘못되었습니다: {prior_extensions!r}")
    if prior_extensions >= MAX_EXTENSIONS:
        raise LegalClockError(
            "처리기간은 두 번까지만 연장할 수 있습니다 (영 21: 한 번, 민원인 동의 시 한 번 더). "
            "더는 연장할 수 없습니다."
        )
    if prior_extensions == 1 and not consent:
        raise LegalClockError("두 번째 연장은 민원인의 동의를 받은 경우에만 할 수 있습니다 (영 21).")
    return lawful


def extend_due(
    current_due: datetime,
    original: Period | str,
    extension: Period | str,
    reason: str | None,
    *,
    prior_extensions: int = 0,
    consent: bool = False,
    pauses: Iterable[PauseLike] = (),
    calendar: WorkCalendar | None = None,
) -> datetime:
    """The new 처리기한 after extending ``current_due`` by ``extension`` (영 21), or raise.

    ``original`` is the 민원's own 처리기간, the cap for each extension: the extension, counted from
    the current due, may not end later than the original period would from the same moment (so
    mixed units such as ``2w`` against ``10d`` compare fairly). ``prior_extensions`` is how many
    extensions were already granted; ``consent`` records the 민원인's consent (needed for the
    second). ``pauses`` falling after the current due push the new due as in
    :func:`~minwon.lib.legalclock.periods.compute_due`. Notifying the reason and new date to the
    민원인 is the caller's job.
    """
    check_extension_allowed(reason, prior_extensions=prior_extensions, consent=consent)
    current = as_seoul(current_due, "현재 처리기한")
    original, extension = as_period(original), as_period(extension)
    calendar = calendar if calendar is not None else WorkCalendar()
    # The current due plays the part of the 접수 time: hours/days modes then start at the next
    # working instant after it, calendar mode counts from the day after its date.
    longest = explain_due(current, original, calendar=calendar).nominal_due
    requested = explain_due(current, extension, calendar=calendar).nominal_due
    if requested > longest:
        raise LegalClockError(
            f"연장 기간({extension.label})이 원래 처리기간({original.label})을 넘습니다 "
            f"(영 21: 처리기간의 범위에서 연장). 가장 늦은 연장 기한: {longest.isoformat()}"
        )
    return explain_due(current, extension, pauses=pauses, calendar=calendar).due_at
