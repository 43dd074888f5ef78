"""The complaint page: every lifecycle form performs its transition and writes its event."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from minwon.accounts.models import AccessLog
from minwon.complaints import services as s
from minwon.complaints.choices import EventVerb, Status
from minwon.complaints.models import Attachment, Complaint, ComplaintEvent, Extension, Pause
from minwon.staff.models import ResponseTemplate
from minwon.testing.factories import create_complaint

from .conftest import routed_complaint


def act(client, c, action, data=None, **extra):
    return client.post(reverse("staff:act", args=[c.pk, action]), data or {}, **extra)


def last_event(c):
    return ComplaintEvent.objects.filter(complaint=c).order_by("-pk").first()


def page(client, c):
    return client.get(reverse("staff:complaint", args=[c.pk])).content.decode()


def in_progress(city):
    c = routed_complaint(city)
    return s.start_processing(city.officer, c)


def test_page_shows_facts_timeline_and_allowed_forms_only(as_user, city, routed):
    s.add_note(city.officer, routed, body="내부에서만 보는 메모", public=False)
    s.add_note(city.officer, routed, body="현장 확인 중입니다", public=True)
    html = page(as_user(city.officer), routed)
    assert html.count("<h1") == 1
    assert routed.tracking_no in html
    assert "내부에서만 보는 메모" in html and "현장 확인 중입니다" in html
    assert "⊘</span> 내부" in html and "◉</span> 공개" in html
    for allowed in ("start", "answer", "extend", "request_supplement", "reassign", "note"):
        assert f"/act/{allowed}/" in html, allowed
    # Desk-only actions and actions the state does not allow are not offered to the officer.
    for absent in ("merge", "accept", "assign_department", "close", "receive_supplement", "reopen"):
        assert f"/act/{absent}/" not in html, absent
    # The applicant's contact is not on the page until revealed.
    assert "010-1234-5678" not in html
    assert "개인정보 보기" in html


@pytest.mark.parametrize(
    ("persona", "prepare", "action", "data", "status", "verb"),
    [
        ("desk", "visit", "accept", {}, Status.ACCEPTED, EventVerb.ACCEPTED),
        ("desk", "web", "assign_department", {"department": "roads"}, Status.ASSIGNED, EventVerb.ASSIGNED),
        ("officer", "routed", "start", {}, Status.IN_PROGRESS, EventVerb.STARTED),
        (
            "head",
            "routed",
            "assign_handler",
            {"handler": "officer"},
            Status.ASSIGNED,
            EventVerb.HANDLER_ASSIGNED,
        ),
        (
            "officer",
            "routed",
            "request_supplement",
            {"what": "사진을 보내 주세요"},
            Status.SUPPLEMENT_REQUESTED,
            EventVerb.SUPPLEMENT_REQUESTED,
        ),
        (
            "officer",
            "supplement",
            "receive_supplement",
            {"note": "사진 받음"},
            Status.IN_PROGRESS,
            EventVerb.SUPPLEMENT_RECEIVED,
        ),
        (
            "officer",
            "progress",
            "transfer",
            {"agency": "경기도청", "reason": "도 관할"},
            Status.TRANSFERRED,
            EventVerb.TRANSFERRED,
        ),
        (
            "officer",
            "progress",
            "answer",
            {"answer": "안정기를 교체했습니다."},
            Status.ANSWERED,
            EventVerb.ANSWERED,
        ),
        ("officer", "answered", "close", {"reason": "resolved"}, Status.CLOSED, EventVerb.CLOSED),
        (
            "desk",
            "web",
            "reject",
            {"reason": "관할이 아닙니다", "remedies": ""},
            Status.REJECTED,
            EventVerb.REJECTED,
        ),
        (
            "officer",
            "routed",
            "reassign",
            {"department": "parks", "reason": "공원 안 가로등"},
            Status.ASSIGNED,
            EventVerb.REASSIGNED,
        ),
        (
            "desk",
            "web",
            "reclassify",
            {"kind": "other", "reason": "단순 안내"},
            Status.ACCEPTED,
            EventVerb.RECLASSIFIED,
        ),
        (
            "head",
            "routed",
            "note",
            {"body": "현장 확인 예정", "visibility": "internal"},
            Status.ASSIGNED,
            EventVerb.NOTE,
        ),
        (
            "officer",
            "routed",
            "note",
            {"body": "확인 중입니다", "visibility": "public"},
            Status.ASSIGNED,
            EventVerb.PROGRESS,
        ),
        ("desk", "routed", "withdraw", {"reason": "전화로 취하 의사"}, Status.WITHDRAWN, EventVerb.WITHDRAWN),
        (
            "desk",
            "answered",
            "reopen",
            {"reason": "아직 불이 꺼져 있습니다"},
            Status.REOPENED,
            EventVerb.REOPENED,
        ),
    ],
)
def test_each_action_form_transitions_and_records(
    as_user, city, persona, prepare, action, data, status, verb
):
    if prepare == "visit":
        c = create_complaint(category=city.streetlight, channel="visit")
    elif prepare == "web":
        c = create_complaint(category=city.streetlight)
    else:
        c = routed_complaint(city)
        if prepare in ("supplement", "progress", "answered"):
            c = s.start_processing(city.officer, c)
        if prepare == "supplement":
            c = s.request_supplement(city.officer, c, what="사진")
        if prepare == "answered":
            c = s.answer_complaint(city.officer, c, answer="처리했습니다")
    values = {k: (getattr(city, v).pk if k in ("department", "handler") else v) for k, v in data.items()}
    r = act(as_user(getattr(city, persona)), c, action, {f"{action}-{k}": v for k, v in values.items()})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert r["Location"] == reverse("staff:complaint", args=[c.pk])
    c.refresh_from_db()
    assert c.status == status
    event = last_event(c)
    assert event.verb == verb
    assert event.actor == getattr(city, persona)


def test_merge_by_tracking_number(as_user, city):
    original = routed_complaint(city)
    dup = create_complaint(category=city.streetlight, title="같은 가로등")
    r = act(as_user(city.desk), dup, "merge", {"merge-into": original.tracking_no.replace("-", "")})
    assert r.status_code == 302
    dup.refresh_from_db()
    assert dup.status == Status.MERGED and dup.duplicate_of == original
    assert last_event(original).verb == EventVerb.MERGED_INTO


def test_merge_into_unknown_number_shows_error_next_to_field(as_user, city):
    dup = create_complaint(category=city.streetlight)
    r = act(as_user(city.desk), dup, "merge", {"merge-into": "2026-9999999", "merge-note": "중복"})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="id_merge-into_error"' in html
    assert "접수번호 2026-9999999인 민원이 없습니다." in html
    assert 'value="중복"' in html  # what was typed is kept
    assert "<details" in html and 'id="action-merge" open' in html


def test_service_refusal_is_shown_next_to_field_and_text_kept(as_user, city, routed):
    # Reassigning to the department that already has it: the service refuses on `department`.
    r = act(
        as_user(city.officer),
        routed,
        "reassign",
        {"reassign-department": city.roads.pk, "reassign-reason": "잘못 왔습니다"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "이미 이 부서에 배정된 민원입니다." in html
    assert 'id="id_reassign-department_error"' in html
    assert "잘못 왔습니다" in html
    routed.refresh_from_db()
    assert routed.reassign_count == 0


def test_missing_required_field_gives_korean_message(as_user, city, routed):
    r = act(as_user(city.officer), routed, "request_supplement", {"request_supplement-what": "  "})
    assert r.status_code == 200
    assert "보완할 내용을 적어 주십시오." in r.content.decode()
    assert not Pause.objects.filter(complaint=routed).exists()


def test_officer_can_only_assign_themself(as_user, city, routed):
    html = page(as_user(city.officer), routed)
    assert f'<option value="{city.officer.pk}"' in html
    assert f'<option value="{city.head.pk}"' not in html
    r = act(as_user(city.officer), routed, "assign_handler", {"assign_handler-handler": city.head.pk})
    assert r.status_code == 200
    routed.refresh_from_db()
    assert routed.handler is None


def test_action_refused_when_state_moved_on(as_user, city, routed):
    s.start_processing(city.officer, routed)
    r = act(as_user(city.officer), routed, "start")
    assert r.status_code == 302
    follow = as_user(city.officer).get(r["Location"]).content.decode()
    assert "상태의 민원에는 이 처리를 할 수 없습니다" in follow


def test_next_parameter_only_to_same_site(as_user, city):
    c = create_complaint(category=city.streetlight, channel="visit")
    r = act(as_user(city.desk), c, "accept", {"next": "https://evil.example/"})
    assert r["Location"] == reverse("staff:complaint", args=[c.pk])
    c2 = create_complaint(category=city.streetlight, channel="visit")
    r = act(as_user(city.desk), c2, "accept", {"next": reverse("staff:desk")})
    assert r["Location"] == reverse("staff:desk")


# --- extension: two steps ----------------------------------------------------------------------------


def extension_data(**overrides):
    data = {
        "extend-reason_code": "fact_check_or_site_visit",
        "extend-period": "3일",
        "extend-reason_text": "현장 조사가 필요합니다",
        "extend-consent_note": "",
    }
    data.update(overrides)
    return data


def test_extension_preview_shows_new_due_and_writes_nothing(as_user, city):
    c = in_progress(city)
    old_due = c.due_at
    r = act(as_user(city.officer), c, "extend", extension_data())
    assert r.status_code == 200
    html = r.content.decode()
    expected = s.preview_extension(c, period="3일", reason_code="fact_check_or_site_visit")
    from minwon.complaints.deadlines import korean_due

    assert "연장하면 이렇게 됩니다" in html
    assert korean_due(expected) in html
    assert 'name="confirm"' in html
    c.refresh_from_db()
    assert c.due_at == old_due and c.extension_count == 0
    assert not Extension.objects.exists()

    r = act(as_user(city.officer), c, "extend", {**extension_data(), "confirm": "1"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.extension_count == 1 and c.due_at == expected
    assert last_event(c).verb == EventVerb.EXTENDED
    html = page(as_user(city.officer), c)
    assert "연장 이력" in html and "사실 확인·현장조사가 필요함" in html


def test_extension_preview_over_the_original_period_is_refused_next_to_period(as_user, city):
    c = in_progress(city)
    r = act(as_user(city.officer), c, "extend", extension_data(**{"extend-period": "30일"}))
    html = r.content.decode()
    assert 'id="id_extend-period_error"' in html
    assert "원래 처리기간" in html
    assert "연장하면 이렇게 됩니다" not in html
    assert 'value="현장 조사가 필요합니다"' in html or "현장 조사가 필요합니다</textarea>" in html


def test_second_extension_needs_consent(as_user, city):
    c = in_progress(city)
    s.extend_deadline(city.officer, c, period="3일", reason_code="comparable", reason_text="협의")
    r = act(as_user(city.officer), c, "extend", extension_data())
    assert "두 번째 연장은 민원인의 동의를 받은 경우에만" in r.content.decode()
    r = act(as_user(city.officer), c, "extend", extension_data(**{"extend-applicant_consent": "on"}))
    assert "연장하면 이렇게 됩니다" in r.content.decode()


def test_extension_preview_with_htmx_returns_the_partial(as_user, city):
    c = in_progress(city)
    r = act(as_user(city.officer), c, "extend", extension_data(), HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert html.startswith('<div id="extend-panel">')
    assert "<h1" not in html and "연장하면 이렇게 됩니다" in html


# --- answer templates -----------------------------------------------------------------------------


@pytest.fixture
def template(city):
    return ResponseTemplate.objects.create(
        category=city.streetlight,
        title="가로등 수리 완료",
        body="{부서} {담당자}입니다. 접수번호 {접수번호} 가로등을 고쳤습니다.",
    )


def test_insert_template_without_js_keeps_typed_text(as_user, city, routed, template):
    ResponseTemplate.objects.create(category=city.park, title="공원 서식", body="공원")
    html = page(as_user(city.officer), routed)
    assert "가로등 수리 완료" in html and "공원 서식" not in html
    r = act(
        as_user(city.officer),
        routed,
        "answer",
        {"answer-template": template.pk, "answer-answer": "안녕하십니까.", "insert_template": "1"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "안녕하십니까.\n\n도로과 최도로입니다. 접수번호 " + routed.tracking_no in html
    routed.refresh_from_db()
    assert routed.status == Status.ASSIGNED and routed.answer == ""  # nothing was sent


def test_insert_template_with_htmx_returns_answer_partial(as_user, city, routed, template):
    url = reverse("staff:act", args=[routed.pk, "answer"]) + "?insert_template=1"
    r = as_user(city.officer).post(
        url, {"answer-template": template.pk, "answer-answer": ""}, HTTP_HX_REQUEST="true"
    )
    html = r.content.decode()
    assert html.startswith('<div id="answer-panel">')
    assert "가로등을 고쳤습니다." in html


# --- contact and attachments ------------------------------------------------------------------------


def test_reveal_contact_needs_reason_and_writes_access_log(as_user, city, routed):
    client = as_user(city.officer)
    url = reverse("staff:reveal_contact", args=[routed.pk])
    r = client.post(url, {"reason": " "})
    assert "개인정보 열람 사유를 입력해 주십시오." in r.content.decode()
    assert not AccessLog.objects.exists()
    r = client.post(url, {"reason": "현장 방문 일정 협의"})
    html = r.content.decode()
    assert "010-1234-5678" in html
    assert r["Cache-Control"] == "no-store"
    log = AccessLog.objects.get()
    assert log.user == city.officer and log.object_id == str(routed.pk)
    assert log.reason == "현장 방문 일정 협의" and log.ip == "127.0.0.1"


def test_auditor_may_reveal_with_a_logged_reason(as_user, city, routed):
    r = as_user(city.auditor).post(reverse("staff:reveal_contact", args=[routed.pk]), {"reason": "감사"})
    assert "010-1234-5678" in r.content.decode()
    assert AccessLog.objects.filter(user=city.auditor).count() == 1


def test_attachment_is_served_only_to_those_who_may_read(as_user, city, routed):
    att = Attachment.objects.create(
        complaint=routed,
        file=ContentFile(b"\x89PNG fake", name="lamp.png"),
        original_name="가로등.png",
        content_type="image/png",
        size=9,
    )
    html = page(as_user(city.officer), routed)
    assert 'alt="첨부 사진 1: 가로등.png"' in html
    url = reverse("staff:attachment", args=[routed.pk, att.pk])
    r = as_user(city.officer).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert b"".join(r.streaming_content) == b"\x89PNG fake"
    assert as_user(city.other_officer).get(url).status_code == 404
    assert (
        as_user(city.officer).get(reverse("staff:attachment", args=[routed.pk, att.pk + 99])).status_code
        == 404
    )


def test_overdue_complaint_page_says_so_in_text(as_user, city):
    c = create_complaint(category=city.streetlight)
    Complaint.objects.filter(pk=c.pk).update(due_at=c.received_at - timedelta(hours=1))
    c = s.assign_department(city.desk, c, city.roads)
    html = page(as_user(city.officer), c)
    assert "⚠</span> 기한 경과" in html
