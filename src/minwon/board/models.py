"""The open board (민원소통방, issue 6).

A post that asks for action is linked to the 민원 it became; its status, due date and answer are
read from that 민원 on every view, never copied, so the board cannot disagree with the record.
Every write goes through `services` and leaves a `BoardEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import BoardVerb, PhotoState, PostState, ReportState, Tag, VerifyChannel


class Member(models.Model):
    """A board sign-up: who proved they hold an e-mail address or phone (no real-name check)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_member"
    )
    nickname = models.CharField("별명", max_length=30)
    channel = models.CharField("확인 수단", max_length=8, choices=VerifyChannel.choices)
    address = models.CharField("확인한 주소·번호", max_length=254, unique=True)
    verified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "소통방 회원"
        verbose_name_plural = "소통방 회원"

    def __str__(self) -> str:
        return self.nickname


class VerificationCode(models.Model):
    """A one-time code sent through the outbox; only its keyed hash is stored."""

    channel = models.CharField(max_length=8, choices=VerifyChannel.choices)
    address = models.CharField(max_length=254, db_index=True)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "인증번호"
        verbose_name_plural = "인증번호"

    def __str__(self) -> str:
        return f"{self.address} {self.created_at:%Y-%m-%d %H:%M}"


class PostQuerySet(models.QuerySet["Post"]):
    def published(self):
        return self.filter(state=PostState.PUBLISHED)

    def public(self):
        """What an anonymous reader may see: published and not private."""
        return self.published().filter(is_private=False)

    def with_counts(self):
        return self.annotate(support_total=models.Count("supports", distinct=True))


class Post(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_posts")
    tag = models.CharField("말머리", max_length=10, choices=Tag.choices)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용")
    address = models.CharField("장소(주소)", max_length=200, blank=True)
    area = models.CharField("동", max_length=30, blank=True, db_index=True)
    lat = models.FloatField("위도", null=True, blank=True)
    lng = models.FloatField("경도", null=True, blank=True)
    complaint = models.OneToOneField(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_post",
        verbose_name="민원",
    )
    state = models.CharField(
        "게시 상태", max_length=10, choices=PostState.choices, default=PostState.PUBLISHED
    )
    is_private = models.BooleanField("비공개", default=False)
    private_reason = models.CharField("비공개 사유", max_length=200, blank=True)
    hidden_reason = models.CharField("숨김 사유", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = "소통방 글"
        verbose_name_plural = "소통방 글"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "is_private", "created_at"], name="board_post_public"),
            models.Index(fields=["author", "created_at"], name="board_post_author"),
        ]

    def __str__(self) -> str:
        return self.title


class PostRevision(models.Model):
    """The text of a post as it was before an edit: edits never lose the original."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField()
    address = models.CharField(max_length=200, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("수정 사유", max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "글 수정 이력"
        verbose_name_plural = "글 수정 이력"

    def __str__(self) -> str:
        return f"{self.post_id} {self.at:%Y-%m-%d %H:%M}"


def photo_path(instance: PostPhoto, filename: str) -> str:
    now = timezone.localtime()
    return f"board/{now:%Y/%m}/{instance.post_id}/{filename}"


class PostPhoto(models.Model):
    """A photo (EXIF stripped). `redacted` is what the public sees once staff blurred part of it;
    `file` stays staff-only from then on."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=300)
    redacted = models.FileField(upload_to=photo_path, max_length=300, blank=True)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=PhotoState.choices, default=PhotoState.PENDING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = "소통방 사진"
        verbose_name_plural = "소통방 사진"

    def __str__(self) -> str:
        return f"{self.post_id}/{self.pk}"


class Reply(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("내용")
    # Staff replies speak for the city and show the department, not the employee's name.
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, blank=True)
    is_official = models.BooleanField("공식 답글", default=False)
    is_hidden = models.BooleanField("숨김", default=False)
    hidden_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "답글"
        verbose_name_plural = "답글"

    def __str__(self) -> str:
        return f"{self.post_id}: {self.body[:30]}"


class Support(models.Model):
    """공감: one per account and post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="board_support_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"


class AbuseReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("신고 사유", max_length=300)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "신고"
        verbose_name_plural = "신고"
        constraints = [
            models.UniqueConstraint(fields=["post", "reply", "reporter"], name="board_report_once"),
        ]

    def __str__(self) -> str:
        return self.reason[:40]


class BoardEvent(models.Model):
    """Append-only audit trail of board writes (who, when, what)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    verb = models.CharField(max_length=20, choices=BoardVerb.choices)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "소통방 기록"
        verbose_name_plural = "소통방 기록"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_verb_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("소통방 기록은 수정할 수 없습니다.")
        super().save(*args, **kwargs)
