"""Who sees which insight figures: oversight roles see the city, department heads their departments."""

from __future__ import annotations

from minwon.accounts.models import Role
from minwon.org.models import Department

DASHBOARD_ROLES = (Role.HEAD, Role.DESK, Role.ADMIN, Role.AUDITOR, Role.CARE)
CITY_ROLES = (Role.DESK, Role.ADMIN, Role.AUDITOR, Role.CARE)


def sees_city(user) -> bool:
    return user.has_role(*CITY_ROLES)


def visible_departments(user) -> list[Department]:
    if sees_city(user):
        return list(Department.objects.active().order_by("name"))
    return list(
        Department.objects.filter(pk__in=user.headed_department_ids, dissolved_at__isnull=True).order_by(
            "name"
        )
    )


def allowed_scope(user, chosen: str) -> tuple[list[int] | None, list[Department], Department | None]:
    """(department ids to count or None for all, the departments offered, the one chosen)."""
    from .queries import UNASSIGNED

    departments = visible_departments(user)
    if chosen == "none" and sees_city(user):  # 민원 not yet routed to a department
        return [UNASSIGNED], departments, None
    selected = next((d for d in departments if str(d.pk) == chosen), None)
    if selected:
        return [selected.pk], departments, selected
    if sees_city(user):
        return None, departments, None
    return [d.pk for d in departments], departments, None
