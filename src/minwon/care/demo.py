"""Demo data for the care app: ratings, praise, a report, quality samples, an incident, ideas.

Everything goes through the services, so the demo shows the same alerts and records a real city
would. Deterministic (fixed seed) and fast: a few dozen rows.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint

from . import ideas, incidents, quality, scoring, services
from .models import SatisfactionResponse

COMMENTS = ("", "", "빨리 처리해 주셔서 고맙습니다.", "설명이 친절했어요.", "답변이 너무 늦었습니다.", "")


def seed_care_demo(people: dict) -> dict[str, int]:
    if SatisfactionResponse.objects.exists():
        return {}
    rng = random.Random(8)  # noqa: S311 - demo data
    created = {"ratings": _ratings(rng), "praise": _praise(people)}
    services.file_unkind_report(
        people.get("desk"),
        employee=people.get("traffic"),
        body="주차 단속 문의에 퉁명스럽게 답하고 전화를 먼저 끊었습니다.",
        reporter_name="홍길동",
        reporter_phone="010-5555-1234",
        channel="call",
    )
    created["samples"] = _quality(people)
    created["incidents"] = _incident(people)
    _ideas(people)
    return created


def _ratings(rng: random.Random) -> int:
    answered = Complaint.objects.filter(status__in=(Status.ANSWERED, Status.CLOSED)).order_by("pk")[:40]
    n = 0
    for c in answered:
        if rng.random() < 0.4:
            continue
        kindness = rng.choice((5, 5, 4, 4, 3, 2))
        SatisfactionResponse.objects.create(
            complaint=c,
            round=c.reopen_count,
            channel="link",
            department_id=c.department_id,
            handler_id=c.handler_id,
            resolved=kindness >= 3,
            kindness=kindness,
            speed=rng.choice((5, 4, 3, 2)),
            comment=rng.choice(COMMENTS),
        )
        n += 1
    return n


def _praise(people: dict) -> int:
    road, park, agent = people.get("road"), people.get("park"), people.get("agent")
    count = 0
    if road:
        services.file_praise(
            None, employee=road, body="포트홀을 하루 만에 메워 주셔서 감사합니다.", praiser_name="김시민"
        )
        services.file_praise(
            agent,
            employee=road,
            body="전화로 친절하게 설명해 주셨다고 합니다.",
            praiser_name="이주민",
            channel="call",
        )
        count += 2
    if park:
        services.file_praise(
            None, employee=park, body="놀이터 점검을 꼼꼼히 해 주셨어요.", praiser_name="박엄마"
        )
        count += 1
    return count


def _quality(people: dict) -> int:
    # The demo's 민원 are all answered while seeding, i.e. this week: sample this week at once
    # (the worker would do it next Monday), so the reviewers' queue has something to show.
    batch = quality.sample_week(scoring.week_start(timezone.localdate()), size=2, seed="demo")
    total = batch.samples.count() if batch else 0
    reviewer = people.get("auditor")
    codes = list(quality.QualityCriterion.objects.filter(is_active=True).values_list("code", flat=True))
    rng = random.Random(9)  # noqa: S311 - demo data
    for sample in quality.QualitySample.objects.order_by("pk")[:6]:
        if reviewer is None or sample.handler_id == reviewer.pk:
            continue
        scores = {code: rng.choice((5, 4, 4, 3)) for code in codes}
        quality.review_sample(
            reviewer, sample, scores=scores, feedback="근거 법령과 이의 신청 방법을 함께 적어 주십시오."
        )
    return total


def _incident(people: dict) -> int:
    road, care = people.get("road"), people.get("care")
    target = Complaint.objects.filter(handler=road, status=Status.IN_PROGRESS).order_by("pk").first()
    if not (road and care and target):
        return 0
    incident = incidents.file_incident(
        road,
        kind="verbal",
        context="complaint",
        complaint=target,
        narrative="현장 확인 결과를 설명하자 20분 넘게 고성과 욕설을 했습니다. 통화는 녹음되어 있습니다.",
        wants_police=False,
        wants_legal=True,
    )
    now = timezone.now()
    incidents.grant_rest(care, incident, starts_at=now, ends_at=now + timedelta(days=2), note="심리 안정")
    if incident.applicant_id or incident.applicant_phone:
        incidents.set_caution(care, incident, note="응대 시 통화 녹음 안내, 방문 시 2인 동석")
    return 1


def _ideas(people: dict) -> None:
    care, road, desk = people.get("care"), people.get("road"), people.get("desk")
    if not (care and road and desk):
        return
    today = timezone.localdate()
    campaign = ideas.create_campaign(
        care,
        title=f"{today.year} 친절시책 아이디어 공모",
        description="민원인이 더 편하게, 직원이 더 안전하게 일할 방법을 모읍니다.",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=14),
    )
    first = ideas.submit_idea(
        road, campaign, title="민원실 대기 문자 안내", body="대기 번호가 가까워지면 문자로 알려 줍니다."
    )
    ideas.submit_idea(
        desk, campaign, title="이달의 칭찬 직원 게시", body="칭찬 민원을 많이 받은 직원을 소개합니다."
    )
    ideas.vote(desk, first)
