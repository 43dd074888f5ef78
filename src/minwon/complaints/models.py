"""The complaint domain (DESIGN §2).

Complaints are only written through `services` (STYLE §2); every change leaves an `Event` row
in the same transaction. Rows here carry the current state; the events carry the history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import (
    DEFAULT_PERIODS,
    OPEN_STATUSES,
    Channel,
    ClosureReason,
    EventVerb,
    ExtensionReason,
    Kind,
    PauseKind,
    Status,
    Visibility,
)
from .queries import ComplaintQuerySet


class Category(models.Model):
    """민원 유형: an admin-editable tree with a default department and kind."""

    code = models.CharField("코드", max_length=30, unique=True)
    name = models.CharField("이름", max_length=60)
    name_en = models.CharField("영문 이름", max_length=80, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="상위 유형",
    )
    default_department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, verbose_name="기본 처리부서"
    )
    default_kind = models.CharField(
        "기본 민원 종류", max_length=20, choices=Kind.choices, default=Kind.GRIEVANCE
    )
    statutory_period = models.CharField(
        "법정 처리기간", max_length=10, blank=True, help_text="법정민원일 때의 처리기간: 3h, 5d, 14d, 1m …"
    )
    notice = models.TextField("안내문", blank=True, help_text="신청 화면에 보여 줄 안내")
    extra_questions = models.JSONField(
        "추가 질문",
        default=list,
        blank=True,
        help_text='[{"key": "plate", "label": "차량번호", "required": false}]',
    )
    keywords = models.CharField("검색어", max_length=200, blank=True)
    is_active = models.BooleanField("사용", default=True)
    is_sensitive = models.BooleanField(
        "비공개 유형", default=False, help_text="불친절 신고처럼 직원이 언급되어 항상 비공개로 접수되는 유형"
    )
    sort_order = models.PositiveSmallIntegerField("순서", default=100)

    class Meta:
        verbose_name = "민원 유형"
        verbose_name_plural = "민원 유형"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def period_for(self, kind: str) -> str:
        if kind == Kind.STATUTORY:
            return self.statutory_period or "7d"
        return DEFAULT_PERIODS[Kind(kind)]

    def routing_department(self):
        """The department a new 민원 of this category goes to by default (following reorganisations)."""
        node: Category | None = self
        while node is not None:
            if node.default_department_id:
                return node.default_department.current()  # type: ignore[union-attr]
            node = node.parent
        return None


class Complaint(models.Model):
    tracking_no = models.CharField("접수번호", max_length=20, unique=True)
    kind = models.CharField("민원 종류", max_length=20, choices=Kind.choices)
    period = models.CharField("처리기간", max_length=10)
    # Indexed through cmp_category_received.
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name="유형", db_index=False)
    channel = models.CharField("접수 경로", max_length=10, choices=Channel.choices)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용")
    extra_answers = models.JSONField("추가 질문 답변", default=dict, blank=True)

    address = models.CharField("위치(주소)", max_length=200, blank=True)
    lat = models.FloatField("위도", null=True, blank=True)
    lng = models.FloatField("경도", null=True, blank=True)
    h3_cell = models.CharField("H3 셀", max_length=16, blank=True, db_index=True)

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name="민원인 계정",
        db_index=False,  # covered by cmp_applicant_received
    )
    applicant_name = models.CharField("민원인 이름", max_length=50, blank=True)
    applicant_phone = models.CharField("민원인 전화", max_length=20, blank=True, db_index=True)
    applicant_email = models.EmailField("민원인 전자우편", blank=True)
    applicant_postal_address = models.CharField("민원인 우편 주소", max_length=200, blank=True)
    notify_channels = models.JSONField("통지 수단(우선순위)", default=list, blank=True)
    consent_personal_data = models.BooleanField("개인정보 수집·이용 동의", default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    visibility = models.CharField(
        "공개 여부", max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )

    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        db_index=False,  # covered by cmp_dept_status_due, whose first column it is
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_complaints",
        verbose_name="담당자",
        db_index=False,  # covered by cmp_handler_status
    )
    status = models.CharField("상태", max_length=24, choices=Status.choices, default=Status.RECEIVED)

    received_at = models.DateTimeField("도착 시각")
    accepted_at = models.DateTimeField("접수 시각", null=True, blank=True)
    # Start of the current processing period: 접수, or the moment a reopened 민원 came back.
    clock_started_at = models.DateTimeField("처리기간 기산 시각", null=True, blank=True)
    routing_due_at = models.DateTimeField("배정 기한", null=True, blank=True)
    due_at = models.DateTimeField("처리기한", null=True, blank=True)
    answered_at = models.DateTimeField("답변 시각", null=True, blank=True)
    closed_at = models.DateTimeField("종결 시각", null=True, blank=True)
    paused_since = models.DateTimeField("처리 정지 시작", null=True, blank=True)

    answer = models.TextField("답변", blank=True)
    closure_reason = models.CharField("종결 사유", max_length=20, choices=ClosureReason.choices, blank=True)
    rejection_reason = models.TextField("반려 사유·구제 절차", blank=True)
    transferred_to = models.CharField("이송 기관", max_length=100, blank=True)

    reassign_count = models.PositiveSmallIntegerField("부서 재배정 횟수", default=0)
    needs_desk_head = models.BooleanField("민원팀장 확인 필요", default=False)
    extension_count = models.PositiveSmallIntegerField("연장 횟수", default=0)
    reopen_count = models.PositiveSmallIntegerField("재처리 횟수", default=0)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="병합 대상",
    )
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name="반복 원민원",
    )
    group_key = models.CharField("다수인 민원 묶음", max_length=40, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = "민원"
        verbose_name_plural = "민원"
        indexes = [
            # Worklist: a department's open 민원 by due time; desk queue by arrival.
            models.Index(fields=["department", "status", "due_at"], name="cmp_dept_status_due"),
            models.Index(fields=["status", "due_at"], name="cmp_status_due"),
            models.Index(fields=["status", "received_at"], name="cmp_status_received"),
            models.Index(fields=["handler", "status"], name="cmp_handler_status"),
            models.Index(fields=["applicant", "received_at"], name="cmp_applicant_received"),
            models.Index(fields=["received_at"], name="cmp_received"),
            models.Index(fields=["category", "received_at"], name="cmp_category_received"),
            # Similar open 민원 around a place: the h3 cells of one radius, open only. Without it
            # PostgreSQL intersected every open 민원 with every 민원 in the cells (12 of 31 ms at 1M).
            models.Index(
                fields=["h3_cell", "received_at"],
                name="cmp_open_cell_received",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_no} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class ComplaintEvent(models.Model):
    """Append-only timeline and audit trail: who did what, when, with before/after values."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    actor_role = models.CharField(max_length=16, blank=True)
    verb = models.CharField(max_length=24, choices=EventVerb.choices)
    is_public = models.BooleanField("민원인에게 공개", default=False)
    status_before = models.CharField(max_length=24, blank=True)
    status_after = models.CharField(max_length=24, blank=True)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "민원 처리 이력"
        verbose_name_plural = "민원 처리 이력"
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["complaint", "at"], name="evt_complaint_at"),
            models.Index(fields=["verb", "at"], name="evt_verb_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_verb_display()}"

    def save(self, *args, **kwargs):
        # The trail is append-only: an event is written once and never edited.
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("민원 처리 이력은 수정할 수 없습니다.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("민원 처리 이력은 삭제할 수 없습니다.")


class PendingDispatch(models.Model):
    """An event whose follow-up work (outbox messages, webhooks, search document, routing
    suggestion) `minwon worker` still has to do.

    Written in the transaction that writes the event and deleted in the transaction that does the
    work (`events.dispatch_pending`), so a crash anywhere in between loses nothing and nothing is
    done twice. Intake through the API defers this way: the legal part (접수 time, due date, the
    `received`/`accepted` events) is in the request; the rest is not the applicant's wait.
    """

    event = models.OneToOneField(
        ComplaintEvent, on_delete=models.CASCADE, primary_key=True, related_name="pending_dispatch"
    )
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "처리 대기 후속 작업"
        verbose_name_plural = "처리 대기 후속 작업"

    def __str__(self) -> str:
        return f"event {self.event_id}"


class Pause(models.Model):
    """An interval in which the processing clock stands still (보완, 현장조사 …)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="pauses")
    kind = models.CharField(max_length=12, choices=PauseKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at"]
        verbose_name = "처리기간 정지"
        verbose_name_plural = "처리기간 정지"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}–{self.ended_at or ''}"


class Extension(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="extensions")
    reason_code = models.CharField(max_length=30, choices=ExtensionReason.choices)
    reason_text = models.TextField()
    period = models.CharField(max_length=10)
    previous_due_at = models.DateTimeField()
    new_due_at = models.DateTimeField()
    applicant_consent = models.BooleanField(default=False)
    consent_note = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "처리기간 연장"
        verbose_name_plural = "처리기간 연장"

    def __str__(self) -> str:
        return f"{self.get_reason_code_display()} +{self.period}"


def attachment_path(instance: Attachment, filename: str) -> str:
    now = timezone.localtime()
    return f"complaints/{now:%Y/%m}/{instance.complaint_id}/{filename}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField("공개 가능", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "첨부 파일"
        verbose_name_plural = "첨부 파일"

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class TrackingCounter(models.Model):
    """Per-year sequence for tracking numbers; a row lock keeps numbers unique across processes."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
