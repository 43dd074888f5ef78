"""`Idempotency-Key`: a retry gets the first answer; the same key with other content gets 422.

Only a successful answer is stored: a refused request (bad input) rolls everything back, so the
client may correct it and retry with the same key. The record and the 민원 commit together.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

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


class _KeyTaken(Exception):
    """Raised inside the transaction to roll back a 민원 whose key another request stored first."""


def run(token, key: str | None, payload_hash: str, produce: Callable[[], Result]) -> tuple[Result, bool]:
    """((status, body), replayed). `produce` runs inside the same transaction as the record.

    The record is written last, with the answer, in one `INSERT … ON CONFLICT DO NOTHING`: the
    usual first request pays one statement. If the key is taken (a retry; on PostgreSQL a
    concurrent one is waited for), the new 민원 is rolled back and the stored answer replayed.
    """
    if key is None:
        with transaction.atomic():
            return produce(), False
    try:
        with transaction.atomic():
            try:
                status, body = produce()
            except ApiError:
                # Bad input under a key that another content already used: say so, as before.
                _check_same(token, key, payload_hash, missing_ok=True)
                raise
            if _store(token, key, payload_hash, status, body):
                return (status, body), False
            raise _KeyTaken
    except _KeyTaken:
        pass
    existing = _check_same(token, key, payload_hash, missing_ok=False)
    assert existing is not None
    return (existing.status_code, existing.response), True


def _check_same(token, key: str, payload_hash: str, *, missing_ok: bool) -> IdempotencyRecord | None:
    existing = IdempotencyRecord.objects.filter(token=token, key=key).first()
    if existing is None and missing_ok:
        return None
    if existing is None or existing.request_hash != payload_hash:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "이 Idempotency-Key 는 다른 내용의 요청에 이미 쓰였습니다. 새 요청에는 새 키를 쓰십시오.",
        )
    return existing


def _store(token, key: str, payload_hash: str, status: int, body: dict) -> bool:
    """Insert the record unless (token, key) exists; True if this request's record was stored."""
    fields = {f.name: f for f in IdempotencyRecord._meta.concrete_fields}
    values = {
        "token": token.pk,
        "key": key,
        "request_hash": payload_hash,
        "status_code": status,
        "response": body,
        "created_at": timezone.now(),
    }
    columns = ", ".join(connection.ops.quote_name(fields[n].column or n) for n in values)
    params = [fields[n].get_db_prep_save(v, connection) for n, v in values.items()]
    table = connection.ops.quote_name(IdempotencyRecord._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(params))}) "  # noqa: S608
            "ON CONFLICT (token_id, key) DO NOTHING RETURNING id",
            params,
        )
        return cur.fetchone() is not None


def prune(*, older_than_hours: int = 48) -> int:
    from datetime import timedelta

    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
