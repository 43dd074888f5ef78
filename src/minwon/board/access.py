"""Who may see and do what on the board: one place for views, feeds and services.

Anyone reads public posts. Private posts (불친절 신고, posts naming staff) are for the author and
the staff who handle them: the desk, care officers, auditors, admins, and the department of the
linked 민원. Hidden posts stay visible to moderators and their author (who is told why).
"""

from __future__ import annotations

from django.http import Http404

from minwon.accounts.models import Role

from .choices import PostState
from .models import Post

MODERATOR_ROLES = (Role.DESK, Role.ADMIN)
PRIVATE_READER_ROLES = (Role.DESK, Role.ADMIN, Role.CARE, Role.AUDITOR)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def is_moderator(user) -> bool:
    return _signed_in(user) and user.has_role(*MODERATOR_ROLES)


def is_author(user, post: Post) -> bool:
    return _signed_in(user) and post.author_id == user.pk


def in_post_department(user, post: Post) -> bool:
    c = post.complaint
    return (
        _signed_in(user)
        and c is not None
        and c.department_id is not None
        and c.department_id in user.department_ids
        and user.has_role(Role.OFFICER, Role.HEAD)
    )


def can_see(user, post: Post) -> bool:
    if post.state == PostState.HIDDEN and not (is_moderator(user) or is_author(user, post)):
        return False
    if not post.is_private:
        return True
    if not _signed_in(user):
        return False
    return is_author(user, post) or user.has_role(*PRIVATE_READER_ROLES) or in_post_department(user, post)


def can_reply_official(user, post: Post) -> bool:
    """The desk and the handling department answer on the post in the city's name."""
    return is_moderator(user) or in_post_department(user, post)


def can_edit(user, post: Post) -> bool:
    return is_moderator(user) or (is_author(user, post) and post.state == PostState.PUBLISHED)


def get_post_for(user, pk: int) -> Post:
    """The post if this user may see it, else 404 (a private post's existence is not revealed)."""
    post = (
        Post.objects.select_related("author", "author__board_member", "complaint", "complaint__department")
        .filter(pk=pk)
        .first()
    )
    if post is None or not can_see(user, post):
        raise Http404("글을 찾을 수 없습니다.")
    return post
