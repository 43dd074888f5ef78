"""Every write of the notify app: queueing notices, fallbacks, the print queue, alert inboxes.

Queueing happens inside the caller's transaction (the transactional outbox): the rows commit
with the action or not at all. Inserts use `ignore_conflicts` on the UNIQUE dedupe key, so the
same notice queued twice — a job run twice, two workers racing — leaves one row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from minwon.accounts.models import Role
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import EventVerb
from minwon.complaints.events import record

from .choices import DELIVERED_STATUSES, Audience, Channel, MessageStatus, NoticeKey
from .context import complaint_context, render_notice, render_text, wording
from .models import Message, StaffAlert, WebhookEndpoint
from .recipients import applicant_channels

log = logging.getLogger(__name__)


def notice_language(complaint) -> str:
    """The language of notices to this applicant (Korean until complaints record a preference)."""
    return getattr(complaint, "language", "") or settings.LANGUAGE_CODE


def _build_applicant_message(
    complaint,
    key: str,
    channel: str,
    recipient: str,
    *,
    group_key: str,
    context,
    event,
    language,
    fallback_of,
) -> Message:
    subject, body, code = render_notice(key, language, channel, context)
    ctx = dict(context)
    if code:
        ctx["_alimtalk_template_code"] = code
    return Message(
        complaint=complaint,
        event=event,
        audience=Audience.APPLICANT,
        template_key=key,
        channel=channel,
        language=language,
        recipient=recipient,
        recipient_name=context.get("applicant_name", ""),
        subject=subject[:200],
        body=body,
        context=ctx,
        group_key=group_key,
        dedupe_key=f"{group_key}:{channel}",
        fallback_of=fallback_of,
    )


def queue_applicant_notice(
    complaint,
    key: str,
    *,
    group_key: str,
    event=None,
    context: dict[str, str] | None = None,
) -> Message | None:
    """Queue notice `key` on the applicant's first reachable channel. None if they cannot be reached.

    Call inside the transaction of the action that caused it. Later channels are tried only if
    this one finally fails (`queue_fallback`).
    """
    channels = applicant_channels(complaint)
    if not channels:
        log.info("notice %s for %s: applicant has no contact; nothing queued", key, complaint.tracking_no)
        return None
    channel, recipient = channels[0]
    ctx = context or complaint_context(complaint, event)
    msg = _build_applicant_message(
        complaint,
        key,
        channel,
        recipient,
        group_key=group_key,
        context=ctx,
        event=event,
        language=notice_language(complaint),
        fallback_of=None,
    )
    Message.objects.bulk_create([msg], ignore_conflicts=True)
    return msg


# A supporter's message keeps its own channels in its context, so that a fallback goes to the
# supporter's next channel, never to the applicant's.
CHANNELS_KEY = "_channels"


def queue_supporter_notice(
    complaint,
    supporter,
    channels: list[tuple[str, str]],
    *,
    group_key: str,
    event=None,
    context: dict[str, str],
) -> Message | None:
    """Queue the result of `complaint` for a 공감 supporter (`hooks.Supporter`) on their first channel.

    The context loses what belongs to the applicant: their name and the one-click survey link.
    A private 민원's answer is not quoted (only staff could have joined it; the status is enough).
    """
    if not channels:
        return None
    channel, recipient = channels[0]
    ctx = {k: v for k, v in context.items() if k not in ("applicant_name", "satisfaction_url")}
    ctx.update(
        applicant_name=supporter.name,
        supporter_name=supporter.name,
        **{CHANNELS_KEY: json.dumps(channels, ensure_ascii=False)},
    )
    if not complaint.is_public:
        ctx["answer"] = ""
    msg = _build_applicant_message(
        complaint,
        NoticeKey.SUPPORTER_RESULT,
        channel,
        recipient,
        group_key=group_key,
        context=ctx,
        event=event,
        language=settings.LANGUAGE_CODE,
        fallback_of=None,
    )
    Message.objects.bulk_create([msg], ignore_conflicts=True)
    return msg


def queue_fallback(failed: Message) -> Message | None:
    """After a final failure, queue the same notice on the next channel the applicant allowed.

    Channels already tried for this notice are skipped, so the chain always ends (알림톡 → SMS →
    e-mail → letter → nothing). Staff and integration messages have no fallback: staff also have
    the in-app alert, integrations their own retry.
    """
    if failed.audience != Audience.APPLICANT or failed.complaint_id is None:
        return None
    complaint = failed.complaint
    tried = set(Message.objects.filter(group_key=failed.group_key).values_list("channel", flat=True))
    own = failed.context.get(CHANNELS_KEY)
    channels = [tuple(x) for x in json.loads(own)] if own else applicant_channels(complaint)
    for channel, recipient in channels:
        if channel in tried:
            continue
        msg = _build_applicant_message(
            complaint,
            failed.template_key,
            channel,
            recipient,
            group_key=failed.group_key,
            context=failed.context,
            event=failed.event,
            language=failed.language,
            fallback_of=failed,
        )
        Message.objects.bulk_create([msg], ignore_conflicts=True)
        return msg
    return None


def queue_staff_alert(
    complaint,
    key: str,
    users: Iterable,
    *,
    group_key: str,
    context: dict[str, str] | None = None,
    email: bool | None = None,
) -> int:
    """An inbox alert for each user, plus an e-mail to those with an address (if enabled).

    Returns the number of users addressed. Idempotent per (group_key, user).
    """
    users = [u for u in users if u is not None]
    if not users:
        return 0
    ctx = context or complaint_context(complaint)
    language = settings.LANGUAGE_CODE
    subject_src, _short, body_src, _code = wording(key, language)
    subject, body = render_text(subject_src, ctx)[:200], render_text(body_src, ctx)
    send_email = settings.MINWON_STAFF_ALERT_EMAIL if email is None else email
    alerts, mails = [], []
    for user in users:
        alerts.append(
            StaffAlert(
                recipient=user,
                complaint=complaint,
                kind=key,
                title=subject,
                body=body,
                group_key=group_key,
                dedupe_key=f"{group_key}:u{user.pk}",
            )
        )
        if send_email and user.email:
            mails.append(
                Message(
                    complaint=complaint,
                    audience=Audience.STAFF,
                    template_key=key,
                    channel=Channel.EMAIL,
                    language=language,
                    recipient=user.email,
                    recipient_name=str(user),
                    recipient_user=user,
                    subject=f"[{settings.MINWON_CITY_NAME} 민원] {subject}"[:200],
                    body=body,
                    context=ctx,
                    group_key=f"{group_key}:u{user.pk}",
                    dedupe_key=f"{group_key}:u{user.pk}:email",
                )
            )
    StaffAlert.objects.bulk_create(alerts, ignore_conflicts=True)
    if mails:
        Message.objects.bulk_create(mails, ignore_conflicts=True)
    return len(users)


def webhook_payload(event) -> dict[str, Any]:
    """What integrations receive: the event and the complaint's public facts, no personal data."""
    c = event.complaint
    return {
        "event": {
            "id": event.pk,
            "verb": event.verb,
            "at": timezone.localtime(event.at).isoformat(),
            "public": event.is_public,
            "status_before": event.status_before,
            "status_after": event.status_after,
        },
        "complaint": {
            "id": c.pk,
            "tracking_no": c.tracking_no,
            "kind": c.kind,
            "category": c.category.code if c.category_id else "",
            "channel": c.channel,
            "status": c.status,
            "department": c.department.code if c.department_id else "",
            "due_at": timezone.localtime(c.due_at).isoformat() if c.due_at else None,
        },
    }


