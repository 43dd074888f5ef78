"""적극행정 중점과제 (key tasks), their reports, 사전컨설팅, year-end evaluation and training.

Written only through `services` (STYLE §2); each write leaves a `ProactiveEvent` row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Rating(models.TextChoices):
    S = "S", "S (탁월)"
    A = "A", "A (우수)"
    B = "B", "B (보통)"
    C = "C", "C (미흡)"
    D = "D", "D (부진)"


RATING_SCORES = {Rating.S: 100, Rating.A: 85, Rating.B: 70, Rating.C: 50, Rating.D: 30}


class KeyTask(models.Model):
    year = models.PositiveSmallIntegerField("연도")
    title = models.CharField("과제명", max_length=200)
    goal = models.TextField("목표")
    owner_department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, related_name="key_tasks", verbose_name="주관 부서"
    )
    main_officer = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="main_key_tasks", verbose_name="주무관(주)"
    )
    supporting_officers: models.ManyToManyField = models.ManyToManyField(
        USER, blank=True, related_name="supported_key_tasks", verbose_name="보조 담당자"
    )
    report_every_months = models.PositiveSmallIntegerField("보고 주기(개월)", default=1)
    starts_on = models.DateField("시작일")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "적극행정 중점과제"
        verbose_name_plural = "적극행정 중점과제"
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["year", "owner_department"], name="proactive_task_year_dept")]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    def officer_ids(self) -> set[int]:
        return {self.main_officer_id, *self.supporting_officers.values_list("pk", flat=True)}


class Milestone(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("단계", max_length=200)
    due_on = models.DateField("기한")
    done_on = models.DateField("완료일", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "추진 단계"
        verbose_name_plural = "추진 단계"

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"


class ProgressReport(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField("보고 대상 기간(시작 월)")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("추진 내용")
    progress = models.PositiveSmallIntegerField("진척률(%)", default=0)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = "추진 상황 보고"
        verbose_name_plural = "추진 상황 보고"
        constraints = [models.UniqueConstraint(fields=["task", "period_start"], name="proactive_report_once")]

    def __str__(self) -> str:
        return f"{self.task} {self.period_start:%Y-%m}"


def report_file_path(instance: ReportAttachment, filename: str) -> str:
    return f"proactive/{instance.report.task_id}/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=report_file_path, max_length=300)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.original_name


class ConsultationOpinion(models.TextChoices):
    APPROPRIATE = "appropriate", "적정 (추진 가능)"
    CONDITIONAL = "conditional", "조건부 적정"
    INAPPROPRIATE = "inappropriate", "부적정"


class PreConsultation(models.Model):
    """사전컨설팅: an officer asks the audit office about a task's legal risk before acting."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="consultations")
    requester = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    question = models.TextField("질의 내용")
    requested_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    opinion = models.CharField("의견", max_length=16, choices=ConsultationOpinion.choices, blank=True)
    answer = models.TextField("회신", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "사전컨설팅"
        verbose_name_plural = "사전컨설팅"

    def __str__(self) -> str:
        return f"{self.task} · {self.requester}"

    @property
    def protects(self) -> bool:
        """An answered consultation the officer followed shields them in evaluation (면책)."""
        return self.answered_at is not None and self.opinion != ConsultationOpinion.INAPPROPRIATE


class TaskEvaluation(models.Model):
    task = models.OneToOneField(KeyTask, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.CharField("평가 등급", max_length=1, choices=Rating.choices)
    exemplary_failure = models.BooleanField(
        "모범적 실패로 인정", default=False, help_text="목표는 이루지 못했지만 과정이 적극적·창의적이었음"
    )
    comment = models.TextField("평가 의견", blank=True)
    rated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "중점과제 연말 평가"
        verbose_name_plural = "중점과제 연말 평가"

    def __str__(self) -> str:
        return f"{self.task}: {self.rating}"


class RewardType(models.Model):
    name = models.CharField("포상 종류", max_length=40, unique=True)
    is_active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "우수공무원 포상 종류"
        verbose_name_plural = "우수공무원 포상 종류"

    def __str__(self) -> str:
        return self.name


class ExcellentOfficial(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="excellent_officials")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="proactive_awards")
    rewards = models.ManyToManyField(RewardType, verbose_name="포상")
    selected_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    selected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "적극행정 우수공무원"
        verbose_name_plural = "적극행정 우수공무원"
        constraints = [models.UniqueConstraint(fields=["task", "user"], name="proactive_excellent_once")]

    def __str__(self) -> str:
        return f"{self.task} · {self.user}"


class TrainingRecord(models.Model):
    """적극행정 교육 이수: counted in the department evaluation."""

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="proactive_trainings")
    title = models.CharField("교육명", max_length=120)
    completed_on = models.DateField("이수일")
    hours = models.DecimalField("시간", max_digits=5, decimal_places=1, default=1)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-completed_on", "pk"]
        verbose_name = "적극행정 교육 이수"
        verbose_name_plural = "적극행정 교육 이수"
        indexes = [models.Index(fields=["user", "completed_on"], name="proactive_training_user")]

    def __str__(self) -> str:
        return f"{self.user} {self.title} {self.completed_on}"


class ProactiveEvent(models.Model):
    """Append-only audit row for every write of this app."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    verb = models.CharField(max_length=30)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.verb}"
