"""Kindness, answer quality and staff protection (issue 8, DESIGN §1 "care officer").

Rows are written only through `services` (STYLE §2); every write leaves a `CareEvent` row in the
same transaction. Complaint-related writes (reopen, handler change) go through
`minwon.complaints.services` and leave their own complaint events as well.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import (
    IncidentContext,
    IncidentKind,
    IncidentStatus,
    PraiseChannel,
    ReferralKind,
    ReportOutcome,
    ReportStatus,
    SampleStatus,
    SurveyChannel,
)

USER = settings.AUTH_USER_MODEL


class CareEvent(models.Model):
    """Append-only audit trail of this app: who did what to which care object."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    verb = models.CharField(max_length=40)
    object_type = models.CharField(max_length=30)
    object_id = models.CharField(max_length=20)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "친절·보호 처리 기록"
        verbose_name_plural = "친절·보호 처리 기록"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="care_evt_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("처리 기록은 수정할 수 없습니다.")
        super().save(*args, **kwargs)


# --- citizens' voice ----------------------------------------------------------------------------


class SatisfactionResponse(models.Model):
    """만족도: one per 민원, processing round and channel (the notice link, or a phone follow-up).

    The department and handler are copied at answer time, so later reassignments do not move
    a rating to someone who never handled the 민원.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="satisfaction_responses"
    )
    round = models.PositiveSmallIntegerField("처리 회차", default=0)
    channel = models.CharField(max_length=10, choices=SurveyChannel.choices)
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handler = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved = models.BooleanField("해결 여부")
    kindness = models.PositiveSmallIntegerField("친절도")
    speed = models.PositiveSmallIntegerField("신속성")
    comment = models.TextField("의견", blank=True)
    reopened = models.BooleanField("재처리 요청", default=False)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="조사자"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "만족도 응답"
        verbose_name_plural = "만족도 응답"
        constraints = [
            models.UniqueConstraint(fields=["complaint", "round", "channel"], name="care_one_response"),
            models.CheckConstraint(
                condition=models.Q(kindness__gte=1, kindness__lte=5, speed__gte=1, speed__lte=5),
                name="care_scale_1_5",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "created_at"], name="care_sat_dept"),
            models.Index(fields=["handler", "created_at"], name="care_sat_handler"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} r{self.round} {self.channel}: {self.kindness}/{self.speed}"


class Praise(models.Model):
    """칭찬민원: names an employee, a department, or both."""

    employee = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="praises",
        verbose_name="칭찬 직원",
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField("칭찬 내용")
    praiser_name = models.CharField("칭찬하신 분", max_length=50, blank=True)
    praiser_phone = models.CharField("연락처", max_length=20, blank=True)
    channel = models.CharField(max_length=10, choices=PraiseChannel.choices, default=PraiseChannel.WEB)
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "칭찬 민원"
        verbose_name_plural = "칭찬 민원"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"칭찬 → {self.employee or self.department}"


class UnkindReport(models.Model):
    """불친절 신고: seen by the care officer only, never by the person named."""

    employee = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="신고된 직원"
    )
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    named_text = models.CharField("직원(직접 입력)", max_length=100, blank=True)
    body = models.TextField("내용")
    reporter_name = models.CharField(max_length=50, blank=True)
    reporter_phone = models.CharField(max_length=20, blank=True)
    channel = models.CharField(max_length=10, choices=PraiseChannel.choices, default=PraiseChannel.WEB)
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Set when the report arrived as a 민원 (phone, post, 국민신문고 …) and was forwarded here.
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    outcome = models.CharField(max_length=20, choices=ReportOutcome.choices, blank=True)
    outcome_note = models.TextField("처리 결과", blank=True)
    handled_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "불친절 신고"
        verbose_name_plural = "불친절 신고"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"불친절 신고 #{self.pk}"


# --- answer quality -----------------------------------------------------------------------------


class QualityCriterion(models.Model):
    """One rubric line (정확성, 완결성, 쉬운 말 …), edited by the admin; weights need not sum to 1."""

    code = models.SlugField("코드", max_length=30, unique=True)
    name = models.CharField("기준", max_length=60)
    description = models.CharField("설명", max_length=200, blank=True)
    weight = models.DecimalField("가중치", max_digits=5, decimal_places=2, default=1)
    is_active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveSmallIntegerField("순서", default=100)

    class Meta:
        verbose_name = "답변 품질 평가 기준"
        verbose_name_plural = "답변 품질 평가 기준"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.name} (×{format(self.weight.normalize(), 'f')})"


class QualityBatch(models.Model):
    """One weekly sampling run; the UNIQUE week makes the job idempotent across workers."""

    week_start = models.DateField("표본 주(월요일)", unique=True)
    seed = models.CharField(max_length=60)
    sample_size = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "답변 품질 표본 추출"
        verbose_name_plural = "답변 품질 표본 추출"
        ordering = ["-week_start"]

    def __str__(self) -> str:
        return f"{self.week_start} 주"


class QualitySample(models.Model):
    batch = models.ForeignKey(QualityBatch, on_delete=models.PROTECT, related_name="samples")
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="quality_sample"
    )
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=SampleStatus.choices, default=SampleStatus.PENDING)
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    total = models.DecimalField("점수(100점)", max_digits=5, decimal_places=1, null=True, blank=True)
    feedback = models.TextField("담당자에게 주는 의견", blank=True)
    recommend_example = models.BooleanField("모범 답변으로 추천", default=False)
    promoted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "답변 품질 표본"
        verbose_name_plural = "답변 품질 표본"
        ordering = ["batch", "department", "pk"]
        indexes = [models.Index(fields=["department", "answered_at"], name="care_sample_dept")]

    def __str__(self) -> str:
        return f"{self.complaint_id} ({self.get_status_display()})"


class QualityScore(models.Model):
    sample = models.ForeignKey(QualitySample, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.PROTECT, related_name="+")
    # The weight at review time, so editing the rubric later does not rewrite past results.
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sample", "criterion"], name="care_one_score")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


# --- staff protection (특이민원) -----------------------------------------------------------------


class Incident(models.Model):
    employee = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="incidents_suffered", verbose_name="피해 직원"
    )
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("유형", max_length=12, choices=IncidentKind.choices)
    context = models.CharField("상황", max_length=12, choices=IncidentContext.choices)
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    call_ref = models.CharField("통화·방문 기록", max_length=100, blank=True)
    occurred_at = models.DateTimeField("발생 시각")
    narrative = models.TextField("경위")
    # Who behaved so: the account of the 민원 if any, else the phone number given.
    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applicant_phone = models.CharField(max_length=20, blank=True)
    wants_police = models.BooleanField("수사기관 신고·고발 희망", default=False)
    wants_legal = models.BooleanField("법률 지원 희망", default=False)
    status = models.CharField(max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "특이민원(직원 보호) 신고"
        verbose_name_plural = "특이민원(직원 보호) 신고"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"특이민원 #{self.pk} {self.get_kind_display()}"


def evidence_path(instance: IncidentEvidence, filename: str) -> str:
    # Outside anything the web server serves: files leave only through care:evidence.
    return f"private/care/incidents/{instance.incident_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class IncidentEvidence(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "특이민원 증거 자료"
        verbose_name_plural = "특이민원 증거 자료"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class IncidentView(models.Model):
    """접근 기록: one row per opening of an incident or one of its files (never edited)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="views")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=60, default="detail")
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "특이민원 열람 기록"
        verbose_name_plural = "특이민원 열람 기록"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} #{self.incident_id}"


