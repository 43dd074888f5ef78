"""Events become outbox rows in the same transaction: who hears what, on which channel."""

from __future__ import annotations

import json

import pytest
from django.core import signing
from django.db import transaction

from minwon.complaints import services as svc
from minwon.complaints.choices import NotifyChannel
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.notify.channels.webhook import verify
from minwon.notify.choices import Audience, Channel, MessageStatus, NoticeKey
from minwon.notify.context import read_satisfaction_token
from minwon.notify.delivery import drain
from minwon.notify.models import Message, MessageTemplate, StaffAlert, WebhookEndpoint
from minwon.notify.queries import applicant_notices
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db


def with_postal(city, *, postal="새빛구 새빛로 1", phone="010-1234-5678", channels=(NotifyChannel.SMS,)):
    applicant = Applicant(
        name="홍길동", phone=phone, postal_address=postal, notify_channels=list(channels), consent=True
    )
    return receive_complaint(
        None,
        channel="web",
        category=city.streetlight,
        title="가로등 고장",
        body="꺼져 있습니다",
        applicant=applicant,
    )


def applicant_msgs(c, key=None):
    qs = Message.objects.filter(complaint=c, audience=Audience.APPLICANT)
    return list(qs.filter(template_key=key) if key else qs.order_by("pk"))


def answered(city, **kw):
    c = f.create_complaint(category=city.streetlight, **kw)
    svc.assign_department(city.desk, c, city.roads)
    svc.assign_handler(city.head, c, city.officer)
    svc.start_processing(city.officer, c)
    return svc.answer_complaint(city.officer, c, answer="가로등 안정기를 교체하여 11월 25일 다시 켜졌습니다.")


def test_web_complaint_queues_one_acceptance_notice_with_due_date(city):
    c = f.create_complaint(category=city.streetlight)
    msgs = applicant_msgs(c)
    # Received and accepted in one go: one notice (접수, with the due date), not two.
    assert [(m.template_key, m.channel, m.recipient) for m in msgs] == [("accepted", "sms", "010-1234-5678")]
    assert c.tracking_no in msgs[0].body
    assert "처리기한" in msgs[0].body and "까지" in msgs[0].body
    assert msgs[0].status == MessageStatus.QUEUED


def test_rolled_back_action_leaves_nothing_to_send(city, notify_settings, provider):
    with pytest.raises(RuntimeError), transaction.atomic():
        f.create_complaint(category=city.streetlight)
        raise RuntimeError("the request failed after the complaint was written")
    assert Message.objects.count() == 0
    drain()
    assert provider.requests == []


@pytest.mark.django_db(transaction=True)
def test_rolled_back_answer_sends_no_result_notice(city, notify_settings, provider):
    c = f.create_complaint(category=city.streetlight)
    svc.assign_department(city.desk, c, city.roads)
    svc.start_processing(city.officer, c)
    before = Message.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        svc.answer_complaint(city.officer, c, answer="처리했습니다.")
        raise RuntimeError("boom")
    assert Message.objects.count() == before
    assert not Message.objects.filter(template_key=NoticeKey.ANSWERED).exists()
    drain()
    assert provider.delivered == before  # only the notices of committed actions went out


def test_assignment_notifies_applicant_and_alerts_the_department(city):
    c = f.create_complaint(category=city.streetlight)
    svc.assign_department(city.desk, c, city.roads)
    (notice,) = applicant_msgs(c, NoticeKey.ASSIGNED)
    assert "도로과" in notice.body
    alerted = set(StaffAlert.objects.filter(complaint=c).values_list("recipient__username", flat=True))
    assert alerted == {"officer", "head"}
    svc.assign_handler(city.head, c, city.officer)
    handler_alert = StaffAlert.objects.get(complaint=c, kind=NoticeKey.STAFF_HANDLER)
    assert handler_alert.recipient == city.officer
    assert StaffAlert.objects.for_user(city.officer).unread().count() == 2


