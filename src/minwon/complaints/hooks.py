"""Stable extension points that the triage module fills in (issue 5).

The web pages call these and render whatever comes back; today they return the simple,
rule-based answers, so the pages work before any learning exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Category, Complaint


@dataclass(frozen=True)
class DepartmentSuggestion:
    department: object
    confidence: float
    source: str  # "category_default" now; "model:<version>" once routing learns


@dataclass(frozen=True)
class SimilarComplaint:
    complaint: Complaint
    score: float
    distance_m: float | None


def suggest_departments(complaint: Complaint, *, limit: int = 3) -> list[DepartmentSuggestion]:
    """Top departments for routing a 민원, best first, with confidence (0–1).

    Cold start: the category's default ("category_default"); once the city's own decisions have
    trained a model, "model:<version>" (minwon.triage.routing). Each suggestion is logged with the
    model version the first time the desk sees it.
    """
    from minwon.triage.routing import suggest_for_desk

    return [
        DepartmentSuggestion(s.department, s.confidence, s.source)
        for s in suggest_for_desk(complaint, limit=limit)
    ]


def similar_open_complaints(
    *,
    title: str,
    body: str = "",
    category: Category | None = None,
    lat: float | None = None,
    lng: float | None = None,
    limit: int = 5,
) -> list[SimilarComplaint]:
    """Open public 민원 that look like this one, to show before the citizen submits.

    Text similarity on Korean morphemes decides; the place (h3 cells within the admin's radius,
    haversine distance) and the time window narrow and rank (minwon.triage.similar). Only public
    민원 are returned: the citizen may see and join (공감) them.
    """
    from minwon.triage.similar import similar_open

    if not (title or "").strip() and not (body or "").strip():
        return []
    return [
        SimilarComplaint(f.complaint, f.score, f.distance_m)
        for f in similar_open(title=title, body=body, category=category, lat=lat, lng=lng, limit=limit)
    ]


def assess_repeated(complaint: Complaint, *, evidence_ids=None):
    """법 제23조: may this 민원 be closed as 반복민원, with the reasons and the evidence.

    Evidence is the applicant's (same account, phone or e-mail) earlier 민원 of the same content
    and whether each result was notified (minwon.triage.similar.prior_filings); the rule itself is
    pure (minwon.triage.rules). With `evidence_ids` only those earlier 민원 count — the ones the
    desk saw and ticked — and an id that is not such a 민원 is refused with a ComplaintError.
    Returns a `minwon.triage.rules.RepeatedAssessment`.
    """
    from minwon.triage.rules import repeated_complaint_assessment
    from minwon.triage.similar import prior_filings

    from .errors import ComplaintError

    prior = prior_filings(complaint)
    if evidence_ids is not None:
        chosen = {int(i) for i in evidence_ids}
        if chosen - {p.complaint_id for p in prior}:
            raise ComplaintError(
                "반복민원 근거로 고른 민원 중 같은 신청인의 같은 내용 민원이 아닌 것이 있습니다.",
                field="evidence",
            )
        prior = [p for p in prior if p.complaint_id in chosen]
    return repeated_complaint_assessment(kind=complaint.kind, received_at=complaint.received_at, prior=prior)


@dataclass(frozen=True)
class Supporter:
    """Someone who joined a 민원 (공감) and asked to hear its result with the applicant."""

    key: str  # stable per supporter of this 민원, for the outbox's dedupe key
    name: str
    phone: str
    email: str


def supporters_to_notify(complaint: Complaint) -> list[Supporter]:
    """Supporters (공감) of this 민원 who asked for its result, with their contact details."""
    from minwon.triage.services import supporters_to_notify as rows

    found = []
    for s in rows(complaint):
        user = s.user
        found.append(
            Supporter(
                key=f"support{s.pk}",
                name=str(user) if user is not None else "",
                phone=s.phone or (getattr(user, "phone", "") if user is not None else ""),
                email=s.email or (getattr(user, "email", "") if user is not None else ""),
            )
        )
    return found


# --- staff protection (issue 8, minwon.care) --------------------------------------------------
# The care app is optional here: without it nobody is exempted, cautioned or resting.


def _protection():
    from django.apps import apps

    if not apps.is_installed("minwon.care"):
        return None
    from minwon.care import protection

    return protection


def handler_refusal(complaint: Complaint, handler) -> str:
    """Why `handler` may not handle this 민원 (separated from it or its applicant), or ""."""
    protection = _protection()
    return protection.exemption_reason(complaint, handler) if protection else ""


def exempted_handler_ids(complaint: Complaint, user_ids) -> set[int]:
    """Of `user_ids`, those who may not handle this 민원 (the handler picker leaves them out)."""
    protection = _protection()
    return protection.exempted_user_ids(complaint, user_ids) if protection else set()


def staff_cautions(complaint: Complaint) -> list[str]:
    """Caution notes about this 민원's applicant, for staff pages only (never the portal)."""
    protection = _protection()
    return protection.staff_cautions(complaint) if protection else []


def caller_cautions(phone: str) -> list[str]:
    """Caution notes about whoever calls from this number, for the 120 console (staff only)."""
    protection = _protection()
    return protection.phone_cautions(phone) if protection else []


def unavailable_labels(user_ids) -> dict[int, str]:
    """{user id: "휴식 중 (… 까지)"} for employees who must not get new work now."""
    protection = _protection()
    return protection.unavailable_labels(user_ids) if protection else {}
