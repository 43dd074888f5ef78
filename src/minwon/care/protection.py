"""Staff protection rules read by other apps through `minwon.complaints.hooks` (never imported there).

- `exemption_reason`: why an employee may not become the handler of a 민원 (업무 분리);
- `staff_cautions`: the staff-only caution notes for a 민원's applicant;
- `unavailable_labels`: "휴식 중" badges for the head's handler picker and dashboard.

None of these return incident details: the head and colleagues learn only what they must act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from .models import ApplicantCaution, Exemption, RestGrant


def digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def _applicant_q(complaint, prefix: str = "") -> Q | None:
    """Rows about this 민원's applicant: by account, else by the phone number they used."""
    q = Q()
    matched = False
    if complaint.applicant_id:
        q |= Q(**{f"{prefix}applicant_id": complaint.applicant_id})
        matched = True
    phone = digits(complaint.applicant_phone)
    if phone:
        q |= Q(**{f"{prefix}applicant_phone": phone})
        matched = True
    return q if matched else None


def exemption_reason(complaint, handler, now=None) -> str:
    """A Korean refusal if `handler` is separated from this 민원 or its applicant, else ""."""
    if handler is None or complaint is None:
        return ""
    now = now or timezone.now()
    q = Q(complaint_id=complaint.pk)
    applicant_q = _applicant_q(complaint)
    if applicant_q is not None:
        q |= applicant_q
    active = Exemption.objects.filter(employee=handler, starts_at__lte=now, ends_at__gt=now)
    if active.filter(q).exists():
        return f"{handler}님은 직원 보호 조치로 이 민원(또는 이 민원인의 민원)을 맡을 수 없습니다."
    return ""


def exempted_user_ids(complaint, user_ids: Iterable[int], now=None) -> set[int]:
    now = now or timezone.now()
    q = Q(complaint_id=complaint.pk)
    applicant_q = _applicant_q(complaint)
    if applicant_q is not None:
        q |= applicant_q
    rows = Exemption.objects.filter(employee_id__in=list(user_ids), starts_at__lte=now, ends_at__gt=now)
    return set(rows.filter(q).values_list("employee_id", flat=True))


def _active_caution_notes(q: Q, now=None) -> list[str]:
    """The newest three notes of cautions matching `q` that have not ended."""
    rows = ApplicantCaution.objects.filter(q, ends_at__gt=now or timezone.now()).order_by("-created_at")
    return list(rows.values_list("note", flat=True)[:3])


def staff_cautions(complaint, now=None) -> list[str]:
    q = _applicant_q(complaint)
    return _active_caution_notes(q, now) if q is not None else []


def phone_cautions(phone: str, now=None) -> list[str]:
    """Caution notes for a caller's number (the 120 console knows a number, not a 민원)."""
    number = digits(phone)
    return _active_caution_notes(Q(applicant_phone=number), now) if number else []


def unavailable_labels(user_ids: Iterable[int], now=None) -> dict[int, str]:
    """{user id: "휴식 중 (12월 5일 18:00까지)"} for employees resting now."""
    now = now or timezone.now()
    labels: dict[int, str] = {}
    rests = RestGrant.objects.filter(employee_id__in=list(user_ids), starts_at__lte=now, ends_at__gt=now)
    for rest in rests.order_by("ends_at"):
        end = timezone.localtime(rest.ends_at)
        labels[rest.employee_id] = f"휴식 중 ({end.month}월 {end.day}일 {end:%H:%M}까지)"
    return labels
