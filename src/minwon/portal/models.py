"""Portal state that must be shared by every web process: the tracking look-up rate limit."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class TrackFailure(models.Model):
    """One failed 민원 조회 without an account (portal:track).

    The database is the source of truth so every web process counts the same failures; rows are
    counted per IP and per tracking number over a sliding window and pruned as they age out.
    """

    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    tracking_no = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "민원 조회 실패"
        verbose_name_plural = "민원 조회 실패"
        indexes = [
            models.Index(fields=["ip", "at"], name="trackfail_ip_at"),
            models.Index(fields=["tracking_no", "at"], name="trackfail_no_at"),
            models.Index(fields=["at"], name="trackfail_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.ip} {self.tracking_no}"
