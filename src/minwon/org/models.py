"""The org chart: a versioned tree of departments (국 → 과 → 팀) and who works where.

A department row is never deleted. Renames are recorded as changes on the same row; merges and
splits dissolve the old row and name successors, so an old 민원 keeps pointing at the department
that really handled it while routing and statistics can follow `current()` to today's unit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DepartmentLevel(models.TextChoices):
    BUREAU = "bureau", "국"
    DIVISION = "division", "과"
    TEAM = "team", "팀"


class DepartmentQuerySet(models.QuerySet["Department"]):
    def active(self) -> DepartmentQuerySet:
        return self.filter(dissolved_at__isnull=True)


class Department(models.Model):
    code = models.CharField("부서 코드", max_length=20, unique=True)
    name = models.CharField("부서명", max_length=60)
    name_en = models.CharField("영문 부서명", max_length=80, blank=True)
    level = models.CharField("단위", max_length=10, choices=DepartmentLevel.choices, default="division")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="상위 부서",
    )
    phone = models.CharField("대표 전화", max_length=20, blank=True)
    is_desk = models.BooleanField("민원팀(접수·분류)", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    dissolved_at = models.DateTimeField("폐지 시각", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="승계 부서",
        help_text="병합·분할 후 이 부서의 업무를 주로 이어받는 부서",
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = "부서"
        verbose_name_plural = "부서"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name if self.is_active else f"{self.name} (폐지)"

    @property
    def is_active(self) -> bool:
        return self.dissolved_at is None

    def current(self) -> Department:
        """Follow the successor chain to the department that does this work today."""
        dept: Department = self
        seen = {dept.pk}
        while dept.successor_id is not None and dept.dissolved_at is not None:
            dept = dept.successor  # type: ignore[assignment]
            if dept.pk in seen:  # a cycle would be a data error; stop rather than loop forever
                break
            seen.add(dept.pk)
        return dept

    def path(self) -> str:
        names = [self.name]
        node = self.parent
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " > ".join(reversed(names))


class DepartmentChangeKind(models.TextChoices):
    CREATE = "create", "신설"
    RENAME = "rename", "명칭 변경"
    MOVE = "move", "소속 변경"
    MERGE = "merge", "통합"
    SPLIT = "split", "분할"
    DISSOLVE = "dissolve", "폐지"


class DepartmentChange(models.Model):
    """History of the org chart: one append-only row per reorganisation step."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=10, choices=DepartmentChangeKind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    name_before = models.CharField(max_length=60, blank=True)
    name_after = models.CharField(max_length=60, blank=True)
    successors = models.ManyToManyField(Department, blank=True, related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "조직 변경 이력"
        verbose_name_plural = "조직 변경 이력"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name_before or self.department.name} → {self.name_after}"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="memberships")
    title = models.CharField("직위", max_length=30, blank=True)
    is_head = models.BooleanField("부서장", default=False)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "소속"
        verbose_name_plural = "소속"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"],
                condition=models.Q(ended_at__isnull=True),
                name="uniq_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.department}"
