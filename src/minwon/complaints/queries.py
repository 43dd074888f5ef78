"""Worklist vocabulary: `Complaint.objects.open().overdue()` reads like the desk talks."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from .choices import OPEN_STATUSES, Status, Visibility


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.exclude(status__in=OPEN_STATUSES)

    def awaiting_routing(self):
        """At the desk: arrived or accepted but no department yet (oldest first)."""
        return self.filter(status__in=(Status.RECEIVED, Status.ACCEPTED), department__isnull=True).order_by(
            "received_at", "pk"
        )

    def overdue(self, now: datetime | None = None):
        # A paused 민원 (보완) is not overdue: its clock stands still until the supplement arrives.
        return (
            self.open().exclude(status=Status.SUPPLEMENT_REQUESTED).filter(due_at__lt=now or timezone.now())
        )

    def due_within(self, hours: float, now: datetime | None = None):
        """Open 민원 due within `hours` working hours from now (not yet overdue)."""
        from .deadlines import work_calendar

        now = now or timezone.now()
        horizon = work_calendar().add_working_time(now, timedelta(hours=hours))
        return (
            self.open()
            .exclude(status=Status.SUPPLEMENT_REQUESTED)
            .filter(due_at__gte=now, due_at__lte=horizon)
        )

    def due_today(self, now: datetime | None = None):
        now = timezone.localtime(now or timezone.now())
        end = now.replace(hour=23, minute=59, second=59, microsecond=0)
        return self.open().filter(due_at__gte=now, due_at__lte=end)

    def for_department(self, department):
        return self.filter(department=department)

    def for_departments(self, departments):
        return self.filter(department__in=departments)

    def for_handler(self, user):
        return self.filter(handler=user)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def of_applicant(self, user):
        return self.filter(applicant=user)

    def flagged_for_desk_head(self):
        return self.filter(needs_desk_head=True)
