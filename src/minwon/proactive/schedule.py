"""When progress reports fall due, and the worker job that alerts on overdue ones."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from minwon.accounts.models import Role, User

from .models import KeyTask, ProactiveEvent, ProgressReport


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, 1)


def periods(task: KeyTask) -> list[tuple[date, date]]:
    """(first day, last day) of each reporting period of the task's year."""
    out = []
    start = task.starts_on.replace(day=1)
    while start.year == task.year:
        nxt = _add_months(start, task.report_every_months)
        out.append((start, min(nxt, date(task.year + 1, 1, 1)) - timedelta(days=1)))
        start = nxt
    return out


def report_due(period_end: date) -> date:
    return period_end + timedelta(days=settings.MINWON_PROACTIVE_REPORT_GRACE_DAYS)


def overdue_periods(task: KeyTask, today: date) -> list[date]:
    """Periods whose report is missing and past due. A report that fell due before the task was
    registered (a task entered in June for the whole year) is not late: nobody could file it."""
    done = set(task.reports.values_list("period_start", flat=True))
    registered = timezone.localdate(task.created_at)
    return [
        start for start, end in periods(task) if registered <= report_due(end) < today and start not in done
    ]


def overdue_report_alerts(now: datetime | None = None) -> int:
    """Worker job: an alert to the task's owners and the audit office per missing report."""
    from minwon.notify.models import StaffAlert

    today = timezone.localdate(now or timezone.now())
    auditors = list(User.objects.filter(role_grants__role=Role.AUDITOR, is_active=True))
    alerts = []
    tasks = KeyTask.objects.filter(
        year__in=(today.year, today.year - 1), evaluation__isnull=True
    ).select_related("owner_department", "main_officer")
    for task in tasks:
        missing = overdue_periods(task, today)
        if not missing:
            continue
        heads = User.objects.filter(
            Q(
                memberships__department=task.owner_department,
                memberships__is_head=True,
                memberships__ended_at__isnull=True,
            )
        )
        people = {u.pk: u for u in [task.main_officer, *heads, *auditors]}
        for start in missing:
            group = f"proactive_report:{task.pk}:{start:%Y-%m}"
            title = f"[적극행정] '{task.title}' {start:%Y년 %m월} 추진 상황 보고가 늦었습니다"[:200]
            due = report_due(_period_end(task, start))
            body = f"주관 부서: {task.owner_department.name}\n보고 기한: {due:%Y-%m-%d}"
            for u in people.values():
                alerts.append(
                    StaffAlert(
                        recipient=u,
                        kind="staff_proactive_report",
                        title=title,
                        body=body,
                        group_key=group,
                        dedupe_key=f"{group}:u{u.pk}",
                    )
                )
    if not alerts:
        return 0
    # Only alerts not sent before are written, and each late report leaves one audit row.
    sent = set(
        StaffAlert.objects.filter(dedupe_key__in=[a.dedupe_key for a in alerts]).values_list(
            "dedupe_key", flat=True
        )
    )
    new = [a for a in alerts if a.dedupe_key not in sent]
    StaffAlert.objects.bulk_create(new, ignore_conflicts=True)
    _queue_emails(new)
    for group in sorted({a.group_key for a in new}):
        _prefix, task_id, month = group.split(":")
        ProactiveEvent.objects.create(
            task_id=int(task_id),
            verb="report_overdue_alerted",
            data={"period": month, "recipients": sum(1 for a in new if a.group_key == group)},
        )
    return len(new)


def _queue_emails(alerts) -> None:
    """The same alert by e-mail through the notify outbox (the worker delivers and retries it),
    for those with an address, as other staff alerts do (MINWON_STAFF_ALERT_EMAIL)."""
    if not settings.MINWON_STAFF_ALERT_EMAIL:
        return
    from minwon.notify.choices import Audience, Channel
    from minwon.notify.models import Message

    mails = [
        Message(
            audience=Audience.STAFF,
            channel=Channel.EMAIL,
            language=settings.LANGUAGE_CODE,
            recipient=a.recipient.email,
            recipient_name=str(a.recipient),
            recipient_user=a.recipient,
            subject=f"[{settings.MINWON_CITY_NAME}] {a.title}"[:200],
            body=a.body,
            group_key=a.dedupe_key[:160],
            dedupe_key=f"{a.dedupe_key}:email",
        )
        for a in alerts
        if a.recipient.email
    ]
    Message.objects.bulk_create(mails, ignore_conflicts=True)


def _period_end(task: KeyTask, start: date) -> date:
    return next(end for s, end in periods(task) if s == start)


def latest_report(task: KeyTask) -> ProgressReport | None:
    return task.reports.order_by("-period_start").first()
