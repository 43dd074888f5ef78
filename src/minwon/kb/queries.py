"""Reads of the knowledge base pages."""

from __future__ import annotations

from django.db.models import QuerySet

from minwon.accounts.models import Role
from minwon.org.models import Department

from .models import Article, Suggestion, SuggestionStatus


def owned_departments(user) -> QuerySet[Department]:
    """Departments whose articles `user` maintains (every active one for the admin)."""
    qs = Department.objects.active().order_by("name")
    if user.has_role(Role.ADMIN):
        return qs
    return qs.filter(pk__in=user.department_ids)


def _owned(qs, user):
    return qs if user.has_role(Role.ADMIN) else qs.filter(**{_dept_field(qs): user.department_ids})


def _dept_field(qs) -> str:
    return "department__in" if qs.model is Article else "article__department__in"


def pending_suggestions(user) -> QuerySet[Suggestion]:
    qs = Suggestion.objects.filter(status=SuggestionStatus.PENDING).select_related("article", "suggested_by")
    return _owned(qs, user).order_by("at")


def stale_for(user) -> QuerySet[Article]:
    return _owned(Article.objects.stale().select_related("department"), user).order_by("review_by")
