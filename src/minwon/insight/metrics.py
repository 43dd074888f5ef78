"""Evaluation metrics as a small registry of providers (department and employee evaluation).

Each metric has a key (also its weight key), a label, and a function (period, unit) → `Value`:
the raw value, a 0–100 score, how it was computed, and the rows behind it (민원 ids or other
records), so every score can be explained down to the 민원.

Metrics computable from the complaints and the event log live here. Satisfaction, kindness,
praise, answer quality and field participation come from minwon.care and minwon.field through
`sources` (the providers in `SOURCES`); while an app is absent its metrics report "자료 원천 없음"
and are left out of the weighted score.

Staff protection (care issue): the 민원 an employee was separated from (업무 분리,
care.queries.exempted_complaint_ids) are left out of every metric of that employee and of their
department, and their rest time (휴식, care.queries.rest_intervals) does not count as processing
time: an answer that was late only by the rest time counts as on time (`Protection`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from minwon.complaints.models import Complaint

from . import definitions as d
from . import sources
from .queries import _seconds_of
from .sources import SOURCES

__all__ = ["REGISTRY", "SOURCES", "Evidence", "Metric", "Period", "Unit", "Value"]


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

    @property
    def people(self) -> int:
        return max(len(self.user_ids), 1)


class Lazy(Sequence):
    """The rows behind a score, read only when shown (the ranking page never reads them).

    `Lazy(queryset)` holds 민원 ids (`len` counts, a slice reads only that slice);
    `Lazy(loader=fn)` holds whatever `fn()` returns.
    """

    def __init__(self, qs: QuerySet | None = None, *, loader: Callable[[], list] | None = None):
        self._qs = qs.order_by("pk").values_list("pk", flat=True) if qs is not None else None
        self._loader: Callable[[], list] = loader or list
        self._items: list | None = None

    def _all(self) -> list:
        if self._items is None:
            self._items = list(self._qs) if self._qs is not None else list(self._loader())
        return self._items

    def __len__(self) -> int:
        if self._items is None and self._qs is not None:
            return self._qs.count()
        return len(self._all())

    def __getitem__(self, index):
        if self._items is None and self._qs is not None and isinstance(index, slice):
            return list(self._qs[index])
        return self._all()[index]

    def __iter__(self):
        return iter(self._all())

    def __contains__(self, value) -> bool:
        return value in self._all()

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def __repr__(self) -> str:
        return f"Lazy({self._all()!r})"


@dataclass
class Evidence:
    label: str
    complaint_id: int | None = None
    detail: str = ""
    href: str = ""  # a record that is not a 민원 (a key task): where the explain page links


@dataclass
class Value:
    available: bool
    value: float | None = None
    score: float | None = None  # 0–100, higher is better
    display: str = ""
    how: str = ""
    rows: Sequence[Evidence] = field(default_factory=list)
    complaint_ids: Sequence[int] = field(default_factory=list)
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


# --- staff protection ------------------------------------------------------------------------------

_cache: ContextVar[dict | None] = ContextVar("insight_metric_cache", default=None)


@contextmanager
def shared_reads(*, many: bool = False) -> Iterator[None]:
    """Within one evaluation, read what several metrics need once (a unit's protection, its 민원
    figures). With `many` (a ranking of many units) the 민원 figures of the period are read in
    one grouped query for all departments or all employees, instead of one query per unit."""
    if _cache.get() is not None:  # already inside an evaluation: share its reads
        yield
        return
    token = _cache.set({"many": many})
    try:
        yield
    finally:
        _cache.reset(token)


def _cached(key, fn):
    cache = _cache.get()
    if cache is None:
        return fn()
    if key not in cache:
        cache[key] = fn()
    return cache[key]


@dataclass
class Protection:
    excluded: set[int] = field(default_factory=set)  # 민원 left out (업무 분리)
    rest: dict[int, list[tuple[datetime, datetime]]] = field(default_factory=dict)  # user → rest


def _base_qs(period: Period, unit: Unit) -> QuerySet[Complaint]:
    qs = Complaint.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    if unit.kind == "department":
        return qs.filter(department_id__in=unit.department_ids)
    return qs.filter(handler_id=unit.pk)


def protection(period: Period, unit: Unit) -> Protection:
    """The unit's protection, read from care.queries for its people and the handlers of its 민원.

    The window runs from the period's start until now (or the period's end if later): a 민원
    received in the period may be answered, and an incident about it filed, after the period.
    """

    def compute() -> Protection:
        if sources.care() is None:
            return Protection()
        users = set(unit.user_ids)
        if unit.kind == "department":
            users |= set(
                _base_qs(period, unit)
                .exclude(handler__isnull=True)
                .order_by()
                .values_list("handler_id", flat=True)
                .distinct()
            )
        end = max(period.end, timezone.now())
        excluded: set[int] = set()
        for ids in sources.exempted_complaint_ids(users, period.start, end).values():
            excluded |= ids
        return Protection(excluded, sources.rest_intervals(users, period.start, end))

    return _cached(("protection", period, unit), compute)


def complaints_of(period: Period, unit: Unit) -> tuple[QuerySet[Complaint], list[int]]:
    """The unit's 민원 received in the period, minus the protected ones (and which those were)."""
    qs = _base_qs(period, unit)
    excluded = protection(period, unit).excluded

    def hits() -> list[int]:
        return sorted(set(qs.filter(pk__in=excluded).values_list("pk", flat=True))) if excluded else []

    hit = _cached(("hit", period, unit), hits)
    return (qs.exclude(pk__in=hit) if hit else qs), hit


