"""The delivery loop: claim, lease, send, record (the worker's core, also run inline by tests).

State machine of a message (each arrow one committed UPDATE, guarded by its WHERE clause):

    queued ──claim──▶ sending(owner, lease) ──send ok──▶ sent | print_queued
       ▲                    │  │
       └──temporary, backoff┘  └──permanent or attempts exhausted──▶ failed ──▶ fallback row queued

- **Claim** takes due rows with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL (concurrent
  workers skip each other's rows) and sets `sending`, the owner and `lease_until` in the same
  short transaction. SQLite has no SKIP LOCKED; its IMMEDIATE transactions serialise claims, so a
  second worker there is safe but adds nothing: run one.
- **No send on a short lease**: before each send the worker checks that its lease still covers
  one more send (twice the provider timeout); if not, it renews the lease on the rest of its
  batch with a compare-and-set on (status, owner). Rows another worker reclaimed meanwhile no
  longer match and are skipped: one owner at a time, always.
- **After the send** the outcome is written with the same CAS, together with the attempt row.
- **A dead worker** (SIGKILL, power loss) leaves rows in `sending` whose lease runs out; any
  worker reclaims them and records an "abandoned" attempt. The one message that was in flight
  when the worker died may have reached the provider, so it is sent again *with the same
  idempotency key*: providers and webhook receivers that honour the key (the fake one in the
  tests does) drop the copy. That window — one message per dead worker — is the only place a
  provider without idempotency could see a duplicate. A send that outlives the lease could too,
  so the lease must exceed the provider timeout (checked at start).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .channels import PermanentFailure, TemporaryFailure, get_channel
from .choices import AttemptOutcome, MessageStatus
from .models import DeliveryAttempt, Message
from .services import queue_fallback

log = logging.getLogger("minwon.notify.worker")
S = MessageStatus


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff(attempts: int) -> timedelta:
    """Wait after the n-th failed try: base·2^(n-1), capped (60 s, 2 min, 4 min … ≤ 1 h by default)."""
    base = settings.MINWON_NOTIFY_BACKOFF_SECONDS
    return timedelta(
        seconds=min(base * 2 ** max(attempts - 1, 0), settings.MINWON_NOTIFY_BACKOFF_MAX_SECONDS)
    )


@dataclass
class Outcome:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    details: list[tuple[int, str]] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.skipped


def due_filter(now) -> Q:
    return Q(status=S.QUEUED, next_attempt_at__lte=now) | Q(status=S.SENDING, lease_until__lt=now)


def claim(owner: str, *, batch: int, lease_seconds: float) -> list[int]:
    """Take up to `batch` due messages for `owner`; returns their ids (committed before sending)."""
    now = timezone.now()
    with transaction.atomic():
        qs = Message.objects.filter(due_filter(now)).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        rows = list(qs.values_list("pk", "status", "attempts", "lease_owner")[:batch])
        if not rows:
            return []
        abandoned = [(pk, attempts, prev) for pk, status, attempts, prev in rows if status == S.SENDING]
        give_up: list[int] = []
        if abandoned:
            DeliveryAttempt.objects.bulk_create(
                DeliveryAttempt(
                    message_id=pk,
                    number=attempts,
                    at=now,
                    outcome=AttemptOutcome.ABANDONED,
                    worker=prev,
                    response="작업자가 발송 중 중단됨(임대 만료): 같은 멱등 키로 다시 보냅니다.",
                )
                for pk, attempts, prev in abandoned
            )
            # A message that killed its worker on every try (a poison message) must end somewhere.
            give_up = [pk for pk, attempts, _ in abandoned if attempts >= settings.MINWON_NOTIFY_MAX_ATTEMPTS]
        ids = [pk for pk, *_ in rows if pk not in give_up]
        Message.objects.filter(pk__in=ids).update(
            status=S.SENDING,
            lease_owner=owner,
            lease_until=now + timedelta(seconds=lease_seconds),
            attempts=F("attempts") + 1,
        )
        for pk in give_up:
            _fail(Message.objects.get(pk=pk), "작업자가 발송 중 반복해서 중단되어 발송을 포기합니다.", now)
    return ids


def release(owner: str, ids: list[int]) -> int:
    """Give back claimed messages not yet tried (graceful shutdown): others take them at once."""
    if not ids:
        return 0
    return Message.objects.filter(pk__in=ids, status=S.SENDING, lease_owner=owner).update(
        status=S.QUEUED, lease_owner="", lease_until=None, attempts=F("attempts") - 1
    )


def _fail(msg: Message, reason: str, now) -> None:
    Message.objects.filter(pk=msg.pk).update(
        status=S.FAILED, failed_at=now, last_error=reason, lease_owner="", lease_until=None
    )
    msg.status = S.FAILED
    fallback = queue_fallback(msg)
    if fallback is not None:
        log.info("message %s failed finally; fallback queued on %s", msg.pk, fallback.channel)


def renew(owner: str, ids: list[int], *, lease_seconds: float) -> set[int]:
    """Extend our lease on `ids` (compare-and-set on status and owner); returns those still ours."""
    if not ids:
        return set()
    mine = Message.objects.filter(pk__in=ids, status=S.SENDING, lease_owner=owner)
    with transaction.atomic():
        owned = set(mine.values_list("pk", flat=True))
        mine.filter(pk__in=owned).update(lease_until=timezone.now() + timedelta(seconds=lease_seconds))
    return owned


def send_margin() -> timedelta:
    """Lease time a send may need: the provider timeout twice over plus a second for local work."""
    return timedelta(seconds=2 * float(settings.MINWON_PROVIDER_TIMEOUT) + 1)


def deliver_one(pk: int, owner: str, *, lease_seconds: float) -> str:
    """Renew the lease on one claimed message, then send it. Returns sent/retry/failed/skipped."""
    if pk not in renew(owner, [pk], lease_seconds=lease_seconds):
        return "skipped"  # reclaimed by another worker after our lease ran out, or cancelled
    return send_claimed(Message.objects.select_related("webhook", "complaint").get(pk=pk), owner)


def send_claimed(msg: Message, owner: str) -> str:
    """Send a message this worker holds a sufficient lease on, and record the outcome."""
    channel = get_channel(msg.channel)
    started = time.monotonic()
    ref, error, outcome = "", "", AttemptOutcome.SENT
    try:
        ref = channel.send(msg) or ""
    except TemporaryFailure as exc:
        outcome, error, response = AttemptOutcome.TEMPORARY, str(exc), exc.response
    except PermanentFailure as exc:
        outcome, error, response = AttemptOutcome.PERMANENT, str(exc), exc.response
    except Exception as exc:  # a bug in a channel must not kill the worker; retry like a hiccup
        log.exception("channel %s crashed on message %s", msg.channel, msg.pk)
        outcome, error, response = AttemptOutcome.TEMPORARY, f"내부 오류: {exc!r}", repr(exc)
    else:
        response = ref
    duration = int((time.monotonic() - started) * 1000)
    return _finish(msg, owner, outcome, ref, error, response, duration, channel.completes_on_send)


def _finish(msg, owner, outcome, ref, error, response, duration, completes_on_send) -> str:
    now = timezone.now()
    mine = Message.objects.filter(pk=msg.pk, status=S.SENDING, lease_owner=owner)
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            message=msg,
            number=msg.attempts,
            at=now,
            outcome=outcome,
            worker=owner,
            provider_ref=ref[:200],
            response=(response or "")[:2000],
            duration_ms=duration,
        )
        if outcome == AttemptOutcome.SENT:
            done = S.SENT if completes_on_send else S.PRINT_QUEUED
            n = mine.update(
                status=done,
                sent_at=now if completes_on_send else None,
                provider_ref=ref[:200],
                last_error="",
                lease_owner="",
                lease_until=None,
            )
            result = "sent"
        elif outcome == AttemptOutcome.TEMPORARY and msg.attempts < settings.MINWON_NOTIFY_MAX_ATTEMPTS:
            n = mine.update(
                status=S.QUEUED,
                next_attempt_at=now + backoff(msg.attempts),
                last_error=error,
                lease_owner="",
                lease_until=None,
            )
            result = "retry"
        else:
            n = mine.update(
                status=S.FAILED, failed_at=now, last_error=error, lease_owner="", lease_until=None
            )
            result = "failed"
            if n:
                msg.status = S.FAILED
                queue_fallback(msg)
        if not n:
            # Our lease ran out while sending and another worker took the row: it owns the outcome.
            log.warning("message %s: lease lost before recording %s", msg.pk, result)
            return "skipped"
    return result


def deliver_batch(owner: str, *, batch: int, lease_seconds: float, should_stop=lambda: False) -> Outcome:
    """Claim a batch and send it. The lease is renewed (one UPDATE for the rest of the batch)
    whenever what is left of it could not cover one more send, so no send ever runs on an
    expired lease — the condition for no other worker to take the same message."""
    out = Outcome()
    lease_until = timezone.now() + timedelta(seconds=lease_seconds)  # set no earlier by claim()
    ids = claim(owner, batch=batch, lease_seconds=lease_seconds)
    if not ids:
        return out
    messages = Message.objects.select_related("webhook", "complaint").in_bulk(ids)
    owned = set(ids)
    for i, pk in enumerate(ids):
        if should_stop():
            released = release(owner, ids[i:])
            log.info("stopping: released %s claimed messages", released)
            break
        if timezone.now() + send_margin() >= lease_until:
            lease_until = timezone.now() + timedelta(seconds=lease_seconds)
            owned = renew(owner, ids[i:], lease_seconds=lease_seconds)
        result = send_claimed(messages[pk], owner) if pk in owned else "skipped"
        out.details.append((pk, result))
        if result == "sent":
            out.sent += 1
        elif result == "retry":
            out.retried += 1
        elif result == "failed":
            out.failed += 1
        else:
            out.skipped += 1
    return out


def has_due(now=None) -> bool:
    return Message.objects.filter(due_filter(now or timezone.now())).exists()


def drain(*, owner: str = "inline", batch: int = 100, max_passes: int = 1000) -> Outcome:
    """Deliver everything due now, in this process (STYLE §8: background work runs inline in tests).

    Messages waiting for a retry later stay queued: advance the clock and call again.
    """
    total = Outcome()
    lease = settings.MINWON_WORKER_LEASE_SECONDS
    for _ in range(max_passes):
        out = deliver_batch(owner, batch=batch, lease_seconds=lease)
        total.sent += out.sent
        total.retried += out.retried
        total.failed += out.failed
        total.skipped += out.skipped
        total.details += out.details
        if not out.details:
            break
    return total
