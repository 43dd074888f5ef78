"""Time-driven jobs: progress notices, due-soon reminders and the escalations (DESIGN §3).

Each job reads table state, decides what is due *now*, and queues it under a dedupe key that
names the fact (e.g. "progress:<complaint>:<n-th 30 days>", "overdue:<complaint>:<due time>").
Running a job twice, or on two workers at once, therefore queues nothing twice; a worker that was
down for a while catches up with one notice per fact, not a burst of stale ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from minwon.api.jobs import prune_api_state
from minwon.complaints.models import Complaint
from minwon.kb.jobs import stale_article_alerts

from .choices import NoticeKey
from .context import complaint_context
from .models import JobRun, Message, StaffAlert
from .receivers import desk_head_group
from .recipients import department_heads, desk_clerks, desk_heads, handler_or_department
from .services import queue_applicant_notice, queue_staff_alert

log = logging.getLogger("minwon.notify.jobs")

PROGRESS_EVERY = timedelta(days=30)  # 영 제23조: 접수 후 30일, 그 후 30일마다


def _stamp(dt: datetime | None) -> str:
    return str(int(dt.timestamp())) if dt else "none"


def _existing(model, field: str, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(model.objects.filter(**{f"{field}__in": keys}).values_list(field, flat=True))


def progress_notices(now: datetime | None = None) -> int:
    """영 23: tell the applicant of every open 민원 how it stands, 30 days after 접수 and every 30 days."""
    now = now or timezone.now()
    rows = (
        Complaint.objects.open()
        .filter(accepted_at__lte=now - PROGRESS_EVERY)
        .select_related("category", "department", "handler", "applicant")
        .order_by("pk")
    )
    todo = []
    for c in rows.iterator(chunk_size=500):
        n = (now - c.accepted_at) // PROGRESS_EVERY
        todo.append((c, n, f"progress:{c.pk}:{n}"))
    done = _existing(Message, "group_key", [key for *_, key in todo])
    queued = 0
    for c, n, key in todo:
        if key in done:
            continue
        with transaction.atomic():
            ctx = complaint_context(c, progress_days=str(n * 30))
            if queue_applicant_notice(c, NoticeKey.PROGRESS, group_key=key, context=ctx):
                queued += 1
    return queued


def _alert_each(rows, key: str, group: Callable, users: Callable, **extra) -> int:
    """Queue `key` for every complaint in `rows` whose group has not been alerted yet."""
    todo = [(c, group(c)) for c in rows]
    done = _existing(StaffAlert, "group_key", [g for _, g in todo])
    count = 0
    for c, g in todo:
        if g in done:
            continue
        with transaction.atomic():
            count += bool(
                queue_staff_alert(c, key, users(c), group_key=g, context=complaint_context(c, **extra))
            )
    return count


def _worklist():
    return Complaint.objects.select_related("category", "department", "handler")


def due_soon_reminders(now: datetime | None = None) -> int:
    """Remind the handler (or the department) N working hours before the due time."""
    now = now or timezone.now()
    hours = settings.MINWON_DUE_SOON_WORKING_HOURS
    rows = list(_worklist().due_within(hours, now=now).filter(department__isnull=False).order_by("due_at"))
    return _alert_each(
        rows,
        NoticeKey.STAFF_DUE_SOON,
        lambda c: f"due_soon:{c.pk}:{_stamp(c.due_at)}",
        handler_or_department,
        hours=str(hours),
    )


def overdue_escalations(now: datetime | None = None) -> int:
    """Past due: escalate to the department head (and tell the handler)."""
    now = now or timezone.now()
    rows = list(_worklist().overdue(now).order_by("due_at"))

    def recipients(c):
        heads = department_heads(c.department) or desk_heads()
        return [*heads, *([c.handler] if c.handler_id and c.handler not in heads else [])]

    return _alert_each(
        rows, NoticeKey.STAFF_OVERDUE, lambda c: f"overdue:{c.pk}:{_stamp(c.due_at)}", recipients
    )


def routing_late_alerts(now: datetime | None = None) -> int:
    """Still at the desk after the routing time (영 13: 1 working hour): alert the desk clerks."""
    now = now or timezone.now()
    rows = list(_worklist().awaiting_routing().filter(routing_due_at__lt=now))
    return _alert_each(
        rows, NoticeKey.STAFF_ROUTING_LATE, lambda c: f"routing_late:{c.pk}", lambda c: desk_clerks()
    )


def desk_head_alerts(now: datetime | None = None) -> int:
    """Bounced between departments more than twice: the desk head decides (sweeps what events missed)."""
    rows = list(_worklist().open().flagged_for_desk_head())
    return _alert_each(rows, NoticeKey.STAFF_DESK_HEAD, desk_head_group, lambda c: desk_heads())


def _care_quality_sampling(now: datetime | None = None) -> int:
    from minwon.care.quality import weekly_sampling  # lazy: care builds on notify, not the reverse

    return weekly_sampling(now)


JOBS: dict[str, Callable[..., int]] = {
    "progress_notices": progress_notices,
    "due_soon_reminders": due_soon_reminders,
    "overdue_escalations": overdue_escalations,
    "routing_late_alerts": routing_late_alerts,
    "desk_head_alerts": desk_head_alerts,
    "kb_stale_articles": stale_article_alerts,
    "care_quality_sampling": _care_quality_sampling,
    "api_prune": prune_api_state,
    "insight_summaries": lambda now=None: _lazy("minwon.insight.summary", "refresh_summaries")(now=now),
    "proactive_report_alerts": lambda now=None: _lazy("minwon.proactive.schedule", "overdue_report_alerts")(
        now=now
    ),
}


def _lazy(module: str, name: str) -> Callable[..., int]:
    """Jobs of apps that import notify themselves are looked up at run time (no import cycle)."""
    import importlib

    return getattr(importlib.import_module(module), name)


def take_job(name: str, owner: str, now: datetime, every: timedelta) -> bool:
    """Claim job `name` for this interval (conditional UPDATE: one worker wins per interval)."""
    if not JobRun.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                JobRun.objects.create(name=name)
        except IntegrityError:
            pass  # another worker created it first
    return bool(
        JobRun.objects.filter(Q(started_at__isnull=True) | Q(started_at__lte=now - every), name=name).update(
            started_at=now, owner=owner
        )
    )


def run_due_jobs(
    owner: str = "inline", *, now: datetime | None = None, force: bool = False
) -> dict[str, int]:
    """Run every job whose interval has passed (all of them with force=True). Returns counts queued."""
    now = now or timezone.now()
    every = timedelta(seconds=settings.MINWON_JOBS_INTERVAL_SECONDS)
    results: dict[str, int] = {}
    for name, job in JOBS.items():
        if not force and not take_job(name, owner, now, every):
            continue
        try:
            results[name] = job(now=now)
        except Exception:
            # One broken job must not stop delivery or the other jobs; it is retried next interval.
            log.exception("job %s failed", name)
            results[name] = -1
        JobRun.objects.filter(name=name).update(finished_at=timezone.now(), result={"queued": results[name]})
    return results
