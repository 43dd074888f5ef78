"""Insight pages: the dashboard, the list behind every figure, the map (STYLE §4: thin views)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from minwon.complaints.models import Category
from minwon.staff.queries import CappedPaginator
from minwon.staff.views import staff_page

from . import dashboard, mapdata, queries
from .access import DASHBOARD_ROLES, allowed_scope, sees_city
from .definitions import CARE_METRICS, METRIC_LABELS, bucket_label
from .forms import MapForm, ScopeForm
from .models import BUCKET_FIELDS, SummaryState

PAGE_SIZE = 50
MAP_DAYS = 30  # the map counts raw rows per cell, so it opens on a month rather than a quarter


def _scope(request, days: int = 90) -> tuple[ScopeForm, queries.Scope, dict]:
    """The cleaned scope of a page (invalid input: the default period, with the form's errors)."""
    data = request.GET.copy()
    for old, new in (("from", "start"), ("to", "end")):
        if old in data and new not in data:
            data[new] = data[old]
    first, last = queries.default_period(days=days)
    data.setdefault("start", first.isoformat())  # the form shows the period it counts
    data.setdefault("end", last.isoformat())
    chosen = data.get("department", "")
    ids, departments, selected = allowed_scope(request.user, chosen)
    categories = Category.objects.filter(is_active=True).order_by("sort_order", "name")
    form = ScopeForm(
        data, departments=departments, all_departments=sees_city(request.user), categories=categories
    )
    form.is_valid()  # fields that validated still count; the others fall back and show their error
    cleaned = form.cleaned_data
    scope = queries.Scope(
        cleaned.get("start") or first,
        cleaned.get("end") or last,
        ids,
        int(cleaned["category"]) if cleaned.get("category") else None,
        cleaned.get("channel") or "",
    )
    return (
        form,
        scope,
        {"selected": selected, "departments": departments, "unit": cleaned.get("unit") or "day"},
    )


@require_GET
@staff_page(*DASHBOARD_ROLES)
def home(request):
    form, scope, extra = _scope(request)
    context = dashboard.build(scope, extra["unit"])
    state = SummaryState.objects.filter(name="daily").first()
    return render(
        request,
        "insight/dashboard.html",
        {"form": form, "scope": scope, "state": state, **extra, **context},
    )


@require_GET
@staff_page(*DASHBOARD_ROLES)
def complaint_list(request):
    """The 민원 behind a figure: same scope, same definition (insight.definitions)."""
    form, scope, extra = _scope(request)
    metric = request.GET.get("metric", "received")
    if metric not in METRIC_LABELS:
        metric = "received"
    cell = request.GET.get("cell", "")[:20]
    bucket = request.GET.get("bucket", "")
    if metric in CARE_METRICS:
        # Satisfaction responses or praise (minwon.care): the rows themselves are the list.
        care_qs = queries.care_drill_down(scope, metric)
        if care_qs is None:
            raise Http404("자료 원천 없음")
        qs = care_qs.order_by("-created_at", "-pk")
        bucket = ""
    else:
        qs = queries.drill_down(scope, metric, cell=cell)
        if bucket.isdigit() and int(bucket) < len(BUCKET_FIELDS):
            qs = queries.in_bucket(qs, int(bucket))
        status = request.GET.get("status", "")
        if status:
            qs = mapdata.with_status(qs, status)
        qs = qs.select_related("category", "department", "handler").order_by("-received_at", "-pk")
    # Counting stops at 10,001 rows (staff.queries.CappedPaginator): a figure of 200,000 민원 is
    # narrowed with the filters, not paged through, and an exact count would scan them all.
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "insight/list.html",
        {
            "form": form,
            "scope": scope,
            "metric": metric,
            "metric_label": METRIC_LABELS[metric],
            "bucket_label": bucket_label(int(bucket))
            if bucket.isdigit() and int(bucket) < len(BUCKET_FIELDS)
            else "",
            "cell": cell,
            "page": page,
            "query": query.urlencode(),
            "worklist_url": _worklist_url(scope, metric),
            "rows_kind": "praise" if metric == "praise" else "responses" if metric in CARE_METRICS else "",
            **extra,
        },
    )


def _worklist_url(scope: queries.Scope, metric: str) -> str:
    """The same 민원 on the staff worklist, when its filters can express the figure."""
    if metric not in ("received", "open", "overdue"):
        return ""
    params = {"status": "open" if metric in ("open", "overdue") else "all"}
    if metric != "overdue":
        params.update(received_from=scope.first.isoformat(), received_to=scope.last.isoformat())
    else:
        params["overdue"] = "on"
    if scope.department_ids and len(scope.department_ids) == 1:
        if scope.department_ids[0] == queries.UNASSIGNED:
            return ""  # the worklist has no "no department" filter
        params["department"] = str(scope.department_ids[0])
    if scope.category_id:
        params["category"] = str(scope.category_id)
    if scope.channel:
        params["channel"] = scope.channel
    from django.urls import reverse

    return f"{reverse('staff:worklist')}?{urlencode(params)}"


@require_GET
@staff_page(*DASHBOARD_ROLES)
def map_page(request):
    form, scope, extra = _scope(request, days=MAP_DAYS)
    map_form = MapForm(request.GET)
    status = map_form.cleaned_data.get("status", "") if map_form.is_valid() else ""
    cells = mapdata.cells(scope, status=status)
    heat_statuses, heat_rows = mapdata.category_status(scope)
    return render(
        request,
        "insight/map.html",
        {
            "heat_statuses": heat_statuses,
            "heat_rows": heat_rows,
            "form": form,
            "map_form": map_form,
            "scope": scope,
            "cells": cells[:30],
            "cell_count": len(cells),
            "status": status,
            "json_query": request.GET.urlencode(),
            "tile_url": settings.MINWON_MAP_TILE_URL,
            "map_center": settings.MINWON_MAP_CENTER,
            "now": timezone.now(),
            **extra,
        },
    )


@require_GET
@staff_page(*DASHBOARD_ROLES)
def map_json(request):
    _form, scope, _extra = _scope(request, days=MAP_DAYS)
    map_form = MapForm(request.GET)
    status = map_form.cleaned_data.get("status", "") if map_form.is_valid() else ""
    return JsonResponse({"cells": [c.as_json() for c in mapdata.cells(scope, status=status)]})
