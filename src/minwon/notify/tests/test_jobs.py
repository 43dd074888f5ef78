"""Time-driven jobs under a frozen clock: each fact is noticed once, however often the job runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from minwon.accounts.models import Role
from minwon.complaints import services as svc
from minwon.complaints.choices import Channel
from minwon.notify import jobs
from minwon.notify.choices import NoticeKey
from minwon.notify.models import JobRun, Message, StaffAlert
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=SEOUL)


def alerts(kind, complaint=None):
    qs = StaffAlert.objects.filter(kind=kind)
    if complaint is not None:
        qs = qs.filter(complaint=complaint)
    return sorted(qs.values_list("recipient__username", flat=True))


@pytest.fixture
def routed(city):
    with time_machine.travel(MONDAY, tick=False):
        c = f.create_complaint(category=city.streetlight)
        svc.assign_department(city.desk, c, city.roads)
        svc.assign_handler(city.head, c, city.officer)
        return svc.start_processing(city.officer, c)


def test_progress_notice_30_days_after_acceptance_and_every_30_days(city, routed):
    progress = Message.objects.filter(template_key=NoticeKey.PROGRESS)
    with time_machine.travel(MONDAY + timedelta(days=29, hours=23), tick=False):
        assert jobs.progress_notices() == 0
    with time_machine.travel(MONDAY + timedelta(days=30), tick=False):
        assert jobs.progress_notices() == 1
        assert jobs.progress_notices() == 0  # idempotent
    (first,) = progress
    assert "30일" in first.body and routed.tracking_no in first.body and first.recipient == "010-1234-5678"
    with time_machine.travel(MONDAY + timedelta(days=45), tick=False):
        assert jobs.progress_notices() == 0
    with time_machine.travel(MONDAY + timedelta(days=61), tick=False):
        assert jobs.progress_notices() == 1
        assert jobs.progress_notices() == 0
    assert sorted(m.context["progress_days"] for m in progress.all()) == ["30", "60"]


def test_a_worker_down_for_months_sends_one_progress_notice_not_a_burst(city, routed):
    with time_machine.travel(MONDAY + timedelta(days=95), tick=False):
        assert jobs.progress_notices() == 1
    assert Message.objects.get(template_key=NoticeKey.PROGRESS).context["progress_days"] == "90"


def test_no_progress_notice_for_finished_complaints(city, routed):
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        svc.answer_complaint(city.officer, routed, answer="고쳤습니다.")
    with time_machine.travel(MONDAY + timedelta(days=31), tick=False):
        assert jobs.progress_notices() == 0


def test_due_soon_reminds_the_handler_once(city, routed, settings):
    settings.MINWON_DUE_SOON_WORKING_HOURS = 8
    due = routed.due_at
    with time_machine.travel(due - timedelta(days=3), tick=False):
        assert jobs.due_soon_reminders() == 0
    with time_machine.travel(due - timedelta(hours=2), tick=False):
        assert jobs.due_soon_reminders() == 1
        assert jobs.due_soon_reminders() == 0
    assert alerts(NoticeKey.STAFF_DUE_SOON) == ["officer"]
    (alert,) = StaffAlert.objects.filter(kind=NoticeKey.STAFF_DUE_SOON)
    assert routed.tracking_no in alert.title and "8근무시간" in alert.body


def test_overdue_escalates_to_the_department_head_once_per_due_time(city, routed):
    with time_machine.travel(routed.due_at + timedelta(hours=1), tick=False):
        assert jobs.overdue_escalations() == 1
        assert jobs.overdue_escalations() == 0
    assert alerts(NoticeKey.STAFF_OVERDUE) == ["head", "officer"]
    # A new due time (e.g. after a reopen) is a new fact, escalated again when it passes too.
    with time_machine.travel(routed.due_at + timedelta(hours=2), tick=False):
        svc.answer_complaint(city.officer, routed, answer="고쳤습니다.")
        reopened = svc.reopen_complaint(city.desk, routed, reason="다시 꺼졌습니다")
    assert alerts(NoticeKey.STAFF_REOPENED, routed) == ["officer"]
    with time_machine.travel(reopened.due_at + timedelta(minutes=5), tick=False):
        assert jobs.overdue_escalations() == 1
    assert len(alerts(NoticeKey.STAFF_OVERDUE)) == 4


def test_routing_time_exceeded_alerts_the_desk(city):
    with time_machine.travel(MONDAY, tick=False):
        c = f.create_complaint(category=city.streetlight, channel=Channel.VISIT)
    with time_machine.travel(MONDAY + timedelta(minutes=30), tick=False):
        assert jobs.routing_late_alerts() == 0
    with time_machine.travel(MONDAY + timedelta(hours=2), tick=False):
        assert jobs.routing_late_alerts() == 1
        assert jobs.routing_late_alerts() == 0
    assert alerts(NoticeKey.STAFF_ROUTING_LATE, c) == ["desk"]


def test_bounced_more_than_twice_reaches_the_desk_head_once(city):
    f.create_user(username="deskhead", roles=[Role.DESK], department=city.desk_team, is_head=True)
    c = f.create_complaint(category=city.streetlight)
    svc.assign_department(city.desk, c, city.roads)
    for dept in (city.parks, city.roads, city.parks):
        c = svc.reassign_department(city.desk, c, dept, reason="우리 부서 소관이 아닙니다")
    assert c.needs_desk_head
    assert alerts(NoticeKey.STAFF_DESK_HEAD, c) == ["deskhead"]
    assert jobs.desk_head_alerts() == 0  # the sweep finds it already alerted


def test_jobs_take_turns_through_the_jobrun_row(city, settings):
    settings.MINWON_JOBS_INTERVAL_SECONDS = 60
    with time_machine.travel(MONDAY, tick=False) as clock:
        first = jobs.run_due_jobs("w1")
        assert set(first) == set(jobs.JOBS)
        assert jobs.run_due_jobs("w2") == {}  # within the interval another worker skips them
        clock.shift(timedelta(seconds=61))
        assert set(jobs.run_due_jobs("w2")) == set(jobs.JOBS)
    assert JobRun.objects.get(name="progress_notices").owner == "w2"


def test_worker_command_once_runs_jobs_and_delivers(city, routed, notify_settings, provider):
    with time_machine.travel(MONDAY + timedelta(days=30), tick=False):
        call_command("worker", "--once", "--batch", "100")
    assert Message.objects.filter(template_key=NoticeKey.PROGRESS).count() == 1
    assert provider.delivered == Message.objects.filter(channel="sms").count()
    assert timezone.now()  # the clock is back
