"""Who may read, edit and decide on 상담자료 (fetch-and-authorize helpers, STYLE §3)."""

from __future__ import annotations

from django.http import Http404

from minwon.accounts.models import Role
from minwon.complaints.access import AccessDenied

from .models import Article, Suggestion

PROMOTE_ROLES = (Role.CARE, Role.HEAD, Role.DESK, Role.ADMIN)


def can_read(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff_member)


def owns(user, department_id: int | None) -> bool:
    """The owner department's members (and the admin) maintain its articles."""
    if not can_read(user):
        return False
    return user.has_role(Role.ADMIN) or (department_id is not None and department_id in user.department_ids)


def can_edit(user, article: Article) -> bool:
    return owns(user, article.department_id)


def check_edit(user, article: Article) -> None:
    if not can_edit(user, article):
        raise AccessDenied("이 상담자료는 담당 부서만 고칠 수 있습니다. 수정 제안을 보내 주십시오.")


def check_read(user) -> None:
    if not can_read(user):
        raise AccessDenied("직원만 상담자료를 볼 수 있습니다.")


def get_article_for(user, pk: int, *, edit: bool = False) -> Article:
    check_read(user)
    try:
        article = Article.objects.select_related("department").get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("상담자료를 찾을 수 없습니다.") from None
    if not article.is_active and not can_edit(user, article):
        raise Http404("상담자료를 찾을 수 없습니다.")
    if edit:
        check_edit(user, article)
    return article


def get_suggestion_for(user, pk: int) -> Suggestion:
    check_read(user)
    try:
        s = Suggestion.objects.select_related("article__department", "suggested_by").get(pk=pk)
    except Suggestion.DoesNotExist:
        raise Http404("수정 제안을 찾을 수 없습니다.") from None
    check_edit(user, s.article)
    return s
