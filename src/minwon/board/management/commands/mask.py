"""``manage.py mask``: the Django-command door to `minwon.lib.mask_cli` (``minwon mask`` skips Django)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from minwon.lib.mask_cli import main


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "표준 입력의 글을 공개용(개인정보 가림)으로 바꿔 출력합니다. Print the masked form of stdin."

    def add_arguments(self, parser):
        parser.add_argument("--kinds", action="store_true", help="가린 개인정보 종류를 표준 오류로 알립니다")

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        code = main(
            ["--kinds"] if options["kinds"] else [], stdin=stdin, stdout=self.stdout, stderr=self.stderr
        )
        if code:
            sys.exit(code)
