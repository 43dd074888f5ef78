"""Worker job: forget finished rate windows and Idempotency-Key answers past their keep time."""

from __future__ import annotations

from django.conf import settings

from . import idempotency, ratelimit


def prune_api_state(*, now=None) -> int:
    stamp = now.timestamp() if now is not None else None
    return ratelimit.prune(now=stamp) + idempotency.prune(
        older_than_hours=settings.MINWON_API_IDEMPOTENCY_HOURS
    )
