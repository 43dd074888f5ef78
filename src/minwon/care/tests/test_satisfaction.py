"""Satisfaction from the answer notice link, the phone survey, and the figures they feed."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from minwon.accounts.models import AccessLog
from minwon.care import queries, services
from minwon.care.errors import CareError
from minwon.care.models import CareEvent, SatisfactionResponse
from minwon.complaints.choices import EventVerb, Status
from minwon.notify.context import SATISFACTION_SALT

from .conftest import answered, survey_token


def _post(client, token, **data):
    payload = {"resolved": "yes", "kindness": "5", "speed": "4", "comment": ""}
    payload.update(data)
    return client.post(reverse("care:satisfaction", args=[token]), payload)


def test_answer_notice_link_opens_the_one_page_survey_without_login(city, client):
    c = answered(city)
    token = survey_token(c)
    page = client.get(reverse("care:satisfaction", args=[token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert c.tracking_no in html and "도로과" in html
    assert 'name="kindness"' in html and 'name="speed"' in html and 'name="reopen"' in html


def test_citizen_rates_and_the_figures_count_it(city, client):
    c = answered(city)
    response = _post(client, survey_token(c), kindness="4", speed="2", comment="친절했어요")
    assert response.status_code == 200 and "의견 고맙습니다" in response.content.decode()
    row = SatisfactionResponse.objects.get(complaint=c)
    assert (row.resolved, row.kindness, row.speed, row.channel) == (True, 4, 2, "link")
    assert row.department == city.roads and row.handler == city.officer
    now = timezone.now()
    by_dept = queries.satisfaction_by_department(now - timedelta(days=1), now + timedelta(days=1))
    assert by_dept[city.roads.pk] == {
        "n": 1,
        "kindness": 4.0,
        "speed": 2.0,
        "resolved_rate": 1.0,
        "reopened": 0,
    }
    by_emp = queries.satisfaction_by_employee(now - timedelta(days=1), now + timedelta(days=1))
    assert by_emp[city.officer.pk]["n"] == 1
    assert CareEvent.objects.filter(verb="satisfaction_submitted").count() == 1


def test_resubmission_within_validity_updates_the_single_response(city, client):
    c = answered(city)
    token = survey_token(c)
    _post(client, token, kindness="1")
    _post(client, token, kindness="5")
    assert SatisfactionResponse.objects.filter(complaint=c).count() == 1
    assert SatisfactionResponse.objects.get(complaint=c).kindness == 5
    assert CareEvent.objects.filter(verb="satisfaction_updated").count() == 1


def test_not_resolved_reopens_in_the_same_step_as_the_applicant(city, client):
    c = answered(city)
    response = _post(
        client,
        survey_token(c),
        resolved="no",
        kindness="3",
        speed="3",
        comment="아직도 꺼져 있어요",
        reopen="on",
    )
    assert "다시 처리해 달라는 요청을 접수" in response.content.decode()
    c.refresh_from_db()
    assert c.status == Status.REOPENED and c.reopen_count == 1
    event = c.events.get(verb=EventVerb.REOPENED)
    assert event.actor == city.minji and event.actor_role == "citizen" and event.note == "아직도 꺼져 있어요"
    assert SatisfactionResponse.objects.get(complaint=c).reopened is True


def test_reopen_without_account_acts_as_no_user(city, client):
    c = answered(city, applicant=False)  # phone-only applicant
    services.submit_satisfaction(
        survey_token(c), resolved=False, kindness=2, speed=2, comment="해결 안 됨", reopen=True
    )
    c.refresh_from_db()
    assert c.status == Status.REOPENED
    assert c.events.get(verb=EventVerb.REOPENED).actor is None


def test_reopen_needs_not_resolved_and_a_reason_and_keeps_the_input(city, client):
    c = answered(city)
    token = survey_token(c)
    response = _post(client, token, resolved="no", kindness="2", speed="2", comment="", reopen="on")
    html = response.content.decode()
    assert response.status_code == 200 and "해결되지 않은 점을 적어 주십시오" in html
    assert re.search(r'name="kindness" value="2"[^>]*checked', html)  # nothing entered is lost
    with pytest.raises(CareError):
        services.submit_satisfaction(token, resolved=True, kindness=5, speed=5, comment="좋아요", reopen=True)
    c.refresh_from_db()
    assert c.status == Status.ANSWERED and not SatisfactionResponse.objects.exists()


def test_old_link_is_refused_once_the_complaint_was_reopened(city, client):
    c = answered(city)
    token = survey_token(c)
    services.submit_satisfaction(token, resolved=False, kindness=2, speed=2, comment="다시", reopen=True)
    page = client.get(reverse("care:satisfaction", args=[token]))
    assert page.status_code == 200 and 'name="kindness"' not in page.content.decode()
    assert "다시 처리 중이거나" in page.content.decode()
    with pytest.raises(CareError):
        services.submit_satisfaction(token, resolved=True, kindness=5, speed=5)


def test_forged_and_expired_links_are_refused(city, client, settings):
    c = answered(city)
    token = survey_token(c)
    forged = client.get(reverse("care:satisfaction", args=[token[:-3] + "abc"]))
    assert forged.status_code == 410 and "주소가 올바르지 않습니다" in forged.content.decode()
    other = signing.dumps({"c": c.pk, "r": 0}, salt="another.salt")
    assert client.get(reverse("care:satisfaction", args=[other])).status_code == 410
    settings.MINWON_SATISFACTION_LINK_DAYS = 30
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.get(reverse("care:satisfaction", args=[token]))
    assert expired.status_code == 410 and "기간이 지났습니다" in expired.content.decode()
    assert signing.loads(token, salt=SATISFACTION_SALT)["c"] == c.pk  # the token itself was genuine


def test_scale_out_of_range_is_refused(city):
    c = answered(city)
    with pytest.raises(CareError) as err:
        services.submit_satisfaction(survey_token(c), resolved=True, kindness=9, speed=3)
    assert err.value.field == "kindness"


def test_phone_survey_recorded_by_care_only_and_sample_list(city, client):
    done = answered(city)
    waiting = answered(city, phone="010-9999-0000")
    with pytest.raises(PermissionDenied):
        services.record_phone_survey(city.officer, done, resolved=True, kindness=5, speed=5)
    client.force_login(city.care)
    now = timezone.localdate()
    listing = client.get(
        reverse("care:phone_list"), {"start": now.isoformat(), "end": now.isoformat(), "seed": "x"}
    )
    assert done.tracking_no in listing.content.decode() and waiting.tracking_no in listing.content.decode()
    assert "010-1234-5678" not in listing.content.decode()  # masked on the list
    form = client.get(reverse("care:phone_survey", args=[done.pk]), REMOTE_ADDR="10.0.0.9")
    assert "010-1234-5678" in form.content.decode()  # the number to call, and a logged read
    log = AccessLog.objects.get(user=city.care, object_type="complaint", object_id=str(done.pk))
    assert log.reason == "전화 친절도 조사" and log.ip == "10.0.0.9"
    response = client.post(
        reverse("care:phone_survey", args=[done.pk]), {"resolved": "yes", "kindness": "3", "speed": "5"}
    )
    assert response.status_code == 302
    row = SatisfactionResponse.objects.get(complaint=done, channel="phone")
    assert row.recorded_by == city.care and row.kindness == 3
    listing = client.get(
        reverse("care:phone_list"), {"start": now.isoformat(), "end": now.isoformat(), "seed": "x"}
    )
    assert done.tracking_no not in listing.content.decode()  # surveyed: off the call list


@pytest.mark.parametrize("persona", ["officer", "head", "desk", "auditor", "minji"])
def test_care_pages_refuse_other_personas(city, client, persona):
    client.force_login(getattr(city, persona))
    for name in ("care:dashboard", "care:phone_list", "care:reports"):
        assert client.get(reverse(name)).status_code == 403, name
