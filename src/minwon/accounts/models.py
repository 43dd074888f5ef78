"""People and their roles.

A person may hold several roles (DESIGN §1), so roles are rows, not a single field: granting and
revoking a role is an auditable write, and `has_role()` answers from one cached set per request.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    CITIZEN = "citizen", "민원인"
    DESK = "desk", "민원팀"
    OFFICER = "officer", "부서 담당자"
    HEAD = "head", "부서장"
    AGENT = "agent", "120 상담사"
    STAFF = "staff", "현장 공무원"
    CARE = "care", "친절·보호 담당"
    AUDITOR = "auditor", "민원심사관·감사"
    ADMIN = "admin", "관리자"


STAFF_ROLES = frozenset(r for r in Role if r != Role.CITIZEN)


class User(AbstractUser):
    display_name = models.CharField("표시 이름", max_length=50, blank=True)
    phone = models.CharField("휴대전화", max_length=20, blank=True)
    office_phone = models.CharField("사무실 전화", max_length=20, blank=True)
    failed_logins = models.PositiveSmallIntegerField("연속 로그인 실패", default=0)
    locked_until = models.DateTimeField("잠금 해제 시각", null=True, blank=True)

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_staff_member(self) -> bool:
        """An employee of the city (any role but citizen)."""
        return bool(self.roles & STAFF_ROLES)

    @cached_property
    def department_ids(self) -> frozenset[int]:
        """Departments the person works in now (active memberships)."""
        if not self.pk:
            return frozenset()
        return frozenset(
            self.memberships.filter(ended_at__isnull=True).values_list("department_id", flat=True)
        )

    @cached_property
    def headed_department_ids(self) -> frozenset[int]:
        if not self.pk:
            return frozenset()
        rows = self.memberships.filter(ended_at__isnull=True, is_head=True)
        return frozenset(rows.values_list("department_id", flat=True))

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("역할", max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "역할"
        verbose_name_plural = "역할"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="uniq_user_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class AccessLog(models.Model):
    """개인정보 접근 기록 (개인정보 보호법 제29조, 안전성 확보조치 기준 제8조).

    One row per staff read of an applicant's personal data: who, when, which record, why.
    Rows are never updated or deleted by the application.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_logs")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    fields = models.CharField("열람 항목", max_length=200)
    reason = models.CharField("열람 사유", max_length=200)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "개인정보 접근 기록"
        verbose_name_plural = "개인정보 접근 기록"
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.object_type}#{self.object_id}"
