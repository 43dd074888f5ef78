"""반복민원 종결 (법 제23조): `services.close_repeated_complaint`, on the persona city.

민지 files the same 민원 again and again. The desk may close a later filing once, counting it, she
filed 3+ times and 2+ earlier results were notified; never a 법정민원; never an officer; and the
generic close action cannot be used to skip that test.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from minwon.complaints import services as s
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import ClosureReason, EventVerb, Status
from minwon.complaints.errors import ComplaintError
from minwon.notify.choices import NoticeKey
from minwon.notify.models import Message
from minwon.staff.forms import CloseForm
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db

TITLE = "우리 집 앞 가로등 고장"
BODY = "집 앞 가로등이 또 꺼졌습니다. 고쳐 주세요."


def filing(city, *, days_ago=0, answer=True, category=None, user=None, phone="010-2222-3333", **kw):
    c = f.create_complaint(
        category=category or city.streetlight,
        applicant_user=user if user is not None else city.minji,
        phone=phone,
        title=TITLE,
        body=BODY,
        received_at=timezone.now() - timedelta(days=days_ago),
        **kw,
    )
    if answer:
        s.assign_department(city.desk, c, city.roads)
        c = s.answer_complaint(city.officer, c, answer="점검하여 고쳤습니다.")
    return c


@pytest.fixture
def third(city):
    """민지's third filing, still open (assigned to 도로과), after two answered ones."""
    first = filing(city, days_ago=30)
    second = filing(city, days_ago=20)
    current = filing(city, answer=False)
    current = s.assign_department(city.desk, current, city.roads)
    return first, second, current


def test_desk_closes_an_unanswered_later_filing_with_the_evidence(city, third):
    first, second, current = third
    closed = s.close_repeated_complaint(
        city.desk, current, evidence_ids=[first.pk, second.pk], note="같은 답변을 두 번 드렸음"
    )
    assert closed.status == Status.CLOSED and closed.closure_reason == ClosureReason.REPEATED
    assert closed.repeat_of_id == first.pk and closed.closed_at is not None
    event = closed.events.get(verb=EventVerb.CLOSED)
    assert event.actor == city.desk and event.status_before == Status.ASSIGNED
    assert event.data["reason"] == "repeated"
    assert event.data["evidence_ids"] == [first.pk, second.pk]
    assert (event.data["filings"], event.data["notified"]) == (3, 2)
    assert first.tracking_no in event.note and "같은 답변을 두 번 드렸음" in event.note
    # The applicant is told it was closed, and why.
    (notice,) = Message.objects.filter(complaint=current, template_key=NoticeKey.CLOSED)
    assert "반복민원" in notice.body


def test_two_filings_are_not_enough(city):
    first = filing(city, days_ago=30)
    current = filing(city, answer=False)
    with pytest.raises(ComplaintError, match="2회 접수"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk])
    assert s.Complaint.objects.get(pk=current.pk).status == Status.ACCEPTED


def test_results_must_have_been_notified_twice(city):
    first = filing(city, days_ago=30)
    unanswered = filing(city, days_ago=20, answer=False)
    current = filing(city, answer=False)
    with pytest.raises(ComplaintError, match="통지한 횟수가 1회"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk, unanswered.pk])


def test_only_the_evidence_the_desk_ticked_counts(city, third):
    first, _second, current = third
    with pytest.raises(ComplaintError, match="2회 접수"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk])


def test_evidence_from_another_applicant_is_refused(city, third):
    first, second, current = third
    junho = filing(city, days_ago=25, user=city.junho, phone="010-9999-0000")
    with pytest.raises(ComplaintError, match="아닌 것"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk, second.pk, junho.pk])


def test_never_a_statutory_complaint(city):
    ids = [filing(city, days_ago=d, category=city.permit).pk for d in (30, 20)]
    current = filing(city, category=city.permit, answer=False)
    with pytest.raises(ComplaintError, match="법정민원"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=ids)


@pytest.mark.parametrize("who", ["officer", "head", "other_officer", "auditor", "minji", "care"])
def test_only_the_desk_decides(city, third, who):
    first, second, current = third
    with pytest.raises(AccessDenied, match="반복민원 종결"):
        s.close_repeated_complaint(getattr(city, who), current, evidence_ids=[first.pk, second.pk])


def test_a_finished_complaint_cannot_be_closed_as_repeated(city, third):
    first, second, current = third
    s.withdraw_complaint(city.desk, current, reason="전화로 취하")
    with pytest.raises(ComplaintError, match="'취하' 상태"):
        s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk, second.pk])


def test_closing_during_a_supplement_ends_the_pause(city, third):
    first, second, current = third
    s.request_supplement(city.officer, current, what="사진을 보내 주십시오")
    closed = s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk, second.pk])
    assert closed.paused_since is None
    assert not closed.pauses.filter(ended_at__isnull=True).exists()


def test_the_generic_close_cannot_claim_the_repeated_reason(city, third):
    first, _second, _current = third
    with pytest.raises(ComplaintError, match="반복민원으로 종결"):
        s.close_complaint(city.officer, first, reason=ClosureReason.REPEATED)
    assert "repeated" not in dict(CloseForm.base_fields["reason"].choices)


def test_a_repeated_closure_cannot_be_reopened_from_any_door(client, city, third):
    """법 제23조 spares the department a fourth answer: 재처리 요청 would undo that."""
    from django.urls import reverse

    from minwon.notify.context import satisfaction_url
    from minwon.staff.actions import is_available

    first, second, current = third
    closed = s.close_repeated_complaint(city.desk, current, evidence_ids=[first.pk, second.pk])
    assert not s.may_reopen(closed) and s.may_reopen(first)
    with pytest.raises(ComplaintError, match="반복민원"):
        s.reopen_complaint(city.minji, closed, reason="아직 안 고쳐졌어요")
    assert not is_available(city.desk, closed, "reopen")
    client.force_login(city.minji)
    detail = client.get(reverse("portal:detail", args=[closed.pk])).content.decode()
    assert reverse("portal:reopen", args=[closed.pk]) not in detail
    response = client.post(reverse("portal:reopen", args=[closed.pk]), {"reason": "다시"}, follow=True)
    assert "반복민원으로 종결된" in response.content.decode()

    def survey(c):
        return client.get("/s/" + satisfaction_url(c).split("/s/", 1)[1]).content.decode()

    assert 'name="reopen"' in survey(first) and 'name="reopen"' not in survey(closed)
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED and closed.closure_reason == ClosureReason.REPEATED
