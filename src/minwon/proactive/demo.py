"""Demo 적극행정: reward types, two key tasks of this year (one rated, one with a late report), training."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from . import services
from .models import KeyTask, RewardType

REWARDS = ("표창", "성과급 최고등급", "인사 우대(승진 가점)", "특별휴가")


def _department_of(user):
    return user.memberships.filter(ended_at__isnull=True).select_related("department").first().department


def seed_proactive(people: dict) -> int:
    """Idempotent: does nothing once any key task exists. Returns the tasks created."""
    for i, name in enumerate(REWARDS):
        RewardType.objects.get_or_create(name=name, defaults={"sort_order": i})
    if KeyTask.objects.exists() or not all(k in people for k in ("admin", "road", "roadhead", "clean")):
        return 0
    admin, road, roadhead, clean = (people[k] for k in ("admin", "road", "roadhead", "clean"))
    today = timezone.localdate()
    dept = _department_of(road)
    t1 = services.create_task(
        admin,
        year=today.year,
        title="포트홀 24시간 보수 체계",
        goal="신고된 도로 파임을 24시간 안에 임시 보수한다",
        owner_department=dept,
        main_officer=road,
        supporting_officers=[roadhead],
        starts_on=date(today.year, 1, 1),
    )
    services.add_milestone(admin, t1, title="보수 장비 확보", due_on=date(today.year, 3, 31))
    services.add_milestone(admin, t1, title="야간 보수조 운영", due_on=date(today.year, 9, 30))
    for month in range(1, min(today.month, 12)):
        services.submit_report(
            road,
            t1,
            period_start=date(today.year, month, 1),
            body=f"{month}월 보수 실적 정리",
            progress=min(100, month * 9),
        )
    c = services.request_consultation(
        road, t1, question="긴급 보수 시 수의계약 한도를 넘어도 되는지 문의합니다."
    )
    auditor = people.get("auditor")
    if auditor:
        services.answer_consultation(
            auditor, c, opinion="appropriate", answer="긴급 안전조치는 수의계약 예외 사유에 해당합니다."
        )
    services.evaluate_task(admin, t1, rating="A", comment="목표 대비 92% 달성")
    services.select_excellent(
        admin, t1, user=road, rewards=list(RewardType.objects.filter(name__in=REWARDS[:2]))
    )
    clean_dept = _department_of(clean)
    services.create_task(
        admin,
        year=today.year,
        title="무단투기 상습지역 스마트 단속",
        goal="상습 무단투기 지역 10곳에 계도 카메라를 설치한다",
        owner_department=clean_dept,
        main_officer=clean,
        starts_on=date(today.year, 1, 1),
    )
    # Demo history: both tasks were registered at the start of the year, so the second one's
    # missing reports are late (a report due before its task was registered never is).
    KeyTask.objects.filter(year=today.year).update(
        created_at=datetime(today.year, 1, 2, 9, tzinfo=timezone.get_current_timezone())
    )
    services.record_training(
        admin, user=road, title="적극행정 교육", completed_on=date(today.year, 4, 10), hours=2
    )
    services.record_training(
        admin, user=clean, title="적극행정 교육", completed_on=date(today.year, 5, 8), hours=2
    )
    return 2
