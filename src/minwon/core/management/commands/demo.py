"""``minwon demo``: a running demo city in one command.

Migrates, seeds the fictional city (idempotent, so running it twice is fine), starts the web
server (``minwon serve``) and the worker (``minwon worker``) as child processes, prints the URL
and the demo log-ins, then waits; Ctrl-C or SIGTERM stops both children cleanly.
``--no-server`` stops after printing the log-ins (tests, CI, or seeding before ``minwon serve``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

READY_TIMEOUT_SECONDS = 90
STOP_TIMEOUT_SECONDS = 15


class Command(BaseCommand):
    help = "데모 도시를 만들고 웹 서버와 워커를 띄웁니다. Seed the demo city and run it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="웹 서버 주소 (기본 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="웹 서버 포트 (기본 8000)")
        parser.add_argument(
            "--no-server",
            action="store_true",
            help="데이터만 준비하고 로그인 목록을 출력한 뒤 끝냅니다 (seed and print logins only)",
        )

    def handle(self, *args: Any, host: str, port: int, no_server: bool, **options: Any) -> None:
        if not no_server:
            # Fail before the slow part if the port is taken (often: a demo already running).
            _require_free_port(host, port)
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
            Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

        self.stdout.write("데이터베이스를 준비합니다 (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("데모 도시를 만듭니다 (seed)…")
        try:
            from minwon.demo.seed import seed_demo
        except ModuleNotFoundError as exc:
            if exc.name not in ("minwon.demo", "minwon.demo.seed"):
                raise
            raise CommandError("데모 데이터 모듈(minwon.demo.seed)이 아직 없습니다") from exc

        result = seed_demo()

        if no_server:
            self._print_logins(result.logins)
            return
        self._run(host, port, result.logins)

    def _run(self, host: str, port: int, logins: Sequence[tuple[str, str, str, str]]) -> None:
        env = {**os.environ, "MINWON_DEBUG": os.environ.get("MINWON_DEBUG", "true")}
        minwon = [sys.executable, "-m", "minwon.cli"]
        children: dict[str, subprocess.Popen[bytes]] = {}

        stop_requested = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop_requested.set()

        # Explicit handlers for both: a launcher (uv run) may start us with SIGINT ignored, and Ctrl-C
        # reaches the children at the same moment, so their exit must not look like a crash.
        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            # Our own interpreter and module with fixed arguments: nothing untrusted reaches argv.
            serve = [*minwon, "serve", "--bind", f"{host}:{port}"]
            children["웹 서버"] = subprocess.Popen(serve, env=env)  # noqa: S603
            if "worker" in get_commands():
                children["워커"] = subprocess.Popen([*minwon, "worker"], env=env)  # noqa: S603
            else:
                self.stderr.write(
                    "경고: 'minwon worker' 명령이 없어 워커 없이 실행합니다 (running without worker)."
                )
            if not _wait_until_listening(host, port, children["웹 서버"], stop_requested):
                if stop_requested.is_set():
                    return
                raise CommandError(
                    "웹 서버가 시작되지 않았습니다 (web server did not start); 위 로그를 보세요"
                )
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"minwon 데모: http://{_url_host(host)}:{port}/"))
            self._print_logins(logins)
            self.stdout.write("끝내려면 Ctrl-C 를 누르세요 (Ctrl-C to stop).")
            while not stop_requested.wait(0.5):
                exited = [name for name, child in children.items() if child.poll() is not None]
                # A child may see the same Ctrl-C a moment before we do.
                if exited and not stop_requested.wait(1):
                    codes = ", ".join(f"{name} exit {children[name].returncode}" for name in exited)
                    raise CommandError(f"프로세스가 예기치 않게 종료되었습니다 ({codes})")
        finally:
            self.stdout.write("종료합니다…")
            _stop(children.values())
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _print_logins(self, logins: Sequence[tuple[str, str, str, str]]) -> None:
        self.stdout.write("")
        self.stdout.write("데모 로그인 (demo logins):")
        self.stdout.write(format_table(("아이디", "비밀번호", "역할", "설명"), logins))
        self.stdout.write("")


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table aligned for terminals, where Hangul takes two columns."""
    table = [list(header), *[[str(cell) for cell in row] for row in rows]]
    widths = [max(_display_width(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for index, row in enumerate(table):
        cells = [cell + " " * (width - _display_width(cell)) for cell, width in zip(row, widths, strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
        if index == 0:
            lines.append("  " + "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _url_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 - compared, not bound


def _require_free_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise CommandError(
                f"{host}:{port} 를 쓸 수 없습니다 ({exc.strerror}). 이미 데모가 실행 중이면 끄거나 "
                "--port 로 다른 포트를 지정하세요."
            ) from exc


def _wait_until_listening(
    host: str, port: int, server: subprocess.Popen[bytes], stop_requested: threading.Event
) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline and not stop_requested.is_set():
        if server.poll() is not None:
            return False
        try:
            with socket.create_connection((_url_host(host), port), timeout=1):
                return True
        except OSError:
            stop_requested.wait(0.2)
    return False


def _stop(children: Iterable[subprocess.Popen[bytes]]) -> None:
    alive = [child for child in children if child.poll() is None]
    for child in alive:
        child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for child in alive:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
