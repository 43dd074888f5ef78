"""The public face of a 민원 for machines (REST status, Open311): public fields only, masked.

`full` (staff with access, or the token that filed it) adds the title, answer and public notes,
still with phone numbers, e-mails, plates and ID numbers masked inside the text. Contact details
of the applicant never leave through the API.
"""

from __future__ import annotations

from django.utils import timezone

from minwon.complaints.access import can_read_full
from minwon.complaints.choices import OPEN_STATUSES, EventVerb, Status
from minwon.complaints.models import Complaint
from minwon.lib.masking import mask_address
from minwon.triage.snippets import safe_snippet

from .models import Submission

TEXT_LIMIT = 20_000


def local(dt):
    """Datetimes leave the API in Korean time (+09:00), as people there read them."""
    return timezone.localtime(dt) if dt else None


def mask_text(text: str) -> str:
    return safe_snippet(text or "", length=TEXT_LIMIT)


def submitted_by(token, complaint: Complaint) -> bool:
    return token is not None and Submission.objects.filter(token=token, complaint=complaint).exists()


def sees_full(token, complaint: Complaint) -> bool:
    """May this token read the 민원 beyond its public face?"""
    if token is None:
        return False
    if submitted_by(token, complaint):
        return True
    if token.department_id and complaint.department_id != token.department_id:
        return False
    if token.user_id:
        return can_read_full(token.user, complaint)
    return bool(token.department_id)  # a department integration sees its department's 민원


def may_see(token, complaint: Complaint) -> bool:
    return complaint.is_public or sees_full(token, complaint)


def status_view(c: Complaint, *, full: bool) -> dict:
    show_text = full or c.is_public
    events = c.events.filter(is_public=True).order_by("at", "pk")
    return {
        "tracking_no": c.tracking_no,
        "status": c.status,
        "status_label": Status(c.status).label,
        "is_open": c.status in OPEN_STATUSES,
        "category": {"code": c.category.code, "name": c.category.name},
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "channel": c.channel,
        "department": c.department.name if c.department else None,
        "public": c.is_public,
        "title": mask_text(c.title) if show_text else None,
        "address": mask_address(c.address) if show_text and c.address else None,
        "received_at": local(c.received_at),
        "accepted_at": local(c.accepted_at),
        "due_at": local(c.due_at),
        "answered_at": local(c.answered_at),
        "closed_at": local(c.closed_at),
        "answer": mask_text(c.answer) if show_text and c.answer else None,
        "timeline": [
            {
                "at": local(e.at),
                "verb": e.verb,
                "label": EventVerb(e.verb).label if e.verb in EventVerb.values else e.verb,
                "status": e.status_after,
                "note": mask_text(e.note) if show_text and e.note else None,
            }
            for e in events
        ],
    }
