"""What each figure counts, defined once and used by the summary rebuild and the drill-down lists.

A figure and the list behind it must never disagree, so both are built from these expressions.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce

from minwon.complaints.choices import OPEN_STATUSES, TERMINAL_STATUSES, ClosureReason

from .models import BUCKET_DAYS

# The processing period starts at 접수 (or when a reopened 민원 came back); never-accepted 민원
# fall back to their arrival so that no answered 민원 lacks a start.
START = Coalesce(F("clock_started_at"), F("accepted_at"), F("received_at"))
ELAPSED = ExpressionWrapper(F("answered_at") - START, output_field=DurationField())
ALLOWED = ExpressionWrapper(F("due_at") - START, output_field=DurationField())

ANSWERED = Q(answered_at__isnull=False)
ON_TIME = ANSWERED & (Q(due_at__isnull=True) | Q(answered_at__lte=F("due_at")))
LATE = ANSWERED & Q(due_at__isnull=False, answered_at__gt=F("due_at"))
OPEN = Q(status__in=OPEN_STATUSES)
CLOSED = Q(status__in=TERMINAL_STATUSES)
REOPENED = Q(reopen_count__gt=0)
REPEATED = Q(repeat_of__isnull=False) | Q(closure_reason=ClosureReason.REPEATED)
HAS_ALLOWED = ANSWERED & Q(due_at__isnull=False)


def bucket_q(i: int) -> Q:
    """Answered 민원 whose processing time falls in histogram bucket `i` (see BUCKET_DAYS)."""
    lower = timedelta(days=BUCKET_DAYS[i - 1]) if i > 0 else None
    upper = timedelta(days=BUCKET_DAYS[i]) if i < len(BUCKET_DAYS) else None
    q = ANSWERED
    # Written as comparisons of answered_at with start + n days: both databases index-free but exact.
    if lower is not None:
        q &= Q(answered_at__gte=F("_start") + lower)
    if upper is not None:
        q &= Q(answered_at__lt=F("_start") + upper)
    return q


def bucket_label(i: int) -> str:
    if i == 0:
        return f"{BUCKET_DAYS[0]}일 미만"
    if i == len(BUCKET_DAYS):
        return f"{BUCKET_DAYS[-1]}일 이상"
    return f"{BUCKET_DAYS[i - 1]}–{BUCKET_DAYS[i]}일"


# Drill-down names (the `metric` of an insight list URL) → the filter of the list.
METRIC_FILTERS: dict[str, Q] = {
    "received": Q(),
    "answered": ANSWERED,
    "on_time": ON_TIME,
    "late": LATE,
    "open": OPEN,
    "closed": CLOSED,
    "reopened": REOPENED,
    "repeated": REPEATED,
}
METRIC_LABELS = {
    "received": "접수",
    "answered": "답변 완료",
    "on_time": "기한 내 처리",
    "late": "기한 넘겨 처리",
    "open": "처리 중",
    "closed": "종결",
    "reopened": "재처리 요청된",
    "repeated": "반복민원",
    "overdue": "지금 기한 경과",
    "responses": "만족도 응답",
    "resolved": "'해결됨' 만족도 응답",
    "praise": "칭찬",
}
# Figures whose list holds satisfaction responses or praise rather than 민원 (minwon.care).
CARE_METRICS = ("responses", "resolved", "praise")
