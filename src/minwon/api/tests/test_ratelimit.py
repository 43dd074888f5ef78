"""Per-token rate limit: 429 with Retry-After and a Korean message; other tokens unaffected."""

from __future__ import annotations

import pytest

from minwon.api import ratelimit
from minwon.api.errors import ApiError

from .conftest import make_token


def test_over_the_limit_is_429_with_retry_after(client, city):
    slow = make_token(integration="느린 앱", scopes=["read"], rate_per_minute=2)
    other = make_token(integration="다른 앱", scopes=["read"], rate_per_minute=2)
    for _ in range(2):
        assert client.get("/api/categories", **slow.headers).status_code == 200
    r = client.get("/api/categories", **slow.headers)
    assert r.status_code == 429
    assert r.json()["code"] == "rate_limited" and "1분에 2번" in r.json()["message"]
    assert 1 <= int(r["Retry-After"]) <= 60
    assert client.get("/api/categories", **other.headers).status_code == 200


def test_the_next_window_starts_fresh(city):
    t = make_token(integration="창", scopes=["read"], rate_per_minute=1).token
    ratelimit.hit(t, now=120.0)
    with pytest.raises(ApiError) as exc:
        ratelimit.hit(t, now=150.0)
    assert exc.value.headers == {"Retry-After": "30"}
    ratelimit.hit(t, now=180.0)  # a new minute
    assert ratelimit.prune(older_than_minutes=0, now=240.0) == 2


def test_worker_job_prunes_old_windows_and_keys(city, settings):
    from datetime import timedelta

    from django.utils import timezone

    from minwon.api.models import IdempotencyRecord, RateWindow
    from minwon.notify.jobs import JOBS

    t = make_token(integration="정리", scopes=["read"]).token
    RateWindow.objects.create(token=t, window_start=1, count=5)
    old = timezone.now() - timedelta(hours=settings.MINWON_API_IDEMPOTENCY_HOURS + 1)
    IdempotencyRecord.objects.create(token=t, key="old", request_hash="x", created_at=old)
    IdempotencyRecord.objects.create(token=t, key="new", request_hash="x")
    assert JOBS["api_prune"](now=timezone.now()) == 2
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
