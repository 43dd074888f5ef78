"""``minwon serve``: the production-style web server.

gunicorn with ``--preload`` so that what is loaded at start-up (settings, apps, URL conf) is
shared by the forked workers instead of loaded per worker. The Korean morpheme analyser is *not*
preloaded: Kiwi's analysis threads do not survive ``fork()`` (a batch analysis in a child of a
process that had created Kiwi hangs), so each worker creates its own on first use; API intake does
not use it at all (indexing is the worker's job). Static files are collected first and served by
whitenoise, so no separate web server is needed for them. ``--dev`` runs Django's auto-reloading
development server instead.

Workers default to 2 × CPU cores + 1 (gunicorn's own advice), sync class: a request spends much of
its time waiting for PostgreSQL, and one process per core would leave the cores idle meanwhile.
On the 2-core project machine 5 workers gave ~1.5× the API intake of 2 and the same as 8, with a
lower p99 than 8 (docs/benchmarks.md, "REST API intake").
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2 * (os.cpu_count() or 1) + 1


def gunicorn_argv(*, bind: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "minwon.wsgi:application",
        "--preload",
        "--workers",
        str(workers),
        "--bind",
        bind,
        "--access-logfile",
        "-",
        # Ctrl-C / SIGTERM should not leave the terminal waiting for the default 30 s.
        # One fixed control-socket path per user would make two instances (demo + CI) collide.
        "--no-control-socket",
        "--graceful-timeout",
        "10",
    ]


class Command(BaseCommand):
    help = "웹 서버를 띄웁니다 (gunicorn; --dev 는 Django runserver). Start the web server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("MINWON_BIND", DEFAULT_BIND),
            help=f"주소:포트 address:port (env MINWON_BIND, 기본 {DEFAULT_BIND})",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=f"gunicorn 프로세스 수 (env MINWON_WEB_WORKERS, 기본 2×코어+1 = {DEFAULT_WORKERS})",
        )
        parser.add_argument(
            "--dev", action="store_true", help="Django 개발 서버(runserver, 자동 재시작)를 씁니다"
        )

    def handle(self, *args: Any, bind: str, workers: int | None, dev: bool, **options: Any) -> None:
        if dev:
            call_command("runserver", bind)
            return
        if workers is None:
            try:
                workers = int(os.environ.get("MINWON_WEB_WORKERS", DEFAULT_WORKERS))
            except ValueError as exc:
                raise CommandError("MINWON_WEB_WORKERS 는 정수여야 합니다") from exc
        if workers < 1:
            raise CommandError("--workers 는 1 이상이어야 합니다")
        call_command("collectstatic", interactive=False, verbosity=0)
        # exec rather than a child process: signals (Ctrl-C, SIGTERM from a supervisor) then reach
        # gunicorn's arbiter directly and it shuts its workers down itself.
        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        argv = gunicorn_argv(bind=bind, workers=workers)
        os.execv(argv[0], argv)  # noqa: S606 - fixed argv, our own interpreter
