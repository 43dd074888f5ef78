"""Summary tables behind the dashboards, and the admin-editable evaluation weights.

`DailySummary` holds one row per (day received, department, category, channel) with the counts
and time sums the dashboards need; it is derived data, rebuilt from the complaints touched by new
events (`summary.refresh_summaries`), never edited by hand. Figures are *cohort* figures: a 민원
counts on the day it arrived, in the department that holds it, with its current state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

# Upper bounds (days) of the processing-time histogram buckets; the last bucket is open-ended.
BUCKET_DAYS = (1, 3, 7, 14, 30)
BUCKET_FIELDS = tuple(f"b{i}" for i in range(len(BUCKET_DAYS) + 1))


class DailySummary(models.Model):
    day = models.DateField()
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    category = models.ForeignKey(
        "complaints.Category", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    channel = models.CharField(max_length=10)
    received = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)
    # Seconds from the start of the processing period to the answer, and the seconds allowed.
    proc_seconds = models.BigIntegerField(default=0)
    allowed_seconds = models.BigIntegerField(default=0)
    b0 = models.PositiveIntegerField(default=0)
    b1 = models.PositiveIntegerField(default=0)
    b2 = models.PositiveIntegerField(default=0)
    b3 = models.PositiveIntegerField(default=0)
    b4 = models.PositiveIntegerField(default=0)
    b5 = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "일별 민원 요약"
        verbose_name_plural = "일별 민원 요약"
        indexes = [models.Index(fields=["day", "department"], name="insight_daily_day_dept")]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id} {self.category_id} {self.channel}: {self.received}"


class SummaryState(models.Model):
    """The event-log watermark of the summary: events up to `last_event_id` are reflected."""

    name = models.CharField(max_length=20, primary_key=True, default="daily")
    last_event_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    days_rebuilt = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} @ event {self.last_event_id}"


class MetricWeight(models.Model):
    """The weight of one evaluation metric (admin-editable; 0 leaves the metric out of the score)."""

    key = models.CharField("지표", max_length=40, unique=True)
    weight = models.DecimalField("가중치", max_digits=6, decimal_places=2, default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "평가 지표 가중치"
        verbose_name_plural = "평가 지표 가중치"
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.weight}"


class InsightAudit(models.Model):
    """Append-only record of every write of this app (weights changed, summaries rebuilt by hand)."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "통계·평가 변경 기록"
        verbose_name_plural = "통계·평가 변경 기록"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
