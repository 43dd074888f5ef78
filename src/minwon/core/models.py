"""City-wide data the legal clock needs beyond the national holiday list (DESIGN §4)."""

from __future__ import annotations

from django.db import models


class ClosedDayKind(models.TextChoices):
    TEMPORARY = "temporary", "임시공휴일"
    LOCAL = "local", "지방공휴일"
    OTHER = "other", "기타 휴무"


class ClosedDay(models.Model):
    """A day off that the `holidays` package does not know (임시공휴일, 지방공휴일 …)."""

    date = models.DateField("날짜", unique=True)
    name = models.CharField("이름", max_length=60)
    kind = models.CharField("종류", max_length=10, choices=ClosedDayKind.choices, default="temporary")

    class Meta:
        verbose_name = "추가 휴무일"
        verbose_name_plural = "추가 휴무일"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Outage(models.Model):
    """A system outage; its working time is not counted in processing periods (영 20)."""

    started_at = models.DateTimeField("시작")
    ended_at = models.DateTimeField("종료")
    reason = models.CharField("사유", max_length=200)

    class Meta:
        verbose_name = "정보시스템 장애"
        verbose_name_plural = "정보시스템 장애"
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gt=models.F("started_at")), name="outage_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}–{self.ended_at:%H:%M} {self.reason}"
