"""구술민원: written by the desk, confirmed by the citizen (SMS code or counter tablet) before 접수."""

from __future__ import annotations

import base64
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from minwon.callcentre import oral
from minwon.callcentre.models import OralComplaint, OralStatus, OralType
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, EventVerb, Status
from minwon.complaints.errors import IntakeError
from minwon.complaints.models import Complaint
from minwon.notify.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(city):
    return oral.write_oral(
        city.desk,
        oral_type=OralType.objects.get(name="가로등·보안등 고장 신고"),
        category=city.streetlight,
        title="시장 뒷골목 보안등 고장",
        body="보안등이 일주일째 꺼져 있습니다.",
        name="정순자",
        phone="01077771234",
        consent=True,
    )


def _code() -> str:
    return re.search(r"\b(\d{6})\b", Message.objects.latest("pk").body).group(1)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_twenty_four_oral_types_are_seeded():
    assert OralType.objects.filter(is_active=True).count() == 24


def test_a_draft_is_not_a_complaint_yet(city, draft):
    assert draft.status == OralStatus.PENDING and draft.complaint is None
    assert Complaint.objects.count() == 0  # not in the desk queue, no clock running
    assert draft.applicant_phone == "010-7777-1234" and draft.events.get().verb == "written"


def test_writing_needs_contact_and_consent(city):
    with pytest.raises(IntakeError) as exc:
        oral.write_oral(
            city.desk,
            oral_type=OralType.objects.first(),
            category=city.streetlight,
            title="",
            body="",
            name="",
            phone="123",
            consent=False,
        )
    assert set(exc.value.errors) == {"title", "body", "name", "phone", "consent"}
    with pytest.raises(AccessDenied):
        oral.write_oral(
            city.officer,
            oral_type=OralType.objects.first(),
            category=city.streetlight,
            title="t",
            body="b",
            name="n",
            phone="010-1111-2222",
            consent=True,
        )


def test_sms_code_confirms_and_only_then_the_clock_starts(city, draft):
    oral.send_code(city.desk, draft)
    sms = Message.objects.get()
    assert sms.channel == "sms" and sms.recipient == "010-7777-1234" and sms.complaint is None
    code = _code()
    assert code not in draft.events.last().data.values().__repr__()  # the code is never logged
    confirmed = oral.confirm_with_code(city.desk, draft, code)
    c = confirmed.complaint
    assert confirmed.status == OralStatus.CONFIRMED and confirmed.confirm_method == "sms_code"
    assert c.channel == Channel.VISIT and c.status == Status.ACCEPTED
    assert c.received_at == draft.created_at  # arrival: when the clerk wrote it
    assert c.accepted_at >= confirmed.confirmed_at - timedelta(seconds=1)  # 접수: the confirmation
    assert c.extra_answers == {"구술민원 종류": "가로등·보안등 고장 신고"}
    notes = c.events.filter(verb=EventVerb.NOTE)
    assert notes.count() == 1 and "박접수" in notes[0].note and "문자 인증번호" in notes[0].note
    assert c.events.get(verb=EventVerb.ACCEPTED).actor == city.desk
    assert [e.verb for e in confirmed.events.all()] == ["written", "code_sent", "confirmed"]


def test_wrong_code_expiry_and_attempt_limit(city, draft, settings):
    settings.MINWON_ORAL_CODE_MAX_ATTEMPTS = 3
    with pytest.raises(oral.OralError, match="먼저 인증번호를 보내"):
        oral.confirm_with_code(city.desk, draft, "123456")
    oral.send_code(city.desk, draft)
    code = _code()
    with pytest.raises(oral.OralError, match=r"인증번호가 맞지 않습니다. \(남은 입력 횟수 2회\)"):
        oral.confirm_with_code(city.desk, draft, _wrong(code))
    with pytest.raises(oral.OralError, match="6자리 숫자"):
        oral.confirm_with_code(city.desk, draft, "12")
    with pytest.raises(oral.OralError, match="여러 번 잘못"):
        oral.confirm_with_code(city.desk, draft, _wrong(code))
    with pytest.raises(oral.OralError, match="여러 번 잘못"):
        oral.confirm_with_code(city.desk, draft, code)  # locked: even the right code no longer works
    draft.refresh_from_db()
    assert draft.code_attempts == 3 and draft.status == OralStatus.PENDING
    assert draft.events.filter(verb="code_failed").count() == 5  # not sent, 2 wrong, format, locked
    # A new code resets the count; it expires after MINWON_ORAL_CODE_MINUTES.
    oral.send_code(city.desk, draft)
    code = _code()
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=6)),
        pytest.raises(oral.OralError, match="유효 시간이 지났습니다"),
    ):
        oral.confirm_with_code(city.desk, draft, code)
    assert Complaint.objects.count() == 0


