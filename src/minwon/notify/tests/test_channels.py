"""Each channel against a real local server: success, timeouts, 5xx, rejections, retries, fallback."""

from __future__ import annotations

import io
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from minwon.complaints import services as svc
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import NotifyChannel
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.notify import services as notify
from minwon.notify.channels import BaseChannel
from minwon.notify.choices import AttemptOutcome, Channel, MessageStatus, NoticeKey
from minwon.notify.delivery import drain
from minwon.notify.letters import combined_pdf, print_queue
from minwon.notify.models import Message
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db
PHONE = "01012345678"


def complaint(city, *, channels=(NotifyChannel.SMS,), phone="010-1234-5678", email="", postal=""):
    applicant = Applicant(
        name="홍길동",
        phone=phone,
        email=email,
        postal_address=postal,
        notify_channels=list(channels),
        consent=True,
    )
    return receive_complaint(
        None,
        channel="web",
        category=city.streetlight,
        title="골목 가로등이 꺼져 있습니다",
        body="사흘째 꺼져 있습니다.",
        applicant=applicant,
    )


def only(c, **kw) -> Message:
    return Message.objects.get(complaint=c, **kw)


def test_sms_goes_to_the_provider_with_key_and_idempotency_key(city, notify_settings, provider):
    c = complaint(city)
    assert drain().sent == 1
    (req,) = provider.requests
    assert req["path"] == "/sms"
    assert req["headers"]["Authorization"] == "Bearer test-key"
    msg = only(c)
    assert req["headers"]["Idempotency-Key"] == msg.idempotency_key
    body = req["json"]
    assert body["to"] == PHONE and body["from"] == "021200000"
    # 90 bytes in EUC-KR (45 Hangul) fit an SMS; longer texts go as LMS with a subject.
    expected = "LMS" if len(body["text"].encode("cp949")) > 90 else "SMS"
    assert body["type"] == expected
    assert c.tracking_no in body["text"]
    assert msg.status == MessageStatus.SENT and msg.provider_ref == f"prov-{msg.idempotency_key}"
    assert [a.outcome for a in msg.delivery_attempts.all()] == [AttemptOutcome.SENT]


def test_timeout_and_5xx_are_retried_with_backoff_until_sent(city, notify_settings, provider):
    provider.plan[PHONE] = ["timeout", "503"]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        c = complaint(city)
        drain()
        msg = only(c)
        assert msg.status == MessageStatus.QUEUED and msg.attempts == 1
        assert "시간 초과" in msg.last_error
        assert msg.next_attempt_at == start + timedelta(seconds=60)
        drain()  # not due yet: nothing happens
        assert len(provider.requests) == 1
        clock.shift(timedelta(seconds=61))
        drain()
        msg.refresh_from_db()
        assert msg.status == MessageStatus.QUEUED and msg.attempts == 2
        assert msg.next_attempt_at == timezone.now() + timedelta(seconds=120)  # doubled
        clock.shift(timedelta(seconds=121))
        drain()
    msg.refresh_from_db()
    assert msg.status == MessageStatus.SENT and msg.attempts == 3
    outcomes = list(msg.delivery_attempts.values_list("outcome", flat=True))
    assert outcomes == [AttemptOutcome.TEMPORARY, AttemptOutcome.TEMPORARY, AttemptOutcome.SENT]
    assert provider.delivered == 1