def queue_webhooks(event) -> int:
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(is_active=True) if e.wants(event.verb, event.is_public)
    ]
    if not endpoints:
        return 0
    body = json.dumps(webhook_payload(event), ensure_ascii=False, sort_keys=True)
    rows = [
        Message(
            complaint=event.complaint,
            event=event,
            audience=Audience.INTEGRATION,
            template_key="",
            channel=Channel.WEBHOOK,
            recipient=ep.url,
            recipient_name=ep.name,
            webhook=ep,
            subject=f"{event.verb} {event.complaint.tracking_no}"[:200],
            body=body,
            group_key=f"evt:{event.pk}:webhook:{ep.pk}",
            dedupe_key=f"evt:{event.pk}:webhook:{ep.pk}",
        )
        for ep in endpoints
    ]
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# --- desk and admin actions on messages ---------------------------------------------------------


def _require_desk(actor) -> None:
    if actor is None or not actor.has_role(Role.DESK, Role.ADMIN):
        raise AccessDenied("우편 발송과 메시지 관리는 민원팀 또는 관리자만 할 수 있습니다.")


def _record_letter_events(actor, letters: list[Message], verb: str, *, public: bool, **data) -> None:
    """One timeline event per complaint whose letters changed hands (the audit trail of the post).

    The event says which messages and, once posted, the registered-mail number, so a citizen who
    says "no letter came" and the auditor reading the timeline see the same facts.
    """
    by_complaint: dict[Any, list[Message]] = {}
    for letter in letters:
        if letter.complaint is not None:
            by_complaint.setdefault(letter.complaint, []).append(letter)
    for complaint, rows in by_complaint.items():
        record(
            complaint,
            verb,
            actor=actor,
            public=public,
            data={"messages": [m.pk for m in rows], **data},
        )


