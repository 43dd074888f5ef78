"""Evaluation pages: the ranking, one unit's workings down to the 민원, weights, exports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from minwon.accounts.models import Role
from minwon.complaints.models import Complaint
from minwon.staff.views import staff_page

from . import evaluation, exports, metrics, services
from .metrics import REGISTRY

EVAL_ROLES = (Role.ADMIN, Role.AUDITOR, Role.HEAD)
KINDS = {"department": "부서", "employee": "직원"}


def _scope_ids(user):
    """None = every department (admin, auditor); else the departments the head leads."""
    if user.has_role(Role.ADMIN, Role.AUDITOR):
        return None
    return list(user.headed_department_ids)


PERIOD_ERROR = (
    "평가 기간은 시작일과 종료일을 2026-01-01 형식으로, 시작일이 먼저 오게 (최대 800일) 입력해 주십시오."
)


def _params(request):
    """(kind, period, the periods offered, the typed-in period and its error).

    The period is a half-year (MINWON_EVALUATION_MONTHS) from the picker, or any start and end
    typed in (then offered first in the picker, so the links and exports carry it); a bad typed-in
    period keeps what was typed and shows why, with the default period.
    """
    kind = request.GET.get("kind", "department")
    kind = kind if kind in KINDS else "department"
    periods = evaluation.recent_periods()
    start, end = request.GET.get("start", "").strip()[:10], request.GET.get("end", "").strip()[:10]
    custom = {"start": start, "end": end, "error": ""}
    period = None
    if start or end:
        period = evaluation.parse_period(f"{start}_{end}")
        if period is None:
            custom["error"] = PERIOD_ERROR
    if period is None:
        period = evaluation.parse_period(request.GET.get("period", "")) or periods[0]
    if period not in periods:
        periods = [period, *periods]
    return kind, period, periods, custom


def _units(kind: str, user):
    ids = _scope_ids(user)
    return evaluation.department_units(ids) if kind == "department" else evaluation.employee_units(ids)


def _period_value(p) -> str:
    return f"{p.first.isoformat()}_{p.last.isoformat()}"


@require_GET
@staff_page(*EVAL_ROLES)
def ranking(request):
    kind, period, periods, custom = _params(request)
    results = evaluation.evaluate_all(_units(kind, request.user), period)
    return render(
        request,
        "insight/evaluation.html",
        {
            "kind": kind,
            "kinds": KINDS,
            "period": period,
            "period_value": _period_value(period),
            "periods": [(_period_value(p), str(p)) for p in periods],
            "results": results,
            "metrics": list(REGISTRY.values()),
            "weights": metrics.weights(),
            "is_admin": request.user.has_role(Role.ADMIN),
            "custom": custom,
        },
        status=400 if custom["error"] else 200,
    )


@require_GET
@staff_page(*EVAL_ROLES)
def explain(request, kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    _kind, period, _periods, _custom = _params(request)
    allowed = {u.pk for u in _units(kind, request.user)}
    if pk not in allowed:
        raise PermissionDenied("이 평가 대상을 볼 권한이 없습니다.")
    unit = evaluation.unit_for(kind, pk)
    if unit is None:
        raise Http404
    result = evaluation.evaluate(unit, period)
    ids = {i for ln in result.lines for i in (*ln.value.complaint_ids[:200], *ln.value.excluded_ids[:200])}
    complaints = Complaint.objects.filter(pk__in=ids).select_related("category").in_bulk()
    return render(
        request,
        "insight/explain.html",
        {
            "kind": kind,
            "kind_label": KINDS[kind],
            "unit": unit,
            "period": period,
            "period_value": _period_value(period),
            "result": result,
            "complaints": complaints,
        },
    )


@staff_page(Role.ADMIN)
def weights(request):
    current = metrics.weights()
    errors: dict[str, str] = {}
    if request.method == "POST":
        for key in REGISTRY:
            raw = request.POST.get(key, "").strip()
            if raw == str(current[key]):
                continue
            try:
                services.set_weight(request.user, key, raw)
            except services.WeightError as exc:
                errors[key] = str(exc)
        if not errors:
            messages.success(request, "가중치를 저장했습니다.")
            return redirect("insight:evaluation")
    rows = [
        (m, request.POST.get(m.key, current[m.key]) if errors else current[m.key], errors.get(m.key, ""))
        for m in REGISTRY.values()
    ]
    return render(request, "insight/weights.html", {"rows": rows}, status=400 if errors else 200)


def _export(request):
    kind, period, _, _custom = _params(request)
    return kind, period, evaluation.evaluate_all(_units(kind, request.user), period)


@require_GET
@staff_page(*EVAL_ROLES)
def export_xlsx(request):
    kind, period, results = _export(request)
    data = exports.evaluation_xlsx(results, period, KINDS[kind])
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f'attachment; filename="evaluation-{kind}-{period.first:%Y%m%d}.xlsx"'
    return resp


@require_GET
@staff_page(*EVAL_ROLES)
def export_pdf(request):
    kind, period, results = _export(request)
    data = exports.evaluation_pdf(results, period, KINDS[kind], settings.MINWON_CITY_NAME)
    resp = HttpResponse(data, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="evaluation-{kind}-{period.first:%Y%m%d}.pdf"'
    return resp
