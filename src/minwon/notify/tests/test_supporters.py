"""공감 supporters hear the result of the 민원 they joined, through the outbox like the applicant.

준호 (account), a visitor by phone and one by e-mail join 민지's public 민원; one asked not to be told.
"""

from __future__ import annotations

import pytest

from minwon.complaints import services as svc
from minwon.complaints.choices import Visibility
from minwon.notify.choices import Audience, Channel, MessageStatus, NoticeKey
from minwon.notify.delivery import drain
from minwon.notify.models import Message
from minwon.notify.services import queue_fallback
from minwon.testing import factories as f
from minwon.triage import services as triage

pytestmark = pytest.mark.django_db
ANSWER = "빛나로 12 앞 가로등의 안정기를 교체하여 다시 켜졌습니다."


def public_complaint(city, **kw):
    kw.setdefault("applicant_user", city.minji)
    kw.setdefault("phone", "010-2222-3333")
    kw.setdefault("name", "김민지")
    return f.create_complaint(
        category=city.streetlight,
        title="빛나로 가로등 고장",
        body="빛나로 12 앞 가로등이 꺼져 있습니다.",
        visibility=Visibility.PUBLIC,
        **kw,
    )


def answer(city, c, text=ANSWER):
    svc.assign_department(city.desk, c, city.roads)
    return svc.answer_complaint(city.officer, c, answer=text)


def supporter_msgs(c=None):
    qs = Message.objects.filter(template_key=NoticeKey.SUPPORTER_RESULT)
    return list((qs.filter(complaint=c) if c else qs).order_by("pk"))


@pytest.fixture
def joined(city):
    city.junho.phone = "010-3333-4444"
    city.junho.save(update_fields=["phone"])
    c = public_complaint(city)
    triage.support_complaint(city.junho, c)
    triage.support_complaint(None, c, phone="010-7777-8888")
    triage.support_complaint(None, c, email="Visitor@Example.kr")
    triage.support_complaint(None, c, phone="010-5555-6666", notify=False)
    return c


def test_each_supporter_who_asked_is_told_the_answer(city, joined):
    answer(city, joined)
    msgs = supporter_msgs(joined)
    assert [(m.channel, m.recipient) for m in msgs] == [
        ("sms", "010-3333-4444"),
        ("sms", "010-7777-8888"),
        ("email", "visitor@example.kr"),
    ]
    for m in msgs:
        assert m.audience == Audience.APPLICANT and m.status == MessageStatus.QUEUED
        assert joined.tracking_no in m.body and "공감하신 민원" in m.subject + m.body
        assert "안정기를 교체" in m.body
        # What is the applicant's stays with the applicant: her name and the one-click survey.
        assert "김민지" not in m.body and "민지" not in m.recipient_name
        assert "/s/" not in m.body and "satisfaction_url" not in m.context
        assert m.event.verb == "answered"
    assert msgs[0].recipient_name == "이준호"
    # The applicant's own result notice is unchanged.
    (notice,) = Message.objects.filter(complaint=joined, template_key=NoticeKey.ANSWERED)
    assert notice.recipient == "010-2222-3333" and "/s/" in notice.body


def test_closing_after_the_answer_tells_them_nothing_new(city, joined):
    answer(city, joined)
    svc.close_complaint(city.officer, joined)
    assert len(supporter_msgs(joined)) == 3


def test_an_end_without_an_answer_is_a_result_too(city, joined):
    svc.reject_complaint(city.desk, joined, reason="관할 아님")
    msgs = supporter_msgs(joined)
    assert len(msgs) == 3 and all("반려" in m.body for m in msgs)
    assert all("관할 아님" not in m.body for m in msgs)  # the reasons are the applicant's notice


def test_supporters_of_a_merged_duplicate_hear_with_the_original(city):
    original = public_complaint(city)
    dup = public_complaint(city, applicant_user=city.junho, phone="010-3333-4444", name="이준호")
    triage.support_complaint(None, dup, phone="010-7777-8888")
    triage.support_complaint(None, original, phone="010-7777-8888")  # joined both: told once
    triage.support_complaint(None, dup, email="second@example.kr")
    svc.merge_complaint(city.desk, dup, into=original)
    assert supporter_msgs() == []  # merging is not a result
    answer(city, original)
    assert sorted(m.recipient for m in supporter_msgs(original)) == ["010-7777-8888", "second@example.kr"]
    # The duplicate's applicant hears through the existing duplicate notice, not as a supporter.
    assert Message.objects.filter(complaint=dup, template_key=NoticeKey.ANSWERED).count() == 1


def test_a_supporter_who_is_also_an_applicant_is_not_told_twice(city):
    c = public_complaint(city)
    triage.support_complaint(None, c, phone="010-2222-3333")  # 민지's own number, without logging in
    answer(city, c)
    assert supporter_msgs(c) == []


def test_a_private_complaints_answer_is_not_quoted(city):
    c = public_complaint(city)
    triage.support_complaint(city.desk, c, phone="010-7777-8888")
    svc.assign_department(city.desk, c, city.roads)
    c.visibility = Visibility.PRIVATE  # made private after the support (e.g. personal data in it)
    c.save(update_fields=["visibility"])
    svc.answer_complaint(city.officer, c, answer=ANSWER)
    (msg,) = supporter_msgs(c)
    assert "안정기" not in msg.body and "답변 완료" in msg.body


def test_a_supporters_fallback_stays_on_the_supporters_channels(city):
    c = public_complaint(city, email="minji@example.kr")
    city.junho.phone, city.junho.email = "010-3333-4444", "junho@example.kr"
    city.junho.save(update_fields=["phone", "email"])
    triage.support_complaint(city.junho, c)
    answer(city, c)
    (sms,) = supporter_msgs(c)
    fallback = queue_fallback(sms)
    assert fallback is not None
    assert (fallback.channel, fallback.recipient) == (Channel.EMAIL, "junho@example.kr")
    assert fallback.template_key == NoticeKey.SUPPORTER_RESULT and "안정기" in fallback.body
    assert queue_fallback(fallback) is None  # no applicant address, no letter: the chain ends


def test_the_worker_delivers_supporter_notices(city, joined, notify_settings, provider, smtp_server):
    provider.plan["01077778888"] = ["reject"]  # the visitor's number is wrong: e-mail is not known
    answer(city, joined)
    drain()
    sent_to = {r["json"].get("to") for r in provider.requests if r["path"] == "/sms"}
    assert {"01033334444", "01077778888"} <= sent_to
    by_recipient = {m.recipient: m.status for m in supporter_msgs(joined)}
    assert by_recipient["010-3333-4444"] == MessageStatus.SENT
    assert by_recipient["010-7777-8888"] == MessageStatus.FAILED
    assert by_recipient["visitor@example.kr"] == MessageStatus.SENT
    assert [rcpt for env in smtp_server.messages for rcpt in env.rcpt_tos] == ["visitor@example.kr"]
    # The applicant's SMS went out as before; nobody was sent the applicant's notice twice.
    assert Message.objects.get(complaint=joined, template_key=NoticeKey.ANSWERED).status == MessageStatus.SENT