def test_final_failure_falls_back_alimtalk_to_sms_to_letter(city, notify_settings, provider):
    provider.plan[PHONE] = ["500", "500", "500", "reject"]  # 알림톡 3 tries (max), then SMS rejected
    with time_machine.travel(timezone.now(), tick=False) as clock:
        c = complaint(city, channels=(NotifyChannel.ALIMTALK, NotifyChannel.SMS), postal="새빛구 새빛로 1")
        for _ in range(3):
            drain()
            clock.shift(timedelta(hours=1))
        drain()
    chain = list(Message.objects.filter(complaint=c).order_by("pk"))
    assert [(m.channel, m.status) for m in chain] == [
        ("alimtalk", MessageStatus.FAILED),
        ("sms", MessageStatus.FAILED),
        ("letter", MessageStatus.PRINT_QUEUED),
    ]
    assert chain[0].attempts == 3 and chain[1].attempts == 1  # a rejection is not retried
    assert "거부" in chain[1].last_error
    assert chain[2].fallback_of == chain[1] and chain[2].group_key == chain[0].group_key
    alimtalk = next(r for r in provider.requests if r["path"] == "/alimtalk")["json"]
    assert alimtalk["fallback"] is False and alimtalk["template_code"] == "accepted"


def test_a_200_that_reports_a_rejection_is_a_permanent_failure(city, notify_settings, provider):
    provider.plan[PHONE] = ["rejected-200"]
    c = complaint(city)
    drain()
    msg = only(c)
    assert msg.status == MessageStatus.FAILED and "spam filter" in msg.last_error


def test_invalid_number_fails_without_calling_the_provider(city, notify_settings, provider):
    c = complaint(city, phone="02-123-4567", channels=(NotifyChannel.ALIMTALK,))
    drain()
    assert only(c).status == MessageStatus.FAILED and provider.requests == []


