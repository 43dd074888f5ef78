"""Every write of the call centre (STYLE §2): calls, the 민원 they become, calls ended for abuse.

Each function writes a `CallEvent` in its transaction. A call not answered at once becomes a 민원
through `receive_complaint` (channel `call`), so the desk routes it like any other.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from minwon.accounts.models import Role
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, NotifyChannel
from minwon.complaints.errors import ComplaintError, IntakeError
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.kb.alerts import alert_users, users_with_role

from .models import Call, CallEvent, CallTopic
from .phones import normalise
from .signals import call_ended_for_abuse

AGENT_ROLES = (Role.AGENT, Role.ADMIN)
MAX_CALL = timedelta(hours=8)
ABUSE_REASONS = {
    "verbal_abuse": "폭언·욕설",
    "sexual_harassment": "성희롱",
    "threat": "협박·위협",
    "obstruction": "장시간 반복 통화 강요",
    "other": "기타 부당한 언행",
}
ABUSE_ALERT_KIND = "call_abuse"


class CallError(IntakeError):
    """Bad call input: every problem at once, keyed by form field."""


def _check_agent(actor) -> None:
    if not (actor and actor.is_authenticated and actor.has_role(*AGENT_ROLES)):
        raise AccessDenied("120 상담사만 통화를 기록할 수 있습니다.")


def _times(started_at: datetime | None, ended_at: datetime | None, errors: dict) -> tuple[datetime, datetime]:
    now = timezone.now()
    ended_at = ended_at or now
    if started_at is None:
        errors["started_at"] = "통화 시작 시각을 입력해 주십시오."
        return now, ended_at
    if ended_at < started_at:
        errors["ended_at"] = "통화 종료 시각이 시작 시각보다 앞섭니다."
    elif ended_at - started_at > MAX_CALL:
        errors["ended_at"] = "통화 시간이 8시간을 넘습니다. 시각을 확인해 주십시오."
    if started_at > now + timedelta(minutes=1):
        errors["started_at"] = "통화 시작 시각이 지금보다 뒤입니다."
    return started_at, ended_at


def _event(call: Call, verb: str, actor, **data) -> CallEvent:
    return CallEvent.objects.create(call=call, actor=actor, verb=verb, data=data)


@transaction.atomic
def record_call(
    agent,
    *,
    topic: CallTopic,
    started_at: datetime | None,
    ended_at: datetime | None = None,
    answered_at_once: bool,
    summary: str = "",
    phone: str = "",
    name: str = "",
    category=None,
    title: str = "",
    consent: bool = False,
) -> Call:
    """Record a finished call; if it was not answered at once, file the 민원 it becomes."""
    _check_agent(agent)
    errors: dict[str, str] = {}
    started_at, ended_at = _times(started_at, ended_at, errors)
    phone_n = normalise(phone)
    if phone.strip() and not phone_n:
        errors["phone"] = "전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678"
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = "상담 내용을 적어 주십시오."
    category = category or topic.category
    if not answered_at_once and category is None:
        errors["category"] = "민원으로 넘길 유형을 선택해 주십시오."
    if errors:
        raise CallError(errors)
    call = Call.objects.create(
        agent=agent,
        caller_phone=phone_n,
        caller_name=name.strip()[:50],
        topic=topic,
        summary=summary,
        started_at=started_at,
        ended_at=ended_at,
        duration_seconds=int((ended_at - started_at).total_seconds()),
        answered_at_once=answered_at_once,
    )
    _event(call, "recorded", agent, answered_at_once=answered_at_once)
    if not answered_at_once:
        call.complaint = _file_complaint(agent, call, category, title, consent)
        call.save(update_fields=["complaint"])
        _event(
            call,
            "complaint_filed",
            agent,
            complaint=call.complaint.pk,
            tracking_no=call.complaint.tracking_no,
        )
    return call


def _file_complaint(agent, call: Call, category, title: str, consent: bool):
    title = (title or "").strip() or call.summary.splitlines()[0][:60]
    applicant = Applicant(
        name=call.caller_name,
        phone=call.caller_phone,
        notify_channels=[NotifyChannel.SMS] if call.caller_phone else [],
        consent=consent,
    )
    try:
        return receive_complaint(
            agent,
            channel=Channel.CALL,
            category=category,
            title=title,
            body=call.summary,
            applicant=applicant,
            received_at=call.ended_at,
        )
    except IntakeError as exc:
        # Intake's field names → the call form's (its phone is `phone`, its body the summary).
        mapping = {"body": "summary", "contact": "phone", "notify_channels": "phone"}
        raise CallError({mapping.get(k, k): v for k, v in exc.errors.items()}) from exc


@transaction.atomic
def end_call_for_abuse(
    agent,
    *,
    topic: CallTopic,
    started_at: datetime | None,
    reason: str,
    note: str = "",
    phone: str = "",
    name: str = "",
    summary: str = "",
) -> Call:
    """ "폭언 등으로 통화 종료": record the call and why, tell the care officers, emit the hook."""
    _check_agent(agent)
    if reason not in ABUSE_REASONS:
        raise CallError({"abuse_reason": "종료 사유를 선택해 주십시오."})
    errors: dict[str, str] = {}
    started_at, ended_at = _times(started_at, None, errors)
    if errors:
        raise CallError(errors)
    call = Call.objects.create(
        agent=agent,
        caller_phone=normalise(phone),
        caller_name=name.strip()[:50],
        topic=topic,
        summary=(summary or "").strip(),
        started_at=started_at,
        ended_at=ended_at,
        duration_seconds=int((ended_at - started_at).total_seconds()),
        answered_at_once=False,
        ended_for_abuse=True,
        abuse_reason=reason,
        abuse_note=(note or "").strip(),
    )
    _event(call, "ended_for_abuse", agent, reason=reason)
    # A receiver that answers (care opens an incident and notifies its officers) replaces the
    # generic alert, so the care officer gets one notice per call, the one linking the incident.
    handled = any(answer for _, answer in call_ended_for_abuse.send(sender=Call, call=call))
    if not handled:
        _alert_care(call, agent, ended_at)
    return call


def _alert_care(call: Call, agent, ended_at) -> None:
    label = ABUSE_REASONS[call.abuse_reason]
    alert_users(
        users_with_role(Role.CARE),
        kind=ABUSE_ALERT_KIND,
        title=f"[직원 보호] 통화 강제 종료: {label}",
        body=(
            f"상담사 {agent}이(가) {timezone.localtime(ended_at):%Y-%m-%d %H:%M}에 통화를 종료했습니다"
            f"(사유: {label}, 통화 {call.duration_seconds // 60}분). "
            "상담사 보호 조치와 특이민원 여부를 확인해 주십시오."
            + (f"\n경위: {call.abuse_note}" if call.abuse_note else "")
        ),
        group_key=f"call_abuse:{call.pk}",
    )


def require_topic(pk) -> CallTopic:
    try:
        return CallTopic.objects.get(pk=pk, is_active=True)
    except (CallTopic.DoesNotExist, ValueError, TypeError):
        raise ComplaintError("상담 주제를 선택해 주십시오.", field="topic") from None
