"""Links into care from other apps' pages, so those templates need not know care's settings."""

from __future__ import annotations

from django import template
from django.urls import reverse

from minwon.care.queries import forward_kind

register = template.Library()


@register.simple_tag
def care_forward_url(complaint) -> str:
    """The forwarding page of a 칭찬 / 불친절 민원, or "" for any other 민원.

    The staff 민원 page shows it beside the 특이민원 link: a praise taken by phone is otherwise
    reached only from the care worklist.
    """
    if complaint is None or not forward_kind(complaint):
        return ""
    return reverse("care:forward", args=[complaint.pk])
