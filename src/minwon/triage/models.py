"""Triage state: the search document of each 민원, routing models and their suggestions,
공감 (support), 다수인 group cases and the admin's triage settings.

Nothing here adds fields to Complaint: every row points at it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SearchDoc(models.Model):
    """Normalised morphemes of one 민원 (space-separated), indexed by the database's full-text
    engine: an FTS5 table kept by triggers on SQLite, a generated `tsvector` column with a GIN index
    on PostgreSQL (both created in migration 0002, not visible to the ORM)."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, primary_key=True, related_name="triage_doc"
    )
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)
    # Mirrors "status in OPEN_STATUSES" (kept by the event receiver) so that, on PostgreSQL, the
    # similar-민원 lookup searches a partial GIN index of open 민원 only: a few percent of all rows,
    # instead of checking every recent open 민원 against the whole index (migration 0003).
    is_open = models.BooleanField("처리 중", default=True)
    # Copied from the 민원 (it never changes after intake) so that lookup needs no join either.
    received_at = models.DateTimeField("도착 일시", null=True, blank=True)
    # Copied from the 민원 (intake, and again whenever its location changes) so that the
    # similar-민원 lookup with a place picks the open 민원 of a few h3 cells from this table and
    # its partial index alone, and joins the 민원 only for the few rows that survive (0004).
    h3_cell = models.CharField("H3 셀", max_length=16, blank=True, default="")

    class Meta:
        verbose_name = "검색 색인"
        verbose_name_plural = "검색 색인"
        indexes = [
            models.Index(
                fields=["h3_cell", "received_at"],
                name="triage_doc_open_cell",
                condition=models.Q(is_open=True),
            ),
            # The search page's newest matches over every 민원 (search.search_page).
            models.Index(fields=["received_at"], name="triage_doc_received"),
        ]

    def __str__(self) -> str:
        return f"#{self.complaint_id} {self.title_terms[:40]}"


class TriageSettings(models.Model):
    """One row (pk=1) the admin edits: auto-routing and the similar-민원 window."""

    auto_route_threshold = models.FloatField(
        "자동 배정 신뢰도",
        null=True,
        blank=True,
        help_text=(
            "학습 모델의 1순위 신뢰도가 이 값(0–1) 이상이면 접수 즉시 자동 배정합니다. "
            "비워 두면 사용하지 않습니다."
        ),
    )
    similar_radius_m = models.PositiveIntegerField("유사 민원 반경(m)", default=500)
    similar_window_days = models.PositiveIntegerField("유사 민원 기간(일)", default=60)
    similar_min_score = models.FloatField("유사도 하한", default=0.25)
    repeat_min_similarity = models.FloatField(
        "반복민원 같은 내용 기준", default=0.5, help_text="제목·내용 형태소 유사도(0–1)"
    )
    retrain_every_hours = models.PositiveIntegerField("재학습 주기(시간)", default=24)
    min_training_rows = models.PositiveIntegerField(
        "학습 최소 건수", default=200, help_text="이보다 적으면 유형별 기본 부서를 제안합니다."
    )
    # A lease, not a lock: the worker that sets it owns the triage jobs until it expires, so two
    # workers never retrain at once and a killed worker blocks nothing for long.
    jobs_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_retrain_attempt_at = models.DateTimeField(
        "마지막 재학습 시도", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "분류 설정"
        verbose_name_plural = "분류 설정"

    def __str__(self) -> str:
        return "분류 설정"

    @classmethod
    def load(cls) -> TriageSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class RoutingModel(models.Model):
    """A trained routing model. The blob lives in the database so every process loads the same one."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField(default=timezone.now)
    n_rows = models.PositiveIntegerField("학습 건수")
    n_classes = models.PositiveIntegerField("부서 수")
    metrics = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField("학습 시간(초)", default=0)
    blob = models.BinaryField(editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "부서 추천 모델"
        verbose_name_plural = "부서 추천 모델"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} ({self.n_rows}건, {self.trained_at:%Y-%m-%d %H:%M})"


class RoutingSuggestion(models.Model):
    """What was suggested for a 민원 and by which model version (the suggestion log)."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    model = models.ForeignKey(RoutingModel, on_delete=models.SET_NULL, null=True, blank=True)
    source = models.CharField(max_length=30)  # "category_default" or "model:<version>"
    suggestions = models.JSONField(default=list)  # [{"department_id": 3, "confidence": 0.81}, …]
    auto_routed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "부서 추천 기록"
        verbose_name_plural = "부서 추천 기록"
        indexes = [models.Index(fields=["complaint", "-created_at"], name="triage_sugg_complaint")]

    def __str__(self) -> str:
        return f"#{self.complaint_id} {self.source}"


class Support(models.Model):
    """공감 / me too: a citizen joins an open 민원 instead of filing it again."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    notify = models.BooleanField("처리결과 함께 받기", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "공감"
        verbose_name_plural = "공감"
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "user"], condition=models.Q(user__isnull=False), name="uniq_support_user"
            ),
            models.UniqueConstraint(
                fields=["complaint", "phone"], condition=~models.Q(phone=""), name="uniq_support_phone"
            ),
        ]

    def __str__(self) -> str:
        return f"공감 #{self.complaint_id}"


class GroupCase(models.Model):
    """다수인관련민원 (영 제2조): 5+ applicants filing the same content, handled as one case."""

    key = models.CharField(max_length=40, unique=True)  # written to Complaint.group_key
    title = models.CharField(max_length=200)
    lead = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="+", verbose_name="대표 민원"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "다수인관련민원"
        verbose_name_plural = "다수인관련민원"

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class GroupMember(models.Model):
    case = models.ForeignKey(GroupCase, on_delete=models.CASCADE, related_name="members")
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.PROTECT, related_name="+")
    is_representative = models.BooleanField("대표자", default=False)

    class Meta:
        verbose_name = "다수인 민원 구성"
        verbose_name_plural = "다수인 민원 구성"

    def __str__(self) -> str:
        return f"{self.case.key} ← #{self.complaint_id}"
