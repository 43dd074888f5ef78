"""Reads for the web pages: a complaint's notices, the print queue, an employee's inbox."""

from __future__ import annotations

from dataclasses import dataclass, field

from .choices import Audience, NoticeKey
from .models import Message, StaffAlert
from .services import notice_outcome


@dataclass
class NoticeRow:
    """One notice to the applicant with all its channel tries (the complaint page's "통지 내역")."""

    group_key: str
    key: str
    label: str
    created_at: object
    outcome: str  # delivered | pending | failed | cancelled
    messages: list[Message] = field(default_factory=list)

    @property
    def final(self) -> Message:
        return self.messages[-1]

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"


def applicant_notices(complaint) -> list[NoticeRow]:
    """The applicant's notices about `complaint`, oldest first, fallbacks folded into their notice."""
    rows: dict[str, NoticeRow] = {}
    messages = (
        Message.objects.filter(complaint=complaint, audience=Audience.APPLICANT)
        .prefetch_related("delivery_attempts")
        .order_by("created_at", "pk")
    )
    for m in messages:
        row = rows.get(m.group_key)
        if row is None:
            label = NoticeKey(m.template_key).label if m.template_key in NoticeKey.values else m.template_key
            row = rows[m.group_key] = NoticeRow(m.group_key, m.template_key, label, m.created_at, "")
        row.messages.append(m)
    for row in rows.values():
        row.outcome = notice_outcome(row.messages)
    return list(rows.values())


def failed_notices(complaint) -> list[NoticeRow]:
    """Notices no channel could deliver: the complaint page shows these as a warning."""
    return [row for row in applicant_notices(complaint) if row.failed]


def print_queue():
    return Message.objects.print_queue()


def inbox(user, *, unread_only: bool = False):
    qs = StaffAlert.objects.for_user(user).select_related("complaint")
    return qs.unread() if unread_only else qs


def unread_count(user) -> int:
    return StaffAlert.objects.filter(recipient=user, read_at__isnull=True).count()
