"""`minwon worker`: deliver the outbox and run the time-driven jobs, forever (or once).

No broker: the work is table state (DESIGN §3). Any number of workers may run against
PostgreSQL; on SQLite run one (see minwon.notify.delivery for why and docs/notifications.md).
SIGTERM/SIGINT finish the message in hand, give back the rest of the batch and exit 0.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import signal
import threading

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from minwon.notify import delivery, jobs

log = logging.getLogger("minwon.notify.worker")


def discover_jobs() -> list:
    """Other apps' time-driven work: `minwon.<app>.jobs.run_due_jobs(now=...)`, if the app has one.

    The worker is the one process that owns everything time-driven (DESIGN §3), so an app adds a
    job by writing that function, not by touching the worker.
    """
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("minwon.") or config.name == "minwon.notify":
            continue
        if importlib.util.find_spec(f"{config.name}.jobs") is None:
            continue
        module = importlib.import_module(f"{config.name}.jobs")
        if callable(getattr(module, "run_due_jobs", None)):
            found.append((config.label, module.run_due_jobs))
    return found


class Command(BaseCommand):
    help = "알림 발송과 기한 점검을 처리합니다 (deliver queued messages, run reminders and escalations)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="한 번만 처리하고 끝냅니다 (one pass, then exit)"
        )
        parser.add_argument(
            "--drain",
            action="store_true",
            help="지금 보낼 것이 없을 때까지 처리하고 끝냅니다 (until idle, then exit)",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="쉬는 간격(초) when idle (default 1)")
        parser.add_argument("--batch", type=int, default=50, help="한 번에 가져올 메시지 수 (default 50)")
        parser.add_argument(
            "--lease", type=float, default=None, help="임대 시간(초) (MINWON_WORKER_LEASE_SECONDS)"
        )
        parser.add_argument(
            "--no-jobs", action="store_true", help="정기 작업 없이 발송만 합니다 (delivery only)"
        )
        parser.add_argument("--owner", default="", help="작업자 이름 (default host:pid:random)")

    def handle(self, *args, **opts):
        lease = opts["lease"] or settings.MINWON_WORKER_LEASE_SECONDS
        timeout = float(settings.MINWON_PROVIDER_TIMEOUT)
        if lease <= timeout * 2:
            # A send that outlives its lease may be reclaimed and sent again by another worker.
            raise CommandError(
                f"임대 시간({lease}초)은 발송 제한 시간({timeout}초)의 두 배보다 길어야 합니다."
            )
        if opts["batch"] < 1:
            raise CommandError("--batch는 1 이상이어야 합니다.")
        owner = opts["owner"] or delivery.default_owner()
        stop = threading.Event()

        def on_signal(signum, frame):
            log.info("worker %s: signal %s, finishing the message in hand", owner, signum)
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        vendor = connection.vendor
        log.info("worker %s started (db=%s, batch=%s, lease=%ss)", owner, vendor, opts["batch"], lease)
        if vendor == "sqlite":
            log.info("SQLite: one worker is enough; claims are serialised by the database")

        other_jobs = discover_jobs()
        sent = 0
        while not stop.is_set():
            if not connection.in_atomic_block:  # (in-process in a test, the test owns the connection)
                close_old_connections()  # long-lived loop: drop connections past CONN_MAX_AGE or broken
            if not opts["no_jobs"]:
                self.run_jobs(owner, other_jobs)
            out = delivery.deliver_batch(
                owner, batch=opts["batch"], lease_seconds=lease, should_stop=stop.is_set
            )
            sent += out.sent
            if out.handled:
                log.info(
                    "sent %s, retry %s, failed %s, skipped %s", out.sent, out.retried, out.failed, out.skipped
                )
            if opts["once"]:
                break
            if opts["drain"] and not out.handled and not delivery.has_due():
                break
            if out.handled < opts["batch"]:
                stop.wait(opts["interval"])  # idle: nothing more due right now
        log.info("worker %s stopped (%s sent)", owner, sent)

    def run_jobs(self, owner: str, other_jobs: list) -> None:
        results = jobs.run_due_jobs(owner)
        if any(results.values()):
            log.info("notify jobs: %s", results)
        for label, run in other_jobs:
            try:
                done = run(now=timezone.now())
            except Exception:
                # Another app's bug must not stop the delivery of notices.
                log.exception("%s jobs failed", label)
                continue
            if done and any(v for v in (done.values() if isinstance(done, dict) else [done])):
                log.info("%s jobs: %s", label, done)
