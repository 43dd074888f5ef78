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
    """Top departments for routing a 민원, best first. Cold start: the category's default."""
    dept = complaint.category.routing_department()
    return [DepartmentSuggestion(dept, 1.0, "category_default")] if dept else []


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

    Returns nothing until the triage module supplies text similarity (issue 5): a list of
    merely nearby 민원 would train citizens to ignore the box.
    """
    return []
