"""The outbox (DESIGN §2 "Delivery", STYLE §7–8).

Every notice is saved as a `Message` before anything is sent (GOV.UK Notify's rule): the row is
written in the same transaction as the action that caused it, so a rolled-back action leaves no
message, and a committed one cannot be lost. The worker moves rows through their states; each
try leaves a `DeliveryAttempt`. `Message.dedupe_key` is UNIQUE in the database: that constraint,
not any process's memory, is what makes a job that runs twice (or on two workers) queue once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import (
    DELIVERED_STATUSES,
    AttemptOutcome,
    Audience,
    Channel,
    MessageStatus,
    NoticeKey,
)


class MessageTemplate(models.Model):
    """Admin-editable wording of one notice in one language (Django template syntax).

    A row overrides the built-in default in `minwon.notify.defaults`; without a row the default
    is used, so a fresh install sends sensible Korean notices with no setup.
    """

    key = models.CharField("알림 종류", max_length=40, choices=NoticeKey.choices)
    language = models.CharField("언어", max_length=8, choices=settings.LANGUAGES, default="ko")
    subject = models.CharField("제목(전자우편·서면)", max_length=200)
    short_body = models.TextField(
        "짧은 본문(문자·알림톡)", help_text="문자는 90바이트(한글 45자)를 넘으면 장문(LMS)으로 발송됩니다."
    )
    body = models.TextField("본문(전자우편·서면·직원 알림)")
    alimtalk_template_code = models.CharField(
        "알림톡 템플릿 코드",
        max_length=60,
        blank=True,
        help_text="카카오 비즈메시지에 승인받은 템플릿 코드. 알림톡 본문은 승인된 문구와 같아야 합니다.",
    )
    is_active = models.BooleanField("사용", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "알림 문구"
        verbose_name_plural = "알림 문구"
        ordering = ["key", "language"]
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="notify_tpl_key_lang")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"


class WebhookEndpoint(models.Model):
    """An integration (새올, 통계 시스템 …) that receives a signed JSON POST for complaint events."""

    name = models.CharField("이름", max_length=60)
    url = models.URLField("주소", max_length=300)
    secret = models.CharField("서명 키", max_length=200, help_text="HMAC-SHA256 서명에 쓰는 공유 비밀 값")
    verbs = models.JSONField(
        "보낼 이벤트", default=list, blank=True, help_text='비우면 전부. 예: ["accepted", "answered"]'
    )
    include_internal = models.BooleanField("내부 이벤트 포함", default=False)
    is_active = models.BooleanField("사용", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "웹훅"
        verbose_name_plural = "웹훅"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, verb: str, is_public: bool) -> bool:
        if not self.is_active or (not is_public and not self.include_internal):
            return False
        return not self.verbs or verb in self.verbs


class MessageQuerySet(models.QuerySet["Message"]):
    def for_complaint(self, complaint):
        return self.filter(complaint=complaint).order_by("created_at", "pk")

    def pending(self):
        return self.filter(status__in=(MessageStatus.QUEUED, MessageStatus.SENDING))

    def failed(self):
        return self.filter(status=MessageStatus.FAILED)

    def letters(self):
        return self.filter(channel=Channel.LETTER)

    def print_queue(self):
        """Letters the desk still has to print or post, oldest first (the print queue page)."""
        return (
            self.letters()
            .filter(status__in=(MessageStatus.PRINT_QUEUED, MessageStatus.PRINTED))
            .select_related("complaint")
            .order_by("created_at", "pk")
        )


def letter_path(instance: Message, filename: str) -> str:
    now = timezone.localtime()
    return f"letters/{now:%Y/%m}/{filename}"


class Message(models.Model):
    """One notice to one recipient on one channel. Fallbacks are new rows in the same `group_key`."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        db_index=False,  # covered by notify_msg_complaint
    )
    event = models.ForeignKey(
        "complaints.ComplaintEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audience = models.CharField("대상", max_length=12, choices=Audience.choices)
    template_key = models.CharField("알림 종류", max_length=40, choices=NoticeKey.choices, blank=True)
    channel = models.CharField("수단", max_length=10, choices=Channel.choices)
    language = models.CharField("언어", max_length=8, default="ko")
    recipient = models.CharField("수신처", max_length=300)
    recipient_name = models.CharField("수신인", max_length=100, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    webhook = models.ForeignKey(WebhookEndpoint, on_delete=models.PROTECT, null=True, blank=True)
    subject = models.CharField("제목", max_length=200, blank=True)
    body = models.TextField("본문")
    # The strings the templates were rendered with: a fallback on another channel, or a reprint
    # of a letter, renders the same facts again without reading a complaint that moved on.
    context = models.JSONField(default=dict, blank=True)
    attachment = models.FileField("첨부(통지서 PDF)", upload_to=letter_path, max_length=300, blank=True)

    # One notice (e.g. "answer of event 812 to the applicant") shares a group across its fallbacks.
    group_key = models.CharField(max_length=160)
    dedupe_key = models.CharField(max_length=200, unique=True)
    fallback_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="fallbacks"
    )

    status = models.CharField(
        "상태", max_length=14, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField("시도 횟수", default=0)
    next_attempt_at = models.DateTimeField("다음 시도", default=timezone.now)
    lease_owner = models.CharField(max_length=80, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    provider_ref = models.CharField("발송 업체 접수번호", max_length=200, blank=True)
    last_error = models.TextField("마지막 오류", blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("발송 시각", null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    printed_at = models.DateTimeField("인쇄 시각", null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    postal_ref = models.CharField("등기번호", max_length=40, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "발송 메시지"
        verbose_name_plural = "발송 메시지"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker's claim: due queued rows, and sending rows whose lease ran out.
            models.Index(fields=["status", "next_attempt_at"], name="notify_msg_due"),
            models.Index(fields=["status", "lease_until"], name="notify_msg_lease"),
            models.Index(fields=["complaint", "created_at"], name="notify_msg_complaint"),
            models.Index(fields=["group_key"], name="notify_msg_group"),
            models.Index(fields=["channel", "status", "created_at"], name="notify_msg_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_name or self.recipient}: {self.subject}"

    @property
    def idempotency_key(self) -> str:
        """Sent to providers and webhooks: a retry of the same message carries the same key."""
        return f"minwon-msg-{self.pk}"

    @property
    def is_delivered(self) -> bool:
        return self.status in DELIVERED_STATUSES


class DeliveryAttempt(models.Model):
    """One try at sending: what the provider said, and whether it is worth trying again."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="delivery_attempts")
    number = models.PositiveSmallIntegerField("회차")
    at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=AttemptOutcome.choices)
    worker = models.CharField(max_length=80, blank=True)
    provider_ref = models.CharField(max_length=200, blank=True)
    response = models.TextField("응답", blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "발송 시도"
        verbose_name_plural = "발송 시도"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"#{self.message_id} {self.number}회 {self.get_outcome_display()}"


class StaffAlertQuerySet(models.QuerySet["StaffAlert"]):
    def for_user(self, user):
        return self.filter(recipient=user).order_by("-created_at", "-pk")

    def unread(self):
        return self.filter(read_at__isnull=True)


class StaffAlert(models.Model):
    """An in-app notice in an employee's inbox (the web shows the unread count and the list)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_alerts", db_index=False
    )
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField("종류", max_length=40, choices=NoticeKey.choices)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용", blank=True)
    # The fact alerted (e.g. "overdue:<complaint>:<due>"); one alert per recipient per group.
    group_key = models.CharField(max_length=160, db_index=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = StaffAlertQuerySet.as_manager()

    class Meta:
        verbose_name = "직원 알림"
        verbose_name_plural = "직원 알림"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"], name="notify_alert_inbox")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"


class JobRun(models.Model):
    """Bookkeeping of the time-driven jobs: when each last ran, by which worker, with what result.

    Workers take a job with a conditional UPDATE on this row, so N workers run each job about
    once per interval; correctness does not depend on it (dedupe keys do that), only cost.
    """

    name = models.CharField(max_length=40, primary_key=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=80, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "정기 작업"
        verbose_name_plural = "정기 작업"

    def __str__(self) -> str:
        return self.name
