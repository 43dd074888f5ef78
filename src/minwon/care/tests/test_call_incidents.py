"""A 120 call the agent ends for abusive conduct opens a 특이민원 incident for the care officer.

Driven through the real call-centre service (and the console button), so the signal, the
receiver in care/receivers.py and care's own incident service are exercised together.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from minwon.callcentre import services as calls
from minwon.callcentre.models import Call, CallTopic
from minwon.callcentre.signals import call_ended_for_abuse
from minwon.care.models import CareEvent, Incident, IncidentView
from minwon.care.receivers import KIND_FOR_REASON
from minwon.notify.models import StaffAlert

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(city):
    t = CallTopic.objects.get(name="도로·가로등 등 생활불편")
    t.category = city.streetlight
    t.save()
    return t


def end_call(city, topic, **kw):
    args = dict(
        topic=topic,
        started_at=timezone.now() - timedelta(minutes=12),
        reason="verbal_abuse",
        note="두 번 고지했으나 욕설을 계속함",
        phone="010-4444-5555",
        summary="가로등 민원 처리 지연에 항의",
    )
    return calls.end_call_for_abuse(city.agent, **{**args, **kw})


def test_ending_a_call_for_abuse_opens_an_incident_for_the_agent(city, topic):
    call = end_call(city, topic)
    incident = Incident.objects.get()
    assert incident.employee == city.agent and incident.filed_by == city.agent
    assert incident.kind == "verbal" and incident.context == "call" and incident.status == "open"
    assert incident.call_ref.startswith(f"120 통화 #{call.pk} (") and topic.name in incident.call_ref
    assert incident.occurred_at == call.ended_at
    assert incident.applicant_phone == "01044445555"  # care can separate the agent from this caller
    assert incident.complaint is None  # the call became no 민원
    assert "폭언·욕설" in incident.narrative and "두 번 고지" in incident.narrative
    assert "처리 지연에 항의" in incident.narrative
    # care's own audit row and notice, as for an incident filed on the page
    event = CareEvent.objects.get(verb="incident_filed")
    assert (event.actor, event.object_id) == (city.agent, str(incident.pk))
    notice = StaffAlert.objects.get(kind="care_incident")
    assert notice.recipient == city.care and notice.body == reverse("care:incident", args=[incident.pk])
    assert "폭언" in notice.title


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("verbal_abuse", "verbal"),
        ("sexual_harassment", "sexual"),
        ("threat", "threat"),
        ("obstruction", "repeated"),
        ("other", "other"),
    ],
)
def test_incident_type_follows_the_reason(city, topic, reason, kind):
    end_call(city, topic, reason=reason, note="")
    assert Incident.objects.get().kind == kind


def test_every_end_call_reason_has_an_incident_type():
    assert set(KIND_FOR_REASON) == set(calls.ABUSE_REASONS)


def test_the_call_and_its_incident_commit_together(city, topic, monkeypatch):
    from minwon.care import incidents

    def broken(*args, **kwargs):
        raise RuntimeError("저장소 오류")

    monkeypatch.setattr(incidents, "file_incident", broken)
    with pytest.raises(RuntimeError):
        end_call(city, topic)
    assert not Call.objects.exists() and not Incident.objects.exists()


def test_incident_links_the_complaint_when_the_call_has_one(city, topic):
    # end_call_for_abuse files no 민원; a call that did become one still links it.
    call = calls.record_call(
        city.agent,
        topic=topic,
        started_at=timezone.now() - timedelta(minutes=5),
        answered_at_once=False,
        summary="가로등 고장, 확인 후 연락 요청",
        phone="010-2222-3333",
        consent=True,
    )
    call.ended_for_abuse, call.abuse_reason = True, "threat"
    call_ended_for_abuse.send(sender=Call, call=call)
    incident = Incident.objects.get()
    assert incident.complaint == call.complaint and incident.kind == "threat"


def test_console_button_opens_the_incident_and_who_may_read_it(client, city, topic):
    client.force_login(city.agent)
    r = client.post(
        reverse("callcentre:record"),
        {
            "topic": topic.pk,
            "started_at": (timezone.localtime() - timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S"),
            "answered_at_once": "yes",
            "abuse_reason": "sexual_harassment",
            "abuse_note": "성적인 발언 반복",
            "phone": "010-7777-8888",
            "action": "abuse",
        },
    )
    assert r.status_code == 302
    incident = Incident.objects.get()
    assert incident.kind == "sexual" and incident.employee == city.agent
    url = reverse("care:incident", args=[incident.pk])
    # The agent reads their own incident; the care officer and the auditor read every one (logged).
    for person in (city.agent, city.care, city.auditor):
        client.force_login(person)
        page = client.get(url)
        assert page.status_code == 200, person
        assert "120 통화 #" in page.content.decode()
    # Nobody else learns it exists: colleagues, the desk, the admin.
    for person in (city.officer, city.desk, city.admin):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
    assert set(IncidentView.objects.filter(incident=incident).values_list("user__username", flat=True)) == {
        "agent",
        "care",
        "auditor",
    }
