"""Keep triage in step with the timeline, inside the writing transaction (events.event_recorded)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from minwon.complaints.events import event_recorded
from minwon.complaints.models import Complaint

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


# Fields whose change moves a 민원 on the map (SearchDoc.h3_cell copies h3_cell).
PLACE_FIELDS = frozenset({"lat", "lng", "h3_cell"})


@receiver(post_save, sender=Complaint, dispatch_uid="triage.on_complaint_saved")
def on_complaint_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A location edit (any save that may touch the place) re-copies the cell to the search document.

    At intake the document does not exist yet (the `received` event writes it, cell included).
    Saves that name their fields and leave the place alone cost nothing; a whole-row save costs
    one UPDATE that matches no row unless the cell changed. QuerySet.update() sends no signal:
    code that moves 민원 that way must call `search.track_location` itself.
    """
    if created or (update_fields is not None and PLACE_FIELDS.isdisjoint(update_fields)):
        return
    from .search import track_location

    track_location(instance.pk, instance.h3_cell)
