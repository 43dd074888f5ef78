"""Fault tests: leases, dead workers, SIGKILL mid-batch, graceful SIGTERM, parallel workers.

The subprocess tests run the real `minwon worker` against the test database (committed data:
`transaction=True`) and the fake provider of conftest.py, and count what the provider received.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from minwon.notify.choices import AttemptOutcome, Audience, MessageStatus
from minwon.notify.delivery import claim, deliver_batch, deliver_one, release
from minwon.notify.models import DeliveryAttempt, Message

pytestmark = pytest.mark.django_db


def bulk_messages(n: int, prefix: str = "bulk") -> list[int]:
    Message.objects.bulk_create(
        Message(
            audience=Audience.APPLICANT,
            template_key="accepted",
            channel="sms",
            recipient=f"010{i:08d}",
            subject="시험",
            body=f"[새빛구] 시험 메시지 {i}",
            group_key=f"{prefix}:{i}",
            dedupe_key=f"{prefix}:{i}:sms",
        )
        for i in range(n)
    )
    return list(Message.objects.order_by("pk").values_list("pk", flat=True))


def status_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Message.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- in-process: the lease protocol ------------------------------------------------------------


def test_lease_blocks_others_until_it_expires_then_the_dead_owner_cannot_record(notify_settings, provider):
    (pk,) = bulk_messages(1)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert claim("dead", batch=10, lease_seconds=5) == [pk]  # …and the worker dies here
        assert claim("w2", batch=10, lease_seconds=5) == []  # the lease still protects it
        clock.shift(timedelta(seconds=6))
        assert claim("w2", batch=10, lease_seconds=5) == [pk]
        abandoned = DeliveryAttempt.objects.get(message_id=pk)
        assert abandoned.outcome == AttemptOutcome.ABANDONED and abandoned.worker == "dead"
        # Were the first worker only paused (GC, network), its compare-and-set now fails: no send.
        assert deliver_one(pk, "dead", lease_seconds=5) == "skipped"
        assert provider.requests == []
        assert deliver_one(pk, "w2", lease_seconds=5) == "sent"
    msg = Message.objects.get(pk=pk)
    assert msg.status == MessageStatus.SENT and msg.attempts == 2 and provider.delivered == 1


def test_a_message_that_kills_every_worker_ends_failed(notify_settings, provider):
    (pk,) = bulk_messages(1)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(notify_settings.MINWON_NOTIFY_MAX_ATTEMPTS):
            assert claim("doomed", batch=1, lease_seconds=5) == [pk]
            clock.shift(timedelta(seconds=6))
        assert claim("w", batch=1, lease_seconds=5) == []
    msg = Message.objects.get(pk=pk)
    assert msg.status == MessageStatus.FAILED and "반복" in msg.last_error


def test_graceful_stop_gives_back_what_was_not_tried(notify_settings, provider):
    ids = bulk_messages(5)
    calls = iter([False, False, True])
    out = deliver_batch("w", batch=5, lease_seconds=5, should_stop=lambda: next(calls, True))
    assert out.sent == 2
    assert status_counts() == {MessageStatus.SENT: 2, MessageStatus.QUEUED: 3}
    assert set(Message.objects.filter(status=MessageStatus.QUEUED).values_list("attempts", flat=True)) == {0}
    assert release("w", ids) == 0  # nothing left to release


def test_claim_takes_due_messages_oldest_first_and_skips_future_retries(notify_settings):
    ids = bulk_messages(3)
    Message.objects.filter(pk=ids[0]).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert claim("w", batch=10, lease_seconds=5) == ids[1:]


# --- subprocesses: the real worker --------------------------------------------------------------


def worker_env(provider, **extra: str) -> dict[str, str]:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "minwon.settings",
        "MINWON_DEBUG": "false",
        "MINWON_NOTIFY_DRY_RUN": "false",
        "MINWON_SMS_URL": f"{provider.url}/sms",
        "MINWON_PROVIDER_TIMEOUT": "0.5",
        "MINWON_WORKER_LEASE_SECONDS": "1.5",
        "MINWON_LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def worker_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "minwon.cli", "worker", "--no-jobs", "--interval", "0.05", *args]


def wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_then_restarted_delivers_every_message_exactly_once(provider):
    n = 60
    bulk_messages(n)
    provider.delay = 0.03  # slow enough that the kill lands in the middle of a batch
    env = worker_env(provider)
    first = subprocess.Popen(
        worker_cmd("--batch", "20"), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_for(lambda: len(provider.requests) >= 15)
    finally:
        first.kill()  # SIGKILL: no cleanup, leases left behind
        first.wait()
    counts = status_counts()
    assert counts.get(MessageStatus.SENDING, 0) > 0, counts  # it died holding claimed messages
    assert counts.get(MessageStatus.SENT, 0) < n

    time.sleep(1.6)  # the dead worker's lease runs out
    second = subprocess.run(worker_cmd("--drain", "--batch", "20"), env=env, capture_output=True, timeout=60)
    assert second.returncode == 0, second.stdout + second.stderr

    assert status_counts() == {MessageStatus.SENT: n}
    assert provider.delivered == n  # every message reached a phone, once
    # At most the one message in flight at the kill was presented twice, with the same
    # Idempotency-Key, and the provider dropped the copy.
    assert sum(provider.accepted.values()) - n <= 1
    assert max(provider.accepted.values()) <= 2
    assert DeliveryAttempt.objects.filter(outcome=AttemptOutcome.ABANDONED).exists()
    assert DeliveryAttempt.objects.filter(outcome=AttemptOutcome.SENT).count() == n


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sigterm_finishes_the_message_in_hand_and_releases_the_rest(provider):
    n = 30
    bulk_messages(n)
    provider.delay = 0.15
    proc = subprocess.Popen(
        worker_cmd("--batch", "30"),
        env=worker_env(provider),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_for(lambda: len(provider.requests) >= 2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    counts = status_counts()
    assert MessageStatus.SENDING not in counts, counts  # nothing left leased to a stopped worker
    assert counts[MessageStatus.SENT] == provider.delivered
    assert counts[MessageStatus.QUEUED] == n - provider.delivered > 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_workers_in_parallel_never_send_a_message_twice(provider):
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers need FOR UPDATE SKIP LOCKED: PostgreSQL only (SQLite runs one worker)")
    n = 200
    bulk_messages(n)
    provider.delay = 0.005
    env = worker_env(provider)
    procs = [
        subprocess.Popen(
            worker_cmd("--drain", "--batch", "10", "--owner", name),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for name in ("w1", "w2")
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stdout.read() if proc.stdout else ""
    assert status_counts() == {MessageStatus.SENT: n}
    assert provider.delivered == n
    assert max(provider.accepted.values()) == 1  # no key ever reached the provider twice
    workers = set(DeliveryAttempt.objects.values_list("worker", flat=True))
    assert workers == {"w1", "w2"}  # both really worked