def _overlap(intervals: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> timedelta:
    total = timedelta()
    for s, e in intervals:
        lo, hi = max(s, start), min(e, end)
        if hi > lo:
            total += hi - lo
    return total


@dataclass(frozen=True)
class RestAdjustment:
    complaint_id: int
    rest: timedelta  # the handler's rest between the start of the period and the answer
    on_time_raw: bool
    on_time: bool  # with the rest taken out of the time used


def rest_adjustments(period: Period, unit: Unit, answered: QuerySet[Complaint]) -> dict[int, RestAdjustment]:
    """Answered 민원 whose handler rested while they were open: the rest is not their time."""
    rest = protection(period, unit).rest
    if not rest:
        return {}
    out = {}
    rows = (
        answered.filter(handler_id__in=list(rest))
        .annotate(_start=d.START)
        .values_list("pk", "handler_id", "_start", "answered_at", "due_at")
    )
    for pk, handler, start, answered_at, due in rows:
        if answered_at is None:  # `answered` holds answered 민원 only; for the type checker
            continue
        gap = _overlap(rest[handler], start, answered_at)
        if gap:
            raw = due is None or answered_at <= due
            out[pk] = RestAdjustment(pk, gap, raw, due is None or answered_at - gap <= due)
    return out


def _hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f}시간"


# --- complaint-based metrics -------------------------------------------------------------------------


@dataclass
class Figs:
    """The counts and time sums of a set of 민원 (definitions shared with the dashboards)."""

    received: int = 0
    answered: int = 0
    on_time: int = 0
    reopened: int = 0  # answered and reopened
    repeated: int = 0
    timed: int = 0  # answered with a due time
    used: int = 0  # seconds from start to answer, over `timed`
    allowed: int = 0  # seconds from start to due, over `timed`

    @classmethod
    def of(cls, row: dict) -> Figs:
        counts = {
            k: int(row[k] or 0) for k in ("received", "answered", "on_time", "reopened", "repeated", "timed")
        }
        return cls(**counts, used=_seconds_of(row["used"]), allowed=_seconds_of(row["allowed"]))

    def plus(self, other: Figs, sign: int = 1) -> Figs:
        return Figs(**{k: getattr(self, k) + sign * getattr(other, k) for k in self.__dataclass_fields__})


def _aggregates() -> dict:
    from django.db.models import Count, Sum

    return {
        "received": Count("id"),
        "answered": Count("id", filter=d.ANSWERED),
        "on_time": Count("id", filter=d.ON_TIME),
        "reopened": Count("id", filter=d.ANSWERED & d.REOPENED),
        "repeated": Count("id", filter=d.REPEATED),
        "timed": Count("id", filter=d.HAS_ALLOWED),
        "used": Sum(d.ELAPSED, filter=d.HAS_ALLOWED),
        "allowed": Sum(d.ALLOWED, filter=d.HAS_ALLOWED),
    }


def _grouped(period: Period, kind: str) -> dict[int, Figs]:
    key = "department_id" if kind == "department" else "handler_id"
    qs = Complaint.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    rows = qs.exclude(**{f"{key}__isnull": True}).order_by().values(key).annotate(**_aggregates())
    return {r[key]: Figs.of(r) for r in rows}


