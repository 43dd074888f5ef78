"""행정종합관찰제 (field observation): employees report what they see on the street from a phone.

A `FieldReport` is the programme's own record of one observation; the 민원 it became lives in
`complaints` like every other 민원 (channel `field`). `FieldCategory` is the short list of big
buttons on the phone page, each pointing at a real 민원 유형 (admin-editable data, STYLE §6).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FieldCategoryQuerySet(models.QuerySet["FieldCategory"]):
    def active(self) -> FieldCategoryQuerySet:
        return self.filter(is_active=True, category__is_active=True)


class FieldCategory(models.Model):
    """One quick-pick button (도로, 교통, 광고물, 쓰레기 …) and where its reports go."""

    label = models.CharField("버튼 이름", max_length=20, unique=True)
    category = models.ForeignKey(
        "complaints.Category", on_delete=models.PROTECT, related_name="+", verbose_name="민원 유형"
    )
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="처리부서(직접 지정)",
        help_text="비우면 민원 유형의 기본 처리부서로 갑니다.",
    )
    route_directly = models.BooleanField(
        "처리부서로 바로 배정",
        default=True,
        help_text="끄면 민원팀이 배정합니다 (예: 기타).",
    )
    sort_order = models.PositiveSmallIntegerField("순서", default=100)
    is_active = models.BooleanField("사용", default=True)

    objects = FieldCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "현장 보고 분류"
        verbose_name_plural = "현장 보고 분류"
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label

    def routing_department(self):
        """The department a report goes straight to, or None when the desk should route it."""
        if not self.route_directly:
            return None
        if self.department_id:
            return self.department.current()  # type: ignore[union-attr]
        return self.category.routing_department()


class LocationSource(models.TextChoices):
    DEVICE = "device", "휴대전화 위치"
    PHOTO = "photo", "사진 위치 정보"
    NONE = "none", "위치 없음"


class FieldReport(models.Model):
    # Generated on the phone before the first send attempt: a retried offline send finds this row
    # instead of making a second 민원.
    client_id = models.UUIDField("보고 식별자", unique=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="field_reports", db_index=False
    )
    # The reporter's department when they filed: participation stays with the unit they worked in,
    # even after they move.
    reporter_department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="field_report"
    )
    field_category = models.ForeignKey(FieldCategory, on_delete=models.PROTECT, related_name="reports")
    observed_at = models.DateTimeField("작성 시각(휴대전화)", null=True, blank=True)
    location_source = models.CharField(max_length=10, choices=LocationSource.choices)
    location_accuracy_m = models.FloatField("위치 정확도(m)", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "현장 보고"
        verbose_name_plural = "현장 보고"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["reporter", "created_at"], name="field_reporter_created"),
            models.Index(fields=["reporter_department", "created_at"], name="field_dept_created"),
        ]

    def __str__(self) -> str:
        return f"{self.field_category} · {self.complaint.tracking_no}"


class FieldEventVerb(models.TextChoices):
    FILED = "filed", "현장 보고"
    RESENT = "resent", "중복 전송(무시)"
    CATEGORY_SAVED = "category_saved", "분류 변경"


class FieldEvent(models.Model):
    """Append-only audit of this app's own writes (reports filed, retries seen, categories edited)."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    verb = models.CharField(max_length=20, choices=FieldEventVerb.choices)
    report = models.ForeignKey(FieldReport, on_delete=models.PROTECT, null=True, blank=True)
    field_category = models.ForeignKey(FieldCategory, on_delete=models.PROTECT, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "현장 보고 기록"
        verbose_name_plural = "현장 보고 기록"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_verb_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("현장 보고 기록은 수정할 수 없습니다.")
        super().save(*args, **kwargs)
