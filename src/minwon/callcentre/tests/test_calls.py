"""Call records, the 민원 a call becomes, calls ended for abuse, and the console's access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from minwon.callcentre import services
from minwon.callcentre.models import Call, CallEvent, CallTopic
from minwon.callcentre.signals import call_ended_for_abuse
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, Status
from minwon.complaints.models import Complaint
from minwon.notify.models import StaffAlert
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(city):
    t = CallTopic.objects.get(name="도로·가로등 등 생활불편")
    t.category = city.streetlight
    t.save()
    return t


def _record(city, topic, **kw):
    start = timezone.now() - timedelta(minutes=4)
    args = dict(topic=topic, started_at=start, answered_at_once=True, summary="가로등 고장 신고 방법 안내")
    return services.record_call(city.agent, **{**args, **kw})


def test_call_answered_at_once_is_recorded_without_a_complaint(city, topic):
    call = _record(city, topic, phone="01012345678")
    assert call.complaint is None and call.answered_at_once
    assert call.caller_phone == "010-1234-5678"
    assert 239 <= call.duration_seconds <= 241
    assert CallEvent.objects.filter(call=call, verb="recorded").exists()


def test_call_not_answered_at_once_becomes_a_call_complaint_for_the_desk(city, topic):
    call = _record(
        city,
        topic,
        answered_at_once=False,
        phone="010-9999-8888",
        name="박시민",
        summary="역 앞 가로등 3개가 꺼져 있어 확인 후 연락 요청",
        consent=True,
    )
    c = call.complaint
    assert c.channel == Channel.CALL and c.category == city.streetlight
    assert c.status == Status.ACCEPTED and c.department is None  # the desk routes it
    assert c.applicant_phone == "010-9999-8888" and c.title.startswith("역 앞 가로등")
    assert c in Complaint.objects.awaiting_routing()
    assert CallEvent.objects.filter(call=call, verb="complaint_filed").exists()


def test_bad_call_input_is_refused_with_korean_messages(city, topic):
    with pytest.raises(services.CallError) as exc:
        _record(city, topic, summary="", phone="12")
    assert exc.value.errors["summary"] == "상담 내용을 적어 주십시오."
    assert "전화번호 형식" in exc.value.errors["phone"]
    with pytest.raises(services.CallError) as exc:
        _record(city, topic, answered_at_once=False, phone="010-1111-2222", consent=False)
    assert "동의" in exc.value.errors["consent"]
    later = timezone.now() + timedelta(minutes=5)
    with pytest.raises(services.CallError) as exc:
        _record(city, topic, started_at=timezone.now(), ended_at=timezone.now() - timedelta(minutes=1))
    assert "앞섭니다" in exc.value.errors["ended_at"]
    with pytest.raises(services.CallError):
        _record(city, topic, started_at=later)
    assert Call.objects.count() == 0 and Complaint.objects.count() == 0


def test_only_agents_record_calls(city, topic):
    for person in (city.minji, city.officer, city.desk):
        with pytest.raises(AccessDenied):
            services.record_call(
                person, topic=topic, started_at=timezone.now(), answered_at_once=True, summary="x"
            )


def test_end_for_abuse_records_and_emits_the_hook(city, topic):
    seen = []

    def receiver(sender, call, **kw):
        seen.append(call.pk)

    call_ended_for_abuse.connect(receiver)
    try:
        call = services.end_call_for_abuse(
            city.agent,
            topic=topic,
            started_at=timezone.now() - timedelta(minutes=9),
            reason="verbal_abuse",
            note="2차 고지 후에도 욕설",
            phone="010-4444-5555",
        )
    finally:
        call_ended_for_abuse.disconnect(receiver)
    assert seen == [call.pk]
    assert call.ended_for_abuse and call.abuse_reason == "verbal_abuse" and call.complaint is None
    # minwon.care answered the hook with an incident: its notice is the care officer's only one.
    assert not StaffAlert.objects.filter(kind="call_abuse").exists()
    assert [a.recipient for a in StaffAlert.objects.filter(kind="care_incident")] == [city.care]
    with pytest.raises(services.CallError, match="사유"):
        services.end_call_for_abuse(city.agent, topic=topic, started_at=timezone.now(), reason="bored")


def test_without_an_answering_receiver_the_call_centre_alerts_care_itself(city, topic):
    from minwon.care.receivers import open_incident_for_abusive_call

    uid = "minwon.care.incident_for_abusive_call"
    assert call_ended_for_abuse.disconnect(dispatch_uid=uid)
    try:
        services.end_call_for_abuse(
            city.agent,
            topic=topic,
            started_at=timezone.now() - timedelta(minutes=9),
            reason="verbal_abuse",
            note="2차 고지 후에도 욕설",
        )
    finally:
        call_ended_for_abuse.connect(open_incident_for_abusive_call, dispatch_uid=uid)
    alerts = StaffAlert.objects.filter(kind="call_abuse")
    assert [a.recipient for a in alerts] == [city.care]
    assert "폭언·욕설" in alerts[0].title and "2차 고지" in alerts[0].body


def test_console_is_for_agents_only(client, city):
    url = reverse("callcentre:console")
    assert client.get(url).status_code == 302  # log in first
    for person in (city.minji, city.officer, city.desk):
        client.force_login(person)
        assert client.get(url).status_code == 403, person
    client.force_login(city.agent)
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("<h1") == 1
    assert 'data-minutes="30"' in page.content.decode()  # 복지 상담's recommended time for the timer


def test_the_agents_staff_home_is_the_console(client, city):
    client.force_login(city.agent)
    r = client.get(reverse("staff:home"))
    assert r.status_code == 302 and r["Location"] == reverse("callcentre:console")


def test_lookup_by_phone_shows_earlier_complaints_masked(client, city):
    mine = f.create_complaint(
        category=city.streetlight, phone="010-1234-5678", name="홍길동", title="보안등 고장"
    )
    f.create_complaint(category=city.streetlight, phone="010-0000-1111", title="남의 민원")
    client.force_login(city.agent)
    r = client.get(reverse("callcentre:lookup"), {"phone": "010 1234 5678"}, headers={"HX-Request": "true"})
    text = r.content.decode()
    assert mine.tracking_no in text and "보안등 고장" in text and "남의 민원" not in text
    assert "홍*동" in text and "홍길동" not in text and "010-****-5678" in text
    bad = client.get(reverse("callcentre:lookup"), {"phone": "abc"}, headers={"HX-Request": "true"})
    assert "전화번호 형식" in bad.content.decode()
    full = client.get(reverse("callcentre:console"), {"phone": "01012345678"})  # without JavaScript
    assert "보안등 고장" in full.content.decode()


def test_console_form_records_a_call_and_keeps_input_on_error(client, city, topic):
    client.force_login(city.agent)
    start = (timezone.localtime() - timedelta(minutes=3)).strftime("%Y-%m-%d %H:%M:%S")
    data = {
        "topic": topic.pk,
        "started_at": start,
        "answered_at_once": "no",
        "phone": "010-3333-4444",
        "summary": "공원 가로등 수리 요청",
        "action": "record",
    }
    bad = client.post(reverse("callcentre:record"), data)
    assert (
        bad.status_code == 400
        and "동의" in bad.content.decode()
        and "공원 가로등 수리 요청" in bad.content.decode()
    )
    ok = client.post(reverse("callcentre:record"), {**data, "consent": "on"}, follow=True)
    assert "민원" in ok.content.decode()
    call = Call.objects.get()
    assert call.complaint.channel == Channel.CALL and 170 <= call.duration_seconds <= 200


def test_console_abuse_button_ends_the_call(client, city, topic):
    client.force_login(city.agent)
    start = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
    r = client.post(
        reverse("callcentre:record"),
        {
            "topic": topic.pk,
            "started_at": start,
            "answered_at_once": "yes",
            "abuse_reason": "threat",
            "action": "abuse",
        },
    )
    assert r.status_code == 302
    assert Call.objects.get().ended_for_abuse
    assert StaffAlert.objects.filter(recipient=city.care, kind="care_incident").count() == 1
    assert not StaffAlert.objects.filter(kind="call_abuse").exists()


def test_lookup_shows_the_care_officers_caution_for_that_number_only(client, city, topic):
    """The agent learns before talking that this caller needs care; never who reported or why."""
    from minwon.care.incidents import set_caution
    from minwon.care.models import Incident

    call = services.end_call_for_abuse(
        city.agent,
        topic=topic,
        started_at=timezone.now() - timedelta(minutes=9),
        reason="verbal_abuse",
        phone="010-4444-5555",
    )
    incident = Incident.objects.get(call_ref__contains=f"#{call.pk} ")
    set_caution(city.care, incident, note="2인 응대, 통화 녹음 고지 후 상담", days=30)
    client.force_login(city.agent)

    def caller(phone):
        r = client.get(reverse("callcentre:lookup"), {"phone": phone}, headers={"HX-Request": "true"})
        return r.content.decode()

    page = caller("01044445555")
    assert "2인 응대, 통화 녹음 고지 후 상담" in page and 'data-testid="caution"' in page
    assert "폭언" not in page.split('data-testid="caution"', 1)[1].split("</div>", 1)[0]
    assert 'data-testid="caution"' not in caller("010-4444-5556")
