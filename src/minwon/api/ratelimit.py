"""Per-token fixed-window rate limit kept in the database (nothing in process memory).

One upsert per request, in autocommit: `INSERT … ON CONFLICT DO UPDATE … RETURNING count` on
both SQLite (≥ 3.35) and PostgreSQL, so any number of web processes share one counter.
"""

from __future__ import annotations

import time

from django.db import connection

from .errors import ApiError

WINDOW_SECONDS = 60


def hit(token, *, now: float | None = None) -> None:
    """Count one request; raise a 429 ApiError with Retry-After when over the token's limit."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO api_ratewindow (token_id, window_start, count) VALUES (%s, %s, 1) "
            "ON CONFLICT (token_id, window_start) DO UPDATE SET count = api_ratewindow.count + 1 "
            "RETURNING count",
            [token.pk, window],
        )
        (count,) = cur.fetchone()
    if count > token.rate_per_minute:
        retry = max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
        raise ApiError(
            429,
            "rate_limited",
            f"요청이 너무 많습니다. 이 토큰은 1분에 {token.rate_per_minute}번까지 요청할 수 있습니다. "
            f"{retry}초 뒤에 다시 시도해 주십시오.",
            headers={"Retry-After": str(retry)},
        )


def prune(*, older_than_minutes: int = 60, now: float | None = None) -> int:
    """Delete finished windows (worker job)."""
    from .models import RateWindow

    now = time.time() if now is None else now
    cutoff = int(now // WINDOW_SECONDS) - older_than_minutes
    deleted, _ = RateWindow.objects.filter(window_start__lt=cutoff).delete()
    return deleted
