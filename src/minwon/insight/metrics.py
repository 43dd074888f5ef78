"""Evaluation metrics as a small registry of providers (department and employee evaluation).

Each metric has a key (also its weight key), a label, and a function (period, unit) → `Value`:
the raw value, a 0–100 score, how it was computed, and the rows behind it (민원 ids or other
records), so every score can be explained down to the 민원.

Metrics computable from the complaints and the event log live here. Satisfaction, kindness,
praise, answer quality and field participation come from other apps (minwon.care, minwon.field)
through the two adapters `care_source()` and `field_source()`; while those apps are absent the
metric reports "자료 원천 없음" and is left out of the weighted score. Staff protection
(exempted 민원) comes through the same care adapter (`exclusions`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from minwon.complaints.models import Complaint

from . import definitions as d
from .queries import _seconds_of, absorbed_ids  # noqa: F401


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=timezone.get_current_timezone())

    @property
    def end(self) -> datetime:
        return datetime.combine(
            self.last + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
        )

    def __str__(self) -> str:
        return f"{self.first:%Y-%m-%d} ~ {self.last:%Y-%m-%d}"


@dataclass(frozen=True)
class Unit:
    """What is evaluated: a department (today's, with its predecessors) or an employee."""

    kind: str  # "department" | "employee"
    pk: int
    label: str
    department_ids: tuple[int, ...] = ()  # for departments: the ids absorbed into it
    member_ids: tuple[int, ...] = ()  # for departments: the people working there

    @property
    def user_ids(self) -> tuple[int, ...]:
        return (self.pk,) if self.kind == "employee" else self.member_ids


@dataclass
class Evidence:
    label: str
    complaint_id: int | None = None
    detail: str = ""


@dataclass
class Value:
    available: bool
    value: float | None = None
    score: float | None = None  # 0–100, higher is better
    display: str = ""
    how: str = ""
    rows: list[Evidence] = field(default_factory=list)
    complaint_ids: list[int] = field(default_factory=list)
    excluded_ids: list[int] = field(default_factory=list)

    @classmethod
    def missing(cls, why: str = "자료 원천 없음") -> Value:
        return cls(False, display=why, how=why)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    compute: Callable[[Period, Unit], Value]
    default_weight: float = 10


REGISTRY: dict[str, Metric] = {}


def register(key: str, label: str, default_weight: float = 10):
    def deco(fn: Callable[[Period, Unit], Value]):
        REGISTRY[key] = Metric(key, label, fn, default_weight)
        return fn

    return deco


# --- sources from other apps (the two adapters the integrator fills) ------------------------------


def _module(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# Tests replace these with fakes; production reads the apps' query modules lazily.
SOURCES: dict[str, Callable[[], Any | None]] = {
    "care": lambda: _module("minwon.care.queries"),
    "field": lambda: _module("minwon.field.queries"),
}


def care_source() -> Any | None:
    """minwon.care.queries, expected to offer (adapter: adjust the calls below to its real API):
    satisfaction(complaint_ids) → (average 1–5 | None, [(complaint_id, score)]),
    kindness(complaint_ids) → same shape, praise(user_ids, start, end) → [(complaint_id, text)],
    quality(complaint_ids) → (average 0–100 | None, [(complaint_id, score)]),
    exempted_complaint_ids(user, start, end) → iterable of complaint ids."""
    return SOURCES["care"]()


def field_source() -> Any | None:
    """minwon.field.queries, expected to offer participation(user_ids, start, end) →
    (filed, resolved, [(label, complaint_id | None)])."""
    return SOURCES["field"]()


def exclusions(period: Period, unit: Unit) -> set[int]:
    """민원 left out of this unit's figures by staff protection (care issue); empty without care."""
    care = care_source()
    if care is None or not hasattr(care, "exempted_complaint_ids"):
        return set()
    from minwon.accounts.models import User

    ids: set[int] = set()
    for user in User.objects.filter(pk__in=unit.user_ids):
        ids.update(care.exempted_complaint_ids(user, period.start, period.end))
    return ids


# --- complaint-based metrics -------------------------------------------------------------------------


def complaints_of(period: Period, unit: Unit) -> tuple[QuerySet[Complaint], list[int]]:
    """The unit's 민원 received in the period, minus the protected ones (and which those were)."""
    qs = Complaint.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    if unit.kind == "department":
        qs = qs.filter(department_id__in=unit.department_ids)
    else:
        qs = qs.filter(handler_id=unit.pk)
    excluded = exclusions(period, unit)
    hit = sorted(set(qs.filter(pk__in=excluded).values_list("pk", flat=True))) if excluded else []
    return (qs.exclude(pk__in=hit) if hit else qs), hit


def _ids(qs) -> list[int]:
    return list(qs.order_by("pk").values_list("pk", flat=True))


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


@register("on_time", "기한 내 처리율", 30)
def on_time(period: Period, unit: Unit) -> Value:
    qs, excluded = complaints_of(period, unit)
    answered = qs.filter(d.ANSWERED)
    n = answered.count()
    if not n:
        return Value(True, None, None, "–", "이 기간에 답변한 민원이 없습니다.", excluded_ids=excluded)
    ok = answered.filter(d.ON_TIME).count()
    rate = ok / n
    return Value(
        True,
        rate,
        rate * 100,
        _pct(rate),
        f"기한 내 답변 {ok}건 ÷ 답변 {n}건 = {_pct(rate)} → 점수 {rate * 100:.1f}",
        complaint_ids=_ids(answered),
        excluded_ids=excluded,
    )


@register("processing_time", "법정기간 대비 처리 시간", 20)
def processing_time(period: Period, unit: Unit) -> Value:
    qs, excluded = complaints_of(period, unit)
    answered = qs.filter(d.HAS_ALLOWED)
    agg = answered.aggregate(n=Count("id"), used=Sum(d.ELAPSED), allowed=Sum(d.ALLOWED))
    used, allowed = _seconds_of(agg["used"]), _seconds_of(agg["allowed"])
    if not agg["n"] or not allowed:
        return Value(True, None, None, "–", "기한이 있는 답변 민원이 없습니다.", excluded_ids=excluded)
    ratio = used / allowed
    # Half the legal period or less → 100, the whole period → 50, one and a half periods → 0.
    score = max(0.0, min(100.0, 150 - 100 * ratio))
    return Value(
        True,
        ratio,
        score,
        f"{ratio * 100:.1f}%",
        f"처리에 쓴 시간 합 {used / 86400:.1f}일 ÷ 법정 처리기간 합 {allowed / 86400:.1f}일"
        f" = {ratio * 100:.1f}% → 점수 150 − 100 × 비율 (0–100으로 자름) = {score:.1f}",
        complaint_ids=_ids(answered),
        excluded_ids=excluded,
    )


@register("reopen", "재처리 요청률(낮을수록 좋음)", 10)
def reopen(period: Period, unit: Unit) -> Value:
    qs, excluded = complaints_of(period, unit)
    answered = qs.filter(d.ANSWERED)
    n = answered.count()
    if not n:
        return Value(True, None, None, "–", "이 기간에 답변한 민원이 없습니다.", excluded_ids=excluded)
    bad = answered.filter(d.REOPENED)
    rate = bad.count() / n
    return Value(
        True,
        rate,
        (1 - rate) * 100,
        _pct(rate),
        f"재처리 요청 {bad.count()}건 ÷ 답변 {n}건 = {_pct(rate)}"
        f" → 점수 (1 − 비율) × 100 = {(1 - rate) * 100:.1f}",
        complaint_ids=_ids(bad),
        excluded_ids=excluded,
    )


@register("repeat", "반복민원 비율(낮을수록 좋음)", 5)
def repeat(period: Period, unit: Unit) -> Value:
    qs, excluded = complaints_of(period, unit)
    n = qs.count()
    if not n:
        return Value(True, None, None, "–", "이 기간에 접수된 민원이 없습니다.", excluded_ids=excluded)
    rep = qs.filter(d.REPEATED)
    rate = rep.count() / n
    return Value(
        True,
        rate,
        (1 - rate) * 100,
        _pct(rate),
        f"반복민원 {rep.count()}건 ÷ 접수 {n}건 = {_pct(rate)}"
        f" → 점수 (1 − 비율) × 100 = {(1 - rate) * 100:.1f}",
        complaint_ids=_ids(rep),
        excluded_ids=excluded,
    )


# --- metrics from other apps -------------------------------------------------------------------------


def _averaged(fn_name: str, scale: Callable[[float], float], unit_text: str):
    def compute(period: Period, unit: Unit) -> Value:
        care = care_source()
        if care is None or not hasattr(care, fn_name):
            return Value.missing()
        qs, excluded = complaints_of(period, unit)
        avg, rows = getattr(care, fn_name)(_ids(qs))
        if avg is None:
            return Value(True, None, None, "–", "응답이 없습니다.", excluded_ids=excluded)
        return Value(
            True,
            avg,
            scale(avg),
            f"{avg:.2f}{unit_text}",
            f"응답 {len(rows)}건 평균 {avg:.2f}{unit_text} → 점수 {scale(avg):.1f}",
            rows=[Evidence(f"{s}", cid) for cid, s in rows],
            complaint_ids=[cid for cid, _ in rows],
            excluded_ids=excluded,
        )

    return compute


def _five(v: float) -> float:
    return max(0.0, min(100.0, (v - 1) / 4 * 100))


register("satisfaction", "만족도", 10)(_averaged("satisfaction", _five, "점"))
register("kindness", "친절도", 10)(_averaged("kindness", _five, "점"))
register("quality", "답변 품질", 5)(_averaged("quality", lambda v: max(0.0, min(100.0, v)), "점"))


@register("praise", "칭찬", 5)
def praise(period: Period, unit: Unit) -> Value:
    care = care_source()
    if care is None or not hasattr(care, "praise"):
        return Value.missing()
    rows = list(care.praise(list(unit.user_ids), period.start, period.end))
    score = min(100.0, len(rows) * 20.0)
    return Value(
        True,
        len(rows),
        score,
        f"{len(rows)}건",
        f"칭찬 {len(rows)}건 × 20점 (최대 100) = {score:.0f}",
        rows=[Evidence(text, cid) for cid, text in rows],
        complaint_ids=[cid for cid, _ in rows if cid],
    )


@register("field", "행정종합관찰 참여", 5)
def field_participation(period: Period, unit: Unit) -> Value:
    src = field_source()
    if src is None or not hasattr(src, "participation"):
        return Value.missing()
    # field.queries.participation gives one row per reporter for the period (datetimes, [start, end)).
    mine = [r for r in src.participation(period.start, period.end) if r.reporter_id in unit.user_ids]
    filed = sum(r.filed for r in mine)
    resolved = sum(r.answered + r.closed for r in mine)
    rows = [(f"{r.reporter}: 제보 {r.filed}건, 해결 {r.answered + r.closed}건", None) for r in mine]
    people = max(len(unit.user_ids), 1)
    score = min(100.0, (filed + resolved) / people * 10)
    return Value(
        True,
        filed,
        score,
        f"제보 {filed} · 해결 {resolved}",
        f"(제보 {filed} + 해결 {resolved}) ÷ {people}명 × 10 (최대 100) = {score:.1f}",
        rows=[Evidence(label, cid) for label, cid in rows],
    )


@register("proactive", "적극행정 실적", 10)
def proactive(period: Period, unit: Unit) -> Value:
    mod = _module("minwon.proactive.scoring")
    if mod is None:
        return Value.missing()
    return mod.evaluate(period, unit, Value, Evidence)


def weights() -> dict[str, float]:
    from .models import MetricWeight

    stored = {w.key: float(w.weight) for w in MetricWeight.objects.all()}
    return {key: stored.get(key, m.default_weight) for key, m in REGISTRY.items()}
