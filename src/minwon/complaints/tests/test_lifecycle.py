"""The lifecycle end to end through the service functions, on personas."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minwon.complaints import services as s
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import EventVerb, Status
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import ComplaintEvent, Pause
from minwon.testing.factories import create_complaint

KST = ZoneInfo("Asia/Seoul")


def at(*args):
    return datetime(*args, tzinfo=KST)


@pytest.fixture
def routed(city):
    c = create_complaint(category=city.streetlight, applicant_user=city.minji)
    return s.assign_department(city.desk, c, city.roads)


def verbs(c):
    return list(ComplaintEvent.objects.filter(complaint=c).values_list("verb", flat=True))


def test_web_intake_is_accepted_at_arrival_with_due_and_routing_limit(city):
    with time_machine.travel(at(2026, 11, 23, 17, 30), tick=False):
        c = create_complaint(category=city.permit, applicant_user=city.minji)
    assert c.status == Status.ACCEPTED
    assert c.tracking_no.startswith("2026-")
    # DESIGN §4 worked example: 3-day 법정민원 received Mon 17:30 → Thu 17:30.
    assert c.due_at == at(2026, 11, 26, 17, 30)
    # Desk → department within 1 working hour: 17:30–18:00 then 09:00–09:30 next day.
    assert c.routing_due_at == at(2026, 11, 24, 9, 30)
    assert verbs(c) == [EventVerb.RECEIVED, EventVerb.ACCEPTED]


def test_visit_channel_waits_for_acceptance(city):
    c = create_complaint(category=city.streetlight, channel="visit")
    assert c.status == Status.RECEIVED and c.due_at is None
    c = s.accept_complaint(city.desk, c)
    assert c.status == Status.ACCEPTED and c.due_at is not None


def test_full_happy_path_writes_one_event_per_transition(city, routed):
    c = s.assign_handler(city.head, routed, city.officer)
    c = s.start_processing(city.officer, c)
    c = s.add_note(city.officer, c, body="현장 확인 예정", public=False)
    c = s.add_note(city.officer, c, body="현장을 확인하고 있습니다.", public=True)
    c = s.answer_complaint(city.officer, c, answer="가로등 안정기를 교체했습니다.")
    c = s.close_complaint(city.officer, c)
    assert c.status == Status.CLOSED and c.closed_at and c.answered_at
    assert verbs(c) == [
        EventVerb.RECEIVED,
        EventVerb.ACCEPTED,
        EventVerb.ASSIGNED,
        EventVerb.HANDLER_ASSIGNED,
        EventVerb.STARTED,
        EventVerb.NOTE,
        EventVerb.PROGRESS,
        EventVerb.ANSWERED,
        EventVerb.CLOSED,
    ]
    public = ComplaintEvent.objects.filter(complaint=c, is_public=True).values_list("verb", flat=True)
    assert EventVerb.NOTE not in public and EventVerb.HANDLER_ASSIGNED not in public
    answered = ComplaintEvent.objects.get(complaint=c, verb=EventVerb.ANSWERED)
    assert answered.actor == city.officer and answered.status_before == Status.IN_PROGRESS
    assert answered.status_after == Status.ANSWERED


def test_illegal_transitions_are_refused_with_korean_message(city, routed):
    with pytest.raises(ComplaintError, match="상태의 민원에는"):
        s.close_complaint(city.officer, routed)  # not answered yet
    with pytest.raises(ComplaintError, match="상태의 민원에는"):
        s.receive_supplement(city.officer, routed)  # nothing was requested
    c = s.withdraw_complaint(city.minji, routed, reason="해결되었습니다")
    with pytest.raises(ComplaintError):
        s.answer_complaint(city.officer, c, answer="늦은 답변")


def test_failed_action_writes_nothing(city, routed):
    before = ComplaintEvent.objects.count()
    with pytest.raises(ComplaintError):
        s.answer_complaint(city.officer, routed, answer="   ")
    routed.refresh_from_db()
    assert routed.status == Status.ASSIGNED and ComplaintEvent.objects.count() == before


@pytest.mark.parametrize("persona", ["other_officer", "auditor", "junho", "agent"])
def test_outsiders_cannot_answer(city, routed, persona):
    with pytest.raises(AccessDenied):
        s.answer_complaint(getattr(city, persona), routed, answer="제가 답합니다")


def test_only_desk_routes_new_complaints(city):
    c = create_complaint(category=city.streetlight)
    with pytest.raises(AccessDenied):
        s.assign_department(city.officer, c, city.roads)
    assert s.assign_department(city.desk, c, city.roads).department == city.roads


def test_officer_cannot_assign_colleague_but_head_can(city, routed):
    from minwon.testing.factories import create_user

    colleague = create_user(username="colleague", roles=["officer"], department=city.roads)
    with pytest.raises(ComplaintError, match="부서장"):
        s.assign_handler(city.officer, routed, colleague)
    assert s.assign_handler(city.head, routed, colleague).handler == colleague
    with pytest.raises(ComplaintError, match="소속이 아닙니다"):
        s.assign_handler(city.head, routed, city.other_officer)


def test_third_reassignment_flags_desk_head(city, routed):
    c = s.reassign_department(city.officer, routed, city.parks, reason="공원 안 가로등")
    c = s.reassign_department(city.other_officer, c, city.roads, reason="도로 가로등")
    assert not c.needs_desk_head
    c = s.reassign_department(city.officer, c, city.parks, reason="다시 공원")
    assert c.needs_desk_head and c.reassign_count == 3
    assert EventVerb.FLAGGED in verbs(c)
    assert c.handler is None


def test_supplement_pauses_the_clock(city):
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        c = create_complaint(category=city.permit)  # 3d = 24 working hours → Wed 18:00
        c = s.assign_department(city.desk, c, city.roads)
    assert c.due_at == at(2026, 11, 25, 18, 0)
    with time_machine.travel(at(2026, 11, 23, 14, 0), tick=False):
        c = s.request_supplement(city.officer, c, what="도면을 보내 주십시오")
    assert c.status == Status.SUPPLEMENT_REQUESTED and c.paused_since
    with time_machine.travel(at(2026, 11, 24, 14, 0), tick=False):  # paused 8 working hours
        c = s.receive_supplement(city.officer, c, note="도면 접수")
    assert c.status == Status.IN_PROGRESS
    assert c.due_at == at(2026, 11, 26, 18, 0)
    pause = Pause.objects.get(complaint=c)
    assert pause.ended_at == at(2026, 11, 24, 14, 0)


def test_extension_needs_lawful_reason_and_second_needs_consent(city):
    with time_machine.travel(at(2026, 11, 2, 10, 0), tick=False):
        c = create_complaint(category=city.streetlight)  # 고충 7d
        c = s.assign_department(city.desk, c, city.roads)
    with pytest.raises(ComplaintError, match="연장"):
        s.extend_deadline(city.officer, c, period="7d", reason_code="workload", reason_text="바쁨")
    with pytest.raises(ComplaintError):
        s.extend_deadline(
            city.officer, c, period="7d", reason_code="fact_check_or_site_visit", reason_text=" "
        )
    with pytest.raises(ComplaintError, match="넘습니다"):
        s.extend_deadline(
            city.officer, c, period="8d", reason_code="fact_check_or_site_visit", reason_text="현장조사 필요"
        )
    preview = s.preview_extension(c, period="5d", reason_code="fact_check_or_site_visit")
    c = s.extend_deadline(
        city.officer, c, period="5d", reason_code="fact_check_or_site_visit", reason_text="현장조사 필요"
    )
    assert c.due_at == preview > at(2026, 11, 10, 18, 0)
    with pytest.raises(ComplaintError, match="동의"):
        s.extend_deadline(city.officer, c, period="3d", reason_code="other_agency_help", reason_text="협조")
    c = s.extend_deadline(
        city.officer,
        c,
        period="3d",
        reason_code="other_agency_help",
        reason_text="협조",
        applicant_consent=True,
        consent_note="전화로 동의",
    )
    assert c.extension_count == 2
    ev = ComplaintEvent.objects.filter(complaint=c, verb=EventVerb.EXTENDED).last()
    assert ev.is_public and ev.data["consent"] is True


def test_reopen_restarts_the_period(city, routed):
    c = s.answer_complaint(city.officer, routed, answer="조치했습니다")
    with pytest.raises(AccessDenied):
        s.reopen_complaint(city.junho, c, reason="남의 민원")
    c = s.reopen_complaint(city.minji, c, reason="아직도 꺼져 있어요")
    assert c.status == Status.REOPENED and c.reopen_count == 1 and c.due_at > c.answered_at
    c = s.answer_complaint(city.officer, c, answer="다시 고쳤습니다")
    assert c.status == Status.ANSWERED


def test_merge_and_transfer_and_reject(city, routed):
    dup = create_complaint(category=city.streetlight, title="같은 가로등")
    with pytest.raises(ComplaintError):
        s.merge_complaint(city.desk, dup, into=dup)
    dup = s.merge_complaint(city.desk, dup, into=routed)
    assert dup.status == Status.MERGED and dup.duplicate_of == routed
    assert EventVerb.MERGED_INTO in verbs(routed)
    other = create_complaint(category=city.streetlight, title="국도 가로등")
    other = s.transfer_complaint(city.desk, other, agency="서울지방국토관리청", reason="국도 시설")
    assert other.status == Status.TRANSFERRED and other.transferred_to == "서울지방국토관리청"
    third = create_complaint(category=city.streetlight, title="장난 민원")
    third = s.reject_complaint(city.desk, third, reason="내용을 알 수 없음")
    assert third.status == Status.REJECTED and "행정심판" in third.rejection_reason


def test_reclassify_recomputes_due(city):
    with time_machine.travel(at(2026, 11, 23, 10, 0), tick=False):
        c = create_complaint(category=city.streetlight)  # 고충 7d → Tue 12/1 18:00
        assert c.due_at == at(2026, 12, 1, 18, 0)
        c = s.reclassify_kind(city.desk, c, kind="other", reason="단순 안내")  # 즉시 = 3 h
    # 10:00–12:00 is two hours, lunch does not count, 13:00–14:00 the third.
    assert c.due_at == at(2026, 11, 23, 14, 0)
    assert c.period == "즉시"


def test_events_are_append_only(city, routed):
    ev = ComplaintEvent.objects.filter(complaint=routed).first()
    ev.note = "조작"
    with pytest.raises(RuntimeError):
        ev.save()
    with pytest.raises(RuntimeError):
        ev.delete()