def unit_figures(period: Period, unit: Unit) -> tuple[Figs, list[int]]:
    """The unit's 민원 figures without the protected 민원 (and which those were)."""

    def compute() -> tuple[Figs, list[int]]:
        qs, hit = complaints_of(period, unit)
        cache = _cache.get()
        if cache is not None and cache.get("many"):
            grouped = _cached(("grouped", period, unit.kind), lambda: _grouped(period, unit.kind))
            figs = Figs()
            for pk in unit.department_ids if unit.kind == "department" else (unit.pk,):
                figs = figs.plus(grouped.get(pk, Figs()))
            if hit:
                figs = figs.plus(
                    Figs.of(_base_qs(period, unit).filter(pk__in=hit).aggregate(**_aggregates())), -1
                )
        else:
            figs = Figs.of(qs.aggregate(**_aggregates()))
        return figs, hit

    return _cached(("figures", period, unit), compute)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


@register("on_time", "기한 내 처리율", 30)
def on_time(period: Period, unit: Unit) -> Value:
    figs, excluded = unit_figures(period, unit)
    n = figs.answered
    if not n:
        return Value(True, None, None, "–", "이 기간에 답변한 민원이 없습니다.", excluded_ids=excluded)
    qs, _ = complaints_of(period, unit)
    answered = qs.filter(d.ANSWERED)
    adjusted = rest_adjustments(period, unit, answered)
    rescued = [a for a in adjusted.values() if a.on_time and not a.on_time_raw]
    ok = figs.on_time + len(rescued)
    rate = ok / n
    rest_note = f" (휴식 시간을 빼면 기한 내인 {len(rescued)}건 포함)" if rescued else ""
    return Value(
        True,
        rate,
        rate * 100,
        _pct(rate),
        f"기한 내 답변 {ok}건{rest_note} ÷ 답변 {n}건 = {_pct(rate)} → 점수 {rate * 100:.1f}",
        rows=[
            Evidence(
                f"담당자 휴식 {_hours(a.rest)} 제외 → {'기한 내' if a.on_time else '기한 초과'}",
                a.complaint_id,
            )
            for a in adjusted.values()
        ],
        complaint_ids=Lazy(answered),
        excluded_ids=excluded,
    )


@register("processing_time", "법정기간 대비 처리 시간", 20)
def processing_time(period: Period, unit: Unit) -> Value:
    figs, excluded = unit_figures(period, unit)
    if not figs.timed or not figs.allowed:
        return Value(True, None, None, "–", "기한이 있는 답변 민원이 없습니다.", excluded_ids=excluded)
    qs, _ = complaints_of(period, unit)
    answered = qs.filter(d.HAS_ALLOWED)
    adjusted = rest_adjustments(period, unit, answered)
    rest = sum((a.rest for a in adjusted.values()), timedelta())
    used, allowed = figs.used - int(rest.total_seconds()), figs.allowed
    ratio = used / allowed
    # Half the legal period or less → 100, the whole period → 50, one and a half periods → 0.
    score = max(0.0, min(100.0, 150 - 100 * ratio))
    rest_note = f" (담당자 휴식 {_hours(rest)} 뺌)" if rest else ""
    return Value(
        True,
        ratio,
        score,
        f"{ratio * 100:.1f}%",
        f"처리에 쓴 시간 합 {used / 86400:.1f}일{rest_note} ÷ 법정 처리기간 합 {allowed / 86400:.1f}일"
        f" = {ratio * 100:.1f}% → 점수 150 − 100 × 비율 (0–100으로 자름) = {score:.1f}",
        rows=[Evidence(f"담당자 휴식 {_hours(a.rest)} 뺌", a.complaint_id) for a in adjusted.values()],
        complaint_ids=Lazy(answered),
        excluded_ids=excluded,
    )


