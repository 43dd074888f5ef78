"""120 call centre and 구술민원 (oral complaints).

- `CallTopic`: what calls are about, with the recommended call time (staff protection, default 20
  minutes) and the 민원 category a call of that topic becomes when it is not answered at once.
- `Call`: one call as the agent recorded it. `answered_at_once` is first-contact resolution;
  a call that is not becomes a 민원 (`complaint`). `ended_for_abuse` records a call the agent
  ended for abusive conduct (the care officer is alerted; minwon.care opens the incident).
- `OralType`, `OralComplaint`: a 민원 written by the desk or an agent for someone who cannot;
  it becomes a real 민원 (and is 접수) only when the citizen confirms the text.
- `CallEvent`, `OralEvent`: this app's audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

DEFAULT_CALL_MINUTES = 20


class CallTopic(models.Model):
    name = models.CharField("상담 주제", max_length=60, unique=True)
    category = models.ForeignKey(
        "complaints.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="민원 전환 시 유형",
        help_text="바로 답하지 못한 통화를 민원으로 넘길 때 처음 고를 유형",
    )
    recommended_minutes = models.PositiveSmallIntegerField(
        "권장 통화 시간(분)", default=DEFAULT_CALL_MINUTES, help_text="끝나기 전 경고를 띄웁니다."
    )
    is_active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveSmallIntegerField("순서", default=100)

    class Meta:
        verbose_name = "상담 주제"
        verbose_name_plural = "상담 주제"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Call(models.Model):
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls")
    caller_phone = models.CharField("발신 번호", max_length=20, blank=True, db_index=True)
    caller_name = models.CharField("민원인 이름", max_length=50, blank=True)
    topic = models.ForeignKey(CallTopic, on_delete=models.PROTECT, verbose_name="상담 주제")
    summary = models.TextField("상담 내용", blank=True)
    started_at = models.DateTimeField("통화 시작")
    ended_at = models.DateTimeField("통화 종료")
    duration_seconds = models.PositiveIntegerField("통화 시간(초)")
    answered_at_once = models.BooleanField("바로 답변", default=False)
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    ended_for_abuse = models.BooleanField("폭언 등으로 종료", default=False)
    abuse_reason = models.CharField("종료 사유", max_length=30, blank=True)
    abuse_note = models.TextField("종료 경위", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "상담 통화"
        verbose_name_plural = "상담 통화"
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["started_at"], name="call_started")]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.topic}"


class CallEvent(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    verb = models.CharField(max_length=24)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "통화 이력"
        verbose_name_plural = "통화 이력"

    def __str__(self) -> str:
        return f"{self.call_id} {self.verb}"


class OralType(models.Model):
    """구술민원 대상 사무 (Busan lists 24): admin-editable."""

    name = models.CharField("구술민원 종류", max_length=60, unique=True)
    category = models.ForeignKey(
        "complaints.Category", on_delete=models.SET_NULL, null=True, blank=True, verbose_name="기본 유형"
    )
    is_active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveSmallIntegerField("순서", default=100)

    class Meta:
        verbose_name = "구술민원 종류"
        verbose_name_plural = "구술민원 종류"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OralStatus(models.TextChoices):
    PENDING = "pending", "민원인 확인 대기"
    CONFIRMED = "confirmed", "확인·접수"
    CANCELLED = "cancelled", "취소"


class ConfirmMethod(models.TextChoices):
    SMS_CODE = "sms_code", "문자 인증번호"
    TABLET = "tablet", "창구 태블릿 확인"


def signature_path(instance: OralComplaint, filename: str) -> str:
    now = timezone.localtime()
    return f"oral/{now:%Y/%m}/{instance.pk}-signature.png"


class OralComplaint(models.Model):
    """A 민원 written for a visitor or caller, waiting for their confirmation."""

    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("경로", max_length=10, default="visit")  # complaints Channel.VISIT / CALL
    oral_type = models.ForeignKey(OralType, on_delete=models.PROTECT, verbose_name="구술민원 종류")
    category = models.ForeignKey("complaints.Category", on_delete=models.PROTECT, verbose_name="민원 유형")
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용")
    address = models.CharField("위치(주소)", max_length=200, blank=True)
    applicant_name = models.CharField("민원인 이름", max_length=50)
    applicant_phone = models.CharField("민원인 전화", max_length=20)
    consent = models.BooleanField("개인정보 수집·이용 동의", default=False)
    status = models.CharField(max_length=10, choices=OralStatus.choices, default=OralStatus.PENDING)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_method = models.CharField(max_length=10, choices=ConfirmMethod.choices, blank=True)
    signature = models.FileField(upload_to=signature_path, blank=True, max_length=200)
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="oral"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "구술민원"
        verbose_name_plural = "구술민원"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"


class OralEvent(models.Model):
    oral = models.ForeignKey(OralComplaint, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    verb = models.CharField(max_length=24)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "구술민원 이력"
        verbose_name_plural = "구술민원 이력"

    def __str__(self) -> str:
        return f"{self.oral_id} {self.verb}"
