"""Writing the timeline. Every service calls `record` inside its transaction."""

from __future__ import annotations

import logging
from typing import Any

import django.dispatch
from django.db import connection, models, transaction
from django.utils import timezone

from minwon.accounts.models import Role

from .models import Complaint, ComplaintEvent, PendingDispatch

log = logging.getLogger(__name__)

# Sent inside the writing transaction, after the event row exists. Receivers (the outbox) write
# their own rows in the same transaction, so a rolled-back action leaves nothing to send.
# With `defer=True` it is sent later by `minwon worker` (dispatch_pending), in the transaction
# that deletes the PendingDispatch row: still exactly once, still all-or-nothing.
event_recorded = django.dispatch.Signal()
# A deferred event whose receivers failed this often is left for a person (admin, logs).
MAX_DISPATCH_ATTEMPTS = 5

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
    defer: bool = False,
) -> ComplaintEvent:
    event = new_event(
        complaint,
        verb,
        actor=actor,
        public=public,
        status_before=status_before,
        note=note,
        data=data,
        at=at,
    )
    return record_all([event], defer=defer)[0]


def new_event(
    complaint: Complaint,
    verb: str,
    *,
    actor,
    public: bool,
    status_before: str = "",
    status_after: str | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    at=None,
) -> ComplaintEvent:
    """An unsaved event; `record_all` writes it. `status_after` defaults to the complaint's status."""
    return ComplaintEvent(
        complaint=complaint,
        at=at or timezone.now(),
        actor=actor,
        actor_role=acting_role(actor, complaint),
        verb=verb,
        is_public=public,
        status_before=status_before,
        status_after=complaint.status if status_after is None else status_after,
        data=data or {},
        note=note,
    )


def record_all(events: list[ComplaintEvent], *, defer: bool = False) -> list[ComplaintEvent]:
    """Write the events of one action in one INSERT, then run or queue their receivers in order."""
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        ComplaintEvent.objects.bulk_create(events)  # returns the ids (PostgreSQL, SQLite ≥ 3.35)
    if defer:
        PendingDispatch.objects.bulk_create([PendingDispatch(event=e) for e in events])
    else:
        for event in events:
            event_recorded.send(sender=ComplaintEvent, event=event)
    return events


def dispatch_pending(*, batch: int = 100, max_batches: int = 20) -> int:
    """Worker job: run the receivers of deferred events, oldest first; returns how many were done.

    Each batch is claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers share
    the queue without doing an event twice. Each event runs in its own savepoint together with the
    deletion of its PendingDispatch row: a failure rolls back only that event's work, which is
    retried on the next loop (up to MAX_DISPATCH_ATTEMPTS, then left for a person).
    """
    done = 0
    for _ in range(max_batches):
        with transaction.atomic():
            qs = PendingDispatch.objects.filter(attempts__lt=MAX_DISPATCH_ATTEMPTS).order_by("event_id")
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            ids = list(qs.values_list("event_id", flat=True)[:batch])
            if not ids:
                return done
            events = ComplaintEvent.objects.filter(pk__in=ids).select_related("complaint").order_by("pk")
            failed: dict[int, str] = {}
            for event in events:
                try:
                    with transaction.atomic():
                        event_recorded.send(sender=ComplaintEvent, event=event)
                        PendingDispatch.objects.filter(event_id=event.pk).delete()
                except Exception as exc:  # one bad event must not hold up the others
                    log.exception("follow-up work for event %s failed", event.pk)
                    failed[event.pk] = repr(exc)[:500]
                else:
                    done += 1
            for pk, error in failed.items():
                PendingDispatch.objects.filter(event_id=pk).update(
                    attempts=models.F("attempts") + 1, last_error=error
                )
        if len(ids) < batch:
            return done
    return done
