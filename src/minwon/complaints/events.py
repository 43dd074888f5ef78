"""Writing the timeline. Every service calls `record` inside its transaction."""

from __future__ import annotations

from typing import Any

import django.dispatch
from django.utils import timezone

from minwon.accounts.models import Role

from .models import Complaint, ComplaintEvent

# Sent inside the writing transaction, after the event row exists. Receivers (the outbox) write
# their own rows in the same transaction, so a rolled-back action leaves nothing to send.
event_recorded = django.dispatch.Signal()

# The role an actor acted in, most specific first, for the audit trail and statistics.
_ROLE_ORDER = (
    Role.ADMIN,
    Role.DESK,
    Role.HEAD,
    Role.OFFICER,
    Role.AGENT,
    Role.CARE,
    Role.STAFF,
    Role.CITIZEN,
)


def acting_role(actor, complaint: Complaint) -> str:
    if actor is None:
        return "system"
    if complaint.applicant_id == actor.pk:
        return Role.CITIZEN
    for role in _ROLE_ORDER:
        if actor.has_role(role):
            return role
    return ""


def record(
    complaint: Complaint,
    verb: str,
    *,
    actor,
    public: bool,
    status_before: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at=None,
) -> ComplaintEvent:
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        at=at or timezone.now(),
        actor=actor,
        actor_role=acting_role(actor, complaint),
        verb=verb,
        is_public=public,
        status_before=status_before,
        status_after=complaint.status,
        data=data or {},
        note=note,
    )
    event_recorded.send(sender=ComplaintEvent, event=event)
    return event
