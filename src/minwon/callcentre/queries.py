"""Reads for the console: who is calling, what they filed before, what this agent did today."""

from __future__ import annotations

from django.db.models import Q

from minwon.complaints.models import Complaint

from .models import Call


def earlier_complaints(phone: str, *, limit: int = 20):
    """The caller's earlier 민원: filed with this number, or by an account with this number."""
    if not phone:
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(Q(applicant_phone=phone) | Q(applicant__phone=phone))
        .select_related("category", "department")
        .order_by("-received_at")[:limit]
    )


def earlier_calls(phone: str, *, limit: int = 10):
    if not phone:
        return Call.objects.none()
    return Call.objects.filter(caller_phone=phone).select_related("topic", "agent", "complaint")[:limit]


def recent_calls_of(agent, *, limit: int = 10):
    return Call.objects.filter(agent=agent).select_related("topic", "complaint")[:limit]
