"""상담자료 (knowledge base): articles the 120 agents answer from, owned by a department.

Every edit is a new `Revision` row (the article keeps the current text for reading and search);
agents propose changes as `Suggestion`s that the owner department accepts or rejects; every
view from the call console is an `ArticleView`, so "most used" is a count, not a guess.
Writes go through `services`; `KbEvent` is the audit trail of this app.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class Section(models.TextChoices):
    GUIDE = "guide", "상담자료"
    MANUAL = "manual", "응대 매뉴얼"
    EXAMPLE = "example", "우수 답변 사례"


class ArticleQuerySet(models.QuerySet["Article"]):
    def active(self) -> ArticleQuerySet:
        return self.filter(is_active=True)

    def stale(self, today: date | None = None) -> ArticleQuerySet:
        """Past their review date: the owner must check them again."""
        return self.active().filter(review_by__lt=today or timezone.localdate())

    def most_used(self, *, days: int = 30, now=None) -> ArticleQuerySet:
        since = (now or timezone.now()) - timedelta(days=days)
        return (
            self.active()
            .annotate(uses=models.Count("views", filter=models.Q(views__at__gte=since)))
            .filter(uses__gt=0)
            .order_by("-uses", "title")
        )


class Article(models.Model):
    title = models.CharField("제목", max_length=200)
    section = models.CharField("구분", max_length=10, choices=Section.choices, default=Section.GUIDE)
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, related_name="kb_articles", verbose_name="담당 부서"
    )
    tags = models.CharField("태그", max_length=200, blank=True, help_text="쉼표로 구분: 여권, 발급, 서류")
    body = models.TextField("내용")
    review_by = models.DateField("검토 기한")
    is_active = models.BooleanField("사용", default=True)
    revision_no = models.PositiveIntegerField("현재 판", default=1)
    view_count = models.PositiveIntegerField("조회 수", default=0)
    # Morphemes (minwon.lib.korean) of the title + tags and of the body, space-separated.
    title_terms = models.TextField(blank=True, editable=False)
    body_terms = models.TextField(blank=True, editable=False)
    # The review date a stale alert was sent for: one alert per missed date, not one per run.
    stale_alerted_for = models.DateField(null=True, blank=True, editable=False)
    source_complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "상담자료"
        verbose_name_plural = "상담자료"
        ordering = ["section", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    def is_stale(self, today: date | None = None) -> bool:
        return self.review_by < (today or timezone.localdate())


class Revision(models.Model):
    """One version of an article as it was saved; never edited afterwards."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("판")
    title = models.CharField("제목", max_length=200)
    section = models.CharField("구분", max_length=10, choices=Section.choices)
    tags = models.CharField("태그", max_length=200, blank=True)
    body = models.TextField("내용")
    review_by = models.DateField("검토 기한")
    note = models.CharField("수정 사유", max_length=200, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "상담자료 판"
        verbose_name_plural = "상담자료 판"
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="kb_revision_unique")]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "검토 대기"
    ACCEPTED = "accepted", "반영"
    REJECTED = "rejected", "반려"


class Suggestion(models.Model):
    """An agent's proposed change; the owner department decides."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    base_revision = models.PositiveIntegerField("제안 기준 판")
    title = models.CharField("제안 제목", max_length=200)
    body = models.TextField("제안 내용")
    note = models.CharField("제안 사유", max_length=300)
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        "상태", max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("처리 의견", max_length=300, blank=True)

    class Meta:
        verbose_name = "수정 제안"
        verbose_name_plural = "수정 제안"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article} · {self.get_status_display()}"


class ArticleView(models.Model):
    """One reading of an article (from the call console or the KB pages): usage counting."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    source = models.CharField(max_length=10, default="console")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "상담자료 조회"
        verbose_name_plural = "상담자료 조회"
        indexes = [models.Index(fields=["article", "at"], name="kb_view_article_at")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.at:%Y-%m-%d %H:%M}"


class KbEvent(models.Model):
    """Audit trail of the knowledge base: who created, edited, suggested, decided, promoted."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    verb = models.CharField(max_length=20)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "상담자료 이력"
        verbose_name_plural = "상담자료 이력"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.article_id} {self.verb}"