def test_resends_are_limited(city, draft, settings):
    settings.MINWON_ORAL_CODE_MAX_SENDS = 2
    oral.send_code(city.desk, draft)
    first = _code()
    oral.send_code(city.desk, draft)
    with pytest.raises(oral.OralError, match="너무 여러 번"):
        oral.send_code(city.desk, draft)
    if first != _code():
        with pytest.raises(oral.OralError, match="맞지 않습니다"):
            oral.confirm_with_code(city.desk, draft, first)  # the older code stopped working


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (60, 20), (0, 0, 0, 0)).save(buf, format="PNG")
    return buf.getvalue()


def test_tablet_confirmation_with_signature(city, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(oral.OralError, match="서명 이미지"):
        oral.confirm_on_tablet(city.desk, draft, signature_png=b"\x89PNG\r\n\x1a\nnot really")
    o = oral.confirm_on_tablet(city.desk, draft, signature_png=_png())
    assert o.confirm_method == "tablet" and o.signature.name.endswith(".png")
    assert "서명 있음" in o.complaint.events.get(verb=EventVerb.NOTE).note
    with pytest.raises(oral.OralError, match="이미 확인"):
        oral.confirm_on_tablet(city.desk, draft)


def test_agent_written_oral_is_accepted_by_the_system(city):
    o = oral.write_oral(
        city.agent,
        oral_type=OralType.objects.first(),
        category=city.streetlight,
        title="전화 구술",
        body="내용",
        name="김민원",
        phone="010-2222-1111",
        consent=True,
        channel=Channel.CALL,
    )
    o = oral.confirm_on_tablet(city.agent, o)
    assert o.complaint.channel == Channel.CALL and o.complaint.status == Status.ACCEPTED
    assert o.complaint.events.get(verb=EventVerb.ACCEPTED).actor is None  # agents do not 접수 themselves


def test_oral_pages_code_flow_and_tablet(client, city, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(city.officer)
    assert client.get(reverse("callcentre:oral_detail", args=[draft.pk])).status_code == 403
    client.force_login(city.desk)
    page = client.get(reverse("callcentre:oral_detail", args=[draft.pk])).content.decode()
    assert "010-****-1234" in page and "시장 뒷골목 보안등 고장" in page
    client.post(reverse("callcentre:oral_send_code", args=[draft.pk]))
    code = _code()
    bad = client.post(reverse("callcentre:oral_confirm_code", args=[draft.pk]), {"code": _wrong(code)})
    assert bad.status_code == 400 and "인증번호가 맞지 않습니다" in bad.content.decode()
    ok = client.post(reverse("callcentre:oral_confirm_code", args=[draft.pk]), {"code": code}, follow=True)
    draft.refresh_from_db()
    assert draft.complaint.tracking_no in ok.content.decode()


def test_tablet_page_confirms_with_drawn_signature(client, city, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(city.desk)
    page = client.get(reverse("callcentre:oral_tablet", args=[draft.pk])).content.decode()
    assert "내용이 맞습니다" in page and "<canvas" in page and "보안등이 일주일째" in page
    data_url = "data:image/png;base64," + base64.b64encode(_png()).decode()
    done = client.post(reverse("callcentre:oral_tablet", args=[draft.pk]), {"signature": data_url})
    draft.refresh_from_db()
    assert done.status_code == 200 and draft.complaint.tracking_no in done.content.decode()
    assert draft.signature
    img = client.get(reverse("callcentre:oral_signature", args=[draft.pk]))
    assert img["Content-Type"] == "image/png" and b"".join(img.streaming_content).startswith(b"\x89PNG")
    client.force_login(city.officer)
    assert client.get(reverse("callcentre:oral_signature", args=[draft.pk])).status_code == 403


def test_oral_form_reports_every_problem_at_once_and_keeps_input(client, city):
    client.force_login(city.desk)
    r = client.post(
        reverse("callcentre:oral_new"), {"channel": "visit", "title": "보안등 고장", "phone": "12"}
    )
    text = r.content.decode()
    assert r.status_code == 400 and "보안등 고장" in text
    for message in (
        "구술민원 종류를 선택해",
        "민원 유형을 선택해",
        "민원인 이름을 입력해",
        "전화번호 형식",
        "말한 내용을",
        "동의를 받아",
    ):
        assert message in text, message
    ok = client.post(
        reverse("callcentre:oral_new"),
        {
            "channel": "visit",
            "oral_type": OralType.objects.first().pk,
            "category": city.streetlight.pk,
            "name": "정순자",
            "phone": "010-7777-1234",
            "title": "보안등 고장",
            "body": "꺼져 있음",
            "consent": "on",
        },
    )
    o = OralComplaint.objects.get()
    assert ok.status_code == 302 and ok["Location"] == reverse("callcentre:oral_detail", args=[o.pk])
    assert o.written_by == city.desk and Complaint.objects.count() == 0
