"""Other apps' hooks that open care work, connected in `CareConfig.ready()`.

`callcentre.signals.call_ended_for_abuse` is sent inside the transaction that recorded the call, so
the incident filed here commits (or rolls back) together with the call: an agent who pressed "폭언
등으로 통화 종료" never ends up with a call and no incident, nor an incident for a call that was
not recorded. The incident goes through `incidents.file_incident` like one filed on the page, so
it gets the same `CareEvent`, access rules (the agent and the care officers read it, every view
logged) and care-officer notice.
"""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone

from minwon.callcentre.services import ABUSE_REASONS
from minwon.callcentre.signals import call_ended_for_abuse

from .choices import IncidentContext, IncidentKind

# The agent's "end call" reasons (callcentre.services.ABUSE_REASONS) → the incident type.
KIND_FOR_REASON = {
    "verbal_abuse": IncidentKind.VERBAL,
    "sexual_harassment": IncidentKind.SEXUAL,
    "threat": IncidentKind.THREAT,
    "obstruction": IncidentKind.REPEATED,
    "other": IncidentKind.OTHER,
}
NARRATIVE_LIMIT = 10_000


def call_reference(call) -> str:
    """How the incident names the call: number, time and topic (the incident page shows it)."""
    when = timezone.localtime(call.started_at)
    return f"120 통화 #{call.pk} ({when:%Y-%m-%d %H:%M}, {call.topic.name})"[:100]


def narrative_for(call) -> str:
    minutes, seconds = divmod(call.duration_seconds, 60)
    lines = [
        f"120 상담 중 '{ABUSE_REASONS.get(call.abuse_reason, call.abuse_reason)}'(으)로 "
        f"상담사가 통화를 종료했습니다 (통화 {minutes}분 {seconds}초).",
    ]
    if call.abuse_note:
        lines.append(f"경위: {call.abuse_note}")
    if call.summary:
        lines.append(f"상담 내용: {call.summary}")
    return "\n".join(lines)[:NARRATIVE_LIMIT]


@receiver(call_ended_for_abuse, dispatch_uid="minwon.care.incident_for_abusive_call")
def open_incident_for_abusive_call(sender, call, **kwargs):
    """Returns the incident: a truthy answer tells the call centre the care officers are told."""
    from .incidents import file_incident

    return file_incident(
        call.agent,
        kind=KIND_FOR_REASON.get(call.abuse_reason, IncidentKind.OTHER),
        context=IncidentContext.CALL,
        narrative=narrative_for(call),
        occurred_at=call.ended_at,
        employee=call.agent,
        complaint=call.complaint,
        call_ref=call_reference(call),
        applicant_phone=call.caller_phone,
    )
