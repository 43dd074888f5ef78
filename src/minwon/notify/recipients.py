"""Who receives a notice: the applicant's channels in order, and the staff behind each alert."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from minwon.accounts.models import Role

from .choices import Channel

# Without a stated preference: the phone first (read within minutes), then e-mail.
DEFAULT_ORDER = (Channel.SMS, Channel.EMAIL)


def applicant_contacts(complaint) -> dict[str, str]:
    """Channel -> address for the applicant, from the complaint, else from their account."""
    c = complaint
    phone, email, postal = c.applicant_phone, c.applicant_email, c.applicant_postal_address
    if c.applicant_id and not (phone and email):
        user = c.applicant
        phone = phone or user.phone
        email = email or user.email
    return {
        Channel.SMS: phone,
        Channel.ALIMTALK: phone,
        Channel.EMAIL: email,
        Channel.LETTER: postal,
    }


def applicant_channels(complaint) -> list[tuple[str, str]]:
    """The applicant's reachable channels, most preferred first, letter last as the written default.

    The order is the citizen's own (`notify_channels`); a channel without an address is skipped.
    A letter is appended when there is a postal address, even if not chosen: 법 제27조 makes the
    written notice the default, so it is the fallback when every digital channel failed.
    """
    contacts = applicant_contacts(complaint)
    order = [ch for ch in (complaint.notify_channels or []) if ch in contacts] or list(DEFAULT_ORDER)
    if Channel.LETTER not in order:
        order.append(Channel.LETTER)
    seen: set[str] = set()
    result = []
    for ch in order:
        if contacts.get(ch) and ch not in seen:
            seen.add(ch)
            result.append((str(ch), contacts[ch]))
    return result


def supporter_channels(supporter) -> list[tuple[str, str]]:
    """A 공감 supporter's channels: the phone first, then e-mail (they chose no order, no post)."""
    contacts = {Channel.SMS: supporter.phone, Channel.EMAIL: supporter.email}
    return [(str(ch), contacts[ch]) for ch in DEFAULT_ORDER if contacts.get(ch)]


def _active_users():
    return get_user_model().objects.filter(is_active=True)


def department_staff(department) -> list:
    """Officers and heads working in `department` now."""
    if department is None:
        return []
    return list(
        _active_users()
        .filter(
            memberships__department=department,
            memberships__ended_at__isnull=True,
            role_grants__role__in=(Role.OFFICER, Role.HEAD),
        )
        .distinct()
        .order_by("pk")
    )


def department_heads(department) -> list:
    if department is None:
        return []
    return list(
        _active_users()
        .filter(
            memberships__department=department, memberships__ended_at__isnull=True, memberships__is_head=True
        )
        .distinct()
        .order_by("pk")
    )


def desk_clerks() -> list:
    return list(_active_users().filter(role_grants__role=Role.DESK).distinct().order_by("pk"))


def desk_heads() -> list:
    """Heads of the desk departments (민원팀장); every desk clerk if no head is recorded."""
    heads = list(
        _active_users()
        .filter(
            memberships__department__is_desk=True,
            memberships__ended_at__isnull=True,
            memberships__is_head=True,
        )
        .distinct()
        .order_by("pk")
    )
    return heads or desk_clerks()


def handler_or_department(complaint) -> list:
    if complaint.handler_id:
        return [complaint.handler]
    return department_staff(complaint.department) or desk_clerks()
