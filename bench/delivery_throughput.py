"""Delivery throughput: SMS messages per second through the real `minwon worker`.

A local fake SMS provider (HTTP on 127.0.0.1, answers at once, honours Idempotency-Key) receives
what N worker processes send from a fresh database holding M queued messages. Reported: the
wall time from launching the workers to the last exit, and the sending rate measured from the
database (first to last delivery attempt, i.e. without process start-up).

    uv run python bench/delivery_throughput.py --db sqlite --messages 2000
    uv run python bench/delivery_throughput.py --db postgres --messages 2000 --workers 1
    uv run python bench/delivery_throughput.py --db postgres --messages 2000 --workers 2

PostgreSQL uses a scratch database `minwon_bench_delivery` (dropped and re-created) on
$BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/minwon_bench_delivery.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Provider:
    def __init__(self):
        self.keys: Counter[str] = Counter()
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = self.headers.get("Idempotency-Key", "")
                with provider.lock:
                    provider.keys[key] += 1
                out = json.dumps({"id": f"p-{key}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{port}/sms"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


def prepare_database(kind: str) -> str:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="minwon-bench-")) / "bench.sqlite3"
        return f"sqlite:///{path}"
    url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/minwon_bench_delivery")
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    if args.db == "sqlite" and args.workers != 1:
        parser.error("SQLite runs one worker (no SKIP LOCKED); use --db postgres for more")

    url = prepare_database(args.db)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="minwon.settings",
        MINWON_DEBUG="false",
        MINWON_NOTIFY_DRY_RUN="false",
        MINWON_LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Max, Min

    from minwon.notify.models import DeliveryAttempt, Message

    call_command("migrate", verbosity=0)
    Message.objects.bulk_create(
        (
            Message(
                audience="applicant",
                template_key="accepted",
                channel="sms",
                recipient=f"010{i:08d}",
                subject="벤치마크",
                body=f"[새빛구] 민원(2026-{i:07d})이 접수되었습니다. 처리기한: 12월 2일(수) 18:00까지",
                group_key=f"bench:{i}",
                dedupe_key=f"bench:{i}:sms",
            )
            for i in range(args.messages)
        ),
        batch_size=1000,
    )
    connection.close()

    provider = Provider()
    env = {**os.environ, "MINWON_SMS_URL": provider.url}
    cmd = [sys.executable, "-m", "minwon.cli", "worker", "--drain", "--no-jobs", "--batch", str(args.batch)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen([*cmd, "--owner", f"bench-{i}"], env=env, cwd=ROOT) for i in range(args.workers)
    ]
    codes = [p.wait() for p in procs]
    wall = time.perf_counter() - started

    sent = Message.objects.filter(status="sent").count()
    span = DeliveryAttempt.objects.aggregate(first=Min("at"), last=Max("at"))
    seconds = (span["last"] - span["first"]).total_seconds() if span["first"] else 0.0
    duplicates = sum(n - 1 for n in provider.keys.values() if n > 1)
    result = {
        "db": connection.vendor,
        "workers": args.workers,
        "batch": args.batch,
        "messages": args.messages,
        "sent": sent,
        "provider_received": sum(provider.keys.values()),
        "duplicates": duplicates,
        "wall_seconds": round(wall, 2),
        "send_seconds": round(seconds, 2),
        "messages_per_second": round(sent / seconds, 1) if seconds else None,
        "messages_per_second_wall": round(sent / wall, 1),
        "exit_codes": codes,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0 if sent == args.messages and duplicates == 0 and not any(codes) else 1


if __name__ == "__main__":
    sys.exit(main())
