"""`Idempotency-Key`: a retry gets the first answer; the same key with other content gets 422.

Only a successful answer is stored: a refused request (bad input) rolls everything back, so the
client may correct it and retry with the same key. The record and the 민원 commit together.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction

from .errors import ApiError
from .models import IdempotencyRecord

KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")  # printable ASCII, no spaces (as UUIDs and ULIDs are)


def request_hash(payload) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_key(key: str | None) -> str | None:
    if key is None or key == "":
        return None
    if not KEY_RE.match(key):
        raise ApiError(
            422,
            "idempotency_key_invalid",
            "Idempotency-Key 는 공백 없는 영문·숫자·기호 1–200자여야 합니다 (예: UUID).",
        )
    return key


Result = tuple[int, dict]


def run(token, key: str | None, payload_hash: str, produce: Callable[[], Result]) -> tuple[Result, bool]:
    """((status, body), replayed). `produce` runs inside the same transaction as the record."""
    with transaction.atomic():
        if key is None:
            return produce(), False
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(token=token, key=key, request_hash=payload_hash)
        except IntegrityError:
            # Another request with this key committed first (on PostgreSQL we waited for it).
            existing = IdempotencyRecord.objects.get(token=token, key=key)
            if existing.request_hash != payload_hash:
                raise ApiError(
                    422,
                    "idempotency_key_reused",
                    "이 Idempotency-Key 는 다른 내용의 요청에 이미 쓰였습니다. 새 요청에는 새 키를 쓰십시오.",
                ) from None
            return (existing.status_code, existing.response), True
        status, body = produce()
        record.status_code, record.response = status, body
        record.save(update_fields=["status_code", "response"])
        return (status, body), False


def prune(*, older_than_hours: int = 48) -> int:
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
