"""Reads behind the GeoReport endpoints: which 민원 an Open311 client may see, and their shape.

Only public 민원 are listed, plus those the caller's own `api_key` filed. No applicant data is
ever exposed: the description and notes are masked, the address loses its house number and the
coordinates are rounded to about 10 m.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from minwon.api.models import Submission
from minwon.api.public import mask_text
from minwon.complaints.choices import OPEN_STATUSES, EventVerb, Status
from minwon.complaints.models import Category, Complaint, ComplaintEvent
from minwon.lib.masking import mask_address


def visible(token) -> QuerySet[Complaint]:
    q = Q(visibility="public")
    if token is not None:
        q |= Q(pk__in=Submission.objects.filter(token=token).values("complaint_id"))
    return Complaint.objects.filter(q)


def open_closed(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def status_notes(c: Complaint) -> str:
    label = Status(c.status).label
    if c.answer and not c.is_open:
        return f"{label}: {mask_text(c.answer)[:300]}"
    return label


def request_row(c: Complaint) -> dict:
    return {
        "service_request_id": c.tracking_no,
        "status": open_closed(c.status),
        "status_notes": status_notes(c),
        "service_name": c.category.name,
        "service_code": c.category.code,
        "description": mask_text(c.body)[:2000],
        "agency_responsible": c.department.name if c.department else "",
        "service_notice": "",
        "requested_datetime": c.received_at,
        "updated_datetime": c.updated_at,
        "expected_datetime": c.due_at,
        "address": mask_address(c.address) if c.address else "",
        "address_id": "",
        "zipcode": "",
        "lat": round(c.lat, 4) if c.lat is not None else "",
        "long": round(c.lng, 4) if c.lng is not None else "",
        "media_url": "",
    }


def service_row(cat: Category) -> dict:
    return {
        "service_code": cat.code,
        "service_name": cat.name,
        "description": cat.notice or cat.name,
        "metadata": bool(cat.extra_questions),
        "type": "realtime",
        "keywords": cat.keywords,
        "group": cat.parent.name if cat.parent else "",
    }


def definition(cat: Category) -> dict:
    attrs = []
    for order, q in enumerate(cat.extra_questions or [], start=1):
        choices = q.get("choices") or []
        attrs.append(
            {
                "variable": True,
                "code": q.get("key"),
                "datatype": "singlevaluelist" if choices else "string",
                "required": bool(q.get("required")),
                "datatype_description": q.get("placeholder") or q.get("help") or "",
                "order": order,
                "description": q.get("label") or q.get("key"),
                "values": [{"key": str(v), "name": str(v)} for v in choices],
            }
        )
    return {"service_code": cat.code, "attributes": attrs}


def update_row(e: ComplaintEvent) -> dict:
    c = e.complaint
    label = EventVerb(e.verb).label if e.verb in EventVerb.values else e.verb
    note = mask_text(e.note)[:500] if e.note else ""
    return {
        "update_id": str(e.pk),
        "service_request_id": c.tracking_no,
        "status": open_closed(e.status_after or c.status),
        "updated_datetime": e.at,
        "description": f"{label}: {note}" if note else label,
        "media_url": "",
    }
