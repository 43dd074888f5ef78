"""How a citizen reaches their own 민원 on the portal (STYLE §3: fetch-and-authorize in one place).

Two ways in: the logged-in applicant (through `complaints.access.get_complaint_for`), or anyone
holding a session-scoped grant, given after filing without an account or after a successful
tracking look-up (tracking number + the phone or e-mail used). Staff read 민원 on their own pages;
here everyone else gets 404, so a page never discloses that a number exists.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from minwon.complaints.access import get_complaint_for, is_applicant
from minwon.complaints.models import Complaint

from .models import TrackFailure

SESSION_KEY = "minwon_complaint_grants"
MAX_GRANTS = 20


def grant(request, complaint: Complaint) -> None:
    """Let this browser session see and act on `complaint` as its applicant."""
    grants = [pk for pk in request.session.get(SESSION_KEY, []) if pk != complaint.pk]
    request.session[SESSION_KEY] = [complaint.pk, *grants][:MAX_GRANTS]


def has_grant(request, pk: int) -> bool:
    return pk in request.session.get(SESSION_KEY, [])


def citizen_complaint(request, pk: int) -> Complaint:
    """The 민원 if this visitor is its applicant (account or session grant), else 404."""
    if has_grant(request, pk):
        try:
            return Complaint.objects.select_related("category", "department", "handler").get(pk=pk)
        except Complaint.DoesNotExist:
            raise Http404("민원을 찾을 수 없습니다.") from None
    if request.user.is_authenticated:
        complaint = get_complaint_for(request.user, pk)
        if is_applicant(request.user, complaint):
            return complaint
    raise Http404("민원을 찾을 수 없습니다.")


def acting_user(request, complaint: Complaint):
    """Who to pass to a service: the applicant's account, or None for a session-grant holder.

    A visitor who proved the tracking number and contact acts as the applicant but has no account;
    the services take None as "no staff actor" and the event is recorded without a user.
    """
    if is_applicant(request.user, complaint):
        return request.user
    return None


# --- tracking without an account -----------------------------------------------------------------

_TRACKING_RE = re.compile(r"^(\d{4})-?(\d{7})$")


def normalise_tracking_no(raw: str) -> str:
    raw = re.sub(r"\s", "", raw or "")
    m = _TRACKING_RE.match(raw)
    return f"{m.group(1)}-{m.group(2)}" if m else raw[:20]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def contact_matches(complaint: Complaint, contact: str) -> bool:
    contact = (contact or "").strip()
    if not contact:
        return False
    if "@" in contact:
        return bool(complaint.applicant_email) and constant_time_compare(
            contact.lower(), complaint.applicant_email.lower()
        )
    digits = _digits(contact)
    return len(digits) >= 9 and constant_time_compare(digits, _digits(complaint.applicant_phone))


def find_by_tracking(tracking_no: str, contact: str) -> Complaint | None:
    """The 민원 with this number whose applicant used this phone or e-mail; None otherwise."""
    complaint = Complaint.objects.filter(tracking_no=normalise_tracking_no(tracking_no)).first()
    if complaint is not None and contact_matches(complaint, contact):
        return complaint
    return None


def _window_start():
    return timezone.now() - timedelta(minutes=settings.MINWON_TRACK_WINDOW_MINUTES)


def tracking_blocked(ip: str | None, tracking_no: str) -> bool:
    since = _window_start()
    recent = TrackFailure.objects.filter(at__gte=since)
    if ip and recent.filter(ip=ip).count() >= settings.MINWON_TRACK_MAX_FAILURES_PER_IP:
        return True
    number = normalise_tracking_no(tracking_no)
    return bool(number) and (
        recent.filter(tracking_no=number).count() >= settings.MINWON_TRACK_MAX_FAILURES_PER_NUMBER
    )


def record_tracking_failure(ip: str | None, tracking_no: str) -> None:
    TrackFailure.objects.create(ip=ip, tracking_no=normalise_tracking_no(tracking_no))
    # Prune what can no longer count; a day's margin keeps the delete cheap and rare rows harmless.
    TrackFailure.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()


def client_ip(request) -> str | None:
    """REMOTE_ADDR: behind a proxy, the proxy must set it (gunicorn --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR") or None
