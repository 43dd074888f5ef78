"""The staff list over the API: the worklist's own form and query, scoped by the token."""

from __future__ import annotations

from django.core.paginator import EmptyPage
from django.utils import timezone

from minwon.complaints.choices import Status
from minwon.complaints.models import Category
from minwon.org.models import Department
from minwon.staff import queries
from minwon.staff.forms import WorklistFilterForm
from minwon.staff.views import WORKLIST_ROLES

from .errors import ApiError, forbidden
from .public import local


def allowed_departments(token) -> list[int] | None:
    """Department ids this token may list (None = every department)."""
    allowed: list[int] | None = None
    if token.user_id:
        user = token.user
        if not user.has_role(*WORKLIST_ROLES):
            raise forbidden("이 직원에게는 민원 목록을 볼 권한이 없습니다.", "not_worklist_role")
        if not queries.sees_all_departments(user):
            allowed = sorted(user.department_ids)
    if token.department_id:
        allowed = [token.department_id] if allowed is None or token.department_id in allowed else []
    if allowed is None and not token.user_id:
        raise forbidden(
            "연계 시스템 토큰으로 목록을 보려면 토큰에 부서가 정해져 있어야 합니다.", "list_needs_department"
        )
    return allowed


def page(token, params, *, page: int, page_size: int) -> dict:
    allowed = allowed_departments(token)
    chosen = params.get("department") or ""
    if chosen:
        if not chosen.isdigit() or (allowed is not None and int(chosen) not in allowed):
            raise ApiError(403, "department_not_allowed", "이 토큰으로는 그 부서의 민원을 볼 수 없습니다.")
        scope: list[int] | None = [int(chosen)]
    else:
        scope = allowed
    departments = Department.objects.all() if allowed is None else Department.objects.filter(pk__in=allowed)
    handlers = list(queries.members_of(scope)) if scope is not None else []
    form = WorklistFilterForm(
        params,
        departments=departments,
        all_departments=allowed is None,
        handlers=handlers,
        categories=Category.objects.filter(is_active=True),
    )
    if not form.is_valid():
        errors = {name: " ".join(str(m) for m in msgs) for name, msgs in form.errors.items()}
        raise ApiError(422, "invalid_filter", "목록 조건을 확인해 주십시오.", errors=errors)
    if form.cleaned_data.get("handler") == "mine" and not token.user_id:
        raise ApiError(
            422,
            "invalid_filter",
            "목록 조건을 확인해 주십시오.",
            errors={"handler": "직원 토큰만 'mine' 을 쓸 수 있습니다."},
        )
    f = queries.WorklistFilter.from_cleaned(form.cleaned_data, scope)
    now = timezone.now()
    ids = queries.worklist(token.user, f, now=now).values_list("pk", flat=True)
    paginator = queries.CappedPaginator(ids, page_size)
    try:
        chunk = paginator.page(page)
    except EmptyPage:
        chunk = None
    rows = queries.rows_in_order(chunk.object_list) if chunk else []
    return {
        "count": paginator.count,
        "capped": paginator.capped,
        "page": page,
        "page_size": page_size,
        "num_pages": paginator.num_pages,
        "results": [_row(c, now) for c in rows],
    }


def _row(c, now) -> dict:
    return {
        "id": c.pk,
        "tracking_no": c.tracking_no,
        "title": c.title,
        "category": c.category.name,
        "kind": c.kind,
        "channel": c.channel,
        "status": c.status,
        "status_label": Status(c.status).label,
        "department": c.department.name if c.department_id else None,
        "handler": str(c.handler) if c.handler_id else None,
        "received_at": local(c.received_at),
        "due_at": local(c.due_at),
        "due_state": queries.due_state(c, now),
    }
