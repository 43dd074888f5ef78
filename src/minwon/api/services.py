"""Every write of the API app (STYLE §2): tokens issued and revoked, each with its audit row."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import tokens
from .models import ApiToken, Scope, Submission, TokenEvent


class TokenError(ValueError):
    pass


@transaction.atomic
def issue_token(
    actor,
    *,
    name: str,
    scopes: list[str],
    user=None,
    integration: str = "",
    department=None,
    rate_per_minute: int | None = None,
    raw: str | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw string, which is never stored and shown once.

    `raw` is for the demo only, whose published token must be the same on every machine.
    """
    bad = [s for s in scopes if s not in Scope.values]
    if bad:
        raise TokenError(f"알 수 없는 권한 범위입니다: {', '.join(bad)}")
    if not name.strip():
        raise TokenError("토큰 이름을 입력해 주십시오.")
    if user is None and not integration.strip():
        raise TokenError("소유 직원이나 연계 시스템 이름 중 하나는 정해야 합니다.")
    raw = raw or tokens.generate()
    token = ApiToken.objects.create(
        name=name.strip(),
        prefix=raw[:8],
        digest=tokens.digest(raw),
        user=user,
        integration=integration.strip(),
        scopes=list(scopes),
        department=department,
        rate_per_minute=rate_per_minute or settings.MINWON_API_DEFAULT_RATE,
        created_by=actor,
    )
    TokenEvent.objects.create(
        token=token,
        verb="issued",
        actor=actor,
        data={"scopes": list(scopes), "department_id": getattr(department, "pk", None)},
    )
    return token, raw


@transaction.atomic
def revoke_token(actor, token: ApiToken, *, reason: str = "") -> ApiToken:
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    TokenEvent.objects.create(token=token, verb="revoked", actor=actor, data={"reason": reason[:200]})
    tokens.forget(token.digest)
    transaction.on_commit(lambda: tokens.forget(token.digest))  # and any re-read before commit
    return token


def record_submission(token: ApiToken, complaint) -> Submission:
    """Remember that `token` filed `complaint` (inside the intake transaction)."""
    return Submission.objects.create(token=token, complaint=complaint, public_token=secrets.token_hex(12))
