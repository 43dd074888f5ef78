"""From the timeline to the outbox: which notices and alerts each event makes due.

`on_event_recorded` runs inside the transaction that wrote the event (see
`minwon.complaints.events.event_recorded`), so the messages commit or roll back with the action.
"""

from __future__ import annotations

from minwon.complaints import hooks
from minwon.complaints.choices import EventVerb, Status
from minwon.complaints.models import Complaint

from .choices import NoticeKey
from .context import complaint_context
from .recipients import (
    applicant_channels,
    department_staff,
    desk_heads,
    handler_or_department,
    supporter_channels,
)
from .services import queue_applicant_notice, queue_staff_alert, queue_supporter_notice, queue_webhooks

V = EventVerb
# Public events the applicant hears about. RECEIVED is absent on purpose: a web 민원 is received
# and accepted in one go, and the 접수 notice (with the due date) is the one that matters.
APPLICANT_NOTICES: dict[str, str] = {
    V.ACCEPTED: NoticeKey.ACCEPTED,
    V.ASSIGNED: NoticeKey.ASSIGNED,
    V.REASSIGNED: NoticeKey.ASSIGNED,
    V.SUPPLEMENT_REQUESTED: NoticeKey.SUPPLEMENT_REQUESTED,
    V.EXTENDED: NoticeKey.EXTENDED,
    V.TRANSFERRED: NoticeKey.TRANSFERRED,
    V.ANSWERED: NoticeKey.ANSWERED,
    V.REJECTED: NoticeKey.REJECTED,
    V.CLOSED: NoticeKey.CLOSED,
    V.MERGED: NoticeKey.MERGED,
    V.WITHDRAWN: NoticeKey.WITHDRAWN,
}


# 공감 supporters hear once, when the 민원 reaches its result: the answer, or an end without one.
# (A closure after the answer is not news to them; a merged 민원's supporters hear with the one it
# was merged into, when that is answered.)
SUPPORTER_RESULT_VERBS = frozenset({V.ANSWERED, V.CLOSED, V.REJECTED, V.TRANSFERRED, V.WITHDRAWN})


def is_result_for_supporters(event) -> bool:
    if event.verb not in SUPPORTER_RESULT_VERBS:
        return False
    return not (event.verb == V.CLOSED and event.status_before == Status.ANSWERED)


def desk_head_group(complaint) -> str:
    """Shared by the FLAGGED event and the sweeping job, so the desk head hears once per count."""
    return f"deskhead:{complaint.pk}:{complaint.reassign_count}"


def on_event_recorded(sender, event, **kwargs) -> None:
    c = event.complaint
    verb = event.verb
    by_applicant = event.actor_id is not None and event.actor_id == c.applicant_id
    key = APPLICANT_NOTICES.get(verb)
    # The applicant is not told about what they did themselves (withdrawing, closing on their answer).
    if key and event.is_public and not by_applicant:
        ctx = complaint_context(c, event)
        queue_applicant_notice(c, key, group_key=f"evt:{event.pk}:{key}", event=event, context=ctx)
        if verb == V.ANSWERED:
            _notify_merged_duplicates(c, event, ctx)
    if event.is_public and is_result_for_supporters(event):
        _notify_supporters(c, event)

    if verb in (V.ASSIGNED, V.REASSIGNED):
        queue_staff_alert(
            c,
            NoticeKey.STAFF_ASSIGNED,
            [u for u in department_staff(c.department) if u.pk != event.actor_id],
            group_key=f"evt:{event.pk}:staff",
            context=complaint_context(c, event),
        )
    elif verb == V.HANDLER_ASSIGNED and c.handler_id and c.handler_id != event.actor_id:
        queue_staff_alert(
            c,
            NoticeKey.STAFF_HANDLER,
            [c.handler],
            group_key=f"evt:{event.pk}:staff",
            context=complaint_context(c),
        )
    elif verb == V.REOPENED:
        queue_staff_alert(
            c,
            NoticeKey.STAFF_REOPENED,
            handler_or_department(c),
            group_key=f"evt:{event.pk}:staff",
            context=complaint_context(c, event),
        )
    elif verb == V.FLAGGED:
        queue_staff_alert(c, NoticeKey.STAFF_DESK_HEAD, desk_heads(), group_key=desk_head_group(c))

    queue_webhooks(event)


def _notify_merged_duplicates(c, event, ctx: dict[str, str]) -> None:
    """병합된 민원의 민원인도 결과를 받는다: same answer, their own tracking number."""
    for dup in Complaint.objects.filter(duplicate_of=c).select_related("applicant"):
        dup_ctx = {
            **ctx,
            "tracking_no": dup.tracking_no,
            "applicant_name": dup.applicant_name,
            "into": c.tracking_no,
        }
        queue_applicant_notice(
            dup,
            NoticeKey.ANSWERED,
            group_key=f"evt:{event.pk}:answered:dup{dup.pk}",
            event=event,
            context=dup_ctx,
        )


def _notify_supporters(c, event) -> None:
    """공감한 시민도 결과를 받는다: those of this 민원 and, on an answer, of the 민원 merged into it.

    One notice per person and event: someone who joined two of them, or who is an applicant (and
    hears through the applicant's notice), is not told twice.
    """
    complaints = [c]
    if event.verb == V.ANSWERED:
        complaints += list(Complaint.objects.filter(duplicate_of=c).select_related("applicant"))
    told = {address for x in complaints for _channel, address in applicant_channels(x)}
    ctx = complaint_context(c, event)
    for x in complaints:
        for supporter in hooks.supporters_to_notify(x):
            channels = supporter_channels(supporter)
            addresses = {address for _channel, address in channels}
            if not channels or addresses & told:
                continue
            told |= addresses
            queue_supporter_notice(
                c, supporter, channels, group_key=f"evt:{event.pk}:{supporter.key}", event=event, context=ctx
            )