def test_result_notice_names_handler_department_phone_and_survey_link(city, notify_settings):
    city.officer.office_phone = "02-120-3012"
    city.officer.save(update_fields=["office_phone"])
    c = answered(city)
    (notice,) = applicant_msgs(c, NoticeKey.ANSWERED)
    assert "안정기를 교체" in notice.body
    assert "도로과" in notice.body and "최도로" in notice.body and "02-120-3012" in notice.body
    url = notice.context["satisfaction_url"]
    assert url.startswith("https://minwon.example.kr/s/") and url in notice.body
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert read_satisfaction_token(token)["c"] == c.pk
    with pytest.raises(signing.BadSignature):
        read_satisfaction_token(token[:-2] + "xx")


def test_rejection_notice_states_reasons_and_remedies(city):
    c = f.create_complaint(
        category=city.streetlight, notify_channels=[NotifyChannel.EMAIL], email="a@example.kr"
    )
    svc.reject_complaint(city.desk, c, reason="신청서에 필수 서류가 빠져 있습니다.")
    (notice,) = applicant_msgs(c, NoticeKey.REJECTED)
    assert notice.channel == Channel.EMAIL
    assert "필수 서류" in notice.body
    assert "이의신청" in notice.body and "행정심판" in notice.body


def test_applicant_without_digital_contact_gets_a_letter(city):
    c = with_postal(city, phone="", channels=())
    (notice,) = applicant_msgs(c)
    assert notice.channel == Channel.LETTER and notice.recipient == "새빛구 새빛로 1"


def test_applicant_is_not_told_what_they_did_themselves(city):
    c = f.create_complaint(category=city.streetlight, applicant_user=city.minji)
    svc.withdraw_complaint(city.minji, c, reason="해결되었습니다")
    assert applicant_msgs(c, NoticeKey.WITHDRAWN) == []


def test_admin_template_overrides_the_default_wording(city):
    MessageTemplate.objects.create(
        key=NoticeKey.ACCEPTED,
        language="ko",
        subject="접수 {{ tracking_no }}",
        short_body="[{{ city }}] 고맙습니다. {{ tracking_no }} 접수, {{ due }}",
        body="본문",
    )
    c = f.create_complaint(category=city.streetlight)
    (notice,) = applicant_msgs(c)
    assert notice.body.startswith("[새빛구] 고맙습니다.")


def test_merged_duplicate_hears_the_answer_of_the_complaint_it_joined(city):
    main = f.create_complaint(category=city.streetlight)
    dup = f.create_complaint(category=city.streetlight, phone="010-9999-8888")
    svc.merge_complaint(city.desk, dup, into=main)
    assert applicant_msgs(dup, NoticeKey.MERGED)
    svc.assign_department(city.desk, main, city.roads)
    svc.start_processing(city.officer, main)
    svc.answer_complaint(city.officer, main, answer="교체했습니다.")
    (dup_notice,) = applicant_msgs(dup, NoticeKey.ANSWERED)
    assert dup_notice.recipient == "010-9999-8888" and dup.tracking_no in dup_notice.body


def test_signed_webhook_is_posted_for_public_events(city, notify_settings, provider):
    WebhookEndpoint.objects.create(
        name="새올", url=f"{provider.url}/hook", secret="s3cret", verbs=["answered"]
    )
    c = answered(city)
    hook = Message.objects.get(channel=Channel.WEBHOOK)
    assert hook.complaint == c and "010" not in hook.body  # no personal data leaves for integrations
    drain()
    (req,) = [r for r in provider.requests if r["path"] == "/hook"]
    headers = req["headers"]
    assert verify("s3cret", headers["X-Minwon-Timestamp"], req["raw"], headers["X-Minwon-Signature"])
    assert not verify("wrong", headers["X-Minwon-Timestamp"], req["raw"], headers["X-Minwon-Signature"])
    assert json.loads(req["raw"])["complaint"]["tracking_no"] == c.tracking_no
    assert Message.objects.get(pk=hook.pk).status == MessageStatus.SENT


def test_complaint_page_summary_folds_fallbacks_into_one_notice(city, notify_settings, provider):
    c = with_postal(city)
    provider.plan["01012345678"] = ["reject"]
    drain()
    (row,) = applicant_notices(c)
    assert [m.channel for m in row.messages] == ["sms", "letter"]
    assert row.outcome == "delivered"  # the letter is in the print queue
