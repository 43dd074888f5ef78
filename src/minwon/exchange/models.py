"""국민신문고·새올 exchange: which 민원 came from the national portal, and each import batch.

`ExternalRef` is unique on (source, ref): importing the same file twice creates nothing new,
and the reference number travels back in the export so the portal can match our answer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Source(models.TextChoices):
    EPEOPLE = "epeople", "국민신문고"
    SAEOL = "saeol", "새올"


class ImportBatch(models.Model):
    """One uploaded file and what became of its rows (the audit row of an import)."""

    file_name = models.CharField("파일 이름", max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=4)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    total = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField("이미 있던 건", default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 3, "ref": "...", "message": "..."}]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "연계 가져오기"
        verbose_name_plural = "연계 가져오기"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.file_name}"


class ExternalRef(models.Model):
    source = models.CharField("연계 기관", max_length=10, choices=Source.choices)
    ref = models.CharField("연계 민원번호", max_length=40)
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="external_ref"
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="refs"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "연계 민원번호"
        verbose_name_plural = "연계 민원번호"
        constraints = [models.UniqueConstraint(fields=["source", "ref"], name="uniq_external_ref")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.ref}"