class RestGrant(models.Model):
    """휴식 부여: the employee is off work for this interval (heads see only "unavailable")."""

    employee = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="rest_grants")
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, null=True, blank=True, related_name="rests"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)
    granted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "휴식 부여"
        verbose_name_plural = "휴식 부여"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["employee", "ends_at"], name="care_rest_emp")]

    def __str__(self) -> str:
        return f"{self.employee} {self.starts_at:%m-%d}–{self.ends_at:%m-%d}"


class Exemption(models.Model):
    """업무 분리: the employee may not handle this 민원, nor the applicant's 민원, until `ends_at`."""

    employee = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="exemptions")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="exemptions")
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applicant_phone = models.CharField(max_length=20, blank=True, db_index=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    granted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "업무 분리"
        verbose_name_plural = "업무 분리"
        indexes = [models.Index(fields=["employee", "ends_at"], name="care_exempt_emp")]

    def __str__(self) -> str:
        return f"{self.employee} 분리 ~{self.ends_at:%Y-%m-%d}"


class ApplicantCaution(models.Model):
    """주의 표시 on an applicant, shown to staff only. It names no reporter and no incident details."""

    applicant = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applicant_phone = models.CharField(max_length=20, blank=True, db_index=True)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="cautions")
    note = models.CharField("직원 안내", max_length=200)
    ends_at = models.DateTimeField()
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "민원인 주의 표시"
        verbose_name_plural = "민원인 주의 표시"

    def __str__(self) -> str:
        return self.note


class Referral(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=12, choices=ReferralKind.choices)
    agency = models.CharField("기관", max_length=100)
    referred_on = models.DateField("일자")
    note = models.TextField("내용", blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "고발·법률 지원 기록"
        verbose_name_plural = "고발·법률 지원 기록"
        ordering = ["referred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.agency}"


# --- staff idea box -----------------------------------------------------------------------------


class IdeaCampaign(models.Model):
    title = models.CharField("공모 제목", max_length=120)
    description = models.TextField("안내", blank=True)
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("마감일")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "친절시책 아이디어 공모"
        verbose_name_plural = "친절시책 아이디어 공모"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class Idea(models.Model):
    campaign = models.ForeignKey(IdeaCampaign, on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("제목", max_length=120)
    body = models.TextField("내용")
    is_selected = models.BooleanField("선정", default=False)
    selected_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    selected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "아이디어"
        verbose_name_plural = "아이디어"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class IdeaVote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "voter"], name="care_one_vote")]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.idea_id}"
