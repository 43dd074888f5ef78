"""What insight reads from minwon.care and minwon.field: the only module that imports those apps.

The care app's contract for evaluation is `minwon.care.queries` (docs/care.md, "For evaluation"):
`exempted_complaint_ids(user, start, end)` and `rest_intervals(user, start, end)` are called as
they are. Its aggregate reads (`satisfaction_by_department/employee`, `praise_counts_by_*`,
`quality_by_department_month`) answer per department or employee only; an evaluation must also
list the 민원 behind a score and leave out the 민원 an employee was protected from, so the row
readers below select *the same rows* those functions aggregate (same period field, same grouping
field), one row per response, praise or quality sample. `tests/test_sources.py` pins that the
rows add up to what care.queries reports, so a change of definition in care shows up there.

Field participation comes from `minwon.field.queries.participation(start, end)` as it is; the
민원 behind it are the field reports of the same rows (period = the 민원's arrival).

Every provider is looked up through `SOURCES`, so an installation without the care or field app
(or a test) gets "자료 원천 없음" instead of an error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, Sum


def _module(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# Provider name → its query module (None when the app is not installed).
SOURCES: dict[str, Callable[[], Any | None]] = {
    "care": lambda: _module("minwon.care.queries"),
    "field": lambda: _module("minwon.field.queries"),
}


def care() -> Any | None:
    return SOURCES["care"]()


def field() -> Any | None:
    return SOURCES["field"]()


# --- care: staff protection (the real functions) ---------------------------------------------------


def _protected_users(model_name: str, user_ids: Iterable[int], start: datetime, end: datetime) -> list[int]:
    """The few users with an exemption / rest grant overlapping [start, end): protection is rare,
    so care.queries is asked only about them (one query instead of one per employee)."""
    from django.apps import apps

    model = apps.get_model("care", model_name)
    return sorted(
        set(
            model.objects.filter(employee_id__in=list(user_ids), starts_at__lt=end, ends_at__gt=start)
            .values_list("employee_id", flat=True)
            .distinct()
        )
    )


def exempted_complaint_ids(user_ids: Iterable[int], start: datetime, end: datetime) -> dict[int, set[int]]:
    """Employee id → 민원 they were separated from (업무 분리) in [start, end), by care.queries."""
    q = care()
    if q is None:
        return {}
    from minwon.accounts.models import User

    ids = _protected_users("Exemption", user_ids, start, end)
    return {u.pk: set(q.exempted_complaint_ids(u, start, end)) for u in User.objects.filter(pk__in=ids)}


def rest_intervals(
    user_ids: Iterable[int], start: datetime, end: datetime
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Employee id → their rest time (휴식 부여) within [start, end), by care.queries."""
    q = care()
    if q is None:
        return {}
    from minwon.accounts.models import User

    ids = _protected_users("RestGrant", user_ids, start, end)
    out = {u.pk: list(q.rest_intervals(u, start, end)) for u in User.objects.filter(pk__in=ids)}
    return {k: v for k, v in out.items() if v}


# --- care: satisfaction, praise, answer quality (rows of the care.queries aggregates) --------------


@dataclass(frozen=True)
class Response:
    pk: int
    complaint_id: int
    department_id: int | None
    handler_id: int | None
    resolved: bool
    kindness: int
    speed: int
    channel: str


def _responses_qs(start: datetime, end: datetime):
    from django.apps import apps

    model = apps.get_model("care", "SatisfactionResponse")
    # As care.queries._satisfaction: responses *given* in the period (created_at), either channel.
    return model.objects.filter(created_at__gte=start, created_at__lt=end)


def responses(
    start: datetime,
    end: datetime,
    *,
    department_ids: Iterable[int] | None = None,
    handler_ids: Iterable[int] | None = None,
    category_id: int | None = None,
    channel: str = "",
) -> list[Response]:
    """Satisfaction responses of [start, end) for departments (at answer time) or handlers."""
    if care() is None:
        return []
    qs = _filtered_responses(start, end, department_ids, handler_ids, category_id, channel)
    return [
        Response(*row)
        for row in qs.order_by("pk").values_list(
            "pk", "complaint_id", "department_id", "handler_id", "resolved", "kindness", "speed", "channel"
        )
    ]


def _departments(department_ids: Iterable[int | None]) -> Q:
    """department_id in the ids, None in them meaning no department."""
    ids = list(department_ids)
    q = Q(department_id__in=[i for i in ids if i is not None])
    return q | Q(department_id__isnull=True) if None in ids else q


def _filtered_responses(start, end, department_ids, handler_ids, category_id=None, channel=""):
    qs = _responses_qs(start, end)
    if department_ids is not None:
        qs = qs.filter(_departments(department_ids))
    if handler_ids is not None:
        qs = qs.filter(handler_id__in=list(handler_ids))
    if category_id:
        qs = qs.filter(complaint__category_id=category_id)
    if channel:
        qs = qs.filter(complaint__channel=channel)
    return qs


def response_totals(
    start: datetime,
    end: datetime,
    *,
    department_ids=None,
    handler_ids=None,
    exclude_complaints: Iterable[int] = (),
) -> dict[str, int]:
    """{n, resolved, kindness_sum, speed_sum} of a unit's responses, leaving out some 민원."""
    if care() is None:
        return {"n": 0, "resolved": 0, "kindness_sum": 0, "speed_sum": 0}
    qs = _filtered_responses(start, end, department_ids, handler_ids)
    excluded = list(exclude_complaints)
    if excluded:
        qs = qs.exclude(complaint_id__in=excluded)
    r = qs.aggregate(
        n=Count("id"),
        resolved_n=Count("id", filter=Q(resolved=True)),
        kindness_sum=Sum("kindness"),
        speed_sum=Sum("speed"),
    )
    return {
        "n": r["n"],
        "resolved": r["resolved_n"],
        "kindness_sum": int(r["kindness_sum"] or 0),
        "speed_sum": int(r["speed_sum"] or 0),
    }


