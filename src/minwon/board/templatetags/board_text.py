"""Showing already-masked text: each masked token (010-****-5678, 12가****) stays on one line.

A phone number broken at its hyphen across two lines ("031-" / "***-4567") reads as two things.
The text given here is already public (`queries.present` masked it); this only escapes it and
marks the masked tokens.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A run of word characters, dots, @ and hyphens that holds a mask character. None of these are
# changed by `escape`, so the match never cuts through an HTML entity.
_MASKED_TOKEN = re.compile(r"[0-9A-Za-z가-힣.@_-]*\*[0-9A-Za-z가-힣.@_*-]*")


# Longer tokens (a long e-mail address) may break: kept whole they would overflow a phone screen.
MAX_NOWRAP = 24


def _mark(m: re.Match) -> str:
    token = m.group(0)
    return f'<span class="masked">{token}</span>' if len(token) <= MAX_NOWRAP else token


@register.filter
def masked_nowrap(text: str) -> SafeString:
    return mark_safe(_MASKED_TOKEN.sub(_mark, escape(text or "")))  # noqa: S308
