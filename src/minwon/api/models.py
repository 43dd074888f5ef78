"""Machine access: API tokens, their audit trail, idempotency records and rate-limit windows.

A token is shown once when it is issued and stored only as its SHA-256 digest: tokens are long
random strings, so a fast hash is as safe as a slow one and keeps every request to one indexed
look-up. Open311 `api_key`s are the same tokens (scope `open311`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    CREATE = "create", "민원 등록"
    READ = "read", "민원 상태·이력 조회"
    LIST = "list", "직원 민원 목록"
    OPEN311 = "open311", "Open311 신청"


def default_rate() -> int:
    return settings.MINWON_API_DEFAULT_RATE


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    name = models.CharField(
        "이름", max_length=80, help_text="무엇에 쓰는 토큰인지 (예: 새올 연계, 동 주민센터 앱)"
    )
    prefix = models.CharField("앞부분", max_length=12, help_text="토큰을 알아보기 위한 앞 8자 (비밀 아님)")
    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name="소유 직원",
        help_text="직원 토큰이면 그 직원의 권한으로 동작합니다. 비우면 연계 시스템 토큰입니다.",
    )
    integration = models.CharField("연계 시스템 이름", max_length=80, blank=True)
    scopes = models.JSONField("권한 범위", default=list)
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="부서 한정",
        help_text="정하면 이 부서의 민원만 보고 목록에 나옵니다.",
    )
    rate_per_minute = models.PositiveIntegerField("분당 요청 한도", default=default_rate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField("폐기 시각", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API 토큰"
        verbose_name_plural = "API 토큰"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def owner_label(self) -> str:
        return str(self.user) if self.user_id else (self.integration or self.name)


class TokenEvent(models.Model):
    """Audit trail of token administration: issued, revoked (append-only)."""

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="events")
    verb = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "API 토큰 이력"
        verbose_name_plural = "API 토큰 이력"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}"


class IdempotencyRecord(models.Model):
    """The first successful answer to (token, Idempotency-Key), replayed to every retry.

    The unique constraint is what makes concurrent retries safe: on PostgreSQL the second INSERT
    waits for the first transaction and then fails, and the retry reads the committed answer.
    """

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="uniq_idem_token_key")]

    def __str__(self) -> str:
        return self.key


class RateWindow(models.Model):
    """Requests of one token in one fixed window (minute); one upsert per request."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    window_start = models.BigIntegerField()  # unix minute
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "window_start"], name="uniq_rate_window")]

    def __str__(self) -> str:
        return f"{self.token_id}@{self.window_start}: {self.count}"


class Submission(models.Model):
    """Which token filed which 민원: lets an integration follow its own private 민원 (Open311 tokens)."""

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="submissions")
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.PROTECT, related_name="+")
    public_token = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.public_token