@register("reopen", "재처리 요청률(낮을수록 좋음)", 10)
def reopen(period: Period, unit: Unit) -> Value:
    figs, excluded = unit_figures(period, unit)
    n = figs.answered
    if not n:
        return Value(True, None, None, "–", "이 기간에 답변한 민원이 없습니다.", excluded_ids=excluded)
    rate = figs.reopened / n
    qs, _ = complaints_of(period, unit)
    return Value(
        True,
        rate,
        (1 - rate) * 100,
        _pct(rate),
        f"재처리 요청 {figs.reopened}건 ÷ 답변 {n}건 = {_pct(rate)}"
        f" → 점수 (1 − 비율) × 100 = {(1 - rate) * 100:.1f}",
        complaint_ids=Lazy(qs.filter(d.ANSWERED & d.REOPENED)),
        excluded_ids=excluded,
    )


@register("repeat", "반복민원 비율(낮을수록 좋음)", 5)
def repeat(period: Period, unit: Unit) -> Value:
    figs, excluded = unit_figures(period, unit)
    n = figs.received
    if not n:
        return Value(True, None, None, "–", "이 기간에 접수된 민원이 없습니다.", excluded_ids=excluded)
    rate = figs.repeated / n
    qs, _ = complaints_of(period, unit)
    return Value(
        True,
        rate,
        (1 - rate) * 100,
        _pct(rate),
        f"반복민원 {figs.repeated}건 ÷ 접수 {n}건 = {_pct(rate)}"
        f" → 점수 (1 − 비율) × 100 = {(1 - rate) * 100:.1f}",
        complaint_ids=Lazy(qs.filter(d.REPEATED)),
        excluded_ids=excluded,
    )


# --- metrics from minwon.care ------------------------------------------------------------------------


def _scope(unit: Unit) -> dict:
    if unit.kind == "department":
        return {"department_ids": unit.department_ids}
    return {"handler_ids": [unit.pk]}


def _unit_responses(period: Period, unit: Unit) -> tuple[dict[str, int], list[int]]:
    """The unit's response totals without the protected 민원 (and which of those had one)."""
    excluded = protection(period, unit).excluded

    def compute():
        totals = sources.response_totals(
            period.start, period.end, **_scope(unit), exclude_complaints=excluded
        )
        hit = (
            sources.responded_complaints(period.start, period.end, **_scope(unit), among=excluded)
            if excluded
            else []
        )
        return totals, hit

    return _cached(("responses", period, unit), compute)


def _response_rows(period: Period, unit: Unit) -> list[sources.Response]:
    excluded = protection(period, unit).excluded
    rows = sources.responses(period.start, period.end, **_scope(unit))
    return [r for r in rows if r.complaint_id not in excluded]


def _five(v: float) -> float:
    return max(0.0, min(100.0, (v - 1) / 4 * 100))


@register("satisfaction", "만족도(해결됐다는 응답)", 10)
def satisfaction(period: Period, unit: Unit) -> Value:
    if sources.care() is None:
        return Value.missing()
    t, excluded = _unit_responses(period, unit)
    n = t["n"]
    if not n:
        return Value(True, None, None, "–", "이 기간에 받은 만족도 응답이 없습니다.", excluded_ids=excluded)
    rate = t["resolved"] / n
    speed = t["speed_sum"] / n
    return Value(
        True,
        rate,
        rate * 100,
        f"{_pct(rate)} (신속성 {speed:.2f})",
        f"'해결됨' 응답 {t['resolved']}건 ÷ 응답 {n}건 = {_pct(rate)} → 점수 {rate * 100:.1f}"
        f" (참고: 신속성 평균 {speed:.2f}점/5)",
        rows=Lazy(
            loader=lambda: [
                Evidence(
                    f"{'해결' if r.resolved else '미해결'} · 신속성 {r.speed} · 친절도 {r.kindness}",
                    r.complaint_id,
                )
                for r in _response_rows(period, unit)
            ]
        ),
        complaint_ids=Lazy(loader=lambda: sorted({r.complaint_id for r in _response_rows(period, unit)})),
        excluded_ids=excluded,
    )


@register("kindness", "친절도", 10)
def kindness(period: Period, unit: Unit) -> Value:
    if sources.care() is None:
        return Value.missing()
    t, excluded = _unit_responses(period, unit)
    n = t["n"]
    if not n:
        return Value(True, None, None, "–", "이 기간에 받은 만족도 응답이 없습니다.", excluded_ids=excluded)
    total = t["kindness_sum"]
    avg = total / n
    return Value(
        True,
        avg,
        _five(avg),
        f"{avg:.2f}점",
        f"친절도 합 {total}점 ÷ 응답 {n}건 = {avg:.2f}점(1–5) → 점수 (평균 − 1) ÷ 4 × 100 = {_five(avg):.1f}",
        rows=Lazy(
            loader=lambda: [
                Evidence(f"친절도 {r.kindness}", r.complaint_id) for r in _response_rows(period, unit)
            ]
        ),
        complaint_ids=Lazy(loader=lambda: sorted({r.complaint_id for r in _response_rows(period, unit)})),
        excluded_ids=excluded,
    )


