"""``minwon exchange import FILE`` / ``minwon exchange export [-o FILE]`` (docs/exchange.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_datetime

from minwon.exchange import formats, services
from minwon.exchange.models import Source


class Command(BaseCommand):
    help = "국민신문고·새올 민원 가져오기/결과 내보내기. Import portal 민원 / export results."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="CSV·JSON 파일 가져오기")
        imp.add_argument("file")
        imp.add_argument("--format", choices=["csv", "json"])
        imp.add_argument("--source", choices=Source.values, default="", help="파일에 source 열이 없을 때")
        exp = sub.add_parser("export", help="처리 결과 내보내기")
        exp.add_argument("--format", choices=["csv", "json"], default="csv")
        exp.add_argument("--source", choices=Source.values, default="")
        exp.add_argument("--since", help="이 시각 이후 바뀐 민원만 (2026-12-01T00:00+09:00)")
        exp.add_argument("-o", "--output", help="파일 (기본: 표준 출력)")

    def handle(self, *args: Any, action: str, **opts: Any) -> None:
        if action == "import":
            self._import(opts)
        else:
            self._export(opts)

    def _import(self, opts) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"파일이 없습니다: {path}")
        try:
            batch = services.import_file(
                None, name=path.name, data=path.read_bytes(), fmt=opts["format"], source=opts["source"]
            )
        except formats.FormatError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{batch.total}건 중 새로 {batch.created}건, 이미 있던 {batch.skipped}건, 오류 {batch.failed}건"
        )
        for err in batch.errors:
            self.stderr.write(f"{err['row']}번째 행 ({err['ref'] or '번호 없음'}): {err['message']}")
        if batch.failed:
            sys.exit(1)

    def _export(self, opts) -> None:
        since = None
        if opts["since"]:
            since = parse_datetime(opts["since"])
            if since is None:
                raise CommandError("--since 는 2026-12-01T00:00:00+09:00 형식이어야 합니다.")
        rows = services.export_rows(since=since, source=opts["source"])
        data = formats.write_json(rows) if opts["format"] == "json" else formats.write_csv(rows)
        if opts["output"]:
            Path(opts["output"]).write_bytes(data)
            self.stdout.write(f"{len(rows)}건을 {opts['output']} 에 썼습니다.")
        else:
            sys.stdout.buffer.write(data)
