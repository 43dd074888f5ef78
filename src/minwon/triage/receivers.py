"""Keep triage in step with the timeline, inside the writing transaction (events.event_recorded)."""

from __future__ import annotations

from django.dispatch import receiver

from minwon.complaints.events import event_recorded

# Verbs after which the text of a 민원 may differ from what is indexed.
TEXT_VERBS = frozenset({"received", "supplement_received", "edited"})


@receiver(event_recorded, dispatch_uid="triage.on_event")
def on_event(sender, event, **kwargs) -> None:
    if event.verb not in TEXT_VERBS:  # index_complaint sets is_open itself
        from .search import track_open

        track_open(event.complaint_id, event.status_before, event.status_after)
    if event.verb in TEXT_VERBS:
        from .search import index_complaint

        index_complaint(event.complaint)
    elif event.verb == "accepted":
        from .routing import on_accepted

        on_accepted(event)
