"""``minwon deadline``: compute a 처리기한 from the command line.

    minwon deadline --received 2026-09-18T16:00 --period 7d [--pause START/END ...]
                    [--closed YYYY-MM-DD ...] [--outage START/END ...] [--explain]

Prints the due as ISO 8601 with the +09:00 offset. Naive times on the command line are read as
Asia/Seoul (the library itself refuses naive datetimes). Any bad input gives one Korean line on
stderr and exit status 2, argparse's own errors included.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import NoReturn

from .errors import LegalClockError
from .periods import DueComputation, Mode, PauseLike, Period, explain_due
from .workcalendar import SEOUL, WorkCalendar

EXIT_USAGE = 2
_WEEKDAYS = "월화수목금토일"

# argparse speaks English; its few messages that users can trigger are translated here so that
# every error stays one Korean line.
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (.*)"), "필수 인자가 없습니다: {0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "알 수 없는 인자입니다: {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 다음에 값이 필요합니다"),
    (re.compile(r"argument (\S+): (.*)"), "{0} 값이 잘못되었습니다: {1}"),
)


class KoreanArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Korean line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, template in _ARGPARSE_MESSAGES:
            match = pattern.fullmatch(message)
            if match:
                message = template.format(*match.groups())
                break
        else:
            message = f"인자가 잘못되었습니다: {message}"
        self.exit(EXIT_USAGE, f"{self.prog}: 오류: {_one_line(message)}\n")


def build_parser() -> KoreanArgumentParser:
    parser = KoreanArgumentParser(
        prog="minwon deadline",
        description="민원 처리기한(처리기간의 만료 시각)을 계산합니다.",
        add_help=False,
        allow_abbrev=False,
    )
    parser.add_argument("-h", "--help", action="help", help="이 도움말을 보여 주고 끝냅니다")
    parser.add_argument(
        "--received",
        required=True,
        metavar="시각",
        help="접수 시각 (예: 2026-09-18T16:00, 시간대 없으면 Asia/Seoul)",
    )
    parser.add_argument(
        "--period", required=True, metavar="기간", help="처리기간: 3h, 5d, 7d, 2w, 1m, 1y, 즉시"
    )
    parser.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="시작/끝",
        help="일시정지 구간 (보완·현장조사 등), 여러 번 가능",
    )
    parser.add_argument(
        "--outage",
        action="append",
        default=[],
        metavar="시작/끝",
        help="시스템 장애 구간 (영 20), 여러 번 가능",
    )
    parser.add_argument(
        "--closed",
        action="append",
        default=[],
        metavar="YYYY-MM-DD",
        help="추가 휴무일 (임시·지방공휴일), 여러 번 가능",
    )
    parser.add_argument("--explain", action="store_true", help="계산 과정을 한국어로 설명합니다")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``minwon deadline``; return the exit status (0, or 2 for bad input).

    A leading ``deadline`` word is accepted and dropped, so the console command can pass its
    argv through unchanged and ``python -m minwon.lib.legalclock`` works without it.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["deadline"]:
        args = args[1:]
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # --help (0) or a usage error already printed (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        result = explain_due(
            _parse_instant(ns.received, "접수 시각"),
            Period.parse(ns.period),
            pauses=[_parse_interval(text, "일시정지") for text in ns.pause],
            calendar=WorkCalendar(
                extra_closed=[_parse_date(text) for text in ns.closed],
                outages=[_require_end(_parse_interval(text, "장애"), "장애") for text in ns.outage],
            ),
        )
    except LegalClockError as exc:
        print(f"{parser.prog}: 오류: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    print(result.due_at.isoformat())
    if ns.explain:
        print("\n".join(explain_lines(result)))
    return 0


def explain_lines(result: DueComputation) -> list[str]:
    """A short Korean account of how ``result`` was computed."""
    rules = {
        Mode.HOURS: "시간 단위 계산: 접수 시각부터 근무시간(1일 = 8시간)으로 셈 (영 19①)",
        Mode.DAYS: "일 단위 계산: 첫날 산입, 토요일·공휴일 제외, 마지막 날 18:00 만료 (영 19②)",
        Mode.CALENDAR: (
            "역법 계산: 첫날 불산입, 해당일의 전날 만료, 토요일·공휴일이면 다음 근무일 (영 19③, 민법 157–161)"
        ),
    }
    lines = [
        f"접수: {_fmt(result.received_at)}",
        f"처리기간: {result.period.label} — {rules[result.mode]}",
        f"계산 시작: {_fmt(result.counted_from)}",
    ]
    if result.skipped:
        lines.append("제외한 날: " + ", ".join(f"{d.isoformat()} {name}" for d, name in result.skipped))
    if result.stopped:
        lines.append(f"일시정지·장애로 멈춘 근무시간 {_fmt_duration(result.stopped)}을(를) 더함")
        lines.append(f"정지 전 기한: {_fmt(result.nominal_due)}")
    lines.append(f"처리기한: {_fmt(result.due_at)}")
    return lines


def _parse_instant(text: str, what: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LegalClockError(f"{what} 형식이 잘못되었습니다: {text!r} (예: 2026-09-18T16:00)") from None
    # The CLI's one convenience: a time without offset is Asia/Seoul wall-clock time.
    return value if value.tzinfo is not None else value.replace(tzinfo=SEOUL)


def _parse_interval(text: str, what: str) -> PauseLike:
    start, sep, end = text.partition("/")
    if not sep or not start.strip():
        raise LegalClockError(
            f"{what} 구간 형식이 잘못되었습니다: {text!r} (예: 2026-09-21T09:00/2026-09-22T18:00)"
        )
    return _parse_instant(start, f"{what} 시작 시각"), (
        _parse_instant(end, f"{what} 종료 시각") if end.strip() else None
    )


def _require_end(interval: PauseLike, what: str) -> tuple[datetime, datetime]:
    start, end = interval
    if end is None:
        raise LegalClockError(f"{what} 구간에 종료 시각이 없습니다: {start.isoformat()}/")
    return start, end


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LegalClockError(f"휴무일 형식이 잘못되었습니다: {text!r} (예: 2026-10-02)") from None


def _fmt(value: datetime) -> str:
    return f"{value.isoformat()} ({_WEEKDAYS[value.weekday()]})"


def _fmt_duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}시간 {minutes}분" if minutes else f"{hours}시간"


def _one_line(message: str) -> str:
    return " ".join(message.split())
