"""The ``minwon`` console command.

``minwon deadline …`` is the legal clock's own command line and never imports Django, so that
staff and scripts get an answer in a fraction of a second without a database. Every other
subcommand is a Django management command (``minwon demo``, ``minwon serve``, ``minwon worker``,
``minwon migrate``, ``minwon createsuperuser`` …).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

HELP = """\
minwon — 민원 처리 플랫폼 (Korean municipal civil-complaint platform)

사용법 / usage: minwon <명령> [옵션]

  demo       데모 도시를 만들고 웹 서버와 워커를 띄웁니다
             migrate, seed a demo city, start web server + worker, print logins
  serve      운영용 웹 서버(gunicorn)를 띄웁니다 (--dev: Django runserver)
             production-style web server
  worker     백그라운드 작업(발송·기한 점검)을 처리합니다
             background job worker
  deadline   처리기한을 계산합니다 (Django·DB 없이 동작)
             compute a legal due time, e.g. --received 2026-09-18T16:00 --period 7d
  mask       표준 입력의 글을 공개용으로 바꿔 출력합니다 (전화·이름·차량번호 등 가림, DB 없이 동작)
             print the public (masked) form of standard input
  <기타>     모든 Django 관리 명령 / any Django management command
             (migrate, createsuperuser, shell, check …; full list: minwon help)
"""

# Pages that exist only for newcomers (login-as, outbox) are part of the demo.
_DEMO_ENV_DEFAULTS = {"MINWON_DEBUG": "true"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(HELP)
        return 0
    if args[0] == "deadline":
        # Imported lazily: the legal clock is pure Python and must not pull in Django.
        from minwon.lib.legalclock.cli import main as deadline_main

        return deadline_main(args[1:])
    if args[0] == "mask":
        # Pure Python like the clock: staff check a text in a blink, no settings or database needed.
        from minwon.lib.mask_cli import main as mask_main

        return mask_main(args[1:])
    if args[0] == "demo":
        _apply_demo_defaults()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minwon.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minwon", *args])
    return 0


def _apply_demo_defaults() -> None:
    """Give the demo its defaults unless the environment or ``.env`` already says otherwise.

    Settings read the environment once at import, so this must run before Django starts. ``.env``
    is loaded here the same way settings load it (existing variables win), so that a value there
    is not masked by the demo default.
    """
    from pathlib import Path

    import environ

    environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env", overwrite=False)
    for name, value in _DEMO_ENV_DEFAULTS.items():
        os.environ.setdefault(name, value)


if __name__ == "__main__":
    sys.exit(main())
