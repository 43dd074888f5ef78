"""Org-chart writes. Each records a DepartmentChange in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from .models import Department, DepartmentChange, DepartmentChangeKind, Membership


class OrgError(ValueError):
    pass


@transaction.atomic
def create_department(
    *, actor, code: str, name: str, level: str = "division", parent: Department | None = None, **extra
) -> Department:
    dept = Department.objects.create(code=code, name=name, level=level, parent=parent, **extra)
    DepartmentChange.objects.create(
        department=dept, kind=DepartmentChangeKind.CREATE, actor=actor, name_after=name
    )
    return dept


@transaction.atomic
def rename_department(*, actor, department: Department, name: str, note: str = "") -> Department:
    if not department.is_active:
        raise OrgError("폐지된 부서는 이름을 바꿀 수 없습니다.")
    before = department.name
    department.name = name
    department.save(update_fields=["name"])
    DepartmentChange.objects.create(
        department=department,
        kind=DepartmentChangeKind.RENAME,
        actor=actor,
        name_before=before,
        name_after=name,
        note=note,
    )
    return department


@transaction.atomic
def merge_departments(
    *, actor, departments: Sequence[Department], into: Department, note: str = ""
) -> Department:
    """Dissolve `departments` and name `into` as their successor (통합)."""
    if not into.is_active:
        raise OrgError("폐지된 부서로 통합할 수 없습니다.")
    now = timezone.now()
    for dept in departments:
        if dept.pk == into.pk:
            continue
        if not dept.is_active:
            raise OrgError(f"{dept.name}은(는) 이미 폐지된 부서입니다.")
        _dissolve(dept, actor=actor, at=now, kind=DepartmentChangeKind.MERGE, successors=[into], note=note)
    return into


@transaction.atomic
def split_department(
    *, actor, department: Department, into: Sequence[Department], primary: Department, note: str = ""
) -> None:
    """Dissolve `department`; its work continues in `into`, old 민원 default to `primary`."""
    if primary not in into:
        raise OrgError("주 승계 부서는 분할 대상 부서 중 하나여야 합니다.")
    if not department.is_active:
        raise OrgError("이미 폐지된 부서입니다.")
    _dissolve(
        department,
        actor=actor,
        at=timezone.now(),
        kind=DepartmentChangeKind.SPLIT,
        successors=into,
        note=note,
    )
    department.successor = primary
    department.save(update_fields=["successor"])


def _dissolve(dept: Department, *, actor, at, kind: str, successors: Sequence[Department], note: str) -> None:
    dept.dissolved_at = at
    dept.successor = successors[0]
    dept.save(update_fields=["dissolved_at", "successor"])
    Membership.objects.filter(department=dept, ended_at__isnull=True).update(ended_at=at)
    change = DepartmentChange.objects.create(
        department=dept, kind=kind, actor=actor, at=at, name_before=dept.name, name_after="", note=note
    )
    change.successors.set(successors)


@transaction.atomic
def add_member(*, user, department: Department, is_head: bool = False, title: str = "") -> Membership:
    return Membership.objects.create(user=user, department=department, is_head=is_head, title=title)