def test_email_reaches_a_real_smtp_server_with_korean_subject_and_result_pdf(
    city, notify_settings, provider, smtp_server
):
    c = complaint(city, channels=(NotifyChannel.EMAIL,), email="minji@example.kr", phone="")
    svc.assign_department(city.desk, c, city.roads)
    svc.start_processing(city.officer, c)
    svc.answer_complaint(city.officer, c, answer="가로등을 고쳤습니다.")
    assert drain().sent == 3
    assert len(smtp_server.messages) == 3
    envelope = smtp_server.messages[-1]
    assert envelope.rcpt_tos == ["minji@example.kr"]
    mail = message_from_bytes(envelope.content)
    assert (
        str(make_header(decode_header(mail["Subject"])))
        == f"[새빛구] 민원 처리 결과를 알려 드립니다 ({c.tracking_no})"
    )
    parts = list(mail.walk())
    text = next(p for p in parts if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    assert "가로등을 고쳤습니다." in text
    pdf = next(p for p in parts if p.get_content_type() == "application/pdf").get_payload(decode=True)
    assert "처리결과" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    result = only(c, template_key=NoticeKey.ANSWERED)
    assert result.status == MessageStatus.SENT and result.provider_ref.startswith("<")


def test_email_refused_permanently_or_temporarily(city, notify_settings, smtp_server):
    refused = complaint(city, channels=(NotifyChannel.EMAIL, NotifyChannel.SMS), email="refuse@example.kr")
    busy = complaint(city, channels=(NotifyChannel.EMAIL,), email="busy@example.kr", phone="010-5555-6666")
    drain()
    assert only(refused, channel="email").status == MessageStatus.FAILED
    # The refused e-mail falls back to the applicant's phone.
    assert only(refused, channel="sms").status == MessageStatus.SENT
    assert only(busy).status == MessageStatus.QUEUED  # 451: try again later


def test_unreachable_smtp_server_is_a_temporary_failure(city, notify_settings, settings):
    from minwon.notify.tests.conftest import free_port

    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    c = complaint(city, channels=(NotifyChannel.EMAIL,), email="a@example.kr")
    drain()
    msg = only(c)
    assert msg.status == MessageStatus.QUEUED and "연결 실패" in msg.last_error


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_letter_result_notice_pdf_names_the_handler_and_goes_through_the_print_queue(city, notify_settings):
    city.officer.office_phone = "02-120-3012"
    city.officer.save(update_fields=["office_phone"])
    c = complaint(city, channels=(NotifyChannel.LETTER,), phone="", postal="새빛구 새빛로 1, 101호")
    svc.assign_department(city.desk, c, city.roads)
    svc.assign_handler(city.head, c, city.officer)
    svc.start_processing(city.officer, c)
    svc.answer_complaint(city.officer, c, answer="고장 난 안정기를 교체하였습니다.")
    drain()
    letter = only(c, template_key=NoticeKey.ANSWERED)
    assert letter.status == MessageStatus.PRINT_QUEUED and letter.sent_at is None
    text = pdf_text(letter.attachment.read())
    for expected in (
        "새빛구",
        "민원 처리결과 통지서",
        c.tracking_no,
        "고장 난 안정기를 교체하였습니다",
        "도로과",
        "최도로",
        "02-120-3012",
        "새빛로 1, 101호",
    ):
        assert expected in text, expected
    assert letter in print_queue()
    with pytest.raises(AccessDenied):
        notify.mark_printed(city.officer, [letter.pk])
    assert notify.mark_printed(city.desk, [letter.pk]) == 1
    assert notify.mark_dispatched(city.desk, [letter.pk], postal_ref="1234567890123") == 1
    letter.refresh_from_db()
    assert letter.status == MessageStatus.SENT and letter.printed_by == city.desk and letter.sent_at
    assert letter not in print_queue()
    # The post leaves a trail: printing internal, posting public with the registered-mail number.
    printed, posted = c.events.filter(verb__in=("letter_printed", "letter_posted")).order_by("pk")
    assert (printed.verb, printed.is_public, printed.actor) == ("letter_printed", False, city.desk)
    assert (posted.verb, posted.is_public) == ("letter_posted", True)
    assert posted.data == {"messages": [letter.pk], "postal_ref": "1234567890123"}
    # A second click on an already posted letter changes nothing and records nothing.
    assert notify.mark_dispatched(city.desk, [letter.pk]) == 0
    assert c.events.filter(verb="letter_posted").count() == 1


def test_rejection_letter_states_reasons_and_remedies(city, notify_settings):
    c = complaint(city, channels=(NotifyChannel.LETTER,), phone="", postal="새빛구 새빛로 1")
    svc.reject_complaint(city.desk, c, reason="관할 구역 밖의 시설입니다.")
    drain()
    letters = list(print_queue())
    text = pdf_text(combined_pdf(letters))
    assert "민원 반려 통지서" in text and "관할 구역 밖의 시설입니다" in text
    assert "이의신청" in text and "행정심판" in text


def test_cancel_and_retry_are_desk_actions(city, notify_settings, provider):
    provider.plan[PHONE] = ["reject"]
    c = complaint(city)
    drain()
    msg = only(c)
    assert msg.status == MessageStatus.FAILED
    assert notify.retry_message(city.desk, msg.pk)
    drain()
    msg.refresh_from_db()
    assert msg.status == MessageStatus.SENT
    other = f.create_complaint(category=city.streetlight)
    queued = only(other)
    assert notify.cancel_message(city.desk, queued.pk)
    drain()
    assert Message.objects.get(pk=queued.pk).status == MessageStatus.CANCELLED


def test_dry_run_sends_nothing_but_records_the_text(city, notify_settings, provider, settings):
    settings.MINWON_NOTIFY_DRY_RUN = True
    c = complaint(city)
    drain()
    msg = only(c)
    assert msg.status == MessageStatus.SENT and msg.provider_ref.startswith("dry-run:")
    assert provider.requests == []


class CrashingChannel(BaseChannel):
    def send(self, message) -> str:
        return str(1 / 0)


def test_channel_crash_is_retried_not_fatal(city, notify_settings, settings):
    path = "minwon.notify.tests.test_channels.CrashingChannel"
    settings.MINWON_NOTIFY_CHANNELS = {**settings.MINWON_NOTIFY_CHANNELS, "sms": path}
    c = complaint(city)
    drain()
    msg = only(c)
    assert msg.status == MessageStatus.QUEUED and "내부 오류" in msg.last_error
    assert msg.channel == Channel.SMS
