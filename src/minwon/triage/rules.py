"""반복민원 (민원 처리에 관한 법률 제23조) as a pure rule: no Django, no database.

법 제23조①: 민원인이 동일한 내용의 민원을 정당한 사유 없이 3회 이상 반복하여 제출한 경우에는
2회 이상 그 처리결과를 통지하고, 그 후에 접수되는 민원에 대하여는 종결처리할 수 있다.

So the desk *may* close the current 민원 when, counting it, the applicant has filed the same
content at least three times and at least two earlier filings had their result notified
(answered or closed). 법정민원 are never closed this way. A person decides: this function only
says whether the law allows it and shows the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

MIN_FILINGS = 3
MIN_NOTIFIED = 2
STATUTORY = "statutory"


@dataclass(frozen=True)
class PriorFiling:
    """An earlier 민원 of the same applicant with the same content."""

    complaint_id: int
    tracking_no: str
    received_at: datetime
    similarity: float
    notified: bool  # its result was notified (an answered or closed event exists)
    notified_at: datetime | None = None


@dataclass(frozen=True)
class RepeatedAssessment:
    may_close: bool
    filings: int  # including the current 민원
    notified: int
    reasons: tuple[str, ...]
    evidence: tuple[PriorFiling, ...] = field(default=())

    @property
    def evidence_ids(self) -> list[int]:
        return [p.complaint_id for p in self.evidence]


def repeated_complaint_assessment(
    *, kind: str, received_at: datetime, prior: Sequence[PriorFiling]
) -> RepeatedAssessment:
    """Whether the desk MAY close a 민원 as 반복민원, with the reasons and the evidence.

    Only filings before the current one count, and a result counts as notified only if the
    notice went out before the current 민원 arrived ("그 후에 접수되는 민원").
    """
    earlier = tuple(sorted((p for p in prior if p.received_at < received_at), key=lambda p: p.received_at))
    notified = sum(
        1 for p in earlier if p.notified and (p.notified_at is None or p.notified_at <= received_at)
    )
    filings = len(earlier) + 1
    reasons: list[str] = []
    if kind == STATUTORY:
        reasons.append("법정민원은 반복민원으로 종결할 수 없습니다.")
    if filings < MIN_FILINGS:
        reasons.append(f"같은 내용의 민원이 {filings}회 접수되었습니다 (3회 이상이어야 함).")
    if notified < MIN_NOTIFIED:
        reasons.append(f"처리결과를 통지한 횟수가 {notified}회입니다 (2회 이상이어야 함).")
    may = not reasons
    if may:
        reasons.append(
            f"같은 내용으로 {filings}회 접수, 처리결과 {notified}회 통지: "
            "법 제23조에 따라 종결할 수 있습니다."
        )
    return RepeatedAssessment(may, filings, notified, tuple(reasons), earlier)
