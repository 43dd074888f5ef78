"""Reads for the care pages and for other apps (the insight/evaluation app reads these).

Every function takes a half-open period [start, end) of aware datetimes and returns plain dicts,
so callers need not know the models. Satisfaction counts both channels (link and phone).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q

from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint

from . import scoring
from .choices import SampleStatus
from .models import Exemption, Praise, QualitySample, RestGrant, SatisfactionResponse, UnkindReport


def _round(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _satisfaction(group_field: str, start: datetime, end: datetime) -> dict[int, dict]:
    rows = (
        SatisfactionResponse.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(**{f"{group_field}__isnull": True})
        .order_by()
        .values(group_field)
        .annotate(
            n=Count("id"),
            kindness=Avg("kindness"),
            speed=Avg("speed"),
            resolved=Count("id", filter=Q(resolved=True)),
            reopened=Count("id", filter=Q(reopened=True)),
        )
    )
    return {
        r[group_field]: {
            "n": r["n"],
            "kindness": _round(r["kindness"]),
            "speed": _round(r["speed"]),
            "resolved_rate": round(r["resolved"] / r["n"], 3) if r["n"] else None,
            "reopened": r["reopened"],
        }
        for r in rows
    }


def satisfaction_by_department(start: datetime, end: datetime) -> dict[int, dict]:
    """{department id: {n, kindness, speed (1–5 averages), resolved_rate (0–1), reopened}}."""
    return _satisfaction("department", start, end)


def satisfaction_by_employee(start: datetime, end: datetime) -> dict[int, dict]:
    """Same as by department, per handler at answer time."""
    return _satisfaction("handler", start, end)


def praise_counts_by_employee(start: datetime, end: datetime) -> dict[int, int]:
    rows = (
        Praise.objects.filter(created_at__gte=start, created_at__lt=end, employee__isnull=False)
        .order_by()
        .values_list("employee")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def praise_counts_by_department(start: datetime, end: datetime) -> dict[int, int]:
    """Every praise counts for its department (directly named or the employee's department)."""
    rows = (
        Praise.objects.filter(created_at__gte=start, created_at__lt=end, department__isnull=False)
        .order_by()
        .values_list("department")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def quality_by_department_month(start: datetime, end: datetime) -> dict[tuple[object, str], dict]:
    """{(department id, "YYYY-MM"): {n, average (0–100)}}, by the month the answer was given."""
    from django.utils import timezone

    rows = QualitySample.objects.filter(
        status=SampleStatus.REVIEWED, answered_at__gte=start, answered_at__lt=end
    ).values_list("department_id", "answered_at", "total")
    return scoring.rollup(
        (dept, timezone.localtime(at), Decimal(total)) for dept, at, total in rows if total is not None
    )


def exempted_complaint_ids(user, start: datetime, end: datetime) -> set[int]:
    """민원 the employee was separated from at some point in [start, end): exclude them from their
    on-time and quality figures (the employee may not be disadvantaged, issue 8).

    Covers the incident's own 민원 and every 민원 of the same applicant received while the
    exemption ran.
    """
    exemptions = Exemption.objects.filter(employee=user, starts_at__lt=end, ends_at__gt=start)
    ids: set[int] = set()
    for ex in exemptions:
        if ex.complaint_id:
            ids.add(ex.complaint_id)
        who = Q()
        if ex.applicant_id:
            who |= Q(applicant_id=ex.applicant_id)
        if ex.applicant_phone:
            # Stored numbers keep their dashes (intake normalises to 010-1234-5678 style).
            who |= Q(applicant_phone__in=_phone_forms(ex.applicant_phone))
        if who:
            ids.update(
                Complaint.objects.filter(who, received_at__lt=ex.ends_at, received_at__gte=ex.starts_at)
                .filter(handler=user)
                .values_list("pk", flat=True)
            )
    return ids


def _phone_forms(digits: str) -> list[str]:
    forms = {digits}
    if len(digits) == 11:
        forms.add(f"{digits[:3]}-{digits[3:7]}-{digits[7:]}")
    elif len(digits) == 10:
        forms.add(f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
        forms.add(f"{digits[:2]}-{digits[2:6]}-{digits[6:]}")
    return sorted(forms)


def rest_intervals(user, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The employee's rest time within [start, end), clipped, merged where they overlap."""
    rows = RestGrant.objects.filter(employee=user, starts_at__lt=end, ends_at__gt=start).order_by("starts_at")
    merged: list[tuple[datetime, datetime]] = []
    for r in rows:
        s, e = max(r.starts_at, start), min(r.ends_at, end)
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def phone_survey_candidates(start: datetime, end: datetime, *, size: int, seed: str) -> list[Complaint]:
    """전화 조사 대상: answered 민원 of the period with a phone and no phone survey yet, sampled."""
    ids = (
        Complaint.objects.filter(
            answered_at__gte=start,
            answered_at__lt=end,
            status__in=(Status.ANSWERED, Status.CLOSED),
        )
        .exclude(applicant_phone="")
        .exclude(satisfaction_responses__channel="phone")
        .values_list("pk", flat=True)
    )
    chosen = scoring.pick_sample(ids, size, seed)
    return list(
        Complaint.objects.filter(pk__in=chosen)
        .select_related("department", "handler")
        .order_by("answered_at")
    )


# --- praise and unkindness reports that arrived as 민원 -----------------------------------------


def forward_kind(complaint: Complaint) -> str:
    """ "praise", "unkind" or "" from the 민원's category (settings name the category codes)."""
    from django.conf import settings

    code = complaint.category.code if complaint.category_id else ""
    if code in settings.MINWON_CARE_PRAISE_CATEGORIES:
        return "praise"
    if code in settings.MINWON_CARE_UNKIND_CATEGORIES:
        return "unkind"
    return ""


def complaints_to_forward(limit: int = 100) -> list[tuple[str, Complaint]]:
    """칭찬 / 불친절 민원 from any channel not yet turned into a praise or a report, newest first."""
    from django.conf import settings

    live = Complaint.objects.exclude(status__in=(Status.MERGED, Status.WITHDRAWN)).select_related(
        "category", "department"
    )
    praise = live.filter(category__code__in=settings.MINWON_CARE_PRAISE_CATEGORIES).exclude(
        pk__in=Praise.objects.filter(complaint__isnull=False).values("complaint_id")
    )
    unkind = live.filter(category__code__in=settings.MINWON_CARE_UNKIND_CATEGORIES).exclude(
        pk__in=UnkindReport.objects.filter(complaint__isnull=False).values("complaint_id")
    )
    rows = [("praise", c) for c in praise.order_by("-received_at")[:limit]]
    rows += [("unkind", c) for c in unkind.order_by("-received_at")[:limit]]
    rows.sort(key=lambda r: r[1].received_at, reverse=True)
    return rows[:limit]


def suggest_employee(complaint: Complaint, people) -> Any | None:
    """The one employee whose name the 민원 mentions (the "직원 이름" answer first), else None."""
    answer = str((complaint.extra_answers or {}).get("employee", ""))
    for text in (answer, f"{complaint.title}\n{complaint.body}"):
        if not text.strip():
            continue
        found = [p for p in people if p.display_name and len(p.display_name) >= 2 and p.display_name in text]
        if len(found) == 1:
            return found[0]
    return None


def suggest_department(complaint: Complaint) -> Any | None:
    """The one department the "직원 이름 또는 부서" answer names (e.g. "도로과 담당자"), else None."""
    from minwon.org.models import Department

    answer = str((complaint.extra_answers or {}).get("employee", ""))
    if not answer.strip():
        return None
    found = [d for d in Department.objects.active() if d.name and d.name in answer]
    return found[0] if len(found) == 1 else None