def responded_complaints(
    start: datetime, end: datetime, *, department_ids=None, handler_ids=None, among: Iterable[int] = ()
) -> list[int]:
    """Which of the 민원 `among` have a response in the unit's figures (protected ones, listed)."""
    if care() is None:
        return []
    qs = _filtered_responses(start, end, department_ids, handler_ids).filter(complaint_id__in=list(among))
    return sorted(set(qs.values_list("complaint_id", flat=True)))


def response_queryset(
    start: datetime, end: datetime, *, department_ids=None, category_id=None, channel: str = ""
):
    """The drill-down list behind a dashboard satisfaction figure (same filter as the totals)."""
    if care() is None:
        return None
    return _filtered_responses(start, end, department_ids, None, category_id, channel)


def response_totals_by_department(
    start: datetime, end: datetime, *, department_ids=None, category_id=None, channel: str = ""
) -> dict[int | None, dict[str, int]]:
    """Department id → {n, resolved, kindness_sum, speed_sum} (sums, so merged units add up)."""
    if care() is None:
        return {}
    qs = _filtered_responses(start, end, department_ids, None, category_id, channel)
    rows = (
        qs.order_by()
        .values("department_id")
        .annotate(
            n=Count("id"),
            resolved_n=Count("id", filter=Q(resolved=True)),
            kindness_sum=Sum("kindness"),
            speed_sum=Sum("speed"),
        )
    )
    return {
        r["department_id"]: {
            "n": r["n"],
            "resolved": r["resolved_n"],
            "kindness_sum": int(r["kindness_sum"] or 0),
            "speed_sum": int(r["speed_sum"] or 0),
        }
        for r in rows
    }


@dataclass(frozen=True)
class PraiseRow:
    pk: int
    complaint_id: int | None
    employee_id: int | None
    department_id: int | None
    body: str


def _praise_qs(start: datetime, end: datetime):
    from django.apps import apps

    return apps.get_model("care", "Praise").objects.filter(created_at__gte=start, created_at__lt=end)


def praise_queryset(
    start: datetime,
    end: datetime,
    *,
    department_ids=None,
    employee_ids=None,
    category_id=None,
    channel: str = "",
):
    """Praise of [start, end): for departments as care.queries.praise_counts_by_department counts
    it (the praise's department), for employees as praise_counts_by_employee (the named person)."""
    if care() is None:
        return None
    qs = _praise_qs(start, end)
    if department_ids is not None:
        qs = qs.filter(_departments(department_ids))
    if employee_ids is not None:
        qs = qs.filter(employee_id__in=list(employee_ids))
    if category_id:
        qs = qs.filter(complaint__category_id=category_id)
    if channel:
        qs = qs.filter(complaint__channel=channel)
    return qs


def praise(start: datetime, end: datetime, **filters) -> list[PraiseRow]:
    qs = praise_queryset(start, end, **filters)
    if qs is None:
        return []
    return [
        PraiseRow(*r)
        for r in qs.order_by("pk").values_list("pk", "complaint_id", "employee_id", "department_id", "body")
    ]


def praise_counts_by_department(start: datetime, end: datetime, **filters) -> dict[int | None, int]:
    qs = praise_queryset(start, end, **filters)
    if qs is None:
        return {}
    return dict(qs.order_by().values_list("department_id").annotate(n=Count("id")))


@dataclass(frozen=True)
class QualityRow:
    pk: int
    complaint_id: int
    department_id: int
    handler_id: int | None
    total: float


def quality(start: datetime, end: datetime, *, department_ids=None, handler_ids=None) -> list[QualityRow]:
    """Reviewed answer-quality samples of answers given in [start, end) (as care.queries.
    quality_by_department_month: status reviewed, by answered_at, score 0–100)."""
    if care() is None:
        return []
    from django.apps import apps

    qs = apps.get_model("care", "QualitySample").objects.filter(
        status="reviewed", answered_at__gte=start, answered_at__lt=end, total__isnull=False
    )
    if department_ids is not None:
        qs = qs.filter(department_id__in=list(department_ids))
    if handler_ids is not None:
        qs = qs.filter(handler_id__in=list(handler_ids))
    return [
        QualityRow(pk, cid, dept, handler, float(total or 0))
        for pk, cid, dept, handler, total in qs.order_by("pk").values_list(
            "pk", "complaint_id", "department_id", "handler_id", "total"
        )
    ]


# --- field observation -----------------------------------------------------------------------------


def participation(start: datetime, end: datetime) -> list | None:
    """field.queries.participation(start, end): one row per reporter (None without the field app)."""
    q = field()
    if q is None or not hasattr(q, "participation"):
        return None
    return list(q.participation(start, end))


def field_report_complaints(
    start: datetime, end: datetime, *, department_ids=None, reporter_ids=None
) -> list[int]:
    """The 민원 of the field reports behind `participation` rows (same period: the 민원's arrival)."""
    if field() is None:
        return []
    from django.apps import apps

    qs = apps.get_model("field", "FieldReport").objects.filter(
        complaint__received_at__gte=start, complaint__received_at__lt=end
    )
    if department_ids is not None:
        qs = qs.filter(reporter_department_id__in=list(department_ids))
    if reporter_ids is not None:
        qs = qs.filter(reporter_id__in=list(reporter_ids))
    return list(qs.order_by("complaint_id").values_list("complaint_id", flat=True))