@transaction.atomic
def mark_printed(actor, message_ids: Iterable[int]) -> int:
    """The desk printed these letters; they now wait to be posted."""
    _require_desk(actor)
    letters = list(
        # of=("self",): PostgreSQL refuses to lock the nullable side of the outer join to complaint.
        Message.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .filter(pk__in=list(message_ids), channel=Channel.LETTER, status=MessageStatus.PRINT_QUEUED)
    )
    Message.objects.filter(pk__in=[m.pk for m in letters]).update(
        status=MessageStatus.PRINTED, printed_at=timezone.now(), printed_by=actor
    )
    _record_letter_events(actor, letters, EventVerb.LETTER_PRINTED, public=False)
    return len(letters)


@transaction.atomic
def mark_dispatched(actor, message_ids: Iterable[int], *, postal_ref: str = "") -> int:
    """The letters went into the post (or to the e-그린우편 service): the notice is sent."""
    _require_desk(actor)
    now = timezone.now()
    ref = postal_ref.strip()[:40]
    letters = list(
        # of=("self",): PostgreSQL refuses to lock the nullable side of the outer join to complaint.
        Message.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .filter(
            pk__in=list(message_ids),
            channel=Channel.LETTER,
            status__in=(MessageStatus.PRINT_QUEUED, MessageStatus.PRINTED),
        )
    )
    qs = Message.objects.filter(pk__in=[m.pk for m in letters])
    # A letter posted without a separate print step (e.g. sent as a file to e-그린우편) counts as printed.
    qs.filter(printed_at__isnull=True).update(printed_at=now, printed_by=actor)
    qs.update(status=MessageStatus.SENT, sent_at=now, dispatched_by=actor, postal_ref=ref)
    # Public: the applicant's timeline shows the day the written notice (법 제27조) went out.
    _record_letter_events(actor, letters, EventVerb.LETTER_POSTED, public=True, postal_ref=ref)
    return len(letters)


@transaction.atomic
def cancel_message(actor, message_id: int) -> bool:
    """Stop a message that is not yet out (wrong address, duplicate letter …)."""
    _require_desk(actor)
    return bool(
        Message.objects.filter(
            pk=message_id,
            status__in=(MessageStatus.QUEUED, MessageStatus.PRINT_QUEUED, MessageStatus.PRINTED),
        ).update(status=MessageStatus.CANCELLED, lease_owner="", lease_until=None)
    )


@transaction.atomic
def retry_message(actor, message_id: int) -> bool:
    """Send a finally failed message once more (e.g. after the provider's outage ended)."""
    _require_desk(actor)
    return bool(
        Message.objects.filter(pk=message_id, status=MessageStatus.FAILED).update(
            status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), failed_at=None
        )
    )


def mark_alert_read(user, alert_id: int) -> bool:
    return bool(
        StaffAlert.objects.filter(pk=alert_id, recipient=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def mark_all_alerts_read(user) -> int:
    return StaffAlert.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notice_outcome(messages: Iterable[Message]) -> str:
    """One notice's overall state across its fallbacks: delivered, pending, or failed."""
    statuses = {m.status for m in messages}
    if statuses & set(DELIVERED_STATUSES):
        return "delivered"
    if statuses & {MessageStatus.QUEUED, MessageStatus.SENDING}:
        return "pending"
    if statuses == {MessageStatus.CANCELLED}:
        return "cancelled"
    return "failed"
