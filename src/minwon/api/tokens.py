"""Token strings: generation, digest and look-up. Pure helpers plus one query."""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "mw_"


def generate() -> str:
    """`mw_` + 40 url-safe random characters (240 bits)."""
    return PREFIX + secrets.token_urlsafe(30)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def find_active(raw: str | None):
    """The active ApiToken for this raw string, or None. One indexed query."""
    from .models import ApiToken

    raw = (raw or "").strip()
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    return ApiToken.objects.active().select_related("user", "department").filter(digest=digest(raw)).first()


def from_request(request):
    """Bearer header, then `X-Api-Key`, then the Open311 `api_key` parameter."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return find_active(header[7:])
    raw = request.headers.get("X-Api-Key") or request.POST.get("api_key") or request.GET.get("api_key")
    return find_active(raw)