@register("quality", "답변 품질", 5)
def quality(period: Period, unit: Unit) -> Value:
    if sources.care() is None:
        return Value.missing()
    rows = sources.quality(period.start, period.end, **_scope(unit))
    excluded_set = protection(period, unit).excluded
    excluded = sorted({r.complaint_id for r in rows if r.complaint_id in excluded_set})
    rows = [r for r in rows if r.complaint_id not in excluded_set]
    if not rows:
        return Value(True, None, None, "–", "이 기간에 평가된 답변이 없습니다.", excluded_ids=excluded)
    avg = sum(r.total for r in rows) / len(rows)
    return Value(
        True,
        avg,
        max(0.0, min(100.0, avg)),
        f"{avg:.1f}점",
        f"품질 평가 {len(rows)}건 평균 {avg:.1f}점(100점 만점) = 점수 {avg:.1f}",
        rows=[Evidence(f"품질 {r.total:g}점", r.complaint_id) for r in rows],
        complaint_ids=sorted({r.complaint_id for r in rows}),
        excluded_ids=excluded,
    )


@register("praise", "칭찬", 5)
def praise(period: Period, unit: Unit) -> Value:
    if sources.care() is None:
        return Value.missing()
    if unit.kind == "department":
        rows = sources.praise(period.start, period.end, department_ids=unit.department_ids)
    else:
        rows = sources.praise(period.start, period.end, employee_ids=[unit.pk])
    people = unit.people
    score = min(100.0, 20.0 * len(rows) / people)
    per = f" ÷ {people}명" if unit.kind == "department" else ""
    return Value(
        True,
        len(rows),
        score,
        f"{len(rows)}건",
        f"칭찬 {len(rows)}건{per} × 20점 (최대 100) = {score:.1f}",
        rows=[Evidence(f"칭찬: {r.body[:60]}", r.complaint_id) for r in rows],
        complaint_ids=sorted({r.complaint_id for r in rows if r.complaint_id}),
    )


# --- field observation -------------------------------------------------------------------------------


@register("field", "행정종합관찰 참여", 5)
def field_participation(period: Period, unit: Unit) -> Value:
    rows = _cached(("participation", period), lambda: sources.participation(period.start, period.end))
    if rows is None:
        return Value.missing()
    # One row per reporter; a department counts the reports its people filed while working there
    # (the reporter's unit at filing time, predecessors included).
    if unit.kind == "department":
        mine = [r for r in rows if r.department_id in unit.department_ids]
        who: dict = {"department_ids": unit.department_ids}
    else:
        mine = [r for r in rows if r.reporter_id == unit.pk]
        who = {"reporter_ids": [unit.pk]}
    ids = Lazy(loader=lambda: sources.field_report_complaints(period.start, period.end, **who))
    filed = sum(r.filed for r in mine)
    resolved = sum(r.answered + r.closed for r in mine)
    people = unit.people
    score = min(100.0, (filed + resolved) / people * 10)
    return Value(
        True,
        filed,
        score,
        f"제보 {filed} · 해결 {resolved}",
        f"(제보 {filed} + 해결 {resolved}) ÷ {people}명 × 10 (최대 100) = {score:.1f}",
        rows=[Evidence(f"{r.reporter}: 제보 {r.filed}건, 해결 {r.answered + r.closed}건") for r in mine],
        complaint_ids=ids,
    )


# --- proactive administration ------------------------------------------------------------------------


@register("proactive", "적극행정 실적", 10)
def proactive(period: Period, unit: Unit) -> Value:
    mod = sources._module("minwon.proactive.scoring")
    if mod is None:
        return Value.missing()
    return mod.evaluate(period, unit, Value, Evidence)


def weights() -> dict[str, float]:
    from .models import MetricWeight

    stored = {w.key: float(w.weight) for w in MetricWeight.objects.all()}
    return {key: stored.get(key, m.default_weight) for key, m in REGISTRY.items()}
