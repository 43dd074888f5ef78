"""Real local servers for the channel tests: a fake SMS/알림톡/webhook provider and an SMTP server.

Both run in threads of the test process on free loopback ports, so the worker — in-process or a
subprocess — talks real HTTP and real SMTP to them.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeProvider:
    """An HTTP message provider that honours Idempotency-Key, like the real ones we plug in.

    `plan[to]` is a list of behaviours consumed one per request for that number (then "ok"):
    "ok", "timeout" (answers after the client gave up), "500", "503", "429", "reject" (400),
    "rejected-200" (200 with a rejection status in the body).
    """

    def __init__(self):
        self.requests: list[dict] = []
        self.accepted: Counter[str] = Counter()  # idempotency key -> requests that carried it
        self.plan: dict[str, list[str]] = {}
        self.delay = 0.0
        self.timeout_sleep = 1.0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # A short poll interval makes shutdown() (every test's teardown) quick.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def delivered(self) -> int:
        """Distinct messages the provider accepted (what reaches phones)."""
        return len(self.accepted)

    def behaviour(self, to: str) -> str:
        with self.lock:
            steps = self.plan.get(to)
            return steps.pop(0) if steps else "ok"

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                key = self.headers.get("Idempotency-Key", "")
                entry = {"path": self.path, "headers": dict(self.headers), "json": body, "raw": raw}
                with provider.lock:
                    provider.requests.append(entry)
                if provider.delay:
                    time.sleep(provider.delay)
                what = provider.behaviour(str(body.get("to", "")))
                if what == "timeout":
                    time.sleep(provider.timeout_sleep)
                    return self._answer(200, {"id": "too-late"})
                if what in ("500", "503", "429"):
                    return self._answer(int(what), {"error": "provider busy"})
                if what == "reject":
                    return self._answer(400, {"error": "invalid recipient"})
                if what == "rejected-200":
                    return self._answer(200, {"status": "rejected", "reason": "spam filter"})
                with provider.lock:
                    provider.accepted[key] += 1
                return self._answer(200, {"id": f"prov-{key}"})

            def _answer(self, status, data):
                out = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

        return Handler

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider():
    p = FakeProvider().start()
    yield p
    p.stop()


@pytest.fixture
def notify_settings(settings, provider, tmp_path):
    """Real channels pointed at the local servers, short timeouts, letters under tmp_path."""
    settings.MINWON_NOTIFY_DRY_RUN = False
    settings.MINWON_SMS_URL = f"{provider.url}/sms"
    settings.MINWON_SMS_KEY = "test-key"
    settings.MINWON_SMS_SENDER = "02-120-0000"
    settings.MINWON_ALIMTALK_URL = f"{provider.url}/alimtalk"
    settings.MINWON_ALIMTALK_KEY = "test-key"
    settings.MINWON_ALIMTALK_SENDER_KEY = "sender-key"
    settings.MINWON_PROVIDER_TIMEOUT = 0.3
    settings.MINWON_WORKER_LEASE_SECONDS = 5
    settings.MINWON_NOTIFY_MAX_ATTEMPTS = 3
    settings.MINWON_NOTIFY_BACKOFF_SECONDS = 60
    settings.MINWON_STAFF_ALERT_EMAIL = False
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MINWON_PUBLIC_BASE_URL = "https://minwon.example.kr"
    return settings


class SmtpSink:
    """Collects what the aiosmtpd server received; refuses recipients at `refuse@…` with 550."""

    def __init__(self):
        self.messages: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse@"):
            return "550 5.1.1 no such user"
        if address.startswith("busy@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    # aiosmtpd cannot pick a free port itself (port=0 breaks its readiness check): choose one.
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.MINWON_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    yield sink
    controller.stop()
