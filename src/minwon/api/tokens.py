"""Token strings: generation, digest and look-up. Pure helpers plus one query."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

from django.conf import settings

PREFIX = "mw_"


def generate() -> str:
    """`mw_` + 40 url-safe random characters (240 bits)."""
    return PREFIX + secrets.token_urlsafe(30)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# digest → (monotonic time read, token). Only found tokens are kept, so guessed strings cannot
# fill it; bounded all the same. Per process and short-lived (MINWON_API_TOKEN_CACHE_SECONDS):
# nothing another process needs lives here, and a revocation in this process forgets at once.
_cache: dict[str, tuple[float, object]] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 1000


def find_active(raw: str | None):
    """The active ApiToken for this raw string, or None. One indexed query, or none when cached."""
    from .models import ApiToken

    raw = (raw or "").strip()
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    key = digest(raw)
    ttl = settings.MINWON_API_TOKEN_CACHE_SECONDS
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]
    token = ApiToken.objects.active().select_related("user", "department").filter(digest=key).first()
    with _cache_lock:
        if token is None or ttl <= 0:
            _cache.pop(key, None)
        else:
            if len(_cache) >= _CACHE_MAX:
                _cache.clear()
            _cache[key] = (now, token)
    return token


def forget(token_digest: str | None = None) -> None:
    """Drop one cached token (after revoking it) or all of them."""
    with _cache_lock:
        if token_digest is None:
            _cache.clear()
        else:
            _cache.pop(token_digest, None)


def from_request(request):
    """Bearer header, then `X-Api-Key`, then the Open311 `api_key` parameter."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return find_active(header[7:])
    raw = request.headers.get("X-Api-Key") or request.POST.get("api_key") or request.GET.get("api_key")
    return find_active(raw)
